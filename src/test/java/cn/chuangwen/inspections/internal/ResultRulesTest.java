package cn.chuangwen.inspections.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import cn.chuangwen.inspections.InspectionRules;
import cn.chuangwen.inspections.ResultBand;
import cn.chuangwen.inspections.ResultLine;
import cn.chuangwen.inspections.internal.ResultRules.UnitFigures;
import cn.chuangwen.shared.PeriodCode;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of a period's results: mean, composite, sample, rank, bands, change; examples and properties. */
class ResultRulesTest {

	static final InspectionRules QIANJIANG = rules("40", "60", 3, "33.33", "33.33");

	static final InspectionRules HALVES = rules("50", "50", 3, "33.33", "33.33");

	static InspectionRules rules(String announced, String unannounced, int min, String green, String red) {
		return new InspectionRules(PeriodCode.Kind.BIMONTH, new BigDecimal(announced), new BigDecimal(unannounced), min,
				new BigDecimal(green), new BigDecimal(red), 500, true, 1);
	}

	static UnitFigures unit(long id, String group, String a, int an, String u, int un) {
		return new UnitFigures(id, "单位" + id, group, a == null ? null : new BigDecimal(a), an,
				u == null ? null : new BigDecimal(u), un);
	}

	@Test
	void theMeanIsRoundedHalfUpToTwoDecimals() {
		assertThat(ResultRules.mean(new BigDecimal("250.01"), 3)).isEqualByComparingTo("83.34");
		assertThat(ResultRules.mean(new BigDecimal("200.015"), 2)).isEqualByComparingTo("100.01");
		assertThat(ResultRules.mean(new BigDecimal("170"), 2)).isEqualByComparingTo("85.00");
		assertThat(ResultRules.mean(BigDecimal.ZERO, 0)).isNull();
	}

	@Test
	void theCompositeWeighsTheTwoKindsFromTheRoundedMeans() {
		// Qianjiang: 40 % announced, 60 % unannounced
		assertThat(ResultRules.composite(QIANJIANG, new BigDecimal("90"), new BigDecimal("80"))).isEqualByComparingTo("84.00");
		// 0.4 × 88.33 + 0.6 × 77.77 = 35.332 + 46.662 = 81.994 → 81.99
		assertThat(ResultRules.composite(QIANJIANG, new BigDecimal("88.33"), new BigDecimal("77.77"))).isEqualByComparingTo("81.99");
		// 0.5 × 80.01 + 0.5 × 80.00 = 80.005 → 80.01 (half up)
		assertThat(ResultRules.composite(HALVES, new BigDecimal("80.01"), new BigDecimal("80.00"))).isEqualByComparingTo("80.01");
		assertThat(ResultRules.composite(HALVES, null, new BigDecimal("80"))).isNull();
	}

	@Test
	void aKindThatWeighsNothingNeedsNoSampleAndAddsNothing() {
		InspectionRules onlyUnannounced = rules("0", "100", 3, "30", "30");
		assertThat(ResultRules.sampleTooSmall(onlyUnannounced, 0, 3)).isFalse();
		assertThat(ResultRules.sampleTooSmall(onlyUnannounced, 5, 2)).isTrue();
		assertThat(ResultRules.composite(onlyUnannounced, null, new BigDecimal("77.5"))).isEqualByComparingTo("77.50");
		assertThat(ResultRules.composite(onlyUnannounced, new BigDecimal("10"), new BigDecimal("77.5"))).isEqualByComparingTo("77.50");
	}

	@Test
	void fewerPointsThanTheMinimumInEitherKindIsTooSmallAndNotRanked() {
		List<ResultLine> lines = ResultRules.rank(QIANJIANG, List.of(unit(1, "镇办", "270", 3, "240", 3),
				unit(2, "镇办", "300", 3, "190", 2), unit(3, "镇办", "180", 2, "270", 3)), Map.of());
		assertThat(lines).extracting(ResultLine::unitId).containsExactly(1L, 2L, 3L);
		assertThat(lines.get(0).rank()).isEqualTo(1);
		assertThat(lines.get(1).sampleTooSmall()).isTrue();
		assertThat(lines.get(1).rank()).isNull();
		assertThat(lines.get(1).band()).isNull();
		assertThat(lines.get(1).unannounced()).isEqualByComparingTo("95.00");
		assertThat(lines.get(2).sampleTooSmall()).isTrue();
	}

