package cn.chuangwen.inspections.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.chuangwen.files.Uploads;
import cn.chuangwen.inspections.Inspections;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.web.QueryParams;

/**
 * What the inspector's phone sends from its outbox (static/js/field.js), with the session and the
 * CSRF header like every other script's post: the inspection, then each finding's photos. The
 * bodies and answers are those of the JSON API ({@link InspectionsApi}); a submission whose client
 * id was sent before answers 200 with the stored inspection, so the phone marks it done.
 */
@RestController
@PreAuthorize("hasAuthority('inspection:submit')")
class FieldWorkApi {

	private final Inspections inspections;

	FieldWorkApi(Inspections inspections) {
		this.inspections = inspections;
	}

	/** The answer: the inspection's id and score, and whether the client id had been sent before. */
	record Answer(long id, BigDecimal score, boolean repeated) {
	}

	@PostMapping(path = FieldWorkPages.ROOT + "/inspections", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Answer> submit(@AuthenticationPrincipal CurrentUser user,
			@RequestBody(required = false) InspectionsApi.SubmitRequest request) {
		Inspections.Submitted submitted = inspections.submit(user, InspectionsApi.submission(request));
		Answer answer = new Answer(submitted.inspection().id(), submitted.inspection().score(), submitted.repeated());
		return ResponseEntity.status(submitted.repeated() ? 200 : 201).body(answer);
	}

	/**
	 * One finding's photos: multipart {@code itemId} and {@code files}; answers the photos' ids, once
	 * each in the order sent, those the finding already had (a retry) included.
	 */
	@PostMapping(path = FieldWorkPages.ROOT + "/inspections/{id}/photos", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<List<Long>> photos(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String itemId, @RequestParam(required = false) List<MultipartFile> files)
			throws IOException {
		List<FieldProblem> bad = new ArrayList<>();
		Long item = QueryParams.id("itemId", itemId, bad);
		if (item == null && bad.isEmpty()) {
			bad.add(FieldProblem.of("itemId", "inspection.error.itemId.required"));
		}
		QueryParams.check(bad);
		List<Inspections.AddedPhoto> added = inspections.addPhotos(user, id, item, Uploads.of(files));
		// a retry whose first answer was lost gets the ids stored then, with 200: the outbox is done either way
		boolean repeated = added.stream().allMatch(Inspections.AddedPhoto::repeated);
		return ResponseEntity.status(repeated ? 200 : 201).body(added.stream().map(p -> p.photo().id()).toList());
	}

}
