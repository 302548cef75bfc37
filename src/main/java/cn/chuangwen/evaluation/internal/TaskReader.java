package cn.chuangwen.evaluation.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import cn.chuangwen.evaluation.ScoreSource;
import cn.chuangwen.evaluation.internal.rules.ProgressRule;
import cn.chuangwen.evaluation.internal.rules.SignoffRule;
import cn.chuangwen.evaluation.internal.rules.SourceValue;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.shared.PeriodCode;
import cn.chuangwen.tasks.TaskFigures;

/** TASK_PROGRESS and TASK_SIGNOFF from the tasks module's assignment figures at the period's end. */
@Component
class TaskReader implements SourceReader {

	private final TaskFigures figures;

	TaskReader(TaskFigures figures) {
		this.figures = figures;
	}

	@Override
	public Set<ScoreSource> sources() {
		return Set.of(ScoreSource.TASK_PROGRESS, ScoreSource.TASK_SIGNOFF);
	}

	@Override
	public boolean available(CityView city, PeriodCode.Kind kind) {
		return true;
	}

	@Override
	public void read(CityView city, PeriodCode period, Map<Long, Map<ScoreSource, SourceValue>> into) {
		for (TaskFigures.UnitTasks t : figures.of(city.id(), period.end())) {
			Map<ScoreSource, SourceValue> m = into.computeIfAbsent(t.unitId(), u -> new EnumMap<>(ScoreSource.class));
			m.put(ScoreSource.TASK_PROGRESS, ProgressRule.value(t.assignments(), t.progressSum()));
			m.put(ScoreSource.TASK_SIGNOFF, SignoffRule.value(t.due(), t.signedOff()));
		}
	}

}
