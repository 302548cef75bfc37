package cn.chuangwen.evaluation;

import java.time.Instant;
import java.time.LocalDate;

import cn.chuangwen.shared.PeriodCode;

/**
 * A city's evaluation period: its code, kind and calendar days ({@code end} is the day after the
 * last), state, and who closed it when (null while open), whether it has ended by today, and once
 * published the number of its bulletin (通报) and when it was published (null before).
 */
public record PeriodView(String code, PeriodCode.Kind kind, LocalDate start, LocalDate end, PeriodState state,
		Instant closedAt, String closedBy, boolean ended, String bulletinNumber, Instant publishedAt) {
}
