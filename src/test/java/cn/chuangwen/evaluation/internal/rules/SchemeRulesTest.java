package cn.chuangwen.evaluation.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.chuangwen.evaluation.ScoreLine;
import cn.chuangwen.evaluation.ScoreSource;
import cn.chuangwen.evaluation.SchemeDraft;
import cn.chuangwen.evaluation.SchemeView;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.PeriodCode;

/** A scheme's checks, totals, samples, ties and bands. */
class SchemeRulesTest {

	static final List<SchemeView.Band> BANDS = List.of(new SchemeView.Band("优秀", BigDecimal.valueOf(90), "green"),
			new SchemeView.Band("一般", BigDecimal.valueOf(60), "amber"), new SchemeView.Band("较差", BigDecimal.ZERO, "red"));

	static SchemeView scheme(int minSample, SchemeView.Part... parts) {
		return new SchemeView(1, 1, "s", PeriodCode.Kind.MONTH, "镇办", List.of(parts), BANDS, minSample, 1, null, null);
	}

	static SchemeView.Part part(ScoreSource s, int weight, Integer cap) {
		return new SchemeView.Part(s, BigDecimal.valueOf(weight), cap == null ? null : BigDecimal.valueOf(cap));
	}

	static SchemeRules.UnitInput unit(long id, String code, Map<ScoreSource, SourceValue> values, BigDecimal... manual) {
		return new SchemeRules.UnitInput(id, code, "单位" + code, "镇办", values, List.of(manual));
	}

	static SourceValue v(String value, int sample) {
		return new SourceValue(new BigDecimal(value), sample);
	}

	static SchemeDraft draft(List<SchemeDraft.Source> sources) {
		return new SchemeDraft("方案", "MONTH", "镇办", sources, BANDS, 3, null);
	}

	static List<FieldProblem> check(SchemeDraft d, EnumSet<ScoreSource> available) {
		List<FieldProblem> problems = new ArrayList<>();
		SchemeRules.check(d, k -> available, problems);
		return problems;
	}

	@Test
	void weightsMustSumTo100AndTheMessageNamesTheSum() {
		List<FieldProblem> p = check(draft(List.of(new SchemeDraft.Source("INSPECTION", BigDecimal.valueOf(60), null),
				new SchemeDraft.Source("PROBLEM_ON_TIME", new BigDecimal("30.5"), null))), EnumSet.allOf(ScoreSource.class));
		assertThat(p).singleElement().satisfies(f -> {
			assertThat(f.messageKey()).isEqualTo("evaluation.error.weights");
			assertThat(f.args()).containsExactly("90.5");
		});
		assertThat(check(draft(List.of(new SchemeDraft.Source("INSPECTION", BigDecimal.valueOf(60), null),
				new SchemeDraft.Source("PROBLEM_ON_TIME", BigDecimal.valueOf(40), BigDecimal.valueOf(30)),
				new SchemeDraft.Source("MANUAL", null, BigDecimal.valueOf(5)))), EnumSet.allOf(ScoreSource.class))).isEmpty();
	}

	@Test
	void unknownTwiceLackingAndBadManualSourcesAreRefused() {
		List<FieldProblem> p = check(draft(List.of(new SchemeDraft.Source("SURVEYX", BigDecimal.valueOf(50), null),
				new SchemeDraft.Source("INSPECTION", BigDecimal.valueOf(50), null),
				new SchemeDraft.Source("INSPECTION", BigDecimal.valueOf(50), null),
				new SchemeDraft.Source("MANUAL", BigDecimal.ONE, null))), EnumSet.of(ScoreSource.PROBLEM_ON_TIME, ScoreSource.MANUAL));
		assertThat(p).extracting(FieldProblem::messageKey)
			.contains("evaluation.error.source.unknown", "evaluation.error.source.twice", "evaluation.error.source.lacking",
					"evaluation.error.manualWeight", "evaluation.error.manualCap");
	}

	@Test
	void bandsNeedOneFromZeroAndKnownColours() {
		SchemeDraft d = new SchemeDraft("方案", "MONTH", "镇办",
				List.of(new SchemeDraft.Source("INSPECTION", BigDecimal.valueOf(100), null)),
				List.of(new SchemeView.Band("好", BigDecimal.TEN, "purple")), 3, null);
		assertThat(check(d, EnumSet.allOf(ScoreSource.class))).extracting(FieldProblem::field).contains("bands[0].colour");
		d = new SchemeDraft("方案", "MONTH", "镇办", List.of(new SchemeDraft.Source("INSPECTION", BigDecimal.valueOf(100), null)),
				List.of(new SchemeView.Band("好", BigDecimal.TEN, "green")), 3, null);
		assertThat(check(d, EnumSet.allOf(ScoreSource.class))).extracting(FieldProblem::messageKey).contains("evaluation.error.bandZero");
	}

