package cn.chuangwen.inspections;

import java.math.BigDecimal;

/**
 * One unit's inspection results in a period (issue 9 §4): the mean point score of each kind
 * (null without a scored point of that kind), the composite, how many points were scored, the rank
 * and band in its ranking group, and the change of rank since the previous period (positive: up;
 * null when it was not ranked then). {@code sampleTooSmall} (样本不足): fewer scored points than the
 * city's minimum for a kind that weighs; such a unit has no rank, band or change.
 */
public record ResultLine(long unitId, String unitName, String rankingGroup, BigDecimal announced,
		BigDecimal unannounced, BigDecimal composite, int announcedPoints, int unannouncedPoints, Integer rank,
		ResultBand band, boolean sampleTooSmall, Integer change) {

	/** Every scored point of the unit, both kinds. */
	public int points() {
		return announcedPoints + unannouncedPoints;
	}

}
