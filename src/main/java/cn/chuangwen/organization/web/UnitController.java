package cn.chuangwen.organization.web;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CareTeams;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitFigures;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.internal.UnitWorkbooks;
import cn.chuangwen.organization.Units;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.web.HtmxView;

/** Unit pages: the searchable list and tree, the creation record (创建档案), and the unit forms. */
@Controller
@PreAuthorize("hasAuthority('unit:read')")
class UnitController {

	static final int PAGE_SIZE = 50;

	private final Units units;

	private final Cities cities;

	private final Accounts accounts;

	private final UnitWorkbooks workbooks;

	private final AuditTrail audit;

	private final MessageSource messages;

	private final ObjectProvider<UnitFigures> figures;

	private final CareTeams careTeams;

	UnitController(Units units, Cities cities, Accounts accounts, UnitWorkbooks workbooks, AuditTrail audit,
			MessageSource messages, ObjectProvider<UnitFigures> figures, CareTeams careTeams) {
		this.careTeams = careTeams;
		this.figures = figures;
		this.units = units;
		this.cities = cities;
		this.accounts = accounts;
		this.workbooks = workbooks;
		this.audit = audit;
		this.messages = messages;
	}

	@ModelAttribute("kinds")
	List<UnitKind> kinds() {
		return List.of(UnitKind.values());
	}

