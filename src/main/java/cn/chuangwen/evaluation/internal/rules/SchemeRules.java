package cn.chuangwen.evaluation.internal.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.chuangwen.evaluation.ScoreLine;
import cn.chuangwen.evaluation.ScoreSource;
import cn.chuangwen.evaluation.SchemeDraft;
import cn.chuangwen.evaluation.SchemeView;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.PeriodCode;

/**
 * A scheme's rules, pure: what a valid scheme is, and a ranking group's scores under it.
 * <ul>
 * <li><b>Total</b>: over the weighted sources with a value for the unit, {@code value × weight / W}
 * where W is the sum of those sources' weights (a source without data gives its weight to the others),
 * each contribution at most the source's cap; plus the manual points (bounded by the manual cap);
 * at least 0; half up to 2 decimals. No weighted source with a value: no total.</li>
 * <li><b>Sample</b>: the sum of the weighted sources' samples; below the scheme's minimum (or without
 * a total) the unit is 样本不足: not ranked, no band.</li>
 * <li><b>Ties</b> (one rank each, never shared): the higher total, then the higher INSPECTION part,
 * then the higher PROBLEM_ON_TIME part (fewer overdue problems), then the unit code.</li>
 * <li><b>Band</b>: the band with the highest minimum the total reaches.</li>
 * </ul>
 */
public final class SchemeRules {

	static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	/** The most manual points a scheme may allow either way. */
	public static final BigDecimal MAX_MANUAL_CAP = BigDecimal.valueOf(20);

	public static final int MAX_BANDS = 6;

	public static final int MAX_MIN_SAMPLE = 10_000;

	private SchemeRules() {
	}

	/** A unit before scoring: its identity and each source's value; {@code manual}: its items' points. */
	public record UnitInput(long unitId, String code, String name, String rankingGroup,
			Map<ScoreSource, SourceValue> values, List<BigDecimal> manual) {
	}

	/** A checked draft: the scheme's fields as they will be stored. */
	public record Checked(String name, PeriodCode.Kind periodKind, String rankingGroup, List<SchemeView.Part> sources,
			List<SchemeView.Band> bands, int minSample) {
	}

	/**
	 * Checks a draft, every problem at once; {@code available}: the sources the city has for the
	 * period kind (a source it lacks is refused). Weights of the weighted sources must sum to 100
	 * (the message names the sum).
	 */
	public static Checked check(SchemeDraft d, java.util.function.Function<PeriodCode.Kind, Set<ScoreSource>> available,
			List<FieldProblem> problems) {
		String name = d.name() == null ? "" : d.name().strip();
		if (name.isEmpty() || name.length() > 100) {
			problems.add(FieldProblem.of("name", "evaluation.error.name"));
		}
		PeriodCode.Kind kind = null;
		try {
			kind = d.periodKind() == null ? null : PeriodCode.Kind.valueOf(d.periodKind().strip());
		}
		catch (IllegalArgumentException ex) {
			kind = null;
		}
		if (kind == null) {
			problems.add(FieldProblem.of("periodKind", "evaluation.error.periodKind"));
		}
		String group = d.rankingGroup() == null ? "" : d.rankingGroup().strip();
		if (group.isEmpty() || group.length() > 64) {
			problems.add(FieldProblem.of("rankingGroup", "evaluation.error.rankingGroup"));
		}
		List<SchemeView.Part> parts = parts(d, kind, available, problems);
		List<SchemeView.Band> bands = bands(d.bands(), problems);
		int minSample = d.minSample() == null ? 0 : d.minSample();
		if (d.minSample() == null || minSample < 0 || minSample > MAX_MIN_SAMPLE) {
			problems.add(FieldProblem.of("minSample", "evaluation.error.minSample", MAX_MIN_SAMPLE));
		}
		return new Checked(name, kind, group, parts, bands, minSample);
	}

