package cn.chuangwen.surveys;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.PeriodCode;

/**
 * The rules of a survey, without the database: what a questionnaire must look like, and how answers
 * become the satisfaction score.
 * <p>
 * <b>The score rule</b> (0 to 100). Each scored answer has a value: a rating r (1 to 5) is
 * {@code (r − 1) × 25} (1 → 0, 3 → 50, 5 → 100); a single choice whose option carries a score is
 * that score. Multiple choices and texts are not scored. A response's score is the mean of its
 * scored answers (none: the response has no score). A unit's score for a round is the mean of the
 * scores of its responses, to one decimal, and only once the unit has at least the city's minimum
 * number of responses (a smaller sample gets no score and is marked "sample too small").
 */
public final class SurveyRules {

	public static final int MAX_NAME = 200;

	public static final int MAX_QUESTIONS = 50;

	public static final int MAX_LABEL = 300;

	public static final int MIN_OPTIONS = 2;

	public static final int MAX_OPTIONS = 20;

	public static final int MAX_OPTION_LABEL = 100;

	public static final int MAX_TEXT_ANSWER = 1000;

	public static final BigDecimal MAX_SCORE = BigDecimal.valueOf(100);

	private static final BigDecimal QUARTER_STEP = BigDecimal.valueOf(25);

	private SurveyRules() {
	}

	/** A questionnaire that passed {@link #check}: trimmed text, English labels filled, the round parsed. */
	public record Checked(String name, PeriodCode round, List<Long> unitIds, List<CheckedQuestion> questions) {
	}

	public record CheckedQuestion(QuestionKind kind, boolean required, String labelZh, String labelEn,
			List<SurveyDraft.OptionDraft> options) {
	}

	/**
	 * Checks a draft; every wrong field is named at once ({@code name}, {@code round},
	 * {@code questions}, {@code questions[2].labelZh}, {@code questions[2].options} ...).
	 */
	public static Checked check(SurveyDraft draft) {
		List<FieldProblem> wrong = new ArrayList<>();
		String name = trim(draft == null ? null : draft.name());
		if (name == null) {
			wrong.add(FieldProblem.of("name", "survey.error.name.required"));
		}
		else if (name.length() > MAX_NAME) {
			wrong.add(FieldProblem.of("name", "survey.error.name.long", MAX_NAME));
		}
		PeriodCode round = null;
		String roundText = trim(draft == null ? null : draft.round());
		if (roundText == null) {
			wrong.add(FieldProblem.of("round", "survey.error.round.required"));
		}
		else {
			try {
				round = PeriodCode.parse(roundText, "round");
			}
			catch (InvalidInputException ex) {
				wrong.addAll(ex.problems());
			}
		}
		List<Long> units = new ArrayList<>();
		if (draft != null && draft.unitIds() != null) {
			for (Long id : draft.unitIds()) {
				if (id == null) {
					wrong.add(FieldProblem.of("unitIds", "survey.error.units.unknown"));
					break;
				}
				units.add(id);
			}
		}
		List<CheckedQuestion> questions = new ArrayList<>();
		List<SurveyDraft.QuestionDraft> asked = draft == null || draft.questions() == null ? List.of() : draft.questions();
		if (asked.isEmpty()) {
			wrong.add(FieldProblem.of("questions", "survey.error.questions.none"));
		}
		else if (asked.size() > MAX_QUESTIONS) {
			wrong.add(FieldProblem.of("questions", "survey.error.questions.many", MAX_QUESTIONS));
		}
		else {
			for (int i = 0; i < asked.size(); i++) {
				CheckedQuestion q = question(asked.get(i), "questions[" + i + "]", i + 1, wrong);
				if (q != null) {
					questions.add(q);
				}
			}
		}
		if (!wrong.isEmpty()) {
			throw new InvalidInputException(wrong);
		}
		return new Checked(name, round, List.copyOf(new LinkedHashSet<>(units)), questions);
	}

