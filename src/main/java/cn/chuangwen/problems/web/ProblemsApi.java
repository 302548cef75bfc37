package cn.chuangwen.problems.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
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

import cn.chuangwen.files.Uploads;
import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditEventView;
import cn.chuangwen.files.Downloads;
import cn.chuangwen.files.FileKind;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.problems.PhotoWarning;
import cn.chuangwen.problems.ProblemDetail;
import cn.chuangwen.problems.ProblemDraft;
import cn.chuangwen.problems.ProblemFilter;
import cn.chuangwen.problems.ProblemView;
import cn.chuangwen.problems.ProblemWorkbooks;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.PagedResponse;

/**
 * Problems as JSON (a contract of issue 8 §6): enter, add photos, dispatch, sign, dispute,
 * re-route, rectify, verify, instruct, list and read. Enum values and dates come in as text and
 * are parsed here, so a bad one is a 400 naming its field.
 */
@RestController
@RequestMapping("/api/v1/problems")
class ProblemsApi {

	private final Problems problems;


	private final EvidenceStore files;

	private final ProblemWorkbooks workbooks;

	ProblemsApi(Problems problems, EvidenceStore files, ProblemWorkbooks workbooks) {
		this.problems = problems;
		this.files = files;
		this.workbooks = workbooks;
	}

	record CreateRequest(String source, String category, String title, String description, String severity,
			Long unitId, List<Long> cooperatingUnitIds, String address, BigDecimal lat, BigDecimal lng,
			String deadline, String verifier, Boolean dispatch) {
	}

	record CreatedJson(long id, String code, String state, Instant deadline) {
	}

	record WarningsJson(List<PhotoWarning> warnings) {
	}

	record RectifiedJson(long id, List<PhotoWarning> warnings) {
	}

	record ReasonRequest(String reason) {
	}

	record RerouteRequest(Long unitId, String reason) {
	}

	record DeadlineRequest(String deadline, String reason) {
	}

	record VerificationRequest(String decision, String reason) {
	}

	record InstructionRequest(String text) {
	}

	/** A problem in a list; the field names are the contract. */
	record ProblemJson(long id, String code, String source, String category, String title, String severity,
			long unitId, String state, boolean overdue, Instant deadline, Long recurrenceOf) {

		static ProblemJson of(ProblemView p) {
			return new ProblemJson(p.id(), p.code(), p.source().name(), p.category(), p.title(), p.severity().name(),
					p.unitId(), p.state().name(), p.overdue(), p.deadline(), p.recurrenceOf());
		}

	}

	record HistoryJson(Instant at, String actor, String action, String reason, List<AuditEntry.FieldChange> changes) {

		static HistoryJson of(AuditEventView e) {
			return new HistoryJson(e.occurredAt(), e.actor(), e.action(), e.reason(), e.changes());
		}

	}

	record PhotoJson(long id, String stage, Long rectificationId, String name, Instant capturedAt, BigDecimal lat,
			BigDecimal lng, String url) {

		static PhotoJson of(long problemId, ProblemDetail.Photo p) {
			return new PhotoJson(p.id(), p.stage(), p.rectificationId(), p.name(), p.capturedAt(), p.lat(), p.lng(),
					"/api/v1/problems/" + problemId + "/photos/" + p.id());
		}

	}

	record RectificationJson(long id, long unitId, String text, String submittedBy, Instant submittedAt,
			String decision, String decidedBy, Instant decidedAt, String reason, List<Long> photoIds,
			List<PhotoWarning> warnings) {
	}

	record InstructionJson(long id, String leaderName, String text, Instant createdAt) {
	}

	/** One problem with everything: the list's fields, then the rest. */
	record DetailJson(long id, String code, String source, String category, String title, String severity,
			long unitId, String state, boolean overdue, Instant deadline, Long recurrenceOf, String unitName,
			String description, String address, BigDecimal lat, BigDecimal lng, List<Long> cooperatingUnitIds,
			int rejections, String foundBy, String verifier, String disputeReason, Instant createdAt, Instant closedAt,
			List<PhotoJson> photos, List<RectificationJson> rectifications, List<InstructionJson> instructions,
			List<HistoryJson> history) {

		static DetailJson of(ProblemDetail d) {
			ProblemView p = d.problem();
			return new DetailJson(p.id(), p.code(), p.source().name(), p.category(), p.title(), p.severity().name(),
					p.unitId(), p.state().name(), p.overdue(), p.deadline(), p.recurrenceOf(), p.unitName(),
					d.description(), p.address(), p.lat(), p.lng(),
					d.cooperatingUnits().stream().map(ProblemDetail.UnitRef::id).toList(), p.rejections(), d.foundBy(),
					d.verifier(), d.disputeReason(), p.createdAt(), p.closedAt(),
					d.photos().stream().map(ph -> PhotoJson.of(p.id(), ph)).toList(),
					d.rectifications()
						.stream()
						.map(r -> new RectificationJson(r.id(), r.unitId(), r.text(), r.submittedBy(), r.submittedAt(),
								r.decision(), r.decidedBy(), r.decidedAt(), r.reason(),
								r.photos().stream().map(ProblemDetail.Photo::id).toList(), r.warnings()))
						.toList(),
					d.instructions()
						.stream()
						.map(i -> new InstructionJson(i.id(), i.leaderName(), i.text(), i.createdAt()))
						.toList(),
					d.history().stream().map(HistoryJson::of).toList());
		}

	}

