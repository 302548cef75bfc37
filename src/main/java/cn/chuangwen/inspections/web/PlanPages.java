package cn.chuangwen.inspections.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.chuangwen.files.Downloads;
import cn.chuangwen.files.FileKind;
import cn.chuangwen.inspections.DrawCheck;
import cn.chuangwen.inspections.FieldPointFilter;
import cn.chuangwen.inspections.FieldPointView;
import cn.chuangwen.inspections.FieldPoints;
import cn.chuangwen.inspections.InspectionPlans;
import cn.chuangwen.inspections.PlanDetail;
import cn.chuangwen.inspections.PlanDraft;
import cn.chuangwen.inspections.PlanFilter;
import cn.chuangwen.inspections.PlanKind;
import cn.chuangwen.inspections.PlanState;
import cn.chuangwen.inspections.PlanView;
import cn.chuangwen.inspections.PointType;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FilterOption;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.PeriodCode;
import cn.chuangwen.shared.web.HtmxView;
import cn.chuangwen.shared.web.QueryParams;

/**
 * Inspection plan pages (检查计划): the list with its filters in the URL (the office all of its
 * city's plans, an inspector its own, a unit the announced or closed ones covering its points), the
 * form to make one (points by hand, searched, or drawn at random), a plan with its points, its draw
 * and the redraw check, and closing its round.
 */
@Controller
@PreAuthorize("hasAnyAuthority('inspection:plan', 'inspection:submit', 'fieldpoint:read')")
class PlanPages {

	static final int PAGE_SIZE = 50;

	/** Points a search of the hand-picked points offers at once; a longer search narrows them. */
	static final int PICKER_SIZE = 30;

	/** The most units the scope's choice lists. */
	static final int MAX_UNITS = 5_000;

	private final InspectionPlans plans;

	private final FieldPoints points;

	private final Units units;

	private final MessageSource messages;

	PlanPages(InspectionPlans plans, FieldPoints points, Units units, MessageSource messages) {
		this.plans = plans;
		this.points = points;
		this.units = units;
		this.messages = messages;
	}

	/** The plan form as posted (bound by its setters); ids come as text so a bad one is a field problem. */
	public static class PlanForm {

		private String kind = PlanKind.UNANNOUNCED.name();

		private String name;

		private String period;

		private String startDate;

		private String endDate;

		/** {@code sample} (drawn at random) or {@code hand} (chosen). */
		private String mode = "sample";

		private List<String> pointTypes = new ArrayList<>();

		private List<String> towns = new ArrayList<>();

		private List<String> units = new ArrayList<>();

		private String size = "10";

		private String seed;

		private List<String> fieldPointIds = new ArrayList<>();

		private List<String> inspectors = new ArrayList<>();

		/** The hand-picked points' search text. */
		private String q;

		public String getKind() {
			return kind;
		}

		public void setKind(String kind) {
			this.kind = kind;
		}

		public String getName() {
			return name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public String getPeriod() {
			return period;
		}

		public void setPeriod(String period) {
			this.period = period;
		}

		public String getStartDate() {
			return startDate;
		}

		public void setStartDate(String startDate) {
			this.startDate = startDate;
		}

		public String getEndDate() {
			return endDate;
		}

		public void setEndDate(String endDate) {
			this.endDate = endDate;
		}

		public String getMode() {
			return mode;
		}

		public void setMode(String mode) {
			this.mode = mode;
		}

		public List<String> getPointTypes() {
			return pointTypes;
		}

		public void setPointTypes(List<String> pointTypes) {
			this.pointTypes = pointTypes == null ? new ArrayList<>() : pointTypes;
		}

		public List<String> getTowns() {
			return towns;
		}

		public void setTowns(List<String> towns) {
			this.towns = towns == null ? new ArrayList<>() : towns;
		}

		public List<String> getUnits() {
			return units;
		}

		public void setUnits(List<String> units) {
			this.units = units == null ? new ArrayList<>() : units;
		}

		public String getSize() {
			return size;
		}

		public void setSize(String size) {
			this.size = size;
		}

		public String getSeed() {
			return seed;
		}

		public void setSeed(String seed) {
			this.seed = seed;
		}

		public List<String> getFieldPointIds() {
			return fieldPointIds;
		}

		public void setFieldPointIds(List<String> fieldPointIds) {
			this.fieldPointIds = fieldPointIds == null ? new ArrayList<>() : fieldPointIds;
		}

		public List<String> getInspectors() {
			return inspectors;
		}

		public void setInspectors(List<String> inspectors) {
			this.inspectors = inspectors == null ? new ArrayList<>() : inspectors;
		}

		public String getQ() {
			return q;
		}

		public void setQ(String q) {
			this.q = q;
		}

		public boolean byHand() {
			return "hand".equals(mode);
		}

		/** The draft; what cannot be read (a number that is none) is added to {@code bad}. */
		PlanDraft toDraft(List<FieldProblem> bad) {
			PlanDraft.Sample sample = null;
			List<Long> chosen = null;
			if (byHand()) {
				chosen = ids("fieldPointIds", fieldPointIds, bad);
			}
			else {
				Integer n = null;
				if (size != null && !size.isBlank()) {
					try {
						n = Integer.valueOf(size.trim());
					}
					catch (NumberFormatException ex) {
						bad.add(FieldProblem.of("sample.size", "plan.error.sample.size"));
					}
				}
				Long s = null;
				if (seed != null && !seed.isBlank()) {
					try {
						s = Long.valueOf(seed.trim());
					}
					catch (NumberFormatException ex) {
						bad.add(FieldProblem.of("sample.seed", "plan.error.seed"));
					}
				}
				sample = new PlanDraft.Sample(pointTypes, ids("sample.towns", towns, bad), ids("sample.units", units, bad),
						n, s);
			}
			return new PlanDraft(kind, name, period, startDate, endDate, chosen, sample, inspectors);
		}

		private static List<Long> ids(String field, List<String> texts, List<FieldProblem> bad) {
			List<Long> ids = new ArrayList<>();
			for (String t : texts) {
				Long id = QueryParams.id(field, t, bad);
				if (id != null) {
					ids.add(id);
				}
			}
			return ids;
		}

	}

