package cn.chuangwen.evaluation.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import cn.chuangwen.evaluation.ScoreSource;
import cn.chuangwen.evaluation.internal.rules.OnTimeRule;
import cn.chuangwen.evaluation.internal.rules.RecurrenceRule;
import cn.chuangwen.evaluation.internal.rules.SourceValue;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.problems.ProblemLists;
import cn.chuangwen.shared.PeriodCode;

/** PROBLEM_ON_TIME and PROBLEM_RECURRENCE from the problems module's red/yellow/green list figures. */
@Component
class ProblemReader implements SourceReader {

	private final ProblemLists lists;

	ProblemReader(ProblemLists lists) {
		this.lists = lists;
	}

	@Override
	public Set<ScoreSource> sources() {
		return Set.of(ScoreSource.PROBLEM_ON_TIME, ScoreSource.PROBLEM_RECURRENCE);
	}

	@Override
	public boolean available(CityView city, PeriodCode.Kind kind) {
		return true;
	}

	@Override
	public void read(CityView city, PeriodCode period, Map<Long, Map<ScoreSource, SourceValue>> into) {
		for (ProblemLists.Line l : lists.linesOf(city, period)) {
			Map<ScoreSource, SourceValue> m = into.computeIfAbsent(l.unitId(), u -> new EnumMap<>(ScoreSource.class));
			m.put(ScoreSource.PROBLEM_ON_TIME, OnTimeRule.value(l.due(), l.onTime()));
			m.put(ScoreSource.PROBLEM_RECURRENCE, RecurrenceRule.value(l.problems(), l.recurrences()));
		}
	}

}
