package cn.chuangwen.inspections.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.chuangwen.files.Uploads;
import cn.chuangwen.files.Downloads;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.inspections.FindingView;
import cn.chuangwen.inspections.InspectionDetail;
import cn.chuangwen.inspections.InspectionFilter;
import cn.chuangwen.inspections.InspectionSubmission;
import cn.chuangwen.inspections.InspectionView;
import cn.chuangwen.inspections.Inspections;
import cn.chuangwen.inspections.ItemAnswer;
import cn.chuangwen.inspections.ItemOutcome;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.PagedResponse;
import cn.chuangwen.shared.web.QueryParams;

/**
 * Inspections as JSON (issue 9 §5): submit one point's checked items (the same {@code clientId}
 * again answers 200 with the stored inspection), add a finding's photos, list and read. Enum values
 * and times come in as text and are parsed here, so a bad one is a 400 naming its field.
 */
@RestController
@RequestMapping("/api/v1/inspections")
class InspectionsApi {

	private final Inspections inspections;

	private final EvidenceStore files;

	InspectionsApi(Inspections inspections, EvidenceStore files) {
		this.inspections = inspections;
		this.files = files;
	}

	record SubmitRequest(String clientId, Long planId, Long fieldPointId, BigDecimal lat, BigDecimal lng,
			String checkedAt, List<ResultRequest> results) {
	}

	record ResultRequest(Long itemId, String outcome, Integer count, String note) {
	}

	record FindingJson(long itemId, BigDecimal deduction, String verdict) {

		static FindingJson of(FindingView f) {
			return new FindingJson(f.itemId(), f.deduction(), f.verdict().name());
		}

	}

	/** An inspection in a list and as the answer to a submission; the field names are the contract. */
	record InspectionJson(long id, BigDecimal score, List<FindingJson> findings, long planId, long fieldPointId,
			long unitId, boolean far, Integer distanceMetres, Instant checkedAt, Instant submittedAt,
			Instant findingsDispatchedAt) {

		static InspectionJson of(InspectionView v) {
			return new InspectionJson(v.id(), v.score(), v.findings().stream().map(FindingJson::of).toList(),
					v.planId(), v.fieldPointId(), v.unitId(), v.far(), v.distanceMetres(), v.checkedAt(),
					v.submittedAt(), v.findingsDispatchedAt());
		}

	}

	/** {@code repeated}: in an upload's answer, a photo the finding already had (a retry); else false. */
	record PhotoJson(long id, String name, String url, String originalUrl, String originalSha256, boolean repeated) {

		static PhotoJson of(long inspectionId, InspectionDetail.Photo p, boolean original) {
			return of(inspectionId, p, original, false);
		}

		static PhotoJson of(long inspectionId, InspectionDetail.Photo p, boolean original, boolean repeated) {
			String base = "/api/v1/inspections/" + inspectionId + "/photos/" + p.id();
			return new PhotoJson(p.id(), p.name(), base, original ? base + "/original" : null,
					original ? p.originalSha256() : null, repeated);
		}

	}

	record ResultJson(long itemId, String category, String item, String outcome, int count, BigDecimal deduction,
			String verdict, String note, List<PhotoJson> photos) {
	}

	record PlaceJson(BigDecimal lat, BigDecimal lng) {
	}

	record DetailJson(long id, BigDecimal score, List<FindingJson> findings, long planId, String planName,
			String kind, String period, long fieldPointId, String pointCode, String pointName, long unitId,
			String unitName, String inspector, Instant checkedAt, Instant submittedAt, Instant findingsDispatchedAt,
			PlaceJson device, PlaceJson point, Integer distanceMetres, boolean far, int maxDistanceMetres,
			List<ResultJson> results) {

		static DetailJson of(InspectionDetail d) {
			InspectionView v = d.inspection();
			return new DetailJson(v.id(), v.score(), v.findings().stream().map(FindingJson::of).toList(), v.planId(),
					v.planName(), v.kind().name(), v.period(), v.fieldPointId(), v.pointCode(), v.pointName(),
					v.unitId(), v.unitName(), v.inspector(), v.checkedAt(), v.submittedAt(), v.findingsDispatchedAt(),
					v.lat() == null ? null : new PlaceJson(v.lat(), v.lng()),
					new PlaceJson(d.point().lat(), d.point().lng()), v.distanceMetres(), v.far(), d.maxDistanceMetres(),
					d.results()
						.stream()
						.map(r -> new ResultJson(r.itemId(), r.category(), r.item(), r.outcome().name(), r.count(),
								r.deduction(), r.verdict() == null ? null : r.verdict().name(), r.note(),
								r.photos().stream().map(p -> PhotoJson.of(v.id(), p, d.mayDownloadOriginals())).toList()))
						.toList());
		}

	}

	record PhotosJson(List<PhotoJson> photos) {
	}

	/** 201 with the new inspection; 200 with the stored one when the client id was sent before. */
	@PostMapping
	@PreAuthorize("hasAuthority('inspection:submit')")
	ResponseEntity<InspectionJson> submit(@AuthenticationPrincipal CurrentUser user,
			@RequestBody(required = false) SubmitRequest request) {
		InspectionSubmission submission = submission(request);
		Inspections.Submitted submitted = inspections.submit(user, submission);
		InspectionJson body = InspectionJson.of(submitted.inspection());
		URI location = URI.create("/api/v1/inspections/" + body.id());
		return submitted.repeated() ? ResponseEntity.ok().location(location).body(body)
				: ResponseEntity.created(location).body(body);
	}