	@Test
	void equalCompositesShareARankAndTheNextRankIsSkipped() {
		List<ResultLine> lines = ResultRules.rank(HALVES, List.of(unit(1, "g", "270", 3, "270", 3),
				unit(2, "g", "240", 3, "240", 3), unit(3, "g", "255", 3, "225", 3), unit(4, "g", "210", 3, "210", 3)),
				Map.of());
		assertThat(lines).extracting(ResultLine::rank).containsExactly(1, 2, 2, 4);
		// within the tie by name
		assertThat(lines).extracting(ResultLine::unitId).containsExactly(1L, 2L, 3L, 4L);
	}

	@Test
	void bandsAreTheTopAndBottomSharesOfEachGroupAndATieTakesTheBetterBand() {
		List<UnitFigures> units = new ArrayList<>();
		for (int i = 1; i <= 9; i++) {
			units.add(unit(i, "镇办", String.valueOf(300 - i * 3), 3, String.valueOf(300 - i * 3), 3));
		}
		units.add(unit(20, "市直部门", "270", 3, "270", 3));
		List<ResultLine> lines = ResultRules.rank(HALVES, units, Map.of());
		assertThat(lines.stream().filter(l -> l.rankingGroup().equals("镇办")).map(ResultLine::band))
			.containsExactly(ResultBand.GREEN, ResultBand.GREEN, ResultBand.GREEN, ResultBand.YELLOW, ResultBand.YELLOW,
					ResultBand.YELLOW, ResultBand.RED, ResultBand.RED, ResultBand.RED);
		// a group of one: a third of one rounds to none, so it is yellow
		ResultLine alone = lines.stream().filter(l -> l.unitId() == 20).findFirst().orElseThrow();
		assertThat(alone.band()).isEqualTo(ResultBand.YELLOW);
		assertThat(alone.rank()).isEqualTo(1);

		// the 3rd and 4th tie: both take green
		List<UnitFigures> tied = new ArrayList<>(units.subList(0, 9));
		tied.set(3, unit(4, "镇办", "291", 3, "291", 3));
		assertThat(ResultRules.rank(HALVES, tied, Map.of()).stream().map(ResultLine::band).limit(5))
			.containsExactly(ResultBand.GREEN, ResultBand.GREEN, ResultBand.GREEN, ResultBand.GREEN, ResultBand.YELLOW);
	}

	@Test
	void theChangeIsThePreviousRankMinusThisOneAndNullForAUnitNotRankedBefore() {
		List<ResultLine> lines = ResultRules.rank(HALVES, List.of(unit(1, "g", "270", 3, "270", 3),
				unit(2, "g", "240", 3, "240", 3), unit(3, "g", "210", 3, "210", 3)), Map.of(1L, 3, 3L, 1));
		assertThat(lines).extracting(ResultLine::change).containsExactly(2, null, -2);
	}

	@Test
	void bandSizesNeverExceedTheGroup() {
		InspectionRules halves = rules("50", "50", 1, "50", "50");
		assertThat(ResultRules.bandSizes(halves, 1)).containsExactly(1, 0);
		assertThat(ResultRules.bandSizes(halves, 3)).containsExactly(2, 1);
		assertThat(ResultRules.bandSizes(HALVES, 0)).containsExactly(0, 0);
	}

	static Stream<Arguments> seeds() {
		return IntStream.range(0, 60).mapToObj(i -> Arguments.of(20261201L + i));
	}