	@GetMapping("/units")
	String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String city,
			@RequestParam(required = false) String kind, @RequestParam(required = false) String q,
			@RequestParam(required = false) String active, @RequestParam(required = false) Integer page,
			@RequestParam(defaultValue = "list") String view, @RequestParam(required = false) Long root, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		fill(user, city, kind, q, active, page, view, root, model);
		return HtmxView.of(request, response, "units/list", "results");
	}

	/** The list or the tree, with the filters, into the model. */
	private void fill(CurrentUser user, String city, String kind, String q, String active, Integer page,
			String view, Long root, Model model) {
		UnitQuery query = query(city, kind, q, active);
		List<CityView> visible = cities.visible(user.scope());
		model.addAttribute("cities", visible);
		model.addAttribute("cityNames", visible.stream().collect(java.util.stream.Collectors.toMap(CityView::code, CityView::name)));
		model.addAttribute("city", city);
		model.addAttribute("kind", kind);
		model.addAttribute("q", q);
		model.addAttribute("active", active);
		model.addAttribute("view", "tree".equals(view) ? "tree" : "list");
		if ("tree".equals(view)) {
			// The tree shows the tops of the scope with one page of units under each; a branch opens
			// on demand, so a city of thousands of units answers as fast as a small one.
			UnitQuery inCity = query(city, null, null, null);
			List<UnitView> tops = root == null ? units.roots(user.scope(), inCity.cityCode())
					: List.of(units.get(user.scope(), root));
			PageRequest children = root == null ? PageRequest.first(PAGE_SIZE) : PageRequest.lenient(page, PAGE_SIZE);
			Map<Long, Long> counts = units.childCounts(user.scope(), tops.stream().map(UnitView::id).toList());
			List<Branch> branches = tops.stream()
				.map(t -> new Branch(new Node(t, counts.getOrDefault(t.id(), 0L)),
						nodes(user, units.childrenPage(user.scope(), t.id(), children))))
				.toList();
			model.addAttribute("branches", branches);
			model.addAttribute("root", root);
			model.addAttribute("result", root == null ? null : branches.get(0).children());
			model.addAttribute("total", root == null ? units.page(user.scope(), inCity, PageRequest.first(1)).total()
					: branches.get(0).children().total());
		}
		else {
			Page<UnitView> result = units.page(user.scope(), query, PageRequest.lenient(page, PAGE_SIZE));
			model.addAttribute("result", result);
			model.addAttribute("units", result.items());
			model.addAttribute("total", result.total());
		}
	}

	/**
	 * One page of the units under a unit, for opening a branch of the tree: with htmx the list items
	 * only, without it the tree page rooted at that unit.
	 */
	@GetMapping("/units/{id}/children")
	String children(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) Integer page,
			@org.springframework.web.bind.annotation.RequestHeader(name = "HX-Request", required = false) String htmx,
			Model model) {
		if (htmx == null) {
			fill(user, null, null, null, null, page, "tree", id, model);
			return "units/list";
		}
		units.get(user.scope(), id);
		model.addAttribute("children", nodes(user, units.childrenPage(user.scope(), id, PageRequest.lenient(page, PAGE_SIZE))));
		model.addAttribute("parentId", id);
		return "units/list :: items";
	}

	/** A unit in the tree and how many units lie directly under it. */
	record Node(UnitView unit, long childCount) {
	}

	/** A top of the tree, open, with one page of the units under it. */
	record Branch(Node top, Page<Node> children) {
	}

	private Page<Node> nodes(CurrentUser user, Page<UnitView> page) {
		Map<Long, Long> counts = units.childCounts(user.scope(), page.items().stream().map(UnitView::id).toList());
		return page.map(u -> new Node(u, counts.getOrDefault(u.id(), 0L)));
	}

	/**
	 * Exactly the filtered units as a workbook, streamed from the database: no cap, so an export
	 * never silently leaves rows out. The trace records how many rows went out.
	 */
	@GetMapping("/units/export.xlsx")
	void export(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String city,
			@RequestParam(required = false) String kind, @RequestParam(required = false) String q,
			@RequestParam(required = false) String active, HttpServletResponse response) throws IOException {
		attachment(response, "units.xlsx");
		long rows = workbooks.export(user.scope(), query(city, kind, q, active), response.getOutputStream());
		audit.record(cn.chuangwen.audit.AuditEntry.of("UNIT_EXPORT")
			.city(user.cityId())
			.change("rows", null, rows));
	}

	/**
	 * The parent picker's options (htmx type-ahead): units that can hold others, searched and paged
	 * in the database, the current choice kept; a moved unit's own subtree is left out.
	 */
	@GetMapping("/units/parent-picker")
	@PreAuthorize("hasAuthority('unit:write')")
	String parentPicker(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String q,
			@RequestParam(required = false) Long parentId, @RequestParam(required = false) Long unitId, Model model) {
		UnitView unit = unitId == null ? null : units.get(user.scope(), unitId);
		model.addAttribute("picker", parentChoices(user, unit, q, parentId));
		return "units/parent-picker :: options";
	}

	@GetMapping("/units/{id}")
	String record(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(defaultValue = "summary") String tab, @RequestParam(required = false) Integer page,
			Model model) {
		UnitView unit = units.get(user.scope(), id);
		model.addAttribute("unit", unit);
		model.addAttribute("ancestors", ancestors(user, unit));
		model.addAttribute("children", units.children(user.scope(), id));
		Page<cn.chuangwen.organization.UserView> people = accounts.peopleOf(user, unit,
				PageRequest.lenient("people".equals(tab) ? page : null, PAGE_SIZE));
		model.addAttribute("people", people.items());
		model.addAttribute("peoplePage", people);
		if ("people".equals(tab)) {
			Long topLeaderId = units.topLeaderId(user.scope(), id).orElse(null);
			List<cn.chuangwen.organization.UserView> unitAccounts = accounts.peopleOf(user, unit);
			model.addAttribute("topLeader", unitAccounts.stream().filter(p -> p.id() == (topLeaderId == null ? -1 : topLeaderId)).findFirst().orElse(null));
			model.addAttribute("topLeaderChoices", unitAccounts.stream().filter(cn.chuangwen.organization.UserView::enabled).toList());
		}
		String shown = List.of("summary", "profile", "people", "trace").contains(tab) ? tab : "summary";
		model.addAttribute("tab", shown);
		if (shown.equals("summary")) {
			model.addAttribute("topLeaderLabel", units.topLeaderLabel(user.scope(), id).orElse(null));
			model.addAttribute("careTeam", careTeams.teamIfVisible(user, unit).orElse(null));
			model.addAttribute("figures", figures.orderedStream()
				.flatMap(f -> f.of(user, unit).stream())
				.sorted(java.util.Comparator.comparingInt(UnitFigures.Figure::order))
				.toList());
		}
		model.addAttribute("trace", audit.recentForUnit(id, 50));
		return "units/record";
	}

	@GetMapping("/units/new")
	@PreAuthorize("hasAuthority('unit:write')")
	String newForm(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Long parentId,
			Model model) {
		UnitForm form = new UnitForm();
		form.setParentId(parentId);
		if (parentId != null) {
			units.find(user.scope(), parentId).ifPresent(p -> form.setKind(defaultChildKind(p.kind()).name()));
		}
		return form(user, model, form, FormErrors.none(), null);
	}

	@PostMapping("/units")
	@PreAuthorize("hasAuthority('unit:write')")
	String create(@AuthenticationPrincipal CurrentUser user, @ModelAttribute("form") UnitForm form, Model model,
			Locale locale, RedirectAttributes redirect) {
		try {
			UnitView created = units.create(user, form.toDraft());
			redirect.addFlashAttribute("notice", "unit.created");
			return "redirect:/units/" + created.id();
		}
		catch (InvalidInputException ex) {
			return form(user, model, form, FormErrors.of(ex.problems(), messages, locale), null);
		}
	}

	@GetMapping("/units/{id}/edit")
	@PreAuthorize("hasAuthority('unit:write')")
	String editForm(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
		UnitView unit = units.get(user.scope(), id);
		return form(user, model, UnitForm.of(unit), FormErrors.none(), unit);
	}

	@PostMapping("/units/{id}")
	@PreAuthorize("hasAuthority('unit:write')")
	String update(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@ModelAttribute("form") UnitForm form, Model model, Locale locale, RedirectAttributes redirect) {
		UnitView unit = units.get(user.scope(), id);
		try {
			units.update(user, id, form.getVersion(), form.toDraft());
			redirect.addFlashAttribute("notice", "unit.saved");
			return "redirect:/units/" + id;
		}
		catch (InvalidInputException ex) {
			return form(user, model, form, FormErrors.of(ex.problems(), messages, locale), unit);
		}
	}

	@GetMapping("/units/{id}/move")
	@PreAuthorize("hasAuthority('unit:write')")
	String moveForm(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
		return movePage(user, units.get(user.scope(), id), model, FormErrors.none(), null, null);
	}

	@PostMapping("/units/{id}/move")
	@PreAuthorize("hasAuthority('unit:write')")
	String move(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) Long parentId, @RequestParam(defaultValue = "0") int version,
			@RequestParam(required = false) String reason, Model model, Locale locale, RedirectAttributes redirect) {
		UnitView unit = units.get(user.scope(), id);
		try {
			units.move(user, id, version, parentId == null ? -1 : parentId, reason);
			redirect.addFlashAttribute("notice", "unit.moved");
			return "redirect:/units/" + id;
		}
		catch (InvalidInputException ex) {
			return movePage(user, unit, model, FormErrors.of(ex.problems(), messages, locale), parentId, reason);
		}
	}

	/** Names the unit's top leader account (一把手), or clears it with an empty choice. */
	@PostMapping("/units/{id}/top-leader")
	@PreAuthorize("hasAuthority('unit:write')")
	String setTopLeader(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) Long userId, @RequestParam(required = false) String reason, Locale locale,
			RedirectAttributes redirect) {
		try {
			units.setTopLeader(user, id, userId, reason);
			redirect.addFlashAttribute("notice", "unit.topLeader.saved");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("problem", FormErrors.of(ex.problems(), messages, locale).items().get(0).message());
		}
		return "redirect:/units/" + id + "?tab=people";
	}

	@PostMapping("/units/{id}/active")
	@PreAuthorize("hasAuthority('unit:write')")
	String setActive(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam boolean active, @RequestParam(defaultValue = "0") int version,
			@RequestParam(required = false) String reason, Model model, Locale locale, RedirectAttributes redirect) {
		try {
			units.setActive(user, id, version, active, reason);
			redirect.addFlashAttribute("notice", active ? "unit.activated" : "unit.deactivated");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("problem", FormErrors.of(ex.problems(), messages, locale).items().get(0).message());
		}
		return "redirect:/units/" + id + "?tab=profile";
	}

	private String form(CurrentUser user, Model model, UnitForm form, FormErrors errors, UnitView unit) {
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("unit", unit);
		model.addAttribute("picker", unit == null ? parentChoices(user, null, null, form.getParentId()) : null);
		return "units/form";
	}

	private String movePage(CurrentUser user, UnitView unit, Model model, FormErrors errors, Long parentId,
			String reason) {
		model.addAttribute("unit", unit);
		model.addAttribute("errors", errors);
		model.addAttribute("picker", parentChoices(user, unit, null, parentId == null ? unit.parentId() : parentId));
		model.addAttribute("reason", reason);
		return "units/move";
	}

	/** Kinds of unit that can hold others: the parent picker offers only these. */
	static final java.util.Set<UnitKind> HOLDERS = EnumSet.of(UnitKind.CITY, UnitKind.DISTRICT, UnitKind.TOWN,
			UnitKind.TOWNSHIP, UnitKind.SUBDISTRICT, UnitKind.DEPARTMENT);

	/** Units in the picker before a search narrows them; the page says how many match in all. */
	static final int PICKER_SIZE = 50;

	/**
	 * Active units in the caller's scope that can hold others, matching {@code q}, except the unit
	 * itself and its subtree (when moving), one page of them; the chosen parent is always offered.
	 */
	private ParentPicker parentChoices(CurrentUser user, UnitView unit, String q, Long chosenId) {
		Page<UnitView> matches = units.choices(user.scope(), HOLDERS, true, q, unit == null ? null : unit.path(),
				PageRequest.first(PICKER_SIZE));
		UnitView chosen = chosenId == null ? null : units.find(user.scope(), chosenId).orElse(null);
		return ParentPicker.of(matches, chosen, q, unit == null ? null : unit.id());
	}

	private List<UnitView> ancestors(CurrentUser user, UnitView unit) {
		List<UnitView> list = new ArrayList<>();
		String[] ids = unit.path().split("/");
		for (String s : ids) {
			if (!s.isEmpty() && Long.parseLong(s) != unit.id()) {
				units.find(user.scope(), Long.parseLong(s)).ifPresent(list::add);
			}
		}
		return Collections.unmodifiableList(list);
	}

	static UnitKind defaultChildKind(UnitKind parent) {
		return switch (parent) {
			case CITY, DISTRICT -> UnitKind.SUBDISTRICT;
			case DEPARTMENT -> UnitKind.WINDOW;
			default -> UnitKind.COMMUNITY;
		};
	}

	static UnitQuery query(String city, String kind, String q, String active) {
		Boolean activeFilter = "yes".equals(active) ? Boolean.TRUE : "no".equals(active) ? Boolean.FALSE : null;
		return new UnitQuery(city == null || city.isBlank() ? null : city, UnitKind.parse(kind).orElse(null), q,
				activeFilter, null);
	}

	static void attachment(HttpServletResponse response, String filename) {
		response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		response.setHeader("Content-Disposition",
				"attachment; filename*=UTF-8''" + URLEncoder.encode(filename, StandardCharsets.UTF_8));
	}

}
