package cn.chuangwen.evaluation.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import cn.chuangwen.evaluation.ScoreSource;
import cn.chuangwen.evaluation.internal.rules.SourceValue;
import cn.chuangwen.evaluation.internal.rules.SurveyRule;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.shared.PeriodCode;
import cn.chuangwen.surveys.Satisfaction;

/**
 * SURVEY from the surveys module: each window unit's satisfaction in the city's survey rounds that
 * overlap the period (a quarterly round counts for each month, bimonth and week inside it, and the
 * year averages its quarters). A city that never ran a survey lacks the source.
 */
@Component
class SurveyReader implements SourceReader {

	/** How far back a round may begin and still overlap a period (the longest round is a year). */
	private static final int LOOKBACK_YEARS = 1;

	private final Satisfaction satisfaction;

	SurveyReader(Satisfaction satisfaction) {
		this.satisfaction = satisfaction;
	}

	@Override
	public Set<ScoreSource> sources() {
		return Set.of(ScoreSource.SURVEY);
	}

	@Override
	public boolean available(CityView city, PeriodCode.Kind kind) {
		return !satisfaction.rounds(city.id(), LocalDate.of(PeriodCode.MIN_YEAR, 1, 1),
				LocalDate.of(PeriodCode.MAX_YEAR + 1, 1, 1)).isEmpty();
	}

	@Override
	public void read(CityView city, PeriodCode period, Map<Long, Map<ScoreSource, SourceValue>> into) {
		Map<Long, List<SurveyRule.Round>> byUnit = new HashMap<>();
		for (String code : satisfaction.rounds(city.id(), period.start().minusYears(LOOKBACK_YEARS), period.end())) {
			PeriodCode round = PeriodCode.parse(code);
			if (!round.end().isAfter(period.start())) {
				continue;
			}
			for (Satisfaction.UnitSatisfaction u : satisfaction.byUnit(city.id(), round)) {
				byUnit.computeIfAbsent(u.unitId(), k -> new ArrayList<>())
					.add(new SurveyRule.Round(u.score(), u.responses()));
			}
		}
		byUnit.forEach((unitId, rounds) -> into.computeIfAbsent(unitId, u -> new EnumMap<>(ScoreSource.class))
			.put(ScoreSource.SURVEY, SurveyRule.value(rounds)));
	}

}
