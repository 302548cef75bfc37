package cn.chuangwen.notify;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.notify.internal.Masks;
import cn.chuangwen.notify.internal.NotificationStore;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;

/**
 * A signed-in user's own notifications (通知): read them newest first, mark them read, and give
 * the e-mail address reminders go to. Nobody reads another user's notifications: another user's
 * id is answered as not found.
 */
@Service
public class Notifications {

	public static final int PAGE_SIZE = 20;

	static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,180}\\.[A-Za-z]{2,24}");

	private final NotificationStore store;

	private final AuditTrail audit;

	private final Clock clock;

	public Notifications(NotificationStore store, AuditTrail audit, Clock clock) {
		this.store = store;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public NotificationPage page(CurrentUser user, int page) {
		long total = store.countOfUser(user.id());
		int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
		int current = Math.min(Math.max(1, page), pages);
		return new NotificationPage(store.ofUser(user.id(), (current - 1) * PAGE_SIZE, PAGE_SIZE), total,
				store.unreadOfUser(user.id()), current, pages);
	}

	@Transactional(readOnly = true)
	public long unread(long userId) {
		return store.unreadOfUser(userId);
	}

	/** The user's notification; 404 when it is someone else's or does not exist. */
	@Transactional(readOnly = true)
	public NotificationView get(CurrentUser user, long id) {
		return store.findOfUser(user.id(), id).orElseThrow(() -> new NotFoundException("notification", id));
	}

	@Transactional
	public void markRead(CurrentUser user, long id) {
		get(user, id);
		store.markRead(user.id(), id, clock.instant());
	}

	/** Marks every unread notification of the user read; returns how many. */
	@Transactional
	public int markAllRead(CurrentUser user) {
		return store.markAllRead(user.id(), clock.instant());
	}

	@Transactional(readOnly = true)
	public Optional<String> email(CurrentUser user) {
		return store.email(user.id());
	}

	/** Sets (or with a blank value removes) the address the user's reminders are e-mailed to. */
	@Transactional
	public void saveEmail(CurrentUser user, String email) {
		String clean = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
		if (!clean.isEmpty() && (clean.length() > 254 || !EMAIL.matcher(clean).matches())) {
			throw new InvalidInputException(FieldProblem.of("email", "notify.error.email.format"));
		}
		Optional<String> before = store.email(user.id());
		if (before.orElse("").equals(clean)) {
			return;
		}
		if (clean.isEmpty()) {
			store.deleteEmail(user.id());
		}
		else {
			store.saveEmail(user.id(), clean, clock.instant());
		}
		audit.record(AuditEntry.of("NOTIFY_EMAIL_CHANGE")
			.city(user.cityId())
			.object("user", user.id())
			.change("email", before.map(Masks::email).orElse(null), clean.isEmpty() ? null : Masks.email(clean)));
	}

}
