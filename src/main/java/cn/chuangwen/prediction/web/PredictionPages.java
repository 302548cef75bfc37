package cn.chuangwen.prediction.web;

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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import tools.jackson.databind.json.JsonMapper;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.prediction.PredictionFormula;
import cn.chuangwen.prediction.Predictions;
import cn.chuangwen.prediction.Predictions.Deduction;
import cn.chuangwen.prediction.Predictions.DeductionDraft;
import cn.chuangwen.prediction.Predictions.Inputs;
import cn.chuangwen.prediction.Predictions.InputsChange;
import cn.chuangwen.prediction.Predictions.Prediction;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;

/**
 * The predicted score page ({@code /prediction}: the estimate with its range, the parts, the gate,
 * the leaves losing most, what gains most per unit of work, the weekly trend, the method) and the
 * office's inputs page ({@code /prediction/inputs}: minors' score, cycle, negative list).
 */
@Controller
class PredictionPages {

	static final List<String> INPUT_FIELDS = List.of("minorsScore", "cycleStartYear", "year1Score", "year2Score");

	private final Predictions predictions;

	private final MessageSource messages;

	private final JsonMapper json;

	PredictionPages(Predictions predictions, MessageSource messages, JsonMapper json) {
		this.predictions = predictions;
		this.messages = messages;
		this.json = json;
	}

	@GetMapping("/prediction")
	@PreAuthorize("hasAuthority('prediction:read')")
	String page(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String cityCode,
			Model model, Locale locale) {
		if (user.cityId() == null && (cityCode == null || cityCode.isBlank())) {
			model.addAttribute("cities", predictions.cities(user));
			return "prediction/page";
		}
		Prediction p = predictions.predict(user, cityCode);
		List<Predictions.Week> trend = predictions.trend(user, cityCode);
		model.addAttribute("p", p);
		model.addAttribute("r", p.result());
		model.addAttribute("trend", trend);
		model.addAttribute("chartJson", chart(trend, locale));
		model.addAttribute("formula", Map.of("share", fmt(PredictionFormula.MINORS_SHARE * 100), "gate",
				fmt(PredictionFormula.GATE), "rate", fmt(PredictionFormula.ASSUMED_RATE * 100), "minors",
				fmt(PredictionFormula.ASSUMED_MINORS)));
		if (user.cityId() == null) {
			model.addAttribute("cities", predictions.cities(user));
		}
		return "prediction/page";
	}