	@Test
	void theTotalIsTheWeightedSumAndAMissingSourceGivesItsWeightToTheOthers() {
		SchemeView s = scheme(0, part(ScoreSource.INSPECTION, 60, null), part(ScoreSource.PROBLEM_ON_TIME, 40, null));
		List<ScoreLine> lines = SchemeRules.score(s, List.of(
				unit(1, "A", Map.of(ScoreSource.INSPECTION, v("80", 5), ScoreSource.PROBLEM_ON_TIME, v("100", 2))),
				unit(2, "B", Map.of(ScoreSource.INSPECTION, v("85", 5)))));
		// A: 80 × 0.6 + 100 × 0.4 = 88; B: only inspection, 85
		assertThat(lines.get(0).unitId()).isEqualTo(1);
		assertThat(lines.get(0).total()).isEqualByComparingTo("88.00");
		assertThat(lines.get(1).total()).isEqualByComparingTo("85.00");
		assertThat(lines.get(1).parts()).containsOnlyKeys(ScoreSource.INSPECTION);
	}

	@Test
	void aCapLimitsWhatASourceAddsAndManualPointsAreBounded() {
		SchemeView s = scheme(0, part(ScoreSource.INSPECTION, 50, null), part(ScoreSource.TASK_PROGRESS, 50, 40),
				new SchemeView.Part(ScoreSource.MANUAL, BigDecimal.ZERO, BigDecimal.valueOf(3)));
		ScoreLine l = SchemeRules.score(s, List.of(unit(1, "A",
				Map.of(ScoreSource.INSPECTION, v("90", 3), ScoreSource.TASK_PROGRESS, v("100", 2)), BigDecimal.valueOf(-5))))
			.get(0);
		// 45 + min(50, 40) − 3
		assertThat(l.total()).isEqualByComparingTo("82.00");
		assertThat(l.parts().get(ScoreSource.MANUAL)).isEqualByComparingTo("-3");
	}

	@Test
	void tiesGoToTheHigherInspectionThenOnTimeThenCodeAndSmallSamplesAreNotRanked() {
		SchemeView s = scheme(3, part(ScoreSource.INSPECTION, 50, null), part(ScoreSource.PROBLEM_ON_TIME, 50, null));
		List<ScoreLine> lines = SchemeRules.score(s, List.of(
				unit(1, "C", Map.of(ScoreSource.INSPECTION, v("80", 3), ScoreSource.PROBLEM_ON_TIME, v("90", 1))),
				unit(2, "B", Map.of(ScoreSource.INSPECTION, v("90", 3), ScoreSource.PROBLEM_ON_TIME, v("80", 1))),
				unit(3, "A", Map.of(ScoreSource.INSPECTION, v("90", 3), ScoreSource.PROBLEM_ON_TIME, v("80", 1))),
				unit(4, "D", Map.of(ScoreSource.INSPECTION, v("100", 1), ScoreSource.PROBLEM_ON_TIME, v("100", 1))),
				unit(5, "E", Map.of())));
		assertThat(lines).extracting(ScoreLine::unitCode).containsExactly("A", "B", "C", "D", "E");
		assertThat(lines).extracting(ScoreLine::rank).containsExactly(1, 2, 3, null, null);
		assertThat(lines.get(3).sampleTooSmall()).isTrue();
		assertThat(lines.get(3).band()).isNull();
		assertThat(lines.get(4).total()).isNull();
		assertThat(lines.get(0).band().name()).isEqualTo("一般");
	}

	@Test
	void theBandIsTheHighestTheTotalReaches() {
		assertThat(SchemeRules.band(BANDS, new BigDecimal("90")).name()).isEqualTo("优秀");
		assertThat(SchemeRules.band(BANDS, new BigDecimal("89.99")).name()).isEqualTo("一般");
		assertThat(SchemeRules.band(BANDS, new BigDecimal("12")).name()).isEqualTo("较差");
		assertThat(SchemeRules.band(BANDS, null)).isNull();
	}

}
