package cn.chuangwen.organization.web;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

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

/** Unit pages: the searchable list and tree, the creation record (创建档案), and the unit forms. */
@Controller
@PreAuthorize("hasAuthority('unit:read')")
class UnitController {

	static final int PAGE_SIZE = 50;

	static final int MAX_LIST = 20_000;

	private final Units units;

	private final Cities cities;

	private final Accounts accounts;

	private final UnitWorkbooks workbooks;

	private final AuditTrail audit;

	private final MessageSource messages;

	private final ObjectProvider<UnitFigures> figures;

	UnitController(Units units, Cities cities, Accounts accounts, UnitWorkbooks workbooks, AuditTrail audit,
			MessageSource messages, ObjectProvider<UnitFigures> figures) {
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
			@RequestParam(defaultValue = "list") String view, Model model) {
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
			// The tree shows the whole scope at once: a tree cut at a page boundary would lose branches.
			List<UnitView> found = units.search(user.scope(), query, MAX_LIST);
			model.addAttribute("tree", Tree.of(found));
			model.addAttribute("total", found.size());
		}
		else {
			Page<UnitView> result = units.page(user.scope(), query, PageRequest.lenient(page, PAGE_SIZE));
			model.addAttribute("result", result);
			model.addAttribute("units", result.items());
			model.addAttribute("total", result.total());
		}
		return "units/list";
	}

	@GetMapping("/units/export.xlsx")
	void export(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String city,
			@RequestParam(required = false) String kind, @RequestParam(required = false) String q,
			@RequestParam(required = false) String active, HttpServletResponse response) throws IOException {
		List<UnitView> found = units.search(user.scope(), query(city, kind, q, active), MAX_LIST);
		audit.record(cn.chuangwen.audit.AuditEntry.of("UNIT_EXPORT")
			.city(user.cityId())
			.change("rows", null, found.size()));
		attachment(response, "units.xlsx");
		workbooks.export(found, response.getOutputStream());
	}

	@GetMapping("/units/{id}")
	String record(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(defaultValue = "summary") String tab, Model model) {
		UnitView unit = units.get(user.scope(), id);
		model.addAttribute("unit", unit);
		model.addAttribute("ancestors", ancestors(user, unit));
		model.addAttribute("children", units.children(user.scope(), id));
		model.addAttribute("people", accounts.peopleOf(user, unit));
		String shown = List.of("summary", "profile", "people", "trace").contains(tab) ? tab : "summary";
		model.addAttribute("tab", shown);
		if (shown.equals("summary")) {
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
		model.addAttribute("parents", parentCandidates(user, unit));
		return "units/form";
	}

	private String movePage(CurrentUser user, UnitView unit, Model model, FormErrors errors, Long parentId,
			String reason) {
		model.addAttribute("unit", unit);
		model.addAttribute("errors", errors);
		model.addAttribute("parents", parentCandidates(user, unit));
		model.addAttribute("parentId", parentId == null ? unit.parentId() : parentId);
		model.addAttribute("reason", reason);
		return "units/move";
	}

	/** Units that can hold others, in the caller's scope, except the unit itself and its subtree. */
	private List<UnitView> parentCandidates(CurrentUser user, UnitView unit) {
		var holders = EnumSet.of(UnitKind.CITY, UnitKind.DISTRICT, UnitKind.TOWN, UnitKind.TOWNSHIP,
				UnitKind.SUBDISTRICT, UnitKind.DEPARTMENT);
		return units.search(user.scope(), new UnitQuery(null, null, null, true, null), MAX_LIST)
			.stream()
			.filter(u -> holders.contains(u.kind()))
			.filter(u -> unit == null || !u.path().startsWith(unit.path()))
			.toList();
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
