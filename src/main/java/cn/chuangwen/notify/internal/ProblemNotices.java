package cn.chuangwen.notify.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import cn.chuangwen.notify.NoticeKind;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.UserView;
import cn.chuangwen.problems.NoticeIssued;
import cn.chuangwen.problems.ProblemClosed;
import cn.chuangwen.problems.ProblemDispatched;
import cn.chuangwen.problems.ProblemListPublished;
import cn.chuangwen.problems.ProblemReturned;
import cn.chuangwen.problems.ProblemSubmitted;
import cn.chuangwen.problems.Problems;

/**
 * What the problem loop tells people in the app: a unit's liaisons that a problem was dispatched
 * (or re-routed) to them and that a rectification was returned; the verifier (else the city
 * office) that a rectification waits; the leaders who wrote instructions on a problem that it is
 * closed; a unit's liaisons that a rectification notice or supervision letter waits for their
 * signature. Each listener runs after the publisher's transaction committed, in its own; a repeat of
 * the same event stores nothing twice (the notice's ref names the problem and the event's time).
 */
@Component
class ProblemNotices {

	private final ProblemTold told;

	private final UnitLiaisons liaisons;

	private final Accounts accounts;

	private final MessageSource messages;

	ProblemNotices(ProblemTold told, UnitLiaisons liaisons, Accounts accounts, MessageSource messages) {
		this.told = told;
		this.liaisons = liaisons;
		this.accounts = accounts;
		this.messages = messages;
	}

	@ApplicationModuleListener
	void on(ProblemDispatched e) {
		String deadline = e.deadline().atZone(Problems.ZONE).toLocalDateTime().toString().replace('T', ' ');
		tell(e.cityId(), e.problemId(), NoticeKind.PROBLEM_DISPATCHED, e.code(), e.at(),
				msg("notify.notice.problemDispatched.title", e.code(), e.title()),
				msg("notify.notice.problemDispatched.body", e.code(), e.title(), deadline),
				liaisons.of(e.cityId(), e.unitId()));
	}

	@ApplicationModuleListener
	void on(ProblemReturned e) {
		tell(e.cityId(), e.problemId(), NoticeKind.PROBLEM_RETURNED, e.code(), e.at(),
				msg("notify.notice.problemReturned.title", e.code(), e.title()),
				msg("notify.notice.problemReturned.body", e.code(), e.title(), e.reason() == null ? "" : e.reason()),
				liaisons.of(e.cityId(), e.unitId()));
	}

	@ApplicationModuleListener
	void on(ProblemSubmitted e) {
		CurrentUser system = SystemUsers.reader(e.cityId(), null, null);
		List<UserView> verifiers = accounts.holding(system, Permissions.PROBLEM_VERIFY)
			.stream()
			.filter(u -> e.verifier() == null ? u.roles().contains(Role.CITY_OFFICE)
					: u.username().equals(e.verifier()))
			.toList();
		tell(e.cityId(), e.problemId(), NoticeKind.PROBLEM_SUBMITTED, e.code(), e.at(),
				msg("notify.notice.problemSubmitted.title", e.code(), e.title()),
				msg("notify.notice.problemSubmitted.body", e.code(), e.title()), verifiers);
	}

	@ApplicationModuleListener
	void on(ProblemClosed e) {
		if (e.instructingLeaderIds().isEmpty()) {
			return;
		}
		CurrentUser system = SystemUsers.reader(e.cityId(), null, null);
		Set<Long> ids = Set.copyOf(e.instructingLeaderIds());
		List<UserView> leaders = accounts.holding(system, Permissions.INSTRUCTION_WRITE)
			.stream()
			.filter(u -> ids.contains(u.id()))
			.toList();
		tell(e.cityId(), e.problemId(), NoticeKind.PROBLEM_CLOSED, e.code(), e.at(),
				msg("notify.notice.problemClosed.title", e.code(), e.title()),
				msg("notify.notice.problemClosed.body", e.code(), e.title()), leaders);
	}

	@ApplicationModuleListener
	void on(NoticeIssued e) {
		String deadline = e.deadline().atZone(Problems.ZONE).toLocalDateTime().toString().replace('T', ' ');
		String kind = msg("notice.kind." + e.kind());
		tell(e.cityId(), e.noticeId(), NoticeKind.NOTICE_ISSUED, e.number(), e.at(),
				msg("notify.notice.noticeIssued.title", e.number()),
				msg("notify.notice.noticeIssued.body", e.number(), kind, deadline), liaisons.of(e.cityId(), e.unitId()),
				"/problems/notices/" + e.noticeId(), "problem_notice");
	}

	@ApplicationModuleListener
	void on(ProblemListPublished e) {
		// the city's liaisons in one read, then those of the red units
		Set<Long> red = Set.copyOf(e.redUnitIds());
		List<UserView> recipients = accounts.holding(SystemUsers.reader(e.cityId(), null, null), Permissions.PROBLEM_RECTIFY)
			.stream()
			.filter(u -> u.roles().contains(Role.UNIT_LIAISON) && u.unitId() != null && red.contains(u.unitId()))
			.toList();
		if (recipients.isEmpty()) {
			return;
		}
		tell(e.cityId(), e.publicationId(), NoticeKind.PROBLEM_LIST_RED, e.period(), e.at(),
				msg("notify.notice.problemListRed.title", e.period()), msg("notify.notice.problemListRed.body", e.period()),
				recipients, "/problems/lists/published?period=" + e.period(), "problem_list_publication");
	}

	private void tell(long cityId, long problemId, NoticeKind kind, String subject, Instant at, String title,
			String body, Collection<UserView> recipients) {
		tell(cityId, problemId, kind, subject, at, title, body, recipients, "/problems/" + problemId, "problem");
	}

	private void tell(long cityId, long objectId, NoticeKind kind, String subject, Instant at, String title,
			String body, Collection<UserView> recipients, String link, String objectType) {
		told.tell(new NotificationStore.Notice(cityId, kind, null, LocalDate.ofInstant(at, Problems.ZONE), subject,
				title, body, link, objectType + ":" + objectId + ":" + at.toEpochMilli()), objectType, objectId, recipients);
	}

	private String msg(String key, Object... args) {
		return messages.getMessage(key, args, ReminderTexts.LOCALE);
	}

}