	@GetMapping
	@PreAuthorize("hasAnyAuthority('inspection:results', 'inspection:submit')")
	ResponseEntity<List<InspectionJson>> list(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String planId, @RequestParam(required = false) String far,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		List<FieldProblem> bad = new ArrayList<>();
		InspectionFilter filter = new InspectionFilter(QueryParams.id("planId", planId, bad),
				Boolean.TRUE.equals(QueryParams.bool("far", far, bad)));
		PageRequest request = QueryParams.page(page, size, bad);
		QueryParams.check(bad);
		return PagedResponse.of(inspections.page(user, user.cityId(), filter, request).map(InspectionJson::of));
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAnyAuthority('inspection:results', 'inspection:submit')")
	DetailJson get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return DetailJson.of(inspections.detail(user, id));
	}

	/**
	 * A finding's photos: multipart {@code itemId} and {@code files}. 201 with the photos; a file the
	 * finding already has is answered with its photo, {@code repeated}, and 200 when all were.
	 */
	@PostMapping(path = "/{id}/photos", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasAnyAuthority('inspection:submit', 'inspection:plan')")
	ResponseEntity<PhotosJson> addPhotos(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String itemId, @RequestParam(required = false) List<MultipartFile> files)
			throws IOException {
		List<FieldProblem> bad = new ArrayList<>();
		Long item = QueryParams.id("itemId", itemId, bad);
		if (item == null && bad.isEmpty()) {
			bad.add(FieldProblem.of("itemId", "inspection.error.itemId.required"));
		}
		QueryParams.check(bad);
		List<Inspections.AddedPhoto> added = inspections.addPhotos(user, id, item, Uploads.of(files));
		PhotosJson body = new PhotosJson(
				added.stream().map(p -> PhotoJson.of(id, p.photo(), false, p.repeated())).toList());
		// 200 when every photo was there already: a retry that stored nothing, like a repeated submission
		if (added.stream().allMatch(Inspections.AddedPhoto::repeated)) {
			return ResponseEntity.ok(body);
		}
		return ResponseEntity.created(URI.create("/api/v1/inspections/" + id)).body(body);
	}

	@GetMapping("/{id}/photos/{photoId}")
	@PreAuthorize("hasAnyAuthority('inspection:results', 'inspection:submit')")
	ResponseEntity<Resource> photo(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@PathVariable long photoId) {
		return Downloads.file(inspections.displayPhoto(user, id, photoId), files, true);
	}

	@GetMapping("/{id}/photos/{photoId}/original")
	@PreAuthorize("hasAuthority('inspection:results')")
	ResponseEntity<Resource> original(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@PathVariable long photoId) {
		return Downloads.file(inspections.originalPhoto(user, id, photoId), files, false);
	}


	/** The request as the facade takes it; text that is no id, time or outcome is a 400 naming its field. */
	static InspectionSubmission submission(SubmitRequest r) {
		List<FieldProblem> bad = new ArrayList<>();
		if (r == null) {
			bad.add(FieldProblem.of("clientId", "inspection.error.clientId", Inspections.MAX_CLIENT_ID));
			QueryParams.check(bad);
			return null;
		}
		if (r.planId() == null) {
			bad.add(FieldProblem.of("planId", "inspection.error.planId.required"));
		}
		if (r.fieldPointId() == null) {
			bad.add(FieldProblem.of("fieldPointId", "inspection.error.fieldPointId.required"));
		}
		Instant checkedAt = time(r.checkedAt(), bad);
		List<ItemAnswer> answers = new ArrayList<>();
		List<ResultRequest> results = r.results() == null ? List.of() : r.results();
		for (int i = 0; i < results.size(); i++) {
			ResultRequest res = results.get(i);
			String at = "results[" + i + "]";
			if (res == null || res.itemId() == null) {
				bad.add(FieldProblem.of(at + ".itemId", "inspection.error.itemId.required"));
				continue;
			}
			ItemOutcome outcome = null;
			if (res.outcome() != null && !res.outcome().isBlank()) {
				try {
					outcome = ItemOutcome.valueOf(res.outcome().strip().toUpperCase(Locale.ROOT));
				}
				catch (IllegalArgumentException ex) {
					bad.add(FieldProblem.of(at + ".outcome", "inspection.error.outcome"));
					continue;
				}
			}
			answers.add(new ItemAnswer(res.itemId(), outcome, res.count(), res.note()));
		}
		QueryParams.check(bad);
		return new InspectionSubmission(r.clientId(), r.planId(), r.fieldPointId(), r.lat(), r.lng(), checkedAt,
				answers);
	}

	/** An ISO-8601 instant ({@code 2026-12-01T08:30:00Z}) or date-time with offset ({@code +08:00}). */
	static Instant time(String text, List<FieldProblem> bad) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(text.strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			bad.add(FieldProblem.of("checkedAt", "inspection.error.checkedAt.format"));
			return null;
		}
	}

}
