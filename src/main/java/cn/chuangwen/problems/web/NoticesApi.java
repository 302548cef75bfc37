package cn.chuangwen.problems.web;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
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
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.problems.ProblemView;
import cn.chuangwen.problems.RectificationNotices;
import cn.chuangwen.problems.RectificationNotices.Kind;
import cn.chuangwen.problems.RectificationNotices.NoticeView;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.PagedResponse;

/**
 * Rectification notices and supervision letters as JSON (issue 8 §6): issue, read, the PDF, the
 * unit's signature (receipt) and a supervision letter's reply.
 */
@RestController
@RequestMapping("/api/v1/notices")
class NoticesApi {

	private final RectificationNotices notices;

	private final EvidenceStore files;

	NoticesApi(RectificationNotices notices, EvidenceStore files) {
		this.notices = notices;
		this.files = files;
	}

	record IssueRequest(String kind, Long unitId, List<Long> problemIds, String deadline, String requirements) {
	}

	record IssuedJson(long id, String number) {
	}

	record NoticeJson(long id, String kind, String number, long unitId, String unitName, Instant deadline,
			String requirements, String issuedBy, Instant issuedAt, String receivedBy, Instant receivedAt,
			String replyText, String repliedBy, Instant repliedAt, List<Long> problemIds, List<String> problemCodes,
			String pdf) {

		static NoticeJson of(NoticeView n) {
			return new NoticeJson(n.id(), n.kind().name(), n.number(), n.unitId(), n.unitName(), n.deadline(),
					n.requirements(), n.issuedBy(), n.issuedAt(), n.receivedBy(), n.receivedAt(), n.replyText(),
					n.repliedBy(), n.repliedAt(), n.problems().stream().map(ProblemView::id).toList(),
					n.problems().stream().map(ProblemView::code).toList(), "/api/v1/notices/" + n.id() + "/pdf");
		}

	}

	@PostMapping
	@PreAuthorize("hasAuthority('problem:write')")
	ResponseEntity<IssuedJson> issue(@AuthenticationPrincipal CurrentUser user, @RequestBody IssueRequest request) {
		List<FieldProblem> bad = new ArrayList<>();
		Kind kind = kind(request.kind(), bad);
		Instant deadline = ProblemParams.deadline(request.deadline(), bad);
		ProblemParams.check(bad);
		NoticeView issued = notices.issue(user, kind, request.unitId(), request.problemIds(), deadline,
				request.requirements());
		return ResponseEntity.created(URI.create("/api/v1/notices/" + issued.id()))
			.body(new IssuedJson(issued.id(), issued.number()));
	}

	@GetMapping
	@PreAuthorize("hasAuthority('problem:read')")
	ResponseEntity<List<NoticeJson>> list(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String unitId, @RequestParam(required = false) String unreceived,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		List<FieldProblem> bad = new ArrayList<>();
		Long unit = ProblemParams.id("unitId", unitId, bad);
		Boolean open = ProblemParams.bool("unreceived", unreceived, bad);
		PageRequest request = ProblemParams.page(page, size, bad);
		ProblemParams.check(bad);
		return PagedResponse.of(notices.page(user, unit, Boolean.TRUE.equals(open), request).map(NoticeJson::of));
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('problem:read')")
	NoticeJson get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return NoticeJson.of(notices.get(user, id));
	}

	/** The official PDF (red header, number); 503 from the shared handler when the CJK font is missing. */
	@GetMapping("/{id}/pdf")
	@PreAuthorize("hasAuthority('problem:read')")
	ResponseEntity<byte[]> pdf(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return pdfResponse(notices.pdf(user, id), "attachment");
	}

	/** A notice's PDF as an answer, for the API (attachment) and the pages (inline). */
	static ResponseEntity<byte[]> pdfResponse(RectificationNotices.Pdf pdf, String disposition) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, Downloads.contentDisposition(disposition, pdf.fileName()))
			.header("X-Content-Type-Options", "nosniff")
			.body(pdf.content());
	}

	/** The unit signs for the notice (签收). */
	@PostMapping("/{id}/receipt")
	@PreAuthorize("hasAuthority('problem:rectify')")
	NoticeJson receipt(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return NoticeJson.of(notices.receive(user, id));
	}

	/** A supervision letter's reply (回复) with evidence. */
	@PostMapping(path = "/{id}/reply", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasAuthority('problem:rectify')")
	NoticeJson reply(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String text, @RequestParam(required = false) List<MultipartFile> files)
			throws IOException {
		return NoticeJson.of(notices.reply(user, id, text, Uploads.of(files)));
	}

	@GetMapping("/{id}/files/{fileId}")
	@PreAuthorize("hasAuthority('problem:read')")
	ResponseEntity<Resource> file(@AuthenticationPrincipal CurrentUser user,
			@PathVariable long id, @PathVariable long fileId) {
		return Downloads.file(notices.replyFile(user, id, fileId), files, false);
	}

	private static Kind kind(String text, List<FieldProblem> bad) {
		if (text == null || text.isBlank()) {
			bad.add(FieldProblem.of("kind", "notice.error.kind"));
			return null;
		}
		for (Kind k : Kind.values()) {
			if (k.name().equals(text.trim())) {
				return k;
			}
		}
		bad.add(FieldProblem.of("kind", "notice.error.kind"));
		return null;
	}

}
