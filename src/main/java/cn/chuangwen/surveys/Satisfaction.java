package cn.chuangwen.surveys;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.surveys.internal.SurveyStore;

/**
 * The satisfaction score for other modules (the evaluation schemes' "survey satisfaction" source,
 * the predicted national score's survey part). Called by the system, not on behalf of a user: the
 * caller names the city and is responsible for showing the figures only to whom may see them.
 * <p>
 * The rule is {@link SurveyRules}'s: a rating r counts {@code (r − 1) × 25}, a single choice its
 * option's score; a response scores the mean of its scored answers; a unit scores the mean of its
 * responses' scores (0 to 100, one decimal) once it has the city's minimum number of responses
 * ({@link Surveys#minResponses}), else it has no score and {@code sampleTooSmall} is true. Answers
 * of closed rounds count as much as those of open ones.
 */
@Service
public class Satisfaction {

	/** The campaign's time zone: days and quarters are those of Beijing. */
	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private final SurveyStore store;

	private final Surveys surveys;

	public Satisfaction(SurveyStore store, Surveys surveys) {
		this.store = store;
		this.surveys = surveys;
	}

	/**
	 * A window unit's satisfaction in a round.
	 *
	 * @param score 0 to 100 (one decimal), null when the sample is too small or nothing was scored
	 * @param responses the unit's responses in the round's surveys
	 * @param sampleTooSmall fewer responses than the city's minimum
	 */
	public record UnitSatisfaction(long unitId, String unitName, BigDecimal score, long responses,
			boolean sampleTooSmall) {
	}

	/**
	 * The city's satisfaction over a stretch of time.
	 *
	 * @param score the mean of the unit scores of every round in the range (units with too small a
	 * sample left out), one decimal; null when no unit of any round has a score
	 * @param responses every response of those rounds
	 * @param unitRounds unit-and-round pairs surveyed
	 * @param unitRoundsScored those with a score
	 * @param rounds the round codes, oldest first
	 */
	public record CityFigure(BigDecimal score, long responses, int unitRounds, int unitRoundsScored,
			List<String> rounds) {
	}

	/**
	 * Per window unit surveyed in the city's surveys of {@code round} (all surveys of that round
	 * together), by unit name; empty when the city ran no survey for the round.
	 */
	@Transactional(readOnly = true)
	public List<UnitSatisfaction> byUnit(long cityId, cn.chuangwen.shared.PeriodCode round) {
		int min = surveys.minResponses(cityId);
		return store.roundTallies(cityId, round.text()).stream().map(t -> {
			SurveyResults.UnitResult u = Surveys.unitResult(t, min);
			return new UnitSatisfaction(u.unitId(), u.unitName(), u.score(), u.responses(), u.sampleTooSmall());
		}).toList();
	}

	/** The codes of the city's survey rounds that begin on or after {@code from} and before {@code to}, oldest first. */
	@Transactional(readOnly = true)
	public List<String> rounds(long cityId, LocalDate from, LocalDate to) {
		return store.rounds(cityId, from, to);
	}

	/** The city's figure over the rounds that begin on or after {@code from} and before {@code to}. */
	@Transactional(readOnly = true)
	public CityFigure city(long cityId, LocalDate from, LocalDate to) {
		List<String> rounds = store.rounds(cityId, from, to);
		List<BigDecimal> scores = new ArrayList<>();
		long responses = 0;
		int pairs = 0;
		for (String round : rounds) {
			for (UnitSatisfaction u : byUnit(cityId, cn.chuangwen.shared.PeriodCode.parse(round))) {
				pairs++;
				responses += u.responses();
				if (u.score() != null) {
					scores.add(u.score());
				}
			}
		}
		BigDecimal score = SurveyRules.mean(scores, 1);
		return new CityFigure(score == null ? null : score.setScale(1, RoundingMode.HALF_UP), responses, pairs,
				scores.size(), rounds);
	}

	/** The city's figure of a calendar year: the rounds that begin in it. */
	@Transactional(readOnly = true)
	public CityFigure year(long cityId, int year) {
		return city(cityId, LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1));
	}

}
