package cn.chuangwen.evaluation;

/** The office closed an evaluation period: its snapshot is stored. Published in the closing transaction. */
public record PeriodClosed(long cityId, long periodId, String code) {
}
