package cn.chuangwen.inspections.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import cn.chuangwen.inspections.InspectionRules;
import cn.chuangwen.inspections.InspectionSettings;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.PeriodCode;

/** Reading the inspection rules' fields from the settings form and the API, one way for both. */
final class RuleFields {

	private RuleFields() {
	}

	/** MONTH or BIMONTH; anything else is named on {@code periodKind}. */
	static PeriodCode.Kind periodKind(List<FieldProblem> bad, String text) {
		String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
		if (t.equals("MONTH") || t.equals("BIMONTH")) {
			return PeriodCode.Kind.valueOf(t);
		}
		bad.add(FieldProblem.of("periodKind", text == null || text.isBlank() ? "inspectionRules.error.required"
				: "inspectionRules.error.periodKind"));
		return null;
	}

	/**
	 * The rules when the fields could be read; else 400 naming the unreadable ones together with
	 * every value out of range among the others, so the form shows all its errors at once.
	 */
	static InspectionRules checked(List<FieldProblem> unreadable, InspectionRules rules) {
		if (unreadable.isEmpty()) {
			return rules;
		}
		List<FieldProblem> all = new ArrayList<>(unreadable);
		try {
			InspectionSettings.check(rules);
		}
		catch (InvalidInputException ex) {
			// a field already named as unreadable is not named again for its range
			ex.problems()
				.stream()
				.filter(p -> all.stream().noneMatch(u -> u.field().equals(p.field())))
				.forEach(all::add);
		}
		throw new InvalidInputException(all);
	}

}
