package cn.chuangwen.notify.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.moments.HourHasPassed;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.notify.NoticeKind;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.UserView;

/**
 * The office's hourly digest (待审核汇总): when Moments says an hour has passed, each city where
 * reports arrived since the last digest gets one in-app notice per reviewing account with the
 * count and a link to the review queue, instead of one notice per report. A city's digest claims
 * its arrivals with one UPDATE in the same transaction as its notices, so an hour is told once,
 * also when two nodes hear the hour or a node hears it twice; nothing arrived, nothing is sent.
 */
@Component
class ReviewDigest {

	/** Digested arrivals are kept this long, then forgotten. */
	static final Duration KEEP = Duration.ofDays(30);

	static final String QUEUE_LINK = "/reviews";

	private static final Logger log = LoggerFactory.getLogger(ReviewDigest.class);

	private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final NotificationStore store;

	private final Accounts accounts;

	private final MessageSource messages;

	private final AuditTrail audit;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final ZoneId zone;

	ReviewDigest(NotificationStore store, Accounts accounts, MessageSource messages, AuditTrail audit, TransactionTemplate tx, Clock clock,
			@Value("${spring.modulith.moments.zone-id:Asia/Shanghai}") ZoneId zone) {
		this.store = store;
		this.accounts = accounts;
		this.messages = messages;
		this.audit = audit;
		this.tx = tx;
		this.clock = clock;
		this.zone = zone;
	}

	/** The hour that passed began at {@code event.getTime()} in the campaign's zone. */
	@EventListener
	void on(HourHasPassed event) {
		LocalDateTime start = event.getTime();
		Instant end = start.plusHours(1).atZone(zone).toInstant();
		for (Long cityId : store.citiesWithArrivals(end)) {
			try {
				tx.executeWithoutResult(s -> digest(cityId, start, end));
			}
			catch (RuntimeException ex) {
				// One city's failure must not keep the digests of the others from going out.
				log.error("Review digest for city {} of the hour {} failed", cityId, start, ex);
			}
		}
		tx.executeWithoutResult(s -> store.purgeArrivals(end.minus(KEEP)));
	}

	private void digest(long cityId, LocalDateTime start, Instant end) {
		int count = store.claimArrivals(cityId, end, end);
		if (count == 0) {
			return;
		}
		CurrentUser system = SystemUsers.reader(cityId, null, null);
		String hour = HOUR.format(start) + "–" + HOUR.format(start.plusHours(1)).substring(11);
		String title = msg("notify.notice.digest.title", count);
		String body = msg("notify.notice.digest.body", count, hour);
		String ref = "digest:" + start;
		List<String> told = new ArrayList<>();
		var notice = new NotificationStore.Notice(cityId, NoticeKind.REVIEW_DIGEST, null, start.toLocalDate(),
				msg("notify.notice.digest.subject"), title, body, QUEUE_LINK, ref);
		for (UserView u : accounts.holding(system, Permissions.REPORT_REVIEW)) {
			if (store.insertNotice(notice, u.id(), u.username(), clock.instant())) {
				told.add(u.username());
			}
		}
		audit.record(AuditEntry.of("REVIEW_DIGEST")
			.city(cityId)
			.object("city", cityId)
			.actor(SystemUsers.ACTOR, null)
			.change("hour", null, start)
			.change("reports", null, count)
			.change("recipients", null, told));
	}

	private String msg(String key, Object... args) {
		return messages.getMessage(key, args, ReminderTexts.LOCALE);
	}

}
