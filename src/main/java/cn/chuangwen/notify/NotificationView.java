package cn.chuangwen.notify;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** An in-app notification as its recipient sees it. */
public record NotificationView(long id, ReminderKind kind, long assignmentId, LocalDate day, String subject,
		LocalDate deadline, String title, String body, Instant createdAt, Instant readAt) {

	public boolean unread() {
		return readAt == null;
	}

	/** Days left before the deadline on the notification's day; negative once overdue. */
	public long daysLeft() {
		return ChronoUnit.DAYS.between(day, deadline);
	}

}
