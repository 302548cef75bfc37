package cn.chuangwen.evaluation.internal.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * SURVEY: the mean of the unit's satisfaction scores (already 0–100) in the survey rounds that
 * overlap the period, counting only rounds where the unit reached the city's minimum sample; no such
 * round: no value. The sample is the unit's responses in those rounds.
 */
public final class SurveyRule {

	private SurveyRule() {
	}

	/** A unit's round: its score (null: sample too small) and its responses. */
	public record Round(BigDecimal score, long responses) {
	}

	public static SourceValue value(List<Round> rounds) {
		List<BigDecimal> scores = rounds.stream().map(Round::score).filter(s -> s != null).toList();
		if (scores.isEmpty()) {
			return SourceValue.NONE;
		}
		BigDecimal mean = scores.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
			.divide(BigDecimal.valueOf(scores.size()), 2, RoundingMode.HALF_UP);
		long responses = rounds.stream().mapToLong(Round::responses).sum();
		return new SourceValue(SourceValue.bounded(mean), (int) Math.min(Integer.MAX_VALUE, responses));
	}

}
