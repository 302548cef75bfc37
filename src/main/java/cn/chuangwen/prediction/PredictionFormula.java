package cn.chuangwen.prediction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The predicted national score, as arithmetic (the national structure in {@code shared/data/README.md}):
 * <ul>
 * <li><b>document review 40</b>: 40 × the leaf-score-weighted share of material-review leaves with
 * approved evidence in the archive. A leaf without evidence loses its whole share.</li>
 * <li><b>field inspection 40</b>: 40 × the leaf-score-weighted mean score rate (得分率) of the
 * field-check leaves. A leaf not yet inspected is unknown: it counts at {@value #ASSUMED_RATE} for
 * the estimate, at 0 for the low end and at 1 for the high end, so the range widens with what is
 * unknown.</li>
 * <li><b>survey 20</b>: given ({@code SurveyPart}).</li>
 * <li><b>minors' test</b>: counts {@value #MINORS_SHARE} of the total, so total = (1 − share) × (the
 * three parts) + share × minors' score; a score under {@value #GATE} fails the gate (flagged, the
 * total is still shown). Not entered: {@value #ASSUMED_MINORS} for the estimate, 0 to 100 for the
 * range.</li>
 * <li><b>negative list</b>: the deductions are subtracted from total, low and high (never below 0).</li>
 * <li><b>cycle</b>: the three years weigh 15, 25 and 60 %; the cycle estimate takes the entered
 * actual scores of the earlier years and this year's estimate for this and any later year. It
 * exists only from the second year on and when every earlier year was entered.</li>
 * </ul>
 * A part with no leaves at all is unknown as a whole: {@value #ASSUMED_RATE} of its points for the
 * estimate, 0 to full for the range. Points lost per leaf are points of the 100-point test (before
 * the minors' share); a leaf assessed both ways loses in both parts.
 */
public final class PredictionFormula {

	public static final double DOCUMENTS = 40, FIELD = 40, SURVEY = 20;

	/** The share of the total the minors' moral-education test counts. */
	public static final double MINORS_SHARE = 0.20;

	/** The minors' test gate: a lower score disqualifies. */
	public static final double GATE = 85;

	/** The score rate assumed for a leaf (or a part) about which nothing is known yet. */
	public static final double ASSUMED_RATE = 0.80;

	/** The minors' score assumed while the office has not entered one. */
	public static final double ASSUMED_MINORS = 85;

	/** The weights of the cycle's three years, in percent. */
	public static final double[] CYCLE_WEIGHTS = { 15, 25, 60 };

	/** How many leaves the losses and gains lists keep. */
	public static final int TOP = 20;

	/** A material-review leaf: its score (weight), whether approved evidence exists. */
	public record DocumentLeaf(String code, String name, double weight, boolean covered) {
	}

	/**
	 * A field-check leaf: its score (weight), its score rate 0..1 (null: not inspected yet), the
	 * points with a deduction and the points checked.
	 */
	public record FieldLeaf(String code, String name, double weight, Double rate, long failingPoints, long points) {
	}

	/** A part's estimate and range in points; {@code unknown} when nothing at all is known of it. */
	public record Part(double point, double low, double high, boolean unknown) {

		public static Part unknown(double full) {
			return new Part(full * ASSUMED_RATE, 0, full, true);
		}

	}

	/**
	 * What the estimate is made of. {@code minors} null: not entered; {@code cycleStart} null: the
	 * cycle is not set; {@code year1}, {@code year2}: the actual scores of the cycle's first two years.
	 */
	public record Inputs(List<DocumentLeaf> documents, List<FieldLeaf> field, Part survey, Double minors,
			double deductions, Integer cycleStart, int currentYear, Double year1, Double year2) {

		public Inputs {
			documents = List.copyOf(documents);
			field = List.copyOf(field);
		}

	}

	/** Points a leaf loses, per part; {@code unknown} when its field loss is at the assumed rate. */
	public record Loss(String code, String name, double documents, double field, boolean unknown) {

		public double lost() {
			return documents + field;
		}

	}

	/** What a leaf could regain, for how much work: one evidence report, or each failing point put right. */
	public record Gain(String code, String name, Kind kind, double points, long work) {

		public enum Kind {
			DOCUMENT, FIELD
		}

		public double perUnit() {
			return work == 0 ? points : points / work;
		}

	}

	/** The minors' gate: the score used (entered or assumed) and whether it passes (null: not entered). */
	public record Gate(double score, boolean entered, Boolean passed) {
	}

	/** The cycle: the year of it (1..3, null when not set or outside it) and the weighted estimate (or null). */
	public record Cycle(Integer startYear, Integer yearOfCycle, Double estimate) {
	}

	public record Result(double total, double low, double high, Part documents, Part field, Part survey, Gate gate,
			double deductions, Cycle cycle, List<Loss> losses, List<Gain> gains, int unknownLeaves) {
	}

	private PredictionFormula() {
	}

	public static Result compute(Inputs in) {
		Map<String, double[]> lost = new LinkedHashMap<>();
		Map<String, String> names = new LinkedHashMap<>();
		Map<String, Boolean> unknown = new LinkedHashMap<>();
		List<Gain> gains = new ArrayList<>();

		Part documents;
		double docWeight = in.documents().stream().mapToDouble(DocumentLeaf::weight).sum();
		if (docWeight <= 0) {
			documents = Part.unknown(DOCUMENTS);
		}
		else {
			double covered = 0;
			for (DocumentLeaf leaf : in.documents()) {
				double share = DOCUMENTS * leaf.weight() / docWeight;
				if (leaf.covered()) {
					covered += share;
				}
				else {
					lost.computeIfAbsent(leaf.code(), k -> new double[2])[0] += share;
					names.put(leaf.code(), leaf.name());
					gains.add(new Gain(leaf.code(), leaf.name(), Gain.Kind.DOCUMENT, share, 1));
				}
			}
			documents = new Part(covered, covered, covered, false);
		}

		Part field;
		double fieldWeight = in.field().stream().mapToDouble(FieldLeaf::weight).sum();
		int unknownLeaves = 0;
		if (fieldWeight <= 0) {
			field = Part.unknown(FIELD);
		}
		else {
			double point = 0, low = 0, high = 0;
			for (FieldLeaf leaf : in.field()) {
				double share = FIELD * leaf.weight() / fieldWeight;
				boolean isUnknown = leaf.rate() == null;
				double rate = isUnknown ? ASSUMED_RATE : clamp(leaf.rate(), 0, 1);
				point += share * rate;
				low += isUnknown ? 0 : share * rate;
				high += isUnknown ? share : share * rate;
				double leafLost = share * (1 - rate);
				if (isUnknown) {
					unknownLeaves++;
					unknown.put(leaf.code(), true);
				}
				if (leafLost > 0) {
					lost.computeIfAbsent(leaf.code(), k -> new double[2])[1] += leafLost;
					names.put(leaf.code(), leaf.name());
					if (!isUnknown && leaf.failingPoints() > 0) {
						gains.add(new Gain(leaf.code(), leaf.name(), Gain.Kind.FIELD, leafLost, leaf.failingPoints()));
					}
				}
			}
			field = new Part(point, low, high, false);
		}

		Part survey = in.survey();
		double share = MINORS_SHARE;
		boolean entered = in.minors() != null;
		double minors = entered ? clamp(in.minors(), 0, 100) : ASSUMED_MINORS;
		double minorsLow = entered ? minors : 0;
		double minorsHigh = entered ? minors : 100;
		Gate gate = new Gate(minors, entered, entered ? minors >= GATE : null);

		double deductions = Math.max(0, in.deductions());
		double total = floor0((1 - share) * (documents.point() + field.point() + survey.point()) + share * minors
				- deductions);
		double low = floor0((1 - share) * (documents.low() + field.low() + survey.low()) + share * minorsLow
				- deductions);
		double high = floor0((1 - share) * (documents.high() + field.high() + survey.high()) + share * minorsHigh
				- deductions);

		List<Loss> losses = lost.entrySet()
			.stream()
			.map(e -> new Loss(e.getKey(), names.get(e.getKey()), e.getValue()[0], e.getValue()[1],
					unknown.getOrDefault(e.getKey(), false)))
			.sorted(Comparator.comparingDouble(Loss::lost).reversed().thenComparing(Loss::code))
			.limit(TOP)
			.toList();
		List<Gain> ranked = gains.stream()
			.sorted(Comparator.comparingDouble(Gain::perUnit).reversed().thenComparing(Gain::code))
			.limit(TOP)
			.toList();
		return new Result(total, low, high, documents, field, survey, gate, deductions, cycle(in, total), losses,
				ranked, unknownLeaves);
	}

	/**
	 * The cycle estimate: Σ weight × score over the three years, with the entered actual scores of
	 * the earlier years and {@code thisYear} for this and later years; null in the first year, when
	 * the cycle is not set or over, or when an earlier year was not entered.
	 */
	static Cycle cycle(Inputs in, double thisYear) {
		if (in.cycleStart() == null) {
			return new Cycle(null, null, null);
		}
		int year = in.currentYear() - in.cycleStart() + 1;
		if (year < 1 || year > 3) {
			return new Cycle(in.cycleStart(), null, null);
		}
		if (year == 1) {
			return new Cycle(in.cycleStart(), 1, null);
		}
		Double[] scores = { in.year1(), year > 2 ? in.year2() : Double.valueOf(thisYear), thisYear };
		double estimate = 0;
		for (int y = 0; y < 3; y++) {
			if (scores[y] == null) {
				return new Cycle(in.cycleStart(), year, null);
			}
			estimate += CYCLE_WEIGHTS[y] * scores[y] / 100;
		}
		return new Cycle(in.cycleStart(), year, estimate);
	}

	private static double clamp(double v, double min, double max) {
		return Math.max(min, Math.min(max, v));
	}

	private static double floor0(double v) {
		return Math.max(0, v);
	}

}