	// --- the list

	/** The list with its filters in the URL; a filter value the page does not know is ignored. */
	@GetMapping("/inspections/plans")
	String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String state, @RequestParam(required = false) String period,
			@RequestParam(required = false) Integer page, Model model, Locale locale, HttpServletRequest request,
			HttpServletResponse response) {
		PlanFilter filter = PlanParams.filter(kind, state, period, new ArrayList<>());
		Page<PlanView> result = plans.page(user, filter, PageRequest.lenient(page, PAGE_SIZE));
		model.addAttribute("result", result);
		model.addAttribute("plans", result.items());
		model.addAttribute("total", result.total());
		model.addAttribute("kindOptions", FilterOption.of(List.of(PlanKind.values()), PlanKind::name,
				k -> messages.getMessage(k.messageKey(), null, locale), filter.kind() == null ? null : filter.kind().name()));
		model.addAttribute("stateOptions", FilterOption.of(List.of(PlanState.values()), PlanState::name,
				s -> messages.getMessage(s.messageKey(), null, locale),
				filter.state() == null ? null : filter.state().name()));
		model.addAttribute("period", filter.period());
		model.addAttribute("canPlan", InspectionPlans.plans(user));
		String query = request.getQueryString();
		model.addAttribute("exportUrl", "/inspections/plans/export.xlsx" + (query == null ? "" : "?" + query));
		return HtmxView.of(request, response, "inspections/plans", "results");
	}