	/**
	 * Properties over random groups: ranks are 1 + the number of strictly better composites; a
	 * better composite never has a worse band; equal composites share rank and band; without ties
	 * the band counts are exactly the shares; the composite lies between the two kinds' scores.
	 */
	@ParameterizedTest
	@MethodSource("seeds")
	void rankingProperties(long seed) {
		Random random = new Random(seed);
		int aw = random.nextInt(101);
		InspectionRules r = rules(String.valueOf(aw), String.valueOf(100 - aw), 1 + random.nextInt(4),
				String.valueOf(random.nextInt(51)), String.valueOf(random.nextInt(51)));
		List<UnitFigures> units = new ArrayList<>();
		int n = 1 + random.nextInt(40);
		boolean coarse = random.nextBoolean(); // coarse scores make ties
		for (int i = 0; i < n; i++) {
			int an = random.nextInt(7);
			int un = random.nextInt(7);
			BigDecimal a = sum(random, an, coarse);
			BigDecimal u = sum(random, un, coarse);
			units.add(unit(i, random.nextBoolean() ? "镇办" : "市直部门", a == null ? null : a.toPlainString(), an,
					u == null ? null : u.toPlainString(), un));
		}
		List<ResultLine> lines = ResultRules.rank(r, units, Map.of());
		assertThat(lines).hasSize(n);
		Map<String, List<ResultLine>> groups = new HashMap<>();
		lines.forEach(l -> groups.computeIfAbsent(l.rankingGroup(), g -> new ArrayList<>()).add(l));
		for (List<ResultLine> group : groups.values()) {
			List<ResultLine> ranked = group.stream().filter(l -> !l.sampleTooSmall()).toList();
			for (ResultLine l : group) {
				boolean small = ResultRules.sampleTooSmall(r, l.announcedPoints(), l.unannouncedPoints());
				assertThat(l.sampleTooSmall()).isEqualTo(small);
				assertThat(l.rank() == null).isEqualTo(small);
				if (small) {
					continue;
				}
				long better = ranked.stream().filter(o -> o.composite().compareTo(l.composite()) > 0).count();
				assertThat(l.rank()).isEqualTo((int) better + 1);
				if (r.announcedWeight().signum() > 0 && r.unannouncedWeight().signum() > 0) {
					BigDecimal lo = l.announced().min(l.unannounced());
					BigDecimal hi = l.announced().max(l.unannounced());
					assertThat(l.composite()).isBetween(lo, hi);
				}
				for (ResultLine o : ranked) {
					int byScore = o.composite().compareTo(l.composite());
					if (byScore == 0) {
						assertThat(o.rank()).isEqualTo(l.rank());
						assertThat(o.band()).isEqualTo(l.band());
					}
					else if (byScore > 0) {
						assertThat(o.band().ordinal()).isLessThanOrEqualTo(l.band().ordinal());
					}
				}
			}
			boolean ties = ranked.stream().map(ResultLine::composite).map(BigDecimal::stripTrailingZeros).distinct()
				.count() < ranked.size();
			int[] sizes = ResultRules.bandSizes(r, ranked.size());
			assertThat(sizes[0] + sizes[1]).isLessThanOrEqualTo(ranked.size());
			if (!ties) {
				assertThat(ranked.stream().filter(l -> l.band() == ResultBand.GREEN).count()).isEqualTo(sizes[0]);
				assertThat(ranked.stream().filter(l -> l.band() == ResultBand.RED).count()).isEqualTo(sizes[1]);
			}
			// lines come ranked first, in rank order
			for (int i = 1; i < ranked.size(); i++) {
				assertThat(ranked.get(i).rank()).isGreaterThanOrEqualTo(ranked.get(i - 1).rank());
			}
		}
	}

	@ParameterizedTest
	@MethodSource("seeds")
	void aCompositeOfEqualScoresIsThatScoreAndAllWeightOnOneKindIsThatKind(long seed) {
		Random random = new Random(seed);
		BigDecimal a = BigDecimal.valueOf(random.nextInt(10_001), 2);
		BigDecimal u = BigDecimal.valueOf(random.nextInt(10_001), 2);
		int aw = random.nextInt(101);
		InspectionRules r = rules(String.valueOf(aw), String.valueOf(100 - aw), 3, "30", "30");
		assertThat(ResultRules.composite(r, a, a)).isEqualByComparingTo(a);
		assertThat(ResultRules.composite(rules("100", "0", 3, "30", "30"), a, u)).isEqualByComparingTo(a);
		assertThat(ResultRules.composite(rules("0", "100", 3, "30", "30"), a, u)).isEqualByComparingTo(u);
		BigDecimal exact = a.multiply(BigDecimal.valueOf(aw)).add(u.multiply(BigDecimal.valueOf(100 - aw)))
			.divide(BigDecimal.valueOf(100), 10, RoundingMode.HALF_UP);
		assertThat(ResultRules.composite(r, a, u).subtract(exact).abs()).isLessThanOrEqualTo(new BigDecimal("0.005"));
	}

	private static BigDecimal sum(Random random, int count, boolean coarse) {
		if (count == 0) {
			return null;
		}
		BigDecimal s = BigDecimal.ZERO;
		for (int i = 0; i < count; i++) {
			s = s.add(coarse ? BigDecimal.valueOf(80 + random.nextInt(3) * 5) : BigDecimal.valueOf(5000 + random.nextInt(5001), 2));
		}
		return s;
	}

}
