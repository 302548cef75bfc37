package cn.chuangwen.inspections.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.chuangwen.inspections.InspectionRules;
import cn.chuangwen.inspections.InspectionSettings;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;

/** The office's page for the city's inspection rules: period, weights, sample, bands, distance, dispatch. */
@Controller
class InspectionSettingsPages {

	/** The number fields in the form's order. */
	static final List<String> NUMBERS = List.of("announcedWeight", "unannouncedWeight", "minPoints", "greenShare",
			"redShare", "maxDistanceMetres");

	private final InspectionSettings settings;

	private final MessageSource messages;

	InspectionSettingsPages(InspectionSettings settings, MessageSource messages) {
		this.settings = settings;
		this.messages = messages;
	}

	@GetMapping("/inspections/settings")
	@PreAuthorize("hasAuthority('inspection:publish')")
	String page(@AuthenticationPrincipal CurrentUser user, Model model) {
		return page(values(settings.rules(user)), FormErrors.none(), model);
	}

	@PostMapping("/inspections/settings")
	@PreAuthorize("hasAuthority('inspection:publish')")
	String change(@AuthenticationPrincipal CurrentUser user, @RequestParam Map<String, String> form, Model model,
			Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("periodKind", form.getOrDefault("periodKind", "").strip());
		NUMBERS.forEach(f -> values.put(f, form.getOrDefault(f, "").strip()));
		values.put("dispatchAnnouncedAtOnce", String.valueOf("true".equals(form.get("dispatchAnnouncedAtOnce"))));
		values.put("version", form.getOrDefault("version", ""));
		try {
			List<FieldProblem> bad = new ArrayList<>();
			InspectionRules rules = RuleFields.checked(bad,
					new InspectionRules(RuleFields.periodKind(bad, values.get("periodKind")),
							decimal("announcedWeight", values, bad), decimal("unannouncedWeight", values, bad),
							number("minPoints", values, bad), decimal("greenShare", values, bad),
							decimal("redShare", values, bad), number("maxDistanceMetres", values, bad),
							Boolean.parseBoolean(values.get("dispatchAnnouncedAtOnce")), number("version", values, bad)));
			settings.change(user, rules);
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return page(values, FormErrors.of(ex.problems(), messages, locale), model);
		}
		catch (ConflictException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			model.addAttribute("conflict", messages.getMessage(ex.messageKey(), ex.args(), locale));
			return page(values, FormErrors.none(), model);
		}
		redirect.addFlashAttribute("notice", "inspectionRules.saved");
		return "redirect:/inspections/settings";
	}

	private String page(Map<String, String> values, FormErrors errors, Model model) {
		model.addAttribute("values", values);
		model.addAttribute("numbers", NUMBERS);
		model.addAttribute("errors", errors);
		return "inspections/settings";
	}

	private static Map<String, String> values(InspectionRules r) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("periodKind", r.periodKind().name());
		values.put("announcedWeight", plain(r.announcedWeight()));
		values.put("unannouncedWeight", plain(r.unannouncedWeight()));
		values.put("minPoints", String.valueOf(r.minPoints()));
		values.put("greenShare", plain(r.greenShare()));
		values.put("redShare", plain(r.redShare()));
		values.put("maxDistanceMetres", String.valueOf(r.maxDistanceMetres()));
		values.put("dispatchAnnouncedAtOnce", String.valueOf(r.dispatchAnnouncedAtOnce()));
		values.put("version", String.valueOf(r.version()));
		return values;
	}

	private static String plain(BigDecimal value) {
		return value.stripTrailingZeros().toPlainString();
	}

	private static BigDecimal decimal(String field, Map<String, String> values, List<FieldProblem> bad) {
		try {
			String text = values.get(field);
			// plain digits only: no exponent to blow up, no sign or grouping to misread
			if (!text.matches("\\d{1,6}(\\.\\d{1,6})?")) {
				throw new NumberFormatException();
			}
			return new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			bad.add(FieldProblem.of(field, "inspectionRules.error.number"));
			return null;
		}
	}

	private static int number(String field, Map<String, String> values, List<FieldProblem> bad) {
		try {
			return Integer.parseInt(values.get(field));
		}
		catch (NumberFormatException ex) {
			bad.add(FieldProblem.of(field, "inspectionRules.error.number"));
			return 0;
		}
	}

}
