package cn.chuangwen.participation.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
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

import cn.chuangwen.files.Downloads;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.participation.OpinionDraft;
import cn.chuangwen.participation.OpinionForward;
import cn.chuangwen.participation.OpinionView;
import cn.chuangwen.participation.SupervisorOpinions;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.PagedResponse;
import cn.chuangwen.shared.web.QueryParams;

/**
 * Supervisors' opinions as JSON (issue 11 §2): a supervisor files (multipart, with photos) and reads
 * their own; leaders read the city's and instruct; the office forwards or declines. Lists are paged
 * ({@code page}, {@code size}, {@code X-Total-Count}, {@code Link}); errors are problem JSON.
 */
@RestController
@RequestMapping("/api/v1/supervisor-opinions")
@PreAuthorize("hasAnyAuthority('opinion:file', 'opinion:instruct', 'opinion:manage')")
class SupervisorOpinionsApi {

	private final SupervisorOpinions opinions;

	private final EvidenceStore files;

	SupervisorOpinionsApi(SupervisorOpinions opinions, EvidenceStore files) {
		this.opinions = opinions;
		this.files = files;
	}

	record InstructionJson(String text, String leader, Instant at) {
	}

	record ProblemJson(long id, String code, String state, String unit, Instant closedAt) {
	}

	record DeclineJson(String reason, Instant at) {
	}

	/** The contract of one opinion; response times in whole hours, null until the step happened. */
	record OpinionJson(long id, String state, String category, String text, String address, BigDecimal lat,
			BigDecimal lng, String supervisor, String dutyLeader, InstructionJson instruction, ProblemJson problem,
			DeclineJson decline, Instant createdAt, List<Long> photoIds, Long hoursToInstruction, Long hoursToClosing) {

		static OpinionJson of(OpinionView o) {
			return new OpinionJson(o.id(), o.state().name(), o.category(), o.text(), o.place().address(),
					o.place().lat(), o.place().lng(), o.supervisor().name(),
					o.dutyLeader() == null ? null : o.dutyLeader().name(),
					o.instruction() == null ? null
							: new InstructionJson(o.instruction().text(), o.instruction().leader().name(), o.instruction().at()),
					o.outcome() == null ? null
							: new ProblemJson(o.outcome().problemId(), o.outcome().code(), o.outcome().state().name(),
									o.outcome().unitName(), o.outcome().closedAt()),
					o.decline() == null ? null : new DeclineJson(o.decline().reason(), o.decline().at()), o.createdAt(),
					o.photoIds(), hours(o.createdAt(), o.instruction() == null ? null : o.instruction().at()),
					hours(o.createdAt(), o.outcome() == null ? null : o.outcome().closedAt()));
		}

		static Long hours(Instant from, Instant to) {
			return from == null || to == null ? null : Duration.between(from, to).toHours();
		}

	}

	record TextRequest(String text) {
	}

	record ReasonRequest(String reason) {
	}

	record ForwardRequest(Long unitId, String severity, String title, String deadline) {
	}

	@GetMapping
	ResponseEntity<List<OpinionJson>> list(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String state, @RequestParam(required = false) String queue,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		List<FieldProblem> bad = new ArrayList<>();
		var s = OpinionParams.state(state, bad);
		Boolean q = QueryParams.bool("queue", queue, bad);
		PageRequest request = QueryParams.page(page, size, bad);
		QueryParams.check(bad);
		return PagedResponse.of(opinions.page(user, s, Boolean.TRUE.equals(q), request).map(OpinionJson::of));
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasAuthority('opinion:file')")
	ResponseEntity<OpinionJson> file(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String category, @RequestParam(required = false) String text,
			@RequestParam(required = false) String address, @RequestParam(required = false) String lat,
			@RequestParam(required = false) String lng, @RequestParam(required = false) List<MultipartFile> files)
			throws IOException {
		List<FieldProblem> bad = new ArrayList<>();
		BigDecimal la = OpinionParams.coordinate("lat", lat, bad);
		BigDecimal ln = OpinionParams.coordinate("lng", lng, bad);
		QueryParams.check(bad);
		OpinionView filed = opinions.file(user, new OpinionDraft(category, text, address, la, ln),
				OpinionParams.photos(files));
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/v1/supervisor-opinions/" + filed.id()))
			.body(OpinionJson.of(filed));
	}

	@GetMapping("/{id}")
	OpinionJson get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return OpinionJson.of(opinions.get(user, id));
	}

	@GetMapping("/{id}/photos/{photoId}")
	ResponseEntity<Resource> photo(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@PathVariable long photoId) {
		return Downloads.file(opinions.photo(user, id, photoId), files, true);
	}

	@PostMapping("/{id}/instruction")
	@PreAuthorize("hasAuthority('opinion:instruct')")
	OpinionJson instruct(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody(required = false) TextRequest body) {
		return OpinionJson.of(opinions.instruct(user, id, body == null ? null : body.text()));
	}

	@PostMapping("/{id}/problem")
	@PreAuthorize("hasAuthority('opinion:manage')")
	ResponseEntity<OpinionJson> forward(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody(required = false) ForwardRequest body) {
		ForwardRequest b = body == null ? new ForwardRequest(null, null, null, null) : body;
		List<FieldProblem> bad = new ArrayList<>();
		var severity = OpinionParams.severity(b.severity(), bad);
		Instant deadline = OpinionParams.moment("deadline", b.deadline(), bad);
		QueryParams.check(bad);
		OpinionView o = opinions.forward(user, id, new OpinionForward(b.unitId(), severity, b.title(), deadline));
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/v1/problems/" + o.outcome().problemId()))
			.body(OpinionJson.of(o));
	}

	@PostMapping("/{id}/decline")
	@PreAuthorize("hasAuthority('opinion:manage')")
	OpinionJson decline(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody(required = false) ReasonRequest body) {
		return OpinionJson.of(opinions.decline(user, id, body == null ? null : body.reason()));
	}

}