	private static List<SchemeView.Part> parts(SchemeDraft d, PeriodCode.Kind kind,
			java.util.function.Function<PeriodCode.Kind, Set<ScoreSource>> available, List<FieldProblem> problems) {
		List<SchemeView.Part> parts = new ArrayList<>();
		if (d.sources() == null || d.sources().isEmpty()) {
			problems.add(FieldProblem.of("sources", "evaluation.error.sources"));
			return parts;
		}
		Set<ScoreSource> has = kind == null ? Set.of() : available.apply(kind);
		Set<ScoreSource> seen = new HashSet<>();
		BigDecimal sum = BigDecimal.ZERO;
		boolean weightsKnown = true;
		for (int i = 0; i < d.sources().size(); i++) {
			SchemeDraft.Source s = d.sources().get(i);
			String field = "sources[" + i + "]";
			ScoreSource source = s == null ? null : ScoreSource.named(s.source() == null ? null : s.source().strip());
			if (source == null) {
				problems.add(FieldProblem.of(field + ".source", "evaluation.error.source.unknown",
						s == null || s.source() == null ? "" : s.source()));
				weightsKnown = false;
				continue;
			}
			if (!seen.add(source)) {
				problems.add(FieldProblem.of(field + ".source", "evaluation.error.source.twice", source.name()));
				continue;
			}
			if (kind != null && !has.contains(source)) {
				problems.add(FieldProblem.of(field + ".source", "evaluation.error.source.lacking", source.name(),
						kind.name()));
			}
			BigDecimal weight = s.weight();
			if (source.weighted()) {
				if (weight == null || weight.signum() < 0 || weight.compareTo(HUNDRED) > 0 || weight.scale() > 2) {
					problems.add(FieldProblem.of(field + ".weight", "evaluation.error.weight"));
					weightsKnown = false;
				}
				else {
					sum = sum.add(weight);
				}
				if (s.cap() != null && (s.cap().signum() <= 0 || s.cap().compareTo(HUNDRED) > 0)) {
					problems.add(FieldProblem.of(field + ".cap", "evaluation.error.cap"));
				}
			}
			else {
				if (weight != null && weight.signum() != 0) {
					problems.add(FieldProblem.of(field + ".weight", "evaluation.error.manualWeight"));
				}
				if (s.cap() == null || s.cap().signum() <= 0 || s.cap().compareTo(MAX_MANUAL_CAP) > 0) {
					problems.add(FieldProblem.of(field + ".cap", "evaluation.error.manualCap", MAX_MANUAL_CAP));
				}
				weight = BigDecimal.ZERO;
			}
			parts.add(new SchemeView.Part(source, weight == null ? BigDecimal.ZERO : weight, s.cap()));
		}
		if (weightsKnown && sum.compareTo(HUNDRED) != 0) {
			problems.add(FieldProblem.of("sources", "evaluation.error.weights", sum.stripTrailingZeros().toPlainString()));
		}
		return parts;
	}

	private static List<SchemeView.Band> bands(List<SchemeView.Band> bands, List<FieldProblem> problems) {
		if (bands == null || bands.isEmpty() || bands.size() > MAX_BANDS) {
			problems.add(FieldProblem.of("bands", "evaluation.error.bands", MAX_BANDS));
			return List.of();
		}
		List<SchemeView.Band> out = new ArrayList<>();
		Set<BigDecimal> mins = new HashSet<>();
		boolean zero = false;
		for (int i = 0; i < bands.size(); i++) {
			SchemeView.Band b = bands.get(i);
			String field = "bands[" + i + "]";
			String name = b == null || b.name() == null ? "" : b.name().strip();
			if (name.isEmpty() || name.length() > 20 || name.contains(";") || name.contains("|")) {
				problems.add(FieldProblem.of(field + ".name", "evaluation.error.bandName"));
			}
			BigDecimal min = b == null ? null : b.min();
			if (min == null || min.signum() < 0 || min.compareTo(HUNDRED) > 0 || !mins.add(min.stripTrailingZeros())) {
				problems.add(FieldProblem.of(field + ".min", "evaluation.error.bandMin"));
			}
			else if (min.signum() == 0) {
				zero = true;
			}
			String colour = b == null || b.colour() == null ? "" : b.colour().strip();
			if (!SchemeView.COLOURS.contains(colour)) {
				problems.add(FieldProblem.of(field + ".colour", "evaluation.error.bandColour"));
			}
			out.add(new SchemeView.Band(name, min, colour));
		}
		if (!zero && problems.stream().noneMatch(p -> p.field().startsWith("bands"))) {
			problems.add(FieldProblem.of("bands", "evaluation.error.bandZero"));
		}
		out.sort(Comparator.comparing(SchemeView.Band::min, Comparator.nullsLast(Comparator.reverseOrder())));
		return out;
	}

