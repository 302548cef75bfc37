package cn.chuangwen.innovation;

import java.math.BigDecimal;

/** One line of a published ranking: no person is named, so the public page may show it. */
public record RankLine(int rank, long caseId, String title, long unitId, String unitName, BigDecimal score,
		int sheets) {
}
