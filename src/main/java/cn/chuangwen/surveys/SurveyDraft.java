package cn.chuangwen.surveys;

import java.math.BigDecimal;
import java.util.List;

/**
 * A new survey as the office writes it (the API's body, or the builder form): a name, the round's
 * period code ({@code 2026-Q4}), the window units it runs over (empty: every active window unit of
 * the city) and the questionnaire. Checked by {@link SurveyRules#check}.
 */
public record SurveyDraft(String name, String round, List<Long> unitIds, List<QuestionDraft> questions) {

	/**
	 * One question: its kind ({@link QuestionKind} by name), whether an answer is required, its
	 * Chinese label (required) and English label (the Chinese one when left empty), and the options
	 * of a choice question.
	 */
	public record QuestionDraft(String kind, Boolean required, String labelZh, String labelEn, List<OptionDraft> options) {
	}

	/** An option of a choice question; {@code score} (0 to 100, optional) counts a single choice towards satisfaction. */
	public record OptionDraft(String labelZh, String labelEn, BigDecimal score) {
	}

}
