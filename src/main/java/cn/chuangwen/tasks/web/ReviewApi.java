package cn.chuangwen.tasks.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.PagedResponse;
import cn.chuangwen.tasks.ReportView;
import cn.chuangwen.tasks.ReviewQueue;

/**
 * The review queue as JSON (a contract): {@code GET /api/v1/reports?status=SUBMITTED}, oldest
 * first, paged with {@code page} (from 1) and {@code size} (default 50, at most 500), the total in
 * {@code X-Total-Count} and the neighbouring pages in {@code Link}.
 */
@RestController
@RequestMapping("/api/v1")
class ReviewApi {

	private final ReviewQueue queue;

	ReviewApi(ReviewQueue queue) {
		this.queue = queue;
	}

	/** One waiting report; the field names are the contract of issue 7. */
	record QueueJson(long id, long assignmentId, long unitId, String indicatorCode, int percent, Instant submittedAt,
			List<ReportView.Warning> warnings) {

		static QueueJson of(ReviewQueue.Item item) {
			ReportView r = item.report();
			return new QueueJson(r.id(), r.assignmentId(), r.unitId(), item.indicatorCode(), r.percent(),
					r.submittedAt(), r.warnings());
		}

	}

	@GetMapping("/reports")
	@PreAuthorize("hasAuthority('report:queue')")
	ResponseEntity<List<QueueJson>> queue(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String status, @RequestParam(required = false) String unitId,
			@RequestParam(required = false) String indicatorCode, @RequestParam(required = false) String cityCode,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		List<FieldProblem> problems = new ArrayList<>();
		if (status != null && !status.isBlank() && !"SUBMITTED".equals(status.trim())) {
			problems.add(FieldProblem.of("status", "review.error.status"));
		}
		Long unit = number("unitId", unitId, problems);
		PageRequest request = null;
		try {
			request = PageRequest.parse(page, size);
		}
		catch (InvalidInputException ex) {
			problems.addAll(ex.problems());
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return PagedResponse.of(queue.page(user, new ReviewQueue.Filter(cityCode, unit, null, indicatorCode, null), request)
			.map(QueueJson::of));
	}

	private static Long number(String field, String text, List<FieldProblem> problems) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Long.valueOf(text.trim());
		}
		catch (NumberFormatException ex) {
			problems.add(FieldProblem.of(field, "review.error.number"));
			return null;
		}
	}

}
