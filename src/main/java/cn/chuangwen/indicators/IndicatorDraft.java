package cn.chuangwen.indicators;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import cn.chuangwen.indicators.internal.IndicatorRules;
import cn.chuangwen.shared.FieldProblem;

/**
 * What an office may change on one indicator of a version not yet in use. The code, the level and
 * the place in the tree stay as imported: restructuring is a new import.
 */
public record IndicatorDraft(String name, String criteria, List<AssessmentMethod> methods, BigDecimal score,
		List<String> pointTypes, BigDecimal targetQuantity, String targetUnit) {

	public IndicatorDraft {
		methods = methods == null ? List.of() : List.copyOf(methods);
		pointTypes = pointTypes == null ? List.of() : List.copyOf(pointTypes);
	}

	/** Problems the draft has on its own, before it is compared with the tree around it. */
	public List<FieldProblem> problems() {
		List<FieldProblem> problems = new ArrayList<>();
		String n = name == null ? "" : name.strip();
		if (n.isEmpty()) {
			problems.add(FieldProblem.of("name", "indicator.error.name.required"));
		}
		else if (n.length() > IndicatorRules.MAX_NAME) {
			problems.add(FieldProblem.of("name", "indicator.error.name.long", IndicatorRules.MAX_NAME));
		}
		if (criteria != null && criteria.strip().length() > IndicatorRules.MAX_CRITERIA) {
			problems.add(FieldProblem.of("criteria", "indicator.error.criteria.long", IndicatorRules.MAX_CRITERIA));
		}
		if (score == null) {
			problems.add(FieldProblem.of("score", "indicator.error.score.required"));
		}
		else {
			String key = IndicatorRules.checkScore(score);
			if (key != null) {
				problems.add(FieldProblem.of("score", key));
			}
		}
		String types = IndicatorRules.joinPointTypes(pointTypes);
		String typeKey = IndicatorRules.checkPointTypes(pointTypes);
		if (typeKey != null) {
			problems.add(FieldProblem.of("pointTypes", typeKey, types));
		}
		String unit = targetUnit == null ? "" : targetUnit.strip();
		if (targetQuantity != null) {
			String key = IndicatorRules.checkQuantity(targetQuantity);
			if (key != null) {
				problems.add(FieldProblem.of("targetQuantity", key));
			}
			if (unit.isEmpty()) {
				problems.add(FieldProblem.of("targetUnit", "indicator.error.target.unitRequired"));
			}
		}
		else if (!unit.isEmpty()) {
			problems.add(FieldProblem.of("targetQuantity", "indicator.error.target.quantityRequired"));
		}
		if (unit.length() > IndicatorRules.MAX_UNIT) {
			problems.add(FieldProblem.of("targetUnit", "indicator.error.target.unitLong", IndicatorRules.MAX_UNIT));
		}
		return problems;
	}

}
