package cn.chuangwen.evaluation.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The normalisation rules of the sources: each value 0–100, none without data. */
class SourceRulesTest {

	@Test
	void inspectionIsTheMeanOfTheCompositesThatExist() {
		SourceValue v = InspectionRule.value(Arrays.asList(new BigDecimal("80.00"), null, new BigDecimal("91.00")), 12);
		assertThat(v.value()).isEqualByComparingTo("85.50");
		assertThat(v.sample()).isEqualTo(12);
		assertThat(InspectionRule.value(Arrays.asList((BigDecimal) null), 2).value()).isNull();
		assertThat(InspectionRule.value(List.of(new BigDecimal("104")), 1).value()).isEqualByComparingTo("100");
	}

	@ParameterizedTest
	@CsvSource({ "10,10,100.00", "3,2,66.67", "4,0,0.00", "2,5,100.00" })
	void onTimeIsTheShareOfTheDueFixedByTheDeadline(long due, long onTime, String expected) {
		assertThat(OnTimeRule.value(due, onTime).value()).isEqualByComparingTo(expected);
		assertThat(OnTimeRule.value(due, onTime).sample()).isEqualTo((int) due);
	}

	@Test
	void surveyIsTheMeanOfTheRoundsWithEnoughAnswers() {
		SourceValue v = SurveyRule.value(List.of(new SurveyRule.Round(new BigDecimal("80.0"), 40),
				new SurveyRule.Round(null, 5), new SurveyRule.Round(new BigDecimal("91.5"), 35)));
		assertThat(v.value()).isEqualByComparingTo("85.75");
		assertThat(v.sample()).isEqualTo(80);
		assertThat(SurveyRule.value(List.of(new SurveyRule.Round(null, 7)))).isEqualTo(SourceValue.NONE);
		assertThat(SurveyRule.value(List.of())).isEqualTo(SourceValue.NONE);
	}

	@Test
	void nothingDueIsNoValue() {
		assertThat(OnTimeRule.value(0, 0)).isEqualTo(SourceValue.NONE);
		assertThat(SignoffRule.value(0, 0)).isEqualTo(SourceValue.NONE);
		assertThat(ProgressRule.value(0, BigDecimal.ZERO)).isEqualTo(SourceValue.NONE);
		assertThat(RecurrenceRule.value(0, 0)).isEqualTo(SourceValue.NONE);
		assertThat(LetterRule.value(0, 0)).isEqualTo(SourceValue.NONE);
		assertThat(CitizenReportRule.value(0, 0, 0, 0)).isEqualTo(SourceValue.NONE);
	}

	@ParameterizedTest
	@CsvSource({ "8,8,100.00", "3,1,33.33", "5,0,0.00", "2,3,100.00" })
	void letterTargetsAreTheShareMetByTheLettersDeadline(int due, int met, String expected) {
		assertThat(LetterRule.value(due, met).value()).isEqualByComparingTo(expected);
		assertThat(LetterRule.value(due, met).sample()).isEqualTo(due);
	}

	@ParameterizedTest
	@CsvSource({
			// no rating: the on-time share alone
			"4,3,0,0,75.00",
			// on time 100, every citizen gave 5 stars: 80 + 20
			"2,2,2,10,100.00",
			// on time 50 (×0.8 = 40), ratings 1 and 2 stars: mean 1.5 → 12.5 (×0.2 = 2.5)
			"4,2,2,3,42.50",
			// on time 0, one 4-star rating: 75 × 0.2
			"1,0,1,4,15.00" })
	void citizenReportsWeighHandlingFourFifthsAndRatingsOneFifth(long due, long onTime, long rated, long stars,
			String expected) {
		SourceValue v = CitizenReportRule.value(due, onTime, rated, stars);
		assertThat(v.value()).isEqualByComparingTo(expected);
		assertThat(v.sample()).isEqualTo((int) due);
	}

	@ParameterizedTest
	@CsvSource({ "5,0,100", "5,1,80", "5,3,40", "9,5,0", "9,9,0" })
	void eachRecurrenceCostsTwentyDownToZero(long problems, long recurrences, String expected) {
		assertThat(RecurrenceRule.value(problems, recurrences).value()).isEqualByComparingTo(expected);
	}

	@Test
	void progressIsTheMeanOfTheAssignmentsProgress() {
		assertThat(ProgressRule.value(3, new BigDecimal("250")).value()).isEqualByComparingTo("83.33");
		assertThat(ProgressRule.value(3, new BigDecimal("250")).sample()).isEqualTo(3);
	}

	@Test
	void signoffIsTheShareOfTheDueSignedOff() {
		assertThat(SignoffRule.value(4, 3).value()).isEqualByComparingTo("75.00");
	}

	@ParameterizedTest
	@CsvSource({ "'-2,1',5,-1.00", "'3,4',5,5.00", "'-4,-4',5,-5.00", "'',5,0.00" })
	void manualItemsAddUpWithinTheCap(String points, String cap, String expected) {
		List<BigDecimal> list = points.isEmpty() ? List.of()
				: Arrays.stream(points.split(",")).map(BigDecimal::new).toList();
		assertThat(ManualRule.value(list, new BigDecimal(cap))).isEqualByComparingTo(expected);
	}

}
