package cn.chuangwen.tasks.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
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
		Long p = number("page", page, problems);
		Long s = number("size", size, problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		int pageNumber = p == null ? 1 : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, p));
		int pageSize = s == null ? ReviewQueue.DEFAULT_SIZE : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, s));
		ReviewQueue.Page result = queue.page(user, new ReviewQueue.Filter(cityCode, unit, null, indicatorCode, null),
				pageNumber, pageSize);
		HttpHeaders headers = new HttpHeaders();
		headers.add("X-Total-Count", String.valueOf(result.total()));
		List<String> links = new ArrayList<>();
		if (result.page() < result.pages()) {
			links.add(link(result.page() + 1, "next"));
		}
		if (result.page() > 1) {
			links.add(link(Math.min(result.page() - 1, result.pages()), "prev"));
		}
		links.add(link(1, "first"));
		links.add(link(result.pages(), "last"));
		headers.add(HttpHeaders.LINK, String.join(", ", links));
		return ResponseEntity.ok().headers(headers).body(result.items().stream().map(QueueJson::of).toList());
	}

	private static String link(int page, String rel) {
		String uri = ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("page", page).build().toUriString();
		return "<" + uri + ">; rel=\"" + rel + "\"";
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
