package cn.chuangwen.evaluation;

import java.math.BigDecimal;

import cn.chuangwen.shared.PeriodCode;

/**
 * A reward or consequence rule of a city's period kind and ranking group: a reward of
 * {@code amount} yuan for rank {@code rank}; or the {@code consequence} (e.g. 取消当年文明乡镇评选资格)
 * for the bottom {@code bottomN} ranked units.
 */
public record RewardRule(PeriodCode.Kind periodKind, String rankingGroup, boolean reward, Integer rank,
		BigDecimal amount, Integer bottomN, String consequence) {
}
