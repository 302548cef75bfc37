package cn.chuangwen.tasks.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FilterOption;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.web.HtmxView;
import cn.chuangwen.tasks.ProgressReports;
import cn.chuangwen.tasks.ReviewQueue;

/**
 * The review queue page (待审核): reports waiting for the office, filtered and paged in the
 * database, approved or returned inline.
 * <p>
 * The htmx pattern other pages copy, one handler per page or fragment:
 * <ul>
 * <li>{@code GET /reviews} answers the whole page; with {@code HX-Request} (the filter form's
 * {@code hx-get}, {@code hx-target="#review-results"}, {@code hx-push-url="true"}) only the results
 * fragment, so the list changes in place and the address bar keeps the filters to share or reload.
 * <li>{@code POST /reviews/{id}} decides one report; with {@code HX-Request} the answer is that
 * row in its new state ({@code hx-swap="outerHTML"}), or with 422 the row with its errors; without
 * it (no JavaScript) a redirect back to the queue with the same filters, or the page with 400.
 * </ul>
 * Both answers send {@code Vary: HX-Request}, so no cache hands a fragment to a page load.
 */
@Controller
@PreAuthorize("hasAuthority('report:queue')")
class ReviewQueuePages {

	static final String HX = HtmxView.REQUEST;

	private final ReviewQueue queue;

	private final ProgressReports reports;

	private final MessageSource messages;

	ReviewQueuePages(ReviewQueue queue, ProgressReports reports, MessageSource messages) {
		this.queue = queue;
		this.reports = reports;
		this.messages = messages;
	}

	/** The filters as they came in the URL (text, so a bad value becomes a message, not a 500). */
	record Params(String city, String unitId, String groupId, String age, String page) {

		/** Parsed filters; problems are added for values that are not numbers or not offered. */
		ReviewQueue.Filter filter(List<FieldProblem> problems) {
			return new ReviewQueue.Filter(blank(city), number("unitId", unitId, problems),
					number("groupId", groupId, problems), null, age(problems));
		}

