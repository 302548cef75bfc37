package cn.chuangwen.evaluation.internal.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The city's civilization index of a quarter: the mean of its towns' indexes (their totals in the
 * index scheme), half up to 2 decimals; towns without a total (sample too small) are left out; null
 * when no town has one.
 */
public final class IndexRule {

	private IndexRule() {
	}

	public static BigDecimal cityIndex(List<BigDecimal> townIndexes) {
		List<BigDecimal> known = townIndexes.stream().filter(v -> v != null).toList();
		if (known.isEmpty()) {
			return null;
		}
		return known.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
			.divide(BigDecimal.valueOf(known.size()), 2, RoundingMode.HALF_UP);
	}

}
