package cn.chuangwen.problems.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.problems.ProblemRules;
import cn.chuangwen.problems.ProblemSettings;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;

/** The office's settings page for problems: the city's rules and its categories. */
@Controller
class ProblemSettingsPages {

	/** The rules' number fields in the form's order. */
	static final List<String> NUMBERS = List.of("generalHours", "seriousHours", "criticalHours", "recurrenceMetres",
			"recurrenceDays", "mismatchMetres", "escalateDays", "letterDays", "greenRate", "redRate");

	private final ProblemSettings settings;

	private final MessageSource messages;

	ProblemSettingsPages(ProblemSettings settings, MessageSource messages) {
		this.settings = settings;
		this.messages = messages;
	}

	@GetMapping("/problems/settings")
	@PreAuthorize("hasAuthority('problem:write')")
	String page(@AuthenticationPrincipal CurrentUser user, Model model) {
		return page(user, values(settings.rules(user)), FormErrors.none(), FormErrors.none(), model);
	}

	@PostMapping("/problems/settings/rules")
	@PreAuthorize("hasAuthority('problem:write')")
	String changeRules(@AuthenticationPrincipal CurrentUser user, @RequestParam Map<String, String> form, Model model,
			Locale locale, RedirectAttributes redirect) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("codePrefix", form.getOrDefault("codePrefix", "").strip().toUpperCase(Locale.ROOT));
		NUMBERS.forEach(f -> values.put(f, form.getOrDefault(f, "").strip()));
		values.put("version", form.getOrDefault("version", ""));
		try {
			List<FieldProblem> bad = new ArrayList<>();
			int[] n = NUMBERS.stream().mapToInt(f -> number(f, values.get(f), bad)).toArray();
			ProblemRules rules = ProblemParams.checked(bad, new ProblemRules(values.get("codePrefix"), n[0], n[1], n[2],
					n[3], n[4], n[5], n[6], n[7], n[8], n[9], number("version", values.get("version"), bad)));
			settings.changeRules(user, rules);
		}
		catch (InvalidInputException ex) {
			return page(user, values, FormErrors.of(ex.problems(), messages, locale), FormErrors.none(), model);
		}
		redirect.addFlashAttribute("notice", "problemSettings.saved");
		return "redirect:/problems/settings";
	}

	@PostMapping("/problems/settings/categories")
	@PreAuthorize("hasAuthority('problem:write')")
	String addCategory(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String name,
			Model model, Locale locale, RedirectAttributes redirect) {
		try {
			settings.addCategory(user, name);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("newCategory", name);
			return page(user, values(settings.rules(user)), FormErrors.none(), onField(ex, "new-category", locale),
					model);
		}
		redirect.addFlashAttribute("notice", "problemSettings.categoryAdded");
		return "redirect:/problems/settings#categories";
	}

	/** Renames a category, or turns it off or on ({@code active} says which). */
	@PostMapping("/problems/settings/categories/{id}")
	@PreAuthorize("hasAuthority('problem:write')")
	String changeCategory(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String name, @RequestParam(required = false) String active, Model model,
			Locale locale, RedirectAttributes redirect) {
		try {
			settings.changeCategory(user, id, name, !"false".equals(active));
		}
		catch (InvalidInputException ex) {
			// the error stands at the row's name field (or its toggle), which keeps what was typed
			model.addAttribute("renamed", Map.of(id, name == null ? "" : name));
			String field = ex.problems().stream().anyMatch(p -> "active".equals(p.field())) ? "toggle-" + id
					: "category-" + id;
			return page(user, values(settings.rules(user)), FormErrors.none(), onField(ex, field, locale), model);
		}
		redirect.addFlashAttribute("notice", "problemSettings.categoryChanged");
		return "redirect:/problems/settings#categories";
	}

	private String page(CurrentUser user, Map<String, String> values, FormErrors ruleErrors, FormErrors categoryErrors,
			Model model) {
		model.addAttribute("values", values);
		model.addAttribute("numbers", NUMBERS);
		model.addAttribute("errors", ruleErrors);
		model.addAttribute("categoryErrors", categoryErrors);
		model.addAttribute("categories", settings.categories(user));
		if (!model.containsAttribute("renamed")) {
			model.addAttribute("renamed", Map.of());
		}
		return "problems/settings";
	}

	/** The problems of a category form, all on the field of the page that was filled in (the summary links to it). */
	private FormErrors onField(InvalidInputException ex, String field, Locale locale) {
		return FormErrors.of(ex.problems()
			.stream()
			.map(p -> new FieldProblem(field, p.row(), p.messageKey(), p.args()))
			.toList(), messages, locale);
	}

	private static Map<String, String> values(ProblemRules r) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("codePrefix", r.codePrefix());
		int[] n = { r.generalHours(), r.seriousHours(), r.criticalHours(), r.recurrenceMetres(), r.recurrenceDays(),
				r.mismatchMetres(), r.escalateDays(), r.letterDays(), r.greenRate(), r.redRate() };
		for (int i = 0; i < NUMBERS.size(); i++) {
			values.put(NUMBERS.get(i), String.valueOf(n[i]));
		}
		values.put("version", String.valueOf(r.version()));
		return values;
	}

	private static int number(String field, String text, List<FieldProblem> bad) {
		try {
			return Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			bad.add(FieldProblem.of(field, "problemSettings.error.number"));
			return 0;
		}
	}

}