	private static CheckedQuestion question(SurveyDraft.QuestionDraft q, String field, int number,
			List<FieldProblem> wrong) {
		if (q == null) {
			wrong.add(FieldProblem.of(field + ".kind", "survey.error.question.kind", number));
			return null;
		}
		int before = wrong.size();
		QuestionKind kind = QuestionKind.parse(q.kind()).orElse(null);
		if (kind == null) {
			wrong.add(FieldProblem.of(field + ".kind", "survey.error.question.kind", number));
		}
		String zh = trim(q.labelZh());
		if (zh == null) {
			wrong.add(FieldProblem.of(field + ".labelZh", "survey.error.label.required", number));
		}
		else if (zh.length() > MAX_LABEL) {
			wrong.add(FieldProblem.of(field + ".labelZh", "survey.error.label.long", number, MAX_LABEL));
		}
		String en = trim(q.labelEn());
		if (en != null && en.length() > MAX_LABEL) {
			wrong.add(FieldProblem.of(field + ".labelEn", "survey.error.label.long", number, MAX_LABEL));
		}
		List<SurveyDraft.OptionDraft> given = q.options() == null ? List.of() : q.options();
		List<SurveyDraft.OptionDraft> options = new ArrayList<>();
		if (kind != null && kind.choice()) {
			if (given.size() < MIN_OPTIONS) {
				wrong.add(FieldProblem.of(field + ".options", "survey.error.options.few", number, MIN_OPTIONS));
			}
			else if (given.size() > MAX_OPTIONS) {
				wrong.add(FieldProblem.of(field + ".options", "survey.error.options.many", number, MAX_OPTIONS));
			}
			else {
				for (int k = 0; k < given.size(); k++) {
					SurveyDraft.OptionDraft o = given.get(k);
					String ozh = trim(o == null ? null : o.labelZh());
					String oen = trim(o == null ? null : o.labelEn());
					BigDecimal score = o == null ? null : o.score();
					if (ozh == null) {
						wrong.add(FieldProblem.of(field + ".options", "survey.error.option.required", number, k + 1));
					}
					else if (ozh.length() > MAX_OPTION_LABEL || oen != null && oen.length() > MAX_OPTION_LABEL) {
						wrong.add(FieldProblem.of(field + ".options", "survey.error.option.long", number, k + 1,
								MAX_OPTION_LABEL));
					}
					if (score != null && (score.signum() < 0 || score.compareTo(MAX_SCORE) > 0 || score.scale() > 3)) {
						wrong.add(FieldProblem.of(field + ".options", "survey.error.option.score", number, k + 1));
					}
					options.add(new SurveyDraft.OptionDraft(ozh, oen == null ? ozh : oen,
							score == null ? null : score.setScale(3, RoundingMode.HALF_UP)));
				}
			}
		}
		else if (kind != null && !given.isEmpty()) {
			wrong.add(FieldProblem.of(field + ".options", "survey.error.options.notChoice", number));
		}
		if (wrong.size() > before) {
			return null;
		}
		return new CheckedQuestion(kind, Boolean.TRUE.equals(q.required()), zh, en == null ? zh : en, options);
	}

	// --- the score

	/** A rating's value on the 0 to 100 scale: {@code (rating − 1) × 25}. */
	public static BigDecimal ratingScore(int rating) {
		if (rating < 1 || rating > 5) {
			throw new IllegalArgumentException("a rating is 1 to 5: " + rating);
		}
		return QUARTER_STEP.multiply(BigDecimal.valueOf(rating - 1L)).setScale(3, RoundingMode.UNNECESSARY);
	}

	/** A response's score: the mean of its scored answers (3 decimals), or null when none was scored. */
	public static BigDecimal responseScore(Collection<BigDecimal> scoredAnswers) {
		return mean(scoredAnswers, 3);
	}

	/**
	 * A unit's score from its responses' scores (nulls are responses that scored nothing): the mean to
	 * one decimal, or null when the unit has fewer than {@code minResponses} responses or none scored.
	 */
	public static BigDecimal unitScore(Collection<BigDecimal> responseScores, int minResponses) {
		if (responseScores.size() < minResponses) {
			return null;
		}
		return mean(responseScores, 1);
	}

	/** Whether a unit with this many responses is below the city's minimum sample. */
	public static boolean sampleTooSmall(long responses, int minResponses) {
		return responses < minResponses;
	}

	/** The mean of the non-null values, to {@code scale} decimals (half up); null when there are none. */
	public static BigDecimal mean(Collection<BigDecimal> values, int scale) {
		BigDecimal sum = BigDecimal.ZERO;
		int n = 0;
		for (BigDecimal v : values) {
			if (v != null) {
				sum = sum.add(v);
				n++;
			}
		}
		return n == 0 ? null : sum.divide(BigDecimal.valueOf(n), scale, RoundingMode.HALF_UP);
	}

	static String trim(String text) {
		if (text == null) {
			return null;
		}
		String t = text.strip();
		return t.isEmpty() ? null : t;
	}

}