	private String chart(List<Predictions.Week> trend, Locale locale) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("weeks", trend.stream().map(Predictions.Week::week).toList());
		out.put("total", trend.stream().map(Predictions.Week::total).toList());
		out.put("low", trend.stream().map(Predictions.Week::low).toList());
		out.put("high", trend.stream().map(Predictions.Week::high).toList());
		out.put("names", Map.of("total", msg("prediction.trend.total", locale), "low",
				msg("prediction.trend.low", locale), "high", msg("prediction.trend.high", locale)));
		return json.writeValueAsString(out);
	}

	@GetMapping("/prediction/inputs")
	@PreAuthorize("hasAuthority('prediction:write')")
	String inputs(@AuthenticationPrincipal CurrentUser user, Model model) {
		return inputsPage(user, values(predictions.inputs(user)), FormErrors.none(), Map.of(), FormErrors.none(), model);
	}

	@PostMapping("/prediction/inputs")
	@PreAuthorize("hasAuthority('prediction:write')")
	String change(@AuthenticationPrincipal CurrentUser user, @RequestParam Map<String, String> form, Model model,
			Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
		Map<String, String> values = new LinkedHashMap<>();
		INPUT_FIELDS.forEach(f -> values.put(f, form.getOrDefault(f, "").strip()));
		values.put("version", form.getOrDefault("version", "0").strip());
		try {
			List<FieldProblem> bad = new ArrayList<>();
			InputsChange change = new InputsChange(decimal(bad, "minorsScore", values), year(bad, values),
					decimal(bad, "year1Score", values), decimal(bad, "year2Score", values), version(values));
			if (!bad.isEmpty()) {
				throw new InvalidInputException(bad);
			}
			predictions.change(user, change);
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return inputsPage(user, values, FormErrors.of(ex.problems(), messages, locale), Map.of(), FormErrors.none(),
					model);
		}
		catch (ConflictException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			model.addAttribute("conflict", messages.getMessage(ex.messageKey(), ex.args(), locale));
			return inputsPage(user, values(predictions.inputs(user)), FormErrors.none(), Map.of(), FormErrors.none(),
					model);
		}
		redirect.addFlashAttribute("notice", "prediction.inputs.saved");
		return "redirect:/prediction/inputs";
	}

	@PostMapping("/prediction/inputs/deductions")
	@PreAuthorize("hasAuthority('prediction:write')")
	String add(@AuthenticationPrincipal CurrentUser user, @RequestParam Map<String, String> form, Model model,
			Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
		Map<String, String> values = deductionValues(form);
		try {
			predictions.addDeduction(user, draft(values));
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return inputsPage(user, values(predictions.inputs(user)), FormErrors.none(), values,
					FormErrors.of(ex.problems(), messages, locale), model);
		}
		redirect.addFlashAttribute("notice", "prediction.deduction.added");
		return "redirect:/prediction/inputs";
	}

	@GetMapping("/prediction/inputs/deductions/{id}")
	@PreAuthorize("hasAuthority('prediction:write')")
	String editDeduction(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
		Deduction d = predictions.deduction(user, id);
		Map<String, String> values = new LinkedHashMap<>();
		values.put("item", d.item());
		values.put("points", d.points().stripTrailingZeros().toPlainString());
		values.put("reason", d.reason());
		values.put("version", String.valueOf(d.version()));
		return deductionPage(d, values, FormErrors.none(), model);
	}

	@PostMapping("/prediction/inputs/deductions/{id}")
	@PreAuthorize("hasAuthority('prediction:write')")
	String updateDeduction(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam Map<String, String> form, Model model, Locale locale, HttpServletResponse response,
			RedirectAttributes redirect) {
		Deduction d = predictions.deduction(user, id);
		Map<String, String> values = deductionValues(form);
		values.put("version", form.getOrDefault("version", "").strip());
		try {
			Integer version = values.get("version").matches("\\d{1,9}") ? Integer.valueOf(values.get("version")) : null;
			predictions.updateDeduction(user, id, version, draft(values));
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return deductionPage(d, values, FormErrors.of(ex.problems(), messages, locale), model);
		}
		catch (ConflictException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			model.addAttribute("conflict", messages.getMessage(ex.messageKey(), ex.args(), locale));
			return deductionPage(d, values, FormErrors.none(), model);
		}
		redirect.addFlashAttribute("notice", "prediction.deduction.saved");
		return "redirect:/prediction/inputs";
	}

	@PostMapping("/prediction/inputs/deductions/{id}/remove")
	@PreAuthorize("hasAuthority('prediction:write')")
	String remove(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
		predictions.removeDeduction(user, id);
		redirect.addFlashAttribute("notice", "prediction.deduction.removed");
		return "redirect:/prediction/inputs";
	}

	private String inputsPage(CurrentUser user, Map<String, String> values, FormErrors errors,
			Map<String, String> deduction, FormErrors deductionErrors, Model model) {
		model.addAttribute("values", values);
		model.addAttribute("fields", INPUT_FIELDS);
		model.addAttribute("errors", errors);
		model.addAttribute("deductions", predictions.deductions(user));
		model.addAttribute("deduction", deduction);
		model.addAttribute("deductionErrors", deductionErrors);
		return "prediction/inputs";
	}

	private String deductionPage(Deduction d, Map<String, String> values, FormErrors errors, Model model) {
		model.addAttribute("d", d);
		model.addAttribute("values", values);
		model.addAttribute("errors", errors);
		return "prediction/deduction";
	}

	private static Map<String, String> deductionValues(Map<String, String> form) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("item", form.getOrDefault("item", "").strip());
		values.put("points", form.getOrDefault("points", "").strip());
		values.put("reason", form.getOrDefault("reason", "").strip());
		return values;
	}

	private static DeductionDraft draft(Map<String, String> values) {
		List<FieldProblem> bad = new ArrayList<>();
		BigDecimal points = values.get("points").isEmpty() ? null : decimal(bad, "points", values);
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
		return new DeductionDraft(values.get("item"), points, values.get("reason"));
	}

	private static Map<String, String> values(Inputs i) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("minorsScore", plain(i.minorsScore()));
		values.put("cycleStartYear", i.cycleStartYear() == null ? "" : String.valueOf(i.cycleStartYear()));
		values.put("year1Score", plain(i.year1Score()));
		values.put("year2Score", plain(i.year2Score()));
		values.put("version", String.valueOf(i.version()));
		return values;
	}

	private static String plain(BigDecimal value) {
		return value == null ? "" : value.stripTrailingZeros().toPlainString();
	}

	/** Empty is "not entered" (null); otherwise plain digits with up to 3 decimals. */
	private static BigDecimal decimal(List<FieldProblem> bad, String field, Map<String, String> values) {
		String text = values.get(field);
		if (text.isEmpty()) {
			return null;
		}
		if (!text.matches("\\d{1,3}(\\.\\d{1,3})?")) {
			bad.add(FieldProblem.of(field, "prediction.error.number"));
			return null;
		}
		return new BigDecimal(text);
	}

	private static Integer year(List<FieldProblem> bad, Map<String, String> values) {
		String text = values.get("cycleStartYear");
		if (text.isEmpty()) {
			return null;
		}
		if (!text.matches("\\d{4}")) {
			bad.add(FieldProblem.of("cycleStartYear", "prediction.error.year"));
			return null;
		}
		return Integer.valueOf(text);
	}

	private static Integer version(Map<String, String> values) {
		String text = values.get("version");
		return text.matches("\\d{1,9}") ? Integer.valueOf(text) : null;
	}

	private static String fmt(double v) {
		return Prediction.shown(v).stripTrailingZeros().toPlainString();
	}

	private String msg(String key, Locale locale) {
		return messages.getMessage(key, null, locale);
	}

}
