package cn.chuangwen.notify;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Why a reminder goes out on a day: the deadline is exactly 7, 3 or 1 days away, or it has
 * passed (repeated every day while the assignment stays overdue). Nothing on the deadline day
 * itself nor on other days.
 */
public enum ReminderKind {

	DUE_7, DUE_3, DUE_1, OVERDUE;

	/** The reminder due on {@code day} for an assignment not signed off, if any. */
	public static Optional<ReminderKind> on(LocalDate deadline, LocalDate day) {
		long left = ChronoUnit.DAYS.between(day, deadline);
		if (left < 0) {
			return Optional.of(OVERDUE);
		}
		return switch ((int) Math.min(left, Integer.MAX_VALUE)) {
			case 7 -> Optional.of(DUE_7);
			case 3 -> Optional.of(DUE_3);
			case 1 -> Optional.of(DUE_1);
			default -> Optional.empty();
		};
	}

	public String messageKey() {
		return "notify.kind." + name();
	}

	/** The state colour of docs/ui.md: amber while due, red once overdue. */
	public String colour() {
		return this == OVERDUE ? "red" : "amber";
	}

}
