package cn.chuangwen.notify;

import java.time.LocalDate;

/**
 * One reminder about one assignment on one day, with its text as sent (Chinese, the campaign's
 * language): {@code title} is the e-mail subject, {@code body} the e-mail and in-app text,
 * {@code sms} the one-line text message.
 */
public record Reminder(long cityId, long assignmentId, ReminderKind kind, LocalDate day, String subject,
		LocalDate deadline, String title, String body, String sms) {
}