	@PostMapping
	@PreAuthorize("hasAuthority('problem:write')")
	ResponseEntity<CreatedJson> create(@AuthenticationPrincipal CurrentUser user, @RequestBody CreateRequest request) {
		List<FieldProblem> bad = new ArrayList<>();
		ProblemDraft draft = new ProblemDraft(ProblemParams.source(request.source(), bad), request.category(),
				request.title(), request.description(), ProblemParams.severity(request.severity(), bad), request.unitId(),
				request.cooperatingUnitIds(), new ProblemDraft.Place(request.address(), request.lat(), request.lng()),
				ProblemParams.deadline(request.deadline(), bad), request.verifier(), null);
		ProblemParams.check(bad);
		Problems.Created created = problems.create(user, draft, Boolean.TRUE.equals(request.dispatch()));
		return ResponseEntity.created(URI.create("/api/v1/problems/" + created.id()))
			.body(new CreatedJson(created.id(), created.code(), created.state().name(), created.deadline()));
	}

	@GetMapping
	@PreAuthorize("hasAuthority('problem:read')")
	ResponseEntity<List<ProblemJson>> list(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String unitId, @RequestParam(required = false) String state,
			@RequestParam(required = false) String source, @RequestParam(required = false) String category,
			@RequestParam(required = false) String severity, @RequestParam(required = false) String overdue,
			@RequestParam(required = false) String q, @RequestParam(required = false) String page,
			@RequestParam(required = false) String size) {
		List<FieldProblem> bad = new ArrayList<>();
		ProblemFilter filter = new ProblemFilter(ProblemParams.id("unitId", unitId, bad),
				ProblemParams.state(state, bad), ProblemParams.source(source, bad), ProblemParams.blank(category),
				ProblemParams.severity(severity, bad), ProblemParams.bool("overdue", overdue, bad), null,
				ProblemParams.text(q, bad));
		PageRequest request = ProblemParams.page(page, size, bad);
		ProblemParams.check(bad);
		return PagedResponse.of(problems.page(user, user.cityId(), filter, request).map(ProblemJson::of));
	}

