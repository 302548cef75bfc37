package cn.chuangwen.evaluation.internal;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import cn.chuangwen.documents.LetterTargets;
import cn.chuangwen.evaluation.ScoreSource;
import cn.chuangwen.evaluation.internal.rules.LetterRule;
import cn.chuangwen.evaluation.internal.rules.SourceValue;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.shared.PeriodCode;
import cn.chuangwen.tasks.Assignments;
import cn.chuangwen.tasks.TaskFigures;

/**
 * LETTER_TARGETS from the responsibility letters (documents) and the sign-offs (tasks): a target
 * is met when its assignment was signed off before the end of the deadline day the letter gave it
 * (Beijing time), and before the period's end. A city that never issued a letter lacks the source.
 */
@Component
class LetterReader implements SourceReader {

	private final LetterTargets letters;

	private final TaskFigures tasks;

	LetterReader(LetterTargets letters, TaskFigures tasks) {
		this.letters = letters;
		this.tasks = tasks;
	}

	@Override
	public Set<ScoreSource> sources() {
		return Set.of(ScoreSource.LETTER_TARGETS);
	}

	@Override
	public boolean available(CityView city, PeriodCode.Kind kind) {
		return letters.any(city.id());
	}

	@Override
	public void read(CityView city, PeriodCode period, Map<Long, Map<ScoreSource, SourceValue>> into) {
		Map<Long, Instant> signedOff = tasks.signOffs(city.id(), period.end());
		Map<Long, int[]> dueAndMet = new HashMap<>();
		for (LetterTargets.Target t : letters.dueBefore(city.id(), period.start().getYear(),
				period.lastDay().getYear(), period.end())) {
			int[] counts = dueAndMet.computeIfAbsent(t.unitId(), u -> new int[2]);
			counts[0]++;
			Instant at = signedOff.get(t.assignmentId());
			if (at != null && at.isBefore(t.deadline().plusDays(1).atStartOfDay(Assignments.ZONE).toInstant())) {
				counts[1]++;
			}
		}
		dueAndMet.forEach((unitId, c) -> into.computeIfAbsent(unitId, u -> new EnumMap<>(ScoreSource.class))
			.put(ScoreSource.LETTER_TARGETS, LetterRule.value(c[0], c[1])));
	}

}
