package cn.chuangwen.surveys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;

/** The questionnaire checks and the satisfaction score rule of {@link SurveyRules}. */
class SurveyRulesTest {

	static SurveyDraft.QuestionDraft rating(String label) {
		return new SurveyDraft.QuestionDraft("RATING", true, label, null, List.of());
	}

	static SurveyDraft.OptionDraft option(String zh, Integer score) {
		return new SurveyDraft.OptionDraft(zh, null, score == null ? null : BigDecimal.valueOf(score));
	}

	static List<String> fields(Runnable r) {
		try {
			r.run();
		}
		catch (InvalidInputException ex) {
			return ex.problems().stream().map(FieldProblem::field).toList();
		}
		throw new AssertionError("no 400");
	}

	@ParameterizedTest
	@CsvSource({ "1, 0", "2, 25", "3, 50", "4, 75", "5, 100" })
	void aRatingCountsQuarterSteps(int rating, int score) {
		assertThat(SurveyRules.ratingScore(rating)).isEqualByComparingTo(BigDecimal.valueOf(score));
	}

	@Test
	void aRatingOutsideOneToFiveIsNotARating() {
		assertThatThrownBy(() -> SurveyRules.ratingScore(0)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> SurveyRules.ratingScore(6)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aResponseScoresTheMeanOfItsScoredAnswersAndNothingWhenNoneWasScored() {
		assertThat(SurveyRules.responseScore(List.of(SurveyRules.ratingScore(5), SurveyRules.ratingScore(4),
				new BigDecimal("50")))).isEqualByComparingTo("75");
		assertThat(SurveyRules.responseScore(List.of())).isNull();
		assertThat(SurveyRules.responseScore(Arrays.asList(null, new BigDecimal("100")))).isEqualByComparingTo("100");
	}

	@Test
	void aUnitBelowTheMinimumSampleGetsNoScore() {
		List<BigDecimal> scores = List.of(new BigDecimal("100"), new BigDecimal("50"), new BigDecimal("75"));
		assertThat(SurveyRules.unitScore(scores, 4)).isNull();
		assertThat(SurveyRules.sampleTooSmall(3, 4)).isTrue();
		assertThat(SurveyRules.unitScore(scores, 3)).isEqualByComparingTo("75.0");
		assertThat(SurveyRules.sampleTooSmall(3, 3)).isFalse();
		// responses that scored nothing count towards the sample, not towards the mean
		assertThat(SurveyRules.unitScore(Arrays.asList(new BigDecimal("100"), null, new BigDecimal("50")), 3))
			.isEqualByComparingTo("75.0");
	}

	/** Property: a unit's score lies between its lowest and highest response, and all-equal responses score that. */
	@Test
	void aUnitScoreLiesBetweenItsResponses() {
		Random random = new Random(20261202);
		for (int run = 0; run < 500; run++) {
			List<BigDecimal> responses = new ArrayList<>();
			int n = 1 + random.nextInt(60);
			for (int i = 0; i < n; i++) {
				List<BigDecimal> answers = new ArrayList<>();
				for (int k = 0; k < 1 + random.nextInt(5); k++) {
					answers.add(SurveyRules.ratingScore(1 + random.nextInt(5)));
				}
				responses.add(SurveyRules.responseScore(answers));
			}
			BigDecimal score = SurveyRules.unitScore(responses, 1);
			BigDecimal min = responses.stream().min(BigDecimal::compareTo).orElseThrow();
			BigDecimal max = responses.stream().max(BigDecimal::compareTo).orElseThrow();
			assertThat(score).isBetween(min.subtract(new BigDecimal("0.05")), max.add(new BigDecimal("0.05")));
			assertThat(score).isBetween(BigDecimal.ZERO, new BigDecimal("100"));
		}
		assertThat(SurveyRules.unitScore(List.of(new BigDecimal("62.5"), new BigDecimal("62.5")), 2))
			.isEqualByComparingTo("62.5");
	}

	@Test
	void aGoodQuestionnairePassesWithEnglishLabelsFilledFromChinese() {
		SurveyRules.Checked c = SurveyRules.check(new SurveyDraft(" 四季度测评 ", "2026-Q4", null,
				List.of(rating("总体满意度"), new SurveyDraft.QuestionDraft("single", false, "态度", "Attitude",
						List.of(option("好", 100), option("差", 0))))));
		assertThat(c.name()).isEqualTo("四季度测评");
		assertThat(c.round().text()).isEqualTo("2026-Q4");
		assertThat(c.questions()).extracting(SurveyRules.CheckedQuestion::kind)
			.containsExactly(QuestionKind.RATING, QuestionKind.SINGLE);
		assertThat(c.questions().get(0).labelEn()).isEqualTo("总体满意度");
		assertThat(c.questions().get(1).options().get(1).labelEn()).isEqualTo("差");
	}

	@Test
	void noQuestionsIsRefusedOnTheQuestionsField() {
		assertThat(fields(() -> SurveyRules.check(new SurveyDraft("测评", "2026-Q4", null, List.of()))))
			.containsExactly("questions");
		assertThat(fields(() -> SurveyRules.check(new SurveyDraft(null, null, null, null))))
			.containsExactly("name", "round", "questions");
	}

	@Test
	void aChoiceQuestionWithoutOptionsIsRefusedOnItsOptions() {
		assertThat(fields(() -> SurveyRules.check(new SurveyDraft("测评", "2026-Q4", null,
				List.of(rating("好"), new SurveyDraft.QuestionDraft("MULTIPLE", true, "办了什么", null, List.of()))))))
			.containsExactly("questions[1].options");
		assertThat(fields(() -> SurveyRules.check(new SurveyDraft("测评", "2026-Q4", null,
				List.of(new SurveyDraft.QuestionDraft("SINGLE", true, "态度", null, List.of(option("好", 100))))))))
			.containsExactly("questions[0].options");
	}

	@Test
	void emptyLabelsTooLongTextBadKindsScoresAndRoundsAreNamed() {
		String long301 = "长".repeat(301);
		List<String> wrong = fields(() -> SurveyRules.check(new SurveyDraft("名".repeat(201), "2026-Q5", null,
				List.of(rating("  "), rating(long301), new SurveyDraft.QuestionDraft("STARS", true, "星", null, null),
						new SurveyDraft.QuestionDraft("SINGLE", true, "态度", null,
								List.of(option("", 100), option("差", 101))),
						new SurveyDraft.QuestionDraft("TEXT", false, "意见", null, List.of(option("x", null)))))));
		assertThat(wrong).containsExactly("name", "round", "questions[0].labelZh", "questions[1].labelZh",
				"questions[2].kind", "questions[3].options", "questions[3].options", "questions[4].options");
	}

	@Test
	void tooManyQuestionsAreRefused() {
		List<SurveyDraft.QuestionDraft> many = new ArrayList<>();
		for (int i = 0; i <= SurveyRules.MAX_QUESTIONS; i++) {
			many.add(rating("题" + i));
		}
		assertThat(fields(() -> SurveyRules.check(new SurveyDraft("测评", "2026-Q4", null, many))))
			.containsExactly("questions");
	}

}
