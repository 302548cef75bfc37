package cn.chuangwen.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import cn.chuangwen.prediction.PredictionFormula.DocumentLeaf;
import cn.chuangwen.prediction.PredictionFormula.FieldLeaf;
import cn.chuangwen.prediction.PredictionFormula.Gain;
import cn.chuangwen.prediction.PredictionFormula.Inputs;
import cn.chuangwen.prediction.PredictionFormula.Part;
import cn.chuangwen.prediction.PredictionFormula.Result;

/** The predicted score's arithmetic: parts, range, gate, deductions, cycle weights, unknown leaves. */
class PredictionFormulaTest {

	static final Part SURVEY = new Part(10, 0, 20, true);

	static Inputs inputs(List<DocumentLeaf> docs, List<FieldLeaf> field, Double minors, double deductions) {
		return new Inputs(docs, field, SURVEY, minors, deductions, null, 2026, null, null);
	}

	@Test
	void documentsAreTheScoreWeightedShareOfCoveredLeaves() {
		List<DocumentLeaf> docs = List.of(new DocumentLeaf("A", "a", 3, true), new DocumentLeaf("B", "b", 1, false));
		Result r = PredictionFormula.compute(inputs(docs, List.of(new FieldLeaf("F", "f", 4, 1.0, 0, 5)), 100.0, 0));
		assertThat(r.documents().point()).isCloseTo(30, within(1e-9));
		assertThat(r.documents().low()).isCloseTo(30, within(1e-9));
		assertThat(r.documents().high()).isCloseTo(30, within(1e-9));
		assertThat(r.losses()).singleElement().satisfies(l -> {
			assertThat(l.code()).isEqualTo("B");
			assertThat(l.documents()).isCloseTo(10, within(1e-9));
		});
		assertThat(r.gains()).singleElement().satisfies(g -> {
			assertThat(g.kind()).isEqualTo(Gain.Kind.DOCUMENT);
			assertThat(g.work()).isEqualTo(1);
			assertThat(g.perUnit()).isCloseTo(10, within(1e-9));
		});
		// total = 0.8 × (30 + 40 + 10) + 0.2 × 100
		assertThat(r.total()).isCloseTo(84, within(1e-9));
	}

	@Test
	void unknownFieldLeavesCountAtTheAssumptionAndWidenTheRange() {
		List<FieldLeaf> field = List.of(new FieldLeaf("K", "known", 2, 0.9, 3, 10), new FieldLeaf("U", "unknown", 2, null, 0, 0));
		Result r = PredictionFormula.compute(inputs(List.of(new DocumentLeaf("D", "d", 1, true)), field, 90.0, 0));
		assertThat(r.field().point()).isCloseTo(20 * 0.9 + 20 * PredictionFormula.ASSUMED_RATE, within(1e-9));
		assertThat(r.field().low()).isCloseTo(18, within(1e-9));
		assertThat(r.field().high()).isCloseTo(38, within(1e-9));
		assertThat(r.unknownLeaves()).isEqualTo(1);
		assertThat(r.losses()).extracting(PredictionFormula.Loss::code).containsExactly("U", "K");
		assertThat(r.losses().get(0).unknown()).isTrue();
		// only the known leaf with failing points is work that gains points: 2 lost over 3 points
		assertThat(r.gains()).singleElement().satisfies(g -> {
			assertThat(g.code()).isEqualTo("K");
			assertThat(g.perUnit()).isCloseTo(2.0 / 3, within(1e-9));
		});
	}

	@Test
	void aPartWithoutLeavesIsUnknownAsAWhole() {
		Result r = PredictionFormula.compute(inputs(List.of(), List.of(), null, 0));
		assertThat(r.documents().unknown()).isTrue();
		assertThat(r.documents().point()).isCloseTo(40 * PredictionFormula.ASSUMED_RATE, within(1e-9));
		assertThat(r.documents().low()).isZero();
		assertThat(r.field().high()).isEqualTo(40);
		assertThat(r.low()).isZero();
		assertThat(r.high()).isCloseTo(100, within(1e-9));
		assertThat(r.gate().passed()).isNull();
		assertThat(r.gate().score()).isEqualTo(PredictionFormula.ASSUMED_MINORS);
	}

	@ParameterizedTest
	@CsvSource({ "84.999, false", "85, true", "100, true", "0, false" })
	void theMinorsGateIsAt85(double minors, boolean passed) {
		Result r = PredictionFormula.compute(inputs(List.of(), List.of(), minors, 0));
		assertThat(r.gate().passed()).isEqualTo(passed);
		assertThat(r.gate().entered()).isTrue();
	}

