package cn.chuangwen.notify.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.notify.NoticeKind;
import cn.chuangwen.organization.UserView;
import cn.chuangwen.tasks.Assignments;
import cn.chuangwen.tasks.ProgressReportApproved;
import cn.chuangwen.tasks.ProgressReportReturned;
import cn.chuangwen.tasks.ProgressReportSubmitted;

/**
 * What the review of progress reports tells people, as events between modules: a unit's liaison
 * accounts learn in the app that their report was approved or returned (with the reason and a
 * link to it); each submitted report is noted for the office's hourly digest ({@link ReviewDigest}).
 * Each listener runs after the publisher's transaction committed, in its own; the publication
 * registry keeps it until it succeeded, and a repeat stores nothing twice (the notice's ref).
 */
@Component
class ReviewNotices {

	private final NotificationStore store;

	private final UnitLiaisons liaisons;

	private final MessageSource messages;

	private final AuditTrail audit;

	private final Clock clock;

	ReviewNotices(NotificationStore store, UnitLiaisons liaisons, MessageSource messages,
			AuditTrail audit, Clock clock) {
		this.store = store;
		this.liaisons = liaisons;
		this.messages = messages;
		this.audit = audit;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(ProgressReportSubmitted event) {
		store.recordArrival(event.reportId(), event.cityId(), event.submittedAt());
	}

	@ApplicationModuleListener
	void on(ProgressReportApproved event) {
		store.forgetArrival(event.reportId());
		String subject = event.indicatorCode() + " " + event.indicatorName();
		String link = link(event.assignmentId(), event.reportId());
		tell(event.cityId(), event.unitId(), event.reportId(), event.assignmentId(), NoticeKind.REPORT_APPROVED, subject,
				msg("notify.notice.approved.title", subject),
				msg("notify.notice.approved.body", subject, event.reportId()), link,
				event.reviewedAt());
	}

	@ApplicationModuleListener
	void on(ProgressReportReturned event) {
		store.forgetArrival(event.reportId());
		String subject = event.indicatorCode() + " " + event.indicatorName();
		String link = link(event.assignmentId(), event.reportId());
		String reason = event.reason() == null ? "" : event.reason();
		tell(event.cityId(), event.unitId(), event.reportId(), event.assignmentId(), NoticeKind.REPORT_RETURNED, subject,
				msg("notify.notice.returned.title", subject),
				msg("notify.notice.returned.body", subject, event.reportId(), reason), link,
				event.reviewedAt());
	}

	private void tell(long cityId, long unitId, long reportId, long assignmentId, NoticeKind kind, String subject,
			String title, String body, String link, Instant at) {
		List<String> told = new ArrayList<>();
		var notice = new NotificationStore.Notice(cityId, kind, assignmentId, LocalDate.ofInstant(at, Assignments.ZONE),
				subject, title, body, link, "report:" + reportId);
		for (UserView u : liaisons.of(cityId, unitId)) {
			if (store.insertNotice(notice, u.id(), u.username(), clock.instant())) {
				told.add(u.username());
			}
		}
		if (!told.isEmpty()) {
			audit.record(AuditEntry.of("REPORT_NOTICE")
				.city(cityId)
				.object("progress_report", reportId)
				.actor(SystemUsers.ACTOR, null)
				.change("kind", null, kind.name())
				.change("recipients", null, told));
		}
	}

	static String link(long assignmentId, long reportId) {
		return "/assignments/" + assignmentId + "#r" + reportId;
	}

	private String msg(String key, Object... args) {
		return messages.getMessage(key, args, ReminderTexts.LOCALE);
	}

}
