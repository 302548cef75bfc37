package cn.chuangwen.evaluation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import cn.chuangwen.shared.PeriodCode;

/**
 * A city's evaluation period: its code, kind and calendar days ({@code end} is the day after the
 * last), state, and who closed it when (null while open), whether it has ended by today, once
 * published the number of its bulletin (通报) and when it was published (null before), and while
 * open why the calendar's automatic closing was held back ({@code held}, null when it was not).
 */
public record PeriodView(String code, PeriodCode.Kind kind, LocalDate start, LocalDate end, PeriodState state,
		Instant closedAt, String closedBy, boolean ended, String bulletinNumber, Instant publishedAt, Held held) {

	/** Why the automatic closing was held back: a message key with its arguments, and when. */
	public record Held(String messageKey, List<String> args, Instant at) {
	}

}