	/** The filtered list (the same filters as the list) as an Excel workbook. */
	@GetMapping("/export.xlsx")
	@PreAuthorize("hasAuthority('problem:read')")
	void export(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String unitId,
			@RequestParam(required = false) String state, @RequestParam(required = false) String source,
			@RequestParam(required = false) String category, @RequestParam(required = false) String severity,
			@RequestParam(required = false) String overdue, @RequestParam(required = false) String q,
			HttpServletResponse response) throws IOException {
		List<FieldProblem> bad = new ArrayList<>();
		ProblemFilter filter = new ProblemFilter(ProblemParams.id("unitId", unitId, bad),
				ProblemParams.state(state, bad), ProblemParams.source(source, bad), ProblemParams.blank(category),
				ProblemParams.severity(severity, bad), ProblemParams.bool("overdue", overdue, bad), null,
				ProblemParams.text(q, bad));
		ProblemParams.check(bad);
		response.setContentType(FileKind.XLSX.contentType());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Downloads.contentDisposition("attachment", "问题清单.xlsx"));
		workbooks.export(user, filter, response.getOutputStream());
	}

	@GetMapping("/import-template.xlsx")
	@PreAuthorize("hasAuthority('problem:write')")
	void template(HttpServletResponse response) throws IOException {
		response.setContentType(FileKind.XLSX.contentType());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Downloads.contentDisposition("attachment", "问题清单导入模板.xlsx"));
		workbooks.writeTemplate(response.getOutputStream());
	}

	/** A problem list from a spreadsheet: all rows or none; 400 names every bad row. */
	@PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasAuthority('problem:write')")
	ResponseEntity<ImportedJson> importList(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) MultipartFile file) throws IOException {
		if (file == null || file.isEmpty()) {
			throw new InvalidInputException(FieldProblem.of("file", "import.read.empty"));
		}
		try (var in = file.getInputStream()) {
			return ResponseEntity.status(HttpStatus.CREATED).body(new ImportedJson(workbooks.importProblems(user, in)));
		}
	}

	record ImportedJson(int imported) {
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('problem:read')")
	DetailJson get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return DetailJson.of(problems.get(user, id));
	}

	@GetMapping("/{id}/photos/{photoId}")
	@PreAuthorize("hasAuthority('problem:read')")
	ResponseEntity<Resource> photo(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@PathVariable long photoId) {
		return Downloads.file(problems.photo(user, id, photoId), files, true);
	}

	/** "Before" photos: the office, or the inspector who found the problem. */
	@PostMapping(path = "/{id}/photos", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasAnyAuthority('problem:write', 'problem:verify')")
	ResponseEntity<WarningsJson> addPhotos(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) List<MultipartFile> files) throws IOException {
		List<PhotoWarning> warnings = problems.addPhotos(user, id, Uploads.of(files));
		return ResponseEntity.created(URI.create("/api/v1/problems/" + id)).body(new WarningsJson(warnings));
	}

	@PostMapping("/{id}/dispatch")
	@PreAuthorize("hasAuthority('problem:write')")
	DetailJson dispatch(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return DetailJson.of(problems.dispatch(user, id));
	}

	@PostMapping("/{id}/sign")
	@PreAuthorize("hasAuthority('problem:rectify')")
	DetailJson sign(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return DetailJson.of(problems.sign(user, id));
	}

	@PostMapping("/{id}/dispute")
	@PreAuthorize("hasAuthority('problem:rectify')")
	DetailJson dispute(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody(required = false) ReasonRequest request) {
		return DetailJson.of(problems.dispute(user, id, request == null ? null : request.reason()));
	}

	@PostMapping("/{id}/reroute")
	@PreAuthorize("hasAuthority('problem:write')")
	DetailJson reroute(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody(required = false) RerouteRequest request) {
		return DetailJson.of(problems.reroute(user, id, request == null ? null : request.unitId(),
				request == null ? null : request.reason()));
	}

	/** Refuses the unit's dispute: the problem goes back to it to sign for. */
	@PostMapping("/{id}/insist")
	@PreAuthorize("hasAuthority('problem:write')")
	DetailJson insist(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody(required = false) ReasonRequest request) {
		return DetailJson.of(problems.insist(user, id, request == null ? null : request.reason()));
	}

	@PostMapping("/{id}/deadline")
	@PreAuthorize("hasAuthority('problem:write')")
	DetailJson deadline(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody(required = false) DeadlineRequest request) {
		List<FieldProblem> bad = new ArrayList<>();
		Instant deadline = ProblemParams.deadline(request == null ? null : request.deadline(), bad);
		ProblemParams.check(bad);
		return DetailJson.of(problems.changeDeadline(user, id, deadline, request == null ? null : request.reason()));
	}

	@PostMapping(path = "/{id}/rectifications", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasAuthority('problem:rectify')")
	ResponseEntity<RectifiedJson> rectify(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String text, @RequestParam(required = false) List<MultipartFile> files)
			throws IOException {
		Problems.Submitted submitted = problems.rectify(user, id, text, Uploads.of(files));
		return ResponseEntity.created(URI.create("/api/v1/problems/" + id))
			.body(new RectifiedJson(submitted.id(), submitted.warnings()));
	}

	@PostMapping("/{id}/verification")
	@PreAuthorize("hasAuthority('problem:verify')")
	DetailJson verify(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody(required = false) VerificationRequest request) {
		List<FieldProblem> bad = new ArrayList<>();
		Problems.Decision decision = ProblemParams.decision(request == null ? null : request.decision(), bad);
		ProblemParams.check(bad);
		return DetailJson.of(problems.verify(user, id, decision, request == null ? null : request.reason()));
	}

	@PostMapping("/{id}/instructions")
	@PreAuthorize("hasAuthority('instruction:write')")
	ResponseEntity<DetailJson> instruct(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody(required = false) InstructionRequest request) {
		ProblemDetail detail = problems.instruct(user, id, request == null ? null : request.text());
		return ResponseEntity.created(URI.create("/api/v1/problems/" + id)).body(DetailJson.of(detail));
	}

}
