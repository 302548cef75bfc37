package cn.chuangwen.inspections;

import java.math.BigDecimal;

/** One item of a checklist version (测评细则): what is checked at a point type and how it is deducted. */
public record ChecklistItemView(long id, long versionId, PointType pointType, String category, String item,
		String deductionRule, BigDecimal perOccurrence, BigDecimal maxDeduction, Long indicatorId) {
}