	/** The scores of a ranking group's units under a scheme: ranked ones by rank, then the others by code. */
	public static List<ScoreLine> score(SchemeView scheme, List<UnitInput> units) {
		List<ScoreLine> lines = new ArrayList<>();
		for (UnitInput u : units) {
			lines.add(line(scheme, u));
		}
		Comparator<ScoreLine> order = Comparator
			.comparing(ScoreLine::total, Comparator.nullsLast(Comparator.reverseOrder()))
			.thenComparing(l -> l.parts().get(ScoreSource.INSPECTION), Comparator.nullsLast(Comparator.reverseOrder()))
			.thenComparing(l -> l.parts().get(ScoreSource.PROBLEM_ON_TIME), Comparator.nullsLast(Comparator.reverseOrder()))
			.thenComparing(ScoreLine::unitCode);
		List<ScoreLine> ranked = lines.stream().filter(l -> !l.sampleTooSmall()).sorted(order).toList();
		List<ScoreLine> out = new ArrayList<>(lines.size());
		int rank = 0;
		for (ScoreLine l : ranked) {
			rank++;
			out.add(new ScoreLine(l.unitId(), l.unitCode(), l.unitName(), l.rankingGroup(), l.total(), l.parts(), rank,
					band(scheme.bands(), l.total()), false, l.sample(), l.samples()));
		}
		lines.stream().filter(ScoreLine::sampleTooSmall).sorted(Comparator.comparing(ScoreLine::unitCode)).forEach(out::add);
		return out;
	}

	/** The band of a total: the one with the highest minimum it reaches; null without a total. */
	public static SchemeView.Band band(List<SchemeView.Band> bands, BigDecimal total) {
		if (total == null) {
			return null;
		}
		return bands.stream()
			.filter(b -> total.compareTo(b.min()) >= 0)
			.max(Comparator.comparing(SchemeView.Band::min))
			.orElse(null);
	}

	static ScoreLine line(SchemeView scheme, UnitInput u) {
		Map<ScoreSource, BigDecimal> parts = new EnumMap<>(ScoreSource.class);
		Map<ScoreSource, Integer> samples = new EnumMap<>(ScoreSource.class);
		BigDecimal weights = BigDecimal.ZERO;
		int sample = 0;
		for (SchemeView.Part p : scheme.sources()) {
			if (!p.source().weighted()) {
				continue;
			}
			SourceValue v = u.values().getOrDefault(p.source(), SourceValue.NONE);
			samples.put(p.source(), v.sample());
			if (v.value() != null) {
				parts.put(p.source(), v.value());
				if (p.weight().signum() > 0) {
					weights = weights.add(p.weight());
				}
			}
			if (p.weight().signum() > 0) {
				sample += v.sample();
			}
		}
		BigDecimal total = null;
		if (weights.signum() > 0) {
			total = BigDecimal.ZERO;
			for (SchemeView.Part p : scheme.sources()) {
				BigDecimal v = parts.get(p.source());
				if (!p.source().weighted() || v == null || p.weight().signum() == 0) {
					continue;
				}
				BigDecimal c = v.multiply(p.weight()).divide(weights, 4, RoundingMode.HALF_UP);
				total = total.add(p.cap() == null ? c : c.min(p.cap()));
			}
			SchemeView.Part manual = scheme.part(ScoreSource.MANUAL);
			if (manual != null) {
				BigDecimal m = ManualRule.value(u.manual() == null ? List.of() : u.manual(), manual.cap());
				parts.put(ScoreSource.MANUAL, m);
				total = total.add(m);
			}
			total = total.max(BigDecimal.ZERO).setScale(2, RoundingMode.HALF_UP);
		}
		boolean tooSmall = total == null || sample < scheme.minSample();
		return new ScoreLine(u.unitId(), u.code(), u.name(), u.rankingGroup(), total, parts, null, null, tooSmall, sample, samples);
	}

}
