package cn.chuangwen.surveys;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A survey's results as the reader may see them: per unit (responses, score or "sample too small")
 * and per question (counts per option or rating, the mean rating, the newest text answers), over the
 * units in the reader's scope or one of them ({@code unitId}).
 */
public record SurveyResults(SurveyView survey, int minResponses, Long unitId, long responses, List<UnitResult> units,
		List<QuestionResult> questions) {

	/** The most text answers listed per question. */
	public static final int MAX_TEXTS = 50;

	public record UnitResult(long unitId, String unitName, long responses, BigDecimal score, boolean sampleTooSmall) {
	}

	/**
	 * One question: how many responses answered it; for a choice question the count per option, for a
	 * rating the count per rating 1 to 5 and the mean; for a text question the newest answers.
	 */
	public record QuestionResult(long questionId, int position, QuestionKind kind, String labelZh, String labelEn,
			long answered, List<OptionCount> options, BigDecimal meanRating, List<TextAnswer> texts) {

		public String label(Locale locale) {
			return SurveyView.english(locale) ? labelEn : labelZh;
		}

	}

	/** A count per option (or per rating: the labels are "1" to "5"). */
	public record OptionCount(String labelZh, String labelEn, long count) {

		public String label(Locale locale) {
			return SurveyView.english(locale) ? labelEn : labelZh;
		}

	}

	public record TextAnswer(String text, Instant at) {
	}

}