		int pageNumber(List<FieldProblem> problems) {
			Long n = number("page", page, problems);
			return n == null ? 1 : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n));
		}

		private Integer age(List<FieldProblem> problems) {
			Long n = number("age", age, problems);
			return n == null ? null : (int) Math.max(-1, Math.min(Integer.MAX_VALUE, n));
		}

		/** The queue's address with these filters (validated values only), for links and redirects. */
		String url(int pageNumber) {
			UriComponentsBuilder b = UriComponentsBuilder.fromPath("/reviews");
			List<FieldProblem> ignored = new ArrayList<>();
			if (blank(city) != null) {
				b.queryParam("city", city.trim());
			}
			Long unit = number("unitId", unitId, ignored);
			if (unit != null) {
				b.queryParam("unitId", unit);
			}
			Long group = number("groupId", groupId, ignored);
			if (group != null) {
				b.queryParam("groupId", group);
			}
			Integer a = age(ignored);
			if (a != null && ReviewQueue.AGES.contains(a)) {
				b.queryParam("age", a);
			}
			if (pageNumber > 1) {
				b.queryParam("page", pageNumber);
			}
			return b.encode().build().toUriString();
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

		private static String blank(String s) {
			return s == null || s.isBlank() ? null : s.trim();
		}

	}

	@GetMapping("/reviews")
	String queue(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String city,
			@RequestParam(required = false) String unitId, @RequestParam(required = false) String groupId,
			@RequestParam(required = false) String age, @RequestParam(required = false) String page, Model model,
			Locale locale, HttpServletRequest request, HttpServletResponse response) {
		Params params = new Params(city, unitId, groupId, age, page);
		FormErrors errors = fill(user, params, model, locale);
		if (errors.any()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		}
		return HtmxView.of(request, response, "tasks/reviews", "results");
	}

	@PostMapping("/reviews/{id}")
	@PreAuthorize("hasAuthority('report:review')")
	String decide(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String decision, @RequestParam(required = false) String reason,
			@RequestParam(required = false) String city, @RequestParam(required = false) String unitId,
			@RequestParam(required = false) String groupId, @RequestParam(required = false) String age,
			@RequestParam(required = false) String page, @RequestHeader(name = HX, required = false) String htmx,
			Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
		response.setHeader(HttpHeaders.VARY, HX);
		Params params = new Params(city, unitId, groupId, age, page);
		// The row is read first: another city's report is 404 before anything else is said about it.
		queue.item(user, id);
		ProgressReports.Decision d = List.of(ProgressReports.Decision.values())
			.stream()
			.filter(x -> x.name().equals(decision))
			.findFirst()
			.orElse(null);
		FormErrors errors = FormErrors.none();
		String notice;
		try {
			reports.review(user, id, d, reason);
			notice = d == ProgressReports.Decision.APPROVE ? "report.approved" : "report.returned";
		}
		catch (InvalidInputException ex) {
			errors = FormErrors.of(ex.problems(), messages, locale);
			notice = null;
		}
		catch (ConflictException ex) {
			// Someone decided first: show the row as it is now, with the reason why nothing changed.
			errors = FormErrors.of(List.of(FieldProblem.of("decision", ex.messageKey())), messages, locale);
			notice = null;
		}
		if (htmx != null) {
			model.addAttribute("item", queue.item(user, id));
			model.addAttribute("rowErrors", errors);
			model.addAttribute("reason", reason);
			model.addAttribute("rowNotice", notice);
			model.addAttribute("params", params);
			model.addAttribute("canReview", true);
			model.addAttribute("province", user.cityId() == null);
			if (errors.any()) {
				response.setStatus(422);
			}
			return "tasks/reviews :: row";
		}
		if (!errors.any()) {
			redirect.addFlashAttribute("notice", notice);
			return "redirect:" + params.url(params.pageNumber(new ArrayList<>()));
		}
		fill(user, params, model, locale);
		// The summary at the top links to the row's own field (its ids carry the report id).
		model.addAttribute("errors", new FormErrors(errors.items()
			.stream()
			.map(i -> new FormErrors.Item(i.field() == null ? null : i.field() + "-" + id, i.row(), i.message()))
			.toList()));
		model.addAttribute("errorRow", id);
		model.addAttribute("rowErrors", errors);
		model.addAttribute("reason", reason);
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return "tasks/reviews";
	}

	/** Puts the queue, its filter choices and the filter errors into the model. */
	private FormErrors fill(CurrentUser user, Params params, Model model, Locale locale) {
		List<FieldProblem> problems = new ArrayList<>();
		ReviewQueue.Filter filter = params.filter(problems);
		int pageNumber = params.pageNumber(problems);
		Page<ReviewQueue.Item> result = null;
		if (problems.isEmpty()) {
			try {
				result = queue.page(user, filter, PageRequest.lenient(pageNumber, PageRequest.DEFAULT_SIZE));
			}
			catch (InvalidInputException ex) {
				problems.addAll(ex.problems());
			}
		}
		boolean province = user.cityId() == null;
		String cityCode = province ? filter.cityCode() : null;
		if (result == null) {
			result = queue.page(user, ReviewQueue.Filter.none(), PageRequest.first(PageRequest.DEFAULT_SIZE));
			cityCode = null;
		}
		FormErrors errors = FormErrors.of(problems, messages, locale);
		model.addAttribute("result", result);
		model.addAttribute("errors", errors);
		model.addAttribute("params", params);
		model.addAttribute("province", province);
		model.addAttribute("cityOptions", FilterOption.of(province ? queue.cities(user) : List.<CityView>of(),
				CityView::code, CityView::name, params.city()));
		model.addAttribute("unitOptions", FilterOption.of(queue.units(user, cityCode), ReviewQueue.UnitOption::id,
				u -> province ? u.cityName() + " · " + u.name() : u.name(), params.unitId()));
		model.addAttribute("groupOptions", FilterOption.of(queue.groups(user, cityCode), ReviewQueue.GroupOption::id,
				g -> (province ? g.cityName() + " · " : "") + g.code() + " " + g.name(), params.groupId()));
		model.addAttribute("ageOptions", FilterOption.of(ReviewQueue.AGES, a -> a,
				a -> messages.getMessage("review.filter.olderThan", new Object[] { a }, locale), params.age()));
		model.addAttribute("canReview", user.can(Permissions.REPORT_REVIEW));
		model.addAttribute("prevUrl", result.hasPrevious() ? params.url(result.number() - 1) : null);
		model.addAttribute("nextUrl", result.hasNext() ? params.url(result.number() + 1) : null);
		if (!model.containsAttribute("rowErrors")) {
			model.addAttribute("rowErrors", FormErrors.none());
		}
		return errors;
	}

}
