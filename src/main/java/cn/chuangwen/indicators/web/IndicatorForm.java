package cn.chuangwen.indicators.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import cn.chuangwen.indicators.AssessmentMethod;
import cn.chuangwen.indicators.IndicatorDraft;
import cn.chuangwen.indicators.IndicatorView;
import cn.chuangwen.indicators.internal.IndicatorRules;
import cn.chuangwen.shared.FieldProblem;

/** The indicator edit form as the browser posts it; numbers stay text until they are checked. */
public class IndicatorForm {

	private String name;

	private String criteria;

	private List<String> methods = new ArrayList<>();

	private String score;

	private String pointTypes;

	private String targetQuantity;

	private String targetUnit;

	private int version;

	static IndicatorForm of(IndicatorView i, int version) {
		IndicatorForm f = new IndicatorForm();
		f.name = i.name();
		f.criteria = i.criteria();
		f.methods = new ArrayList<>(i.methods().stream().map(Enum::name).toList());
		f.score = TreeNode.plain(i.score());
		f.pointTypes = String.join("、", i.pointTypes());
		f.targetQuantity = TreeNode.plain(i.targetQuantity());
		f.targetUnit = i.targetUnit();
		f.version = version;
		return f;
	}

	/** The draft; numbers that are not numbers are left null and reported in {@code problems}. */
	IndicatorDraft toDraft(List<FieldProblem> problems) {
		List<AssessmentMethod> parsed = new ArrayList<>();
		for (String m : methods == null ? List.<String>of() : methods) {
			AssessmentMethod.parse(m).ifPresentOrElse(parsed::add,
					() -> problems.add(FieldProblem.of("methods", "indicator.error.method.unknown", m)));
		}
		BigDecimal s = null;
		if (score != null && !score.isBlank()) {
			s = IndicatorRules.number(score);
			if (s == null) {
				problems.add(FieldProblem.of("score", "indicator.error.score.number", score.strip()));
			}
		}
		BigDecimal q = null;
		if (targetQuantity != null && !targetQuantity.isBlank()) {
			q = IndicatorRules.number(targetQuantity);
			if (q == null) {
				problems.add(FieldProblem.of("targetQuantity", "indicator.error.target.number", targetQuantity.strip()));
			}
		}
		return new IndicatorDraft(name, criteria, parsed, s, IndicatorRules.split(pointTypes), q, targetUnit);
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getCriteria() {
		return criteria;
	}

	public void setCriteria(String criteria) {
		this.criteria = criteria;
	}

	public List<String> getMethods() {
		return methods;
	}

	public void setMethods(List<String> methods) {
		this.methods = methods;
	}

	public String getScore() {
		return score;
	}

	public void setScore(String score) {
		this.score = score;
	}

	public String getPointTypes() {
		return pointTypes;
	}

	public void setPointTypes(String pointTypes) {
		this.pointTypes = pointTypes;
	}

	public String getTargetQuantity() {
		return targetQuantity;
	}

	public void setTargetQuantity(String targetQuantity) {
		this.targetQuantity = targetQuantity;
	}

	public String getTargetUnit() {
		return targetUnit;
	}

	public void setTargetUnit(String targetUnit) {
		this.targetUnit = targetUnit;
	}

	public int getVersion() {
		return version;
	}

	public void setVersion(int version) {
		this.version = version;
	}

}
