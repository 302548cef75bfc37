package cn.chuangwen.evaluation.internal.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;

/**
 * INSPECTION: the mean of the unit's inspection composites (already 0–100, e.g. 40 % announced +
 * 60 % unannounced) over the inspection periods inside the evaluation period that gave it one
 * (a quarter of a monthly city: up to three months), half up to 2 decimals; none: no value. The
 * sample is every point scored in those periods.
 */
public final class InspectionRule {

	private InspectionRule() {
	}

	public static SourceValue value(List<BigDecimal> composites, int points) {
		List<BigDecimal> known = composites.stream().filter(Objects::nonNull).toList();
		if (known.isEmpty()) {
			return new SourceValue(null, points);
		}
		BigDecimal sum = known.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
		return new SourceValue(SourceValue.bounded(sum.divide(BigDecimal.valueOf(known.size()), 2, RoundingMode.HALF_UP)),
				points);
	}

}
