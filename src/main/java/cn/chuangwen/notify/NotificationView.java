package cn.chuangwen.notify;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * An in-app notification as its recipient sees it: a deadline reminder ({@code kind} set, with its
 * assignment and deadline) or a notice ({@code notice} set, with the {@code link} it points to).
 */
public record NotificationView(long id, ReminderKind kind, NoticeKind notice, Long assignmentId, LocalDate day,
		String subject, LocalDate deadline, String title, String body, String link, Instant createdAt,
		Instant readAt) {

	public boolean unread() {
		return readAt == null;
	}

	public boolean reminder() {
		return kind != null;
	}

	/** Days left before the deadline on the notification's day; negative once overdue (reminders only). */
	public long daysLeft() {
		return deadline == null ? 0 : ChronoUnit.DAYS.between(day, deadline);
	}

	/** Where the notification leads: its link, or the assignment it is about. */
	public String href() {
		if (link != null && !link.isBlank()) {
			return link;
		}
		return assignmentId == null ? "/notifications" : "/assignments/" + assignmentId;
	}

}
