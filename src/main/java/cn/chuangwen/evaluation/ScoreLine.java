package cn.chuangwen.evaluation;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A unit's score in a period and ranking group: the total, the parts per source (each 0–100; the
 * manual part in points), the rank and band among the units with a sufficient sample, and that sample
 * (points inspected, problems due, assignments) in all and per weighted source. {@code sampleTooSmall}:
 * not ranked, no band.
 */
public record ScoreLine(long unitId, String unitCode, String unitName, String rankingGroup, BigDecimal total,
		Map<ScoreSource, BigDecimal> parts, Integer rank, SchemeView.Band band, boolean sampleTooSmall, int sample,
		Map<ScoreSource, Integer> samples) {
}