	/** The filtered list (the list's filters), every page of it, as a workbook. */
	@GetMapping("/inspections/plans/export.xlsx")
	void export(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String state, @RequestParam(required = false) String period,
			HttpServletResponse response) throws java.io.IOException {
		PlanFilter filter = PlanParams.filter(kind, state, period, new ArrayList<>());
		response.setContentType(FileKind.XLSX.contentType());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Downloads.contentDisposition("attachment", "检查计划.xlsx"));
		plans.export(user, filter, response.getOutputStream());
	}

	// --- making one

	@GetMapping("/inspections/plans/new")
	@PreAuthorize("hasAuthority('inspection:plan')")
	String newForm(@AuthenticationPrincipal CurrentUser user, Model model) {
		PlanForm form = new PlanForm();
		PeriodCode period = plans.currentPeriod(user.cityId());
		form.period = period.text();
		form.startDate = period.start().toString();
		form.endDate = period.lastDay().toString();
		return form(user, model, form, FormErrors.none());
	}

	/**
	 * Makes the plan; with {@code action=search} (the hand-picked points' search without JavaScript)
	 * only shows the form again with the points found.
	 */
	@PostMapping("/inspections/plans")
	@PreAuthorize("hasAuthority('inspection:plan')")
	String create(@AuthenticationPrincipal CurrentUser user, PlanForm form,
			@RequestParam(required = false) String action, Model model, Locale locale, HttpServletResponse response,
			RedirectAttributes redirect) {
		if ("search".equals(action)) {
			form.mode = "hand";
			return form(user, model, form, FormErrors.none());
		}
		try {
			List<FieldProblem> bad = new ArrayList<>();
			PlanDraft draft = form.toDraft(bad);
			InspectionPlans.Created created = plans.create(user, draft, bad);
			redirect.addFlashAttribute("notice", "plan.page.created");
			redirect.addFlashAttribute("noticeArg", created.fieldPointIds().size());
			return "redirect:/inspections/plans/" + created.id();
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return form(user, model, form, FormErrors.of(ex.problems(), messages, locale));
		}
	}

	/** The hand-picked points: the chosen ones, then the city's active points matching the search (htmx). */
	@GetMapping("/inspections/plans/point-picker")
	@PreAuthorize("hasAuthority('inspection:plan')")
	String pointPicker(@AuthenticationPrincipal CurrentUser user, PlanForm form, Model model) {
		picker(user, model, form);
		return "inspections/plan-form :: picker";
	}

	private String form(CurrentUser user, Model model, PlanForm form, FormErrors errors) {
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("kinds", PlanKind.values());
		model.addAttribute("types", PointType.values());
		List<UnitView> cityUnits = units.search(user.scope(), new UnitQuery(user.cityCode(), null, null, true, null),
				MAX_UNITS);
		model.addAttribute("towns", cityUnits.stream()
			.filter(u -> u.kind().isTownLevel())
			.sorted(Comparator.comparing(UnitView::code))
			.toList());
		model.addAttribute("unitGroups", cityUnits.stream()
			.filter(u -> !u.kind().isTownLevel() && u.parentId() != null)
			.collect(Collectors.groupingBy(UnitView::kind, LinkedHashMap::new, Collectors.toList())));
		model.addAttribute("inspectorChoices", plans.inspectorChoices(user));
		model.addAttribute("periodKind", "plan.periodKind." + plans.currentPeriod(user.cityId()).kind().name());
		model.addAttribute("currentPeriod", plans.currentPeriod(user.cityId()).text());
		model.addAttribute("drawRule", InspectionPlans.DRAW_RULE);
		picker(user, model, form);
		return "inspections/plan-form";
	}

	/** The chosen points (kept checked) and up to {@link #PICKER_SIZE} others matching the search. */
	private void picker(CurrentUser user, Model model, PlanForm form) {
		List<Long> chosen = PlanForm.ids("fieldPointIds", form.fieldPointIds, new ArrayList<>());
		Map<Long, FieldPointView> shown = new LinkedHashMap<>();
		chosenPoints(user, chosen).forEach(p -> shown.put(p.id(), p));
		String q = QueryParams.text(form.q, new ArrayList<>());
		Page<FieldPointView> found = points.page(user, user.cityId(), new FieldPointFilter(null, null, null, true, q),
				PageRequest.first(PICKER_SIZE));
		found.items().forEach(p -> shown.putIfAbsent(p.id(), p));
		model.addAttribute("pickerPoints", List.copyOf(shown.values()));
		model.addAttribute("pickerChosen", chosen);
		model.addAttribute("pickerMatches", found.total());
		model.addAttribute("pickerQuery", q == null ? "" : q);
	}

	private List<FieldPointView> chosenPoints(CurrentUser user, List<Long> ids) {
		List<FieldPointView> found = new ArrayList<>();
		for (Long id : ids.stream().distinct().limit(InspectionPlans.MAX_POINTS).toList()) {
			try {
				found.add(points.get(user, id));
			}
			catch (cn.chuangwen.shared.NotFoundException ex) {
				// a point of another city or none at all: the facade names it when the plan is made
			}
		}
		return found;
	}

	// --- one plan

	@GetMapping("/inspections/plans/{id}")
	String plan(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
		return detail(user, plans.get(user, id), null, model);
	}

	/** The redraw check: as a fragment (htmx), or the plan page with the check's answer in it. */
	@GetMapping("/inspections/plans/{id}/draw")
	@PreAuthorize("hasAuthority('inspection:plan')")
	String draw(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		PlanDetail plan = plans.get(user, id);
		DrawCheck check = plans.redraw(user, id);
		detail(user, plan, check, model);
		return HtmxView.of(request, response, "inspections/plan", "draw");
	}

	@PostMapping("/inspections/plans/{id}/close")
	@PreAuthorize("hasAuthority('inspection:plan')")
	String close(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		try {
			plans.close(user, id);
		}
		catch (ConflictException ex) {
			response.setStatus(HttpServletResponse.SC_CONFLICT);
			model.addAttribute("closeError", ex.messageKey());
			return detail(user, plans.get(user, id), null, model);
		}
		redirect.addFlashAttribute("notice", "plan.page.closed");
		return "redirect:/inspections/plans/" + id;
	}

	private String detail(CurrentUser user, PlanDetail plan, DrawCheck check, Model model) {
		model.addAttribute("d", plan);
		model.addAttribute("p", plan.plan());
		model.addAttribute("check", check);
		model.addAttribute("drawRule", InspectionPlans.DRAW_RULE);
		return "inspections/plan";
	}

}
