package cn.chuangwen.notify.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.organization.UserView;

/**
 * Delivers one notice about a problem or a rectification notice to its recipients in the app and
 * traces who was told (PROBLEM_NOTICE on the object): the one place both the loop's event notices
 * and the daily escalation send through.
 */
@Component
class ProblemTold {

	private final NotificationStore store;

	private final AuditTrail audit;

	private final Clock clock;

	ProblemTold(NotificationStore store, AuditTrail audit, Clock clock) {
		this.store = store;
		this.audit = audit;
		this.clock = clock;
	}

	/** How many enabled recipients got it now (a repeat of the same notice stores nothing). */
	int tell(NotificationStore.Notice notice, String objectType, long objectId, Iterable<UserView> recipients) {
		List<String> told = new ArrayList<>();
		for (UserView u : recipients) {
			if (u.enabled() && store.insertNotice(notice, u.id(), u.username(), clock.instant())) {
				told.add(u.username());
			}
		}
		if (!told.isEmpty()) {
			audit.record(AuditEntry.of("PROBLEM_NOTICE")
				.city(notice.cityId())
				.object(objectType, objectId)
				.actor(SystemUsers.ACTOR, null)
				.change("kind", null, notice.kind().name())
				.change("recipients", null, told));
		}
		return told.size();
	}

}