	static Stream<Arguments> randomCities() {
		Random random = new Random(20261202L);
		return IntStream.range(0, 40).mapToObj(n -> {
			List<DocumentLeaf> docs = new ArrayList<>();
			List<FieldLeaf> field = new ArrayList<>();
			for (int i = random.nextInt(6); i >= 0; i--) {
				docs.add(new DocumentLeaf("D" + i, "d", 1 + random.nextInt(6), random.nextBoolean()));
			}
			for (int i = random.nextInt(6); i >= 0; i--) {
				field.add(new FieldLeaf("F" + i, "f", 1 + random.nextInt(6),
						random.nextInt(4) == 0 ? null : random.nextDouble(), random.nextInt(5), 5));
			}
			Double minors = random.nextInt(3) == 0 ? null : random.nextDouble() * 100;
			return Arguments.of(docs, field, minors, random.nextInt(4) == 0 ? random.nextDouble() * 10 : 0.0);
		});
	}

	/** Properties: low ≤ estimate ≤ high within 0..100; a deduction lowers all three by its points (above 0). */
	@ParameterizedTest
	@MethodSource("randomCities")
	void theRangeHoldsTheEstimateAndDeductionsSubtract(List<DocumentLeaf> docs, List<FieldLeaf> field, Double minors,
			double deductions) {
		Result plain = PredictionFormula.compute(inputs(docs, field, minors, 0));
		Result r = PredictionFormula.compute(inputs(docs, field, minors, deductions));
		assertThat(r.low()).isLessThanOrEqualTo(r.total() + 1e-9);
		assertThat(r.total()).isLessThanOrEqualTo(r.high() + 1e-9);
		assertThat(r.low()).isGreaterThanOrEqualTo(0);
		assertThat(r.high()).isLessThanOrEqualTo(100 + 1e-9);
		assertThat(r.total()).isCloseTo(Math.max(0, plain.total() - deductions), within(1e-9));
		assertThat(r.high()).isCloseTo(Math.max(0, plain.high() - deductions), within(1e-9));
		// the parts add up: total = 0.8 × parts + 0.2 × minors (before deductions)
		double parts = plain.documents().point() + plain.field().point() + plain.survey().point();
		assertThat(plain.total()).isCloseTo(0.8 * parts + 0.2 * plain.gate().score(), within(1e-9));
		// what is lost plus what is kept is the part's full points (no leaf unknown in documents)
		double docLost = plain.losses().stream().mapToDouble(PredictionFormula.Loss::documents).sum();
		if (plain.losses().size() < PredictionFormula.TOP) {
			assertThat(plain.documents().point() + docLost).isCloseTo(40, within(1e-9));
		}
		// losses come most first, gains best per unit first
		for (int i = 1; i < plain.losses().size(); i++) {
			assertThat(plain.losses().get(i).lost()).isLessThanOrEqualTo(plain.losses().get(i - 1).lost());
		}
		for (int i = 1; i < plain.gains().size(); i++) {
			assertThat(plain.gains().get(i).perUnit()).isLessThanOrEqualTo(plain.gains().get(i - 1).perUnit());
		}
	}

	@ParameterizedTest
	@CsvSource(nullValues = "null", value = {
			// start, this year, year1, year2, this year's estimate, year of cycle, cycle estimate
			"2026, 2026, null, null, 80, 1, null",
			"2025, 2026, 70, null, 80, 2, 78.5", // 0.15×70 + 0.25×80 + 0.60×80
			"2025, 2026, null, null, 80, 2, null", // the first year's score is missing
			"2024, 2026, 70, 75, 80, 3, 77.25", // 0.15×70 + 0.25×75 + 0.60×80
			"2024, 2026, 70, null, 80, 3, null",
			"2022, 2026, 70, 75, 80, null, null", // the cycle is over
			"null, 2026, 70, 75, 80, null, null" })
	void theCycleWeighs15_25_60(Integer start, int year, Double y1, Double y2, double thisYear, Integer yearOfCycle,
			Double estimate) {
		PredictionFormula.Cycle c = PredictionFormula.cycle(new Inputs(List.of(), List.of(), SURVEY, null, 0, start,
				year, y1, y2), thisYear);
		assertThat(c.yearOfCycle()).isEqualTo(yearOfCycle);
		if (estimate == null) {
			assertThat(c.estimate()).isNull();
		}
		else {
			assertThat(c.estimate()).isCloseTo(estimate, within(1e-9));
		}
	}

	@Test
	void deductionsNeverTakeTheTotalBelowZero() {
		Result r = PredictionFormula.compute(inputs(List.of(), List.of(), 0.0, 500));
		assertThat(r.total()).isZero();
		assertThat(r.low()).isZero();
		assertThat(r.high()).isZero();
	}

}
