package cn.chuangwen.participation.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.participation.CitizenReports;
import cn.chuangwen.participation.OfficeReport;
import cn.chuangwen.participation.ReportChannel;
import cn.chuangwen.participation.ReportDraft;
import cn.chuangwen.participation.ReportFilter;
import cn.chuangwen.participation.ReportTriage;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.PagedResponse;
import cn.chuangwen.shared.web.QueryParams;

/**
 * The office's API for citizen reports (issue 11 §5, a contract): the paged list of its city's
 * reports, the three answers (accept, merge, reject), and the entry of a hotline call or a
 * report-box letter. Personal data only for holders of {@code participation:personal}.
 */
@RestController
@RequestMapping("/api/v1/citizen-reports")
@PreAuthorize("hasAuthority('participation:triage')")
class ReportTriageApi {

	private final ReportTriage triage;

	ReportTriageApi(ReportTriage triage) {
		this.triage = triage;
	}

	/** A report in the list: the contract's fields; the reporter's only with the permission. */
	record ReportJson(long id, String code, String channel, String category, String description, String address,
			BigDecimal lat, BigDecimal lng, String state, Instant createdAt, String reporterName,
			String reporterPhone) {

		static ReportJson of(OfficeReport r) {
			return new ReportJson(r.id(), r.code(), r.channel().name(), r.category(), r.description(), r.address(),
					r.lat(), r.lng(), r.state().name(), r.createdAt(), r.reporterName(), r.reporterPhone());
		}

	}

	record AcceptRequest(Long unitId) {
	}

	record AcceptJson(long problemId) {
	}

	record MergeRequest(Long problemId) {
	}

	record RejectRequest(String publicReason) {
	}

	/** A hotline call or report-box letter as the office enters it. */
	record EntryRequest(String channel, String category, String description, String address, BigDecimal lat,
			BigDecimal lng, String reporterName, String reporterPhone) {
	}

	record EntryJson(long id, String code) {
	}

	@GetMapping
	ResponseEntity<List<ReportJson>> list(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String state, @RequestParam(required = false) String channel,
			@RequestParam(required = false) String categoryId, @RequestParam(required = false) String townId,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String q, @RequestParam(required = false) String page,
			@RequestParam(required = false) String size) {
		List<FieldProblem> bad = new ArrayList<>();
		ReportFilter filter = ReportParams.filter(state, channel, categoryId, townId, from, to, q, bad);
		PageRequest request = QueryParams.page(page, size, bad);
		QueryParams.check(bad);
		return PagedResponse.of(triage.page(user, filter, request).map(ReportJson::of));
	}

	@PostMapping
	ResponseEntity<EntryJson> enter(@AuthenticationPrincipal CurrentUser user, @RequestBody EntryRequest body) {
		CitizenReports.Submitted s = triage.enter(user, ReportParams.channel(body.channel()),
				new ReportDraft(body.category(), body.description(), body.address(), body.lat(), body.lng(),
						body.reporterName(), body.reporterPhone()),
				List.of());
		return ResponseEntity.created(URI.create("/participation/reports/" + s.id())).body(new EntryJson(s.id(), s.code()));
	}

	@PostMapping("/{id}/accept")
	AcceptJson accept(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody(required = false) AcceptRequest body) {
		return new AcceptJson(triage.accept(user, id, body == null ? null : body.unitId()));
	}

	@PostMapping("/{id}/merge")
	ResponseEntity<Void> merge(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody MergeRequest body) {
		triage.merge(user, id, body.problemId());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/reject")
	ResponseEntity<Void> reject(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody RejectRequest body) {
		triage.reject(user, id, body.publicReason());
		return ResponseEntity.noContent().build();
	}

}
