package cn.chuangwen.indicators.web;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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
import cn.chuangwen.indicators.AssessmentMethod;
import cn.chuangwen.indicators.IndicatorDraft;
import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.indicators.IndicatorView;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.web.HtmxView;

/** Indicator system pages: the list of versions, one version as a tree, export, copy and edit. */
@Controller
@PreAuthorize("hasAuthority('indicator:read')")
class IndicatorController {

	static final int PAGE_SIZE = 50;

	private final IndicatorSystems systems;

	private final Cities cities;

	private final AuditTrail audit;

	private final MessageSource messages;

	IndicatorController(IndicatorSystems systems, Cities cities, AuditTrail audit, MessageSource messages) {
		this.systems = systems;
		this.cities = cities;
		this.audit = audit;
		this.messages = messages;
	}

	/** A row of the list: the version, its city's name and the name of the version it was copied from. */
	record SystemRow(IndicatorSystemView system, String cityName, String basedOnName) {
	}

	@ModelAttribute("methods")
	List<AssessmentMethod> methods() {
		return List.of(AssessmentMethod.values());
	}

	@GetMapping("/indicators")
	String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String city,
			@RequestParam(required = false) Integer page, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		List<CityView> visible = cities.visible(user.scope());
		Map<String, String> cityNames = new HashMap<>();
		visible.forEach(c -> cityNames.put(c.code(), c.name()));
		String cityFilter = city != null && cityNames.containsKey(city) ? city : null;
		Page<IndicatorSystemView> result = systems.page(user.scope(), cityFilter, PageRequest.lenient(page, PAGE_SIZE));
		Map<Long, String> names = systems.names(user.scope(), result.items().stream()
			.map(IndicatorSystemView::basedOnId)
			.filter(java.util.Objects::nonNull)
			.collect(java.util.stream.Collectors.toSet()));
		List<SystemRow> rows = new ArrayList<>();
		for (IndicatorSystemView s : result.items()) {
			rows.add(new SystemRow(s, cityNames.getOrDefault(s.cityCode(), s.cityCode()),
					s.basedOnId() == null ? null : names.get(s.basedOnId())));
		}
		model.addAttribute("rows", rows);
		model.addAttribute("cities", visible);
		model.addAttribute("city", cityFilter);
		model.addAttribute("result", result);
		model.addAttribute("total", result.total());
		model.addAttribute("writable", user.can("indicator:write") && user.cityId() != null);
		model.addAttribute("ownCity", user.cityId());
		return HtmxView.of(request, response, "indicators/list", "results");
	}

	@GetMapping("/indicators/{id:\\d+}")
	String tree(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam(required = false) String q,
			@RequestParam(required = false) String method, @RequestParam(required = false) String open, Model model) {
		IndicatorSystemView system = systems.get(user.scope(), id);
		List<IndicatorView> tree = systems.tree(user.scope(), id);
		AssessmentMethod methodFilter = AssessmentMethod.parse(method).orElse(null);
		String text = q == null || q.isBlank() ? null : q.strip();
		var keep = TreeNode.matching(tree, text, methodFilter);
		List<TreeNode> nodes = TreeNode.of(tree, keep);
		long shownLeaves = nodes.stream().mapToLong(TreeNode::leafCount).sum();
		model.addAttribute("system", system);
		model.addAttribute("cityName", cities.visible(user.scope())
			.stream()
			.filter(c -> c.id() == system.cityId())
			.map(CityView::name)
			.findFirst()
			.orElse(system.cityCode()));
		model.addAttribute("basedOn", system.basedOnId() == null ? null
				: systems.list(user.scope()).stream().filter(s -> s.id() == system.basedOnId()).findFirst().orElse(null));
		model.addAttribute("nodes", nodes);
		model.addAttribute("indicatorCount", tree.size());
		model.addAttribute("shownLeaves", shownLeaves);
		model.addAttribute("q", text);
		model.addAttribute("method", methodFilter == null ? null : methodFilter.name());
		model.addAttribute("filtered", keep != null);
		model.addAttribute("openAll", keep != null || "all".equals(open));
		model.addAttribute("editable", !system.inUse() && user.can("indicator:write")
				&& Objects.equals(user.cityId(), system.cityId()));
		model.addAttribute("copyable", user.can("indicator:write") && Objects.equals(user.cityId(), system.cityId()));
		model.addAttribute("trace", audit.historyOf("indicator_system", String.valueOf(id), 20));
		return "indicators/tree";
	}

	@GetMapping("/indicators/{id:\\d+}/export.xlsx")
	void export(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, HttpServletResponse response)
			throws IOException {
		IndicatorSystemView system = systems.get(user.scope(), id);
		attachment(response, system.name() + ".xlsx");
		systems.writeWorkbook(user.scope(), id, response.getOutputStream());
	}

	@GetMapping("/indicators/{id:\\d+}/copy")
	@PreAuthorize("hasAuthority('indicator:write')")
	String copyForm(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model, Locale locale) {
		IndicatorSystemView system = systems.get(user.scope(), id);
		return copyPage(model, system, messages.getMessage("indicator.copy.defaultName",
				new Object[] { system.name() }, locale), FormErrors.none());
	}

	@PostMapping("/indicators/{id:\\d+}/copy")
	@PreAuthorize("hasAuthority('indicator:write')")
	String copy(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String name, Model model, Locale locale, RedirectAttributes redirect) {
		IndicatorSystemView system = systems.get(user.scope(), id);
		try {
			IndicatorSystemView copy = systems.copy(user, id, name);
			redirect.addFlashAttribute("notice", "indicator.copy.done");
			redirect.addFlashAttribute("noticeArg", system.name());
			return "redirect:/indicators/" + copy.id();
		}
		catch (InvalidInputException ex) {
			return copyPage(model, system, name, FormErrors.of(ex.problems(), messages, locale));
		}
	}

	@GetMapping("/indicators/items/{id:\\d+}/edit")
	@PreAuthorize("hasAuthority('indicator:write')")
	String editForm(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model,
			RedirectAttributes redirect) {
		IndicatorView indicator = systems.indicator(user.scope(), id);
		IndicatorSystemView system = systems.get(user.scope(), indicator.systemId());
		if (system.inUse()) {
			redirect.addFlashAttribute("problem", "indicator.error.inUse");
			return "redirect:/indicators/" + system.id();
		}
		return editPage(model, system, indicator, IndicatorForm.of(indicator, systems.indicatorVersion(user.scope(), id)),
				FormErrors.none(), false);
	}

	@PostMapping("/indicators/items/{id:\\d+}/edit")
	@PreAuthorize("hasAuthority('indicator:write')")
	String edit(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @ModelAttribute("form") IndicatorForm form,
			Model model, Locale locale, RedirectAttributes redirect, HttpServletResponse response) {
		IndicatorView indicator = systems.indicator(user.scope(), id);
		IndicatorSystemView system = systems.get(user.scope(), indicator.systemId());
		try {
			List<FieldProblem> parse = new ArrayList<>();
			IndicatorDraft draft = form.toDraft(parse);
			if (!parse.isEmpty()) {
				List<FieldProblem> all = new ArrayList<>(parse);
				draft.problems()
					.stream()
					.filter(p -> parse.stream().noneMatch(x -> Objects.equals(x.field(), p.field())))
					.forEach(all::add);
				throw new InvalidInputException(all);
			}
			systems.update(user, id, form.getVersion(), draft);
			redirect.addFlashAttribute("notice", "indicator.edit.saved");
			redirect.addFlashAttribute("noticeArg", indicator.code());
			return "redirect:/indicators/" + system.id() + "#i" + id;
		}
		catch (InvalidInputException ex) {
			return editPage(model, system, indicator, form, FormErrors.of(ex.problems(), messages, locale), false);
		}
		catch (ConflictException ex) {
			response.setStatus(HttpServletResponse.SC_CONFLICT);
			FormErrors errors = FormErrors.of(List.of(FieldProblem.of(null, "indicator.error.conflict")), messages, locale);
			return editPage(model, system, indicator, form, errors, true);
		}
	}

	private String copyPage(Model model, IndicatorSystemView system, String name, FormErrors errors) {
		model.addAttribute("system", system);
		model.addAttribute("name", name);
		model.addAttribute("errors", errors);
		return "indicators/copy";
	}

	private String editPage(Model model, IndicatorSystemView system, IndicatorView indicator, IndicatorForm form,
			FormErrors errors, boolean conflict) {
		model.addAttribute("system", system);
		model.addAttribute("indicator", indicator);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("conflict", conflict);
		return "indicators/edit";
	}

	static void attachment(HttpServletResponse response, String filename) {
		response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		response.setHeader("Content-Disposition",
				"attachment; filename*=UTF-8''" + URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20"));
	}

}
