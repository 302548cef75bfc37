package cn.chuangwen.inspections.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.chuangwen.inspections.InspectionRules;
import cn.chuangwen.inspections.ResultBand;
import cn.chuangwen.inspections.ResultLine;

/**
 * The rules of a period's results (issue 9 §4), pure: the mean of a unit's point scores, the
 * composite, the sample check, the ranking and the bands within each ranking group.
 * <ul>
 * <li>Means and the composite are rounded half up to 2 decimals; the composite is computed from the
 * rounded means, so a reader recomputes it from the published figures.</li>
 * <li>A kind whose weight is 0 does not count: it needs no sample, and its score (if any) is shown
 * but adds nothing. A kind that weighs needs at least {@code minPoints} scored points, else the unit
 * is 样本不足 and not ranked.</li>
 * <li>Ranks (competition ranking, "1224"): equal composites share a rank and the next rank is
 * skipped; within a tie the lines are ordered by unit name.</li>
 * <li>Bands: of the n ranked units of a group, round-half-up(n × greenShare / 100) are green and
 * round-half-up(n × redShare / 100) red (never more than are left after green), counted by rank, so
 * a tie is never split across bands: tied units take the better band.</li>
 * </ul>
 */
public final class ResultRules {

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private ResultRules() {
	}

	/** A unit's figures before ranking: the sum and count of its scored points of each kind. */
	public record UnitFigures(long unitId, String unitName, String rankingGroup, BigDecimal announcedSum,
			int announcedPoints, BigDecimal unannouncedSum, int unannouncedPoints) {
	}

	/** The mean of {@code count} scores summing to {@code sum}, half up to 2 decimals; null without any. */
	public static BigDecimal mean(BigDecimal sum, int count) {
		if (count <= 0 || sum == null) {
			return null;
		}
		return sum.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
	}

	/**
	 * {@code (announcedWeight × announced + unannouncedWeight × unannounced) / 100}, half up to 2
	 * decimals; a missing score of a kind that weighs nothing counts as 0. Null when a kind that
	 * weighs has no score.
	 */
	public static BigDecimal composite(InspectionRules rules, BigDecimal announced, BigDecimal unannounced) {
		boolean needA = rules.announcedWeight().signum() > 0;
		boolean needU = rules.unannouncedWeight().signum() > 0;
		if (needA && announced == null || needU && unannounced == null) {
			return null;
		}
		BigDecimal a = needA ? rules.announcedWeight().multiply(announced) : BigDecimal.ZERO;
		BigDecimal u = needU ? rules.unannouncedWeight().multiply(unannounced) : BigDecimal.ZERO;
		return a.add(u).divide(HUNDRED, 2, RoundingMode.HALF_UP);
	}

	/** Whether a unit has too few scored points of a kind that weighs (样本不足). */
	public static boolean sampleTooSmall(InspectionRules rules, int announcedPoints, int unannouncedPoints) {
		return rules.announcedWeight().signum() > 0 && announcedPoints < rules.minPoints()
				|| rules.unannouncedWeight().signum() > 0 && unannouncedPoints < rules.minPoints();
	}

	/** How many of {@code ranked} units are green and red: {@code [green, red]}. */
	public static int[] bandSizes(InspectionRules rules, int ranked) {
		int green = share(ranked, rules.greenShare());
		int red = Math.min(share(ranked, rules.redShare()), ranked - green);
		return new int[] { green, red };
	}

	private static int share(int n, BigDecimal percent) {
		return BigDecimal.valueOf(n).multiply(percent).divide(HUNDRED, 0, RoundingMode.HALF_UP).intValueExact();
	}

	/** The band of a rank among {@code ranked} units; a tie takes the better band. */
	public static ResultBand band(int rank, int ranked, int[] sizes) {
		if (rank <= sizes[0]) {
			return ResultBand.GREEN;
		}
		if (rank > ranked - sizes[1]) {
			return ResultBand.RED;
		}
		return ResultBand.YELLOW;
	}

	/**
	 * The lines of a period: per ranking group (groups by name), the ranked units by rank (ties by
	 * name), then the units with too small a sample by name. {@code previousRanks}: the units' ranks
	 * in the previous period, for the change.
	 */
	public static List<ResultLine> rank(InspectionRules rules, List<UnitFigures> units, Map<Long, Integer> previousRanks) {
		Map<String, List<UnitFigures>> groups = new LinkedHashMap<>();
		units.stream()
			.sorted(Comparator.comparing(UnitFigures::rankingGroup))
			.forEach(u -> groups.computeIfAbsent(u.rankingGroup(), g -> new ArrayList<>()).add(u));
		List<ResultLine> lines = new ArrayList<>();
		for (List<UnitFigures> group : groups.values()) {
			List<ResultLine> ranked = new ArrayList<>();
			List<ResultLine> small = new ArrayList<>();
			for (UnitFigures u : group) {
				BigDecimal a = mean(u.announcedSum(), u.announcedPoints());
				BigDecimal un = mean(u.unannouncedSum(), u.unannouncedPoints());
				boolean tooSmall = sampleTooSmall(rules, u.announcedPoints(), u.unannouncedPoints());
				BigDecimal composite = composite(rules, a, un);
				ResultLine line = new ResultLine(u.unitId(), u.unitName(), u.rankingGroup(), a, un, composite,
						u.announcedPoints(), u.unannouncedPoints(), null, null, tooSmall || composite == null, null);
				(line.sampleTooSmall() ? small : ranked).add(line);
			}
			ranked.sort(Comparator.comparing(ResultLine::composite).reversed().thenComparing(ResultLine::unitName));
			int[] sizes = bandSizes(rules, ranked.size());
			int rank = 0;
			for (int i = 0; i < ranked.size(); i++) {
				ResultLine l = ranked.get(i);
				if (i == 0 || l.composite().compareTo(ranked.get(i - 1).composite()) != 0) {
					rank = i + 1;
				}
				Integer before = previousRanks.get(l.unitId());
				lines.add(new ResultLine(l.unitId(), l.unitName(), l.rankingGroup(), l.announced(), l.unannounced(),
						l.composite(), l.announcedPoints(), l.unannouncedPoints(), rank, band(rank, ranked.size(), sizes),
						false, before == null ? null : before - rank));
			}
			small.sort(Comparator.comparing(ResultLine::unitName));
			lines.addAll(small);
		}
		return lines;
	}

}
