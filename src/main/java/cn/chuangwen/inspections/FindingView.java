package cn.chuangwen.inspections;

import java.math.BigDecimal;

/** A finding (an item answered with a deduction): the item, its deduction and its verdict. */
public record FindingView(long itemId, BigDecimal deduction, PointScore.Verdict verdict) {
}
