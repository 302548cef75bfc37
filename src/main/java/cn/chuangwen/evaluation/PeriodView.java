package cn.chuangwen.evaluation;

import java.time.Instant;
import java.time.LocalDate;

import cn.chuangwen.shared.PeriodCode;

/**
 * A city's evaluation period: its code, kind and calendar days ({@code end} is the day after the
 * last), state, and who closed it when (null while open), and whether it has ended by today.
 */
public record PeriodView(String code, PeriodCode.Kind kind, LocalDate start, LocalDate end, PeriodState state,
		Instant closedAt, String closedBy, boolean ended) {
}
