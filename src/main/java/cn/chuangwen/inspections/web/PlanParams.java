package cn.chuangwen.inspections.web;

import java.util.List;

import cn.chuangwen.inspections.PlanFilter;
import cn.chuangwen.inspections.PlanKind;
import cn.chuangwen.inspections.PlanState;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.PeriodCode;
import cn.chuangwen.shared.web.QueryParams;

/** The plan list's filters from request text: refused when bad on the API, ignored (left out) on the page. */
final class PlanParams {

	private PlanParams() {
	}

	static PlanFilter filter(String kind, String state, String period, List<FieldProblem> bad) {
		return new PlanFilter(kind(kind, bad), state(state, bad), period(period, bad));
	}

	static PlanKind kind(String text, List<FieldProblem> bad) {
		String t = QueryParams.blank(text);
		if (t == null) {
			return null;
		}
		for (PlanKind k : PlanKind.values()) {
			if (k.name().equalsIgnoreCase(t)) {
				return k;
			}
		}
		bad.add(FieldProblem.of("kind", "plan.error.kind"));
		return null;
	}

	static PlanState state(String text, List<FieldProblem> bad) {
		String t = QueryParams.blank(text);
		if (t == null) {
			return null;
		}
		for (PlanState s : PlanState.values()) {
			if (s.name().equalsIgnoreCase(t)) {
				return s;
			}
		}
		bad.add(FieldProblem.of("state", "plan.error.state"));
		return null;
	}

	/** A period code as the plans store it (2026-11, 2026-B6 ...). */
	static String period(String text, List<FieldProblem> bad) {
		String t = QueryParams.blank(text);
		if (t == null) {
			return null;
		}
		try {
			return PeriodCode.parse(t).text();
		}
		catch (InvalidInputException ex) {
			bad.addAll(ex.problems());
			return null;
		}
	}

}
