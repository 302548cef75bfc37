package cn.chuangwen.notify.internal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import cn.chuangwen.notify.Reminder;
import cn.chuangwen.notify.ReminderKind;
import cn.chuangwen.tasks.AssignmentView;

/**
 * The words of a reminder as it is sent, from the message bundles. Messages go out in Chinese,
 * the campaign's language; the app shows stored rows in each reader's language from their kind.
 */
@Component
public class ReminderTexts {

	/** E-mails and text messages go out in the campaign's language. */
	public static final Locale LOCALE = Locale.SIMPLIFIED_CHINESE;

	private final MessageSource messages;

	private final NotifySettings settings;

	public ReminderTexts(MessageSource messages, NotifySettings settings) {
		this.messages = messages;
		this.settings = settings;
	}

	public Reminder reminder(AssignmentView a, ReminderKind kind, LocalDate day) {
		String subject = a.indicatorCode() + " " + a.indicatorName();
		long left = ChronoUnit.DAYS.between(day, a.deadline());
		String title = kind == ReminderKind.OVERDUE
				? msg("notify.message.title.overdue", subject, -left, a.deadline().toString())
				: msg("notify.message.title.due", subject, left, a.deadline().toString());
		String link = settings.baseUrl() + "/assignments/" + a.id();
		String body = msg("notify.message.body", title, a.leadUnitName(), a.deadline().toString(), a.percent(), link);
		String sms = oneLine(msg("notify.message.sms", title));
		return new Reminder(a.cityId(), a.id(), kind, day, subject, a.deadline(), title, body, sms);
	}

	private String msg(String key, Object... args) {
		return messages.getMessage(key, args, LOCALE);
	}

	static String oneLine(String text) {
		return text.replaceAll("[\\r\\n\\t]+", " ").strip();
	}

}
