package cn.chuangwen.notify.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.moments.DayHasPassed;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.notify.NoticeKind;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.LeaderAttachmentView;
import cn.chuangwen.organization.LeaderAttachments;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.organization.UserView;
import cn.chuangwen.problems.ProblemRules;
import cn.chuangwen.problems.ProblemView;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.problems.RectificationNotices;
import cn.chuangwen.shared.RunOnce;

/**
 * The problem loop's daily escalation (issue 8 §4), when a day has passed in Beijing time: the
 * unit's liaisons are reminded the day before a problem's deadline and every day while it is
 * overdue; from the city's escalation day (3 by default) the unit's top leader (一把手, when the
 * unit names their account) and the city leaders attached to the unit or a unit above it are told too; from the supervision-letter day (7) the office is told and offered
 * a supervision letter. Notices not signed for a day after they were issued are chased. One node
 * runs a day ({@link RunOnce}); a notice is stored once per recipient, problem and day.
 */
@Component
class ProblemReminders {

	private static final Logger log = LoggerFactory.getLogger(ProblemReminders.class);

	private final Problems problems;

	private final RectificationNotices notices;

	private final UnitLiaisons liaisons;

	private final Units units;

	private final LeaderAttachments leaders;

	private final Accounts accounts;

	private final ProblemTold told;

	private final MessageSource messages;

	private final RunOnce runOnce;

	private final TransactionTemplate tx;

	private final Clock clock;

	ProblemReminders(Problems problems, RectificationNotices notices, UnitLiaisons liaisons, Units units,
			LeaderAttachments leaders, Accounts accounts, ProblemTold told, MessageSource messages, RunOnce runOnce,
			TransactionTemplate tx, Clock clock) {
		this.problems = problems;
		this.notices = notices;
		this.liaisons = liaisons;
		this.units = units;
		this.leaders = leaders;
		this.accounts = accounts;
		this.told = told;
		this.messages = messages;
		this.runOnce = runOnce;
		this.tx = tx;
		this.clock = clock;
	}

	@EventListener
	void on(DayHasPassed event) {
		LocalDate day = event.getDate().plusDays(1);
		boolean here = runOnce.run("notify.problem-reminders:" + day, Duration.ofHours(2), Duration.ofMinutes(10),
				() -> runFor(day));
		log.info(here ? "Problem reminders of {} ran on this node" : "Problem reminders of {} ran on another node", day);
	}

	/** The reminders of {@code day}: how many notices went out. */
	int runFor(LocalDate day) {
		Instant now = clock.instant();
		Instant tomorrowEnds = day.plusDays(2).atStartOfDay(Problems.ZONE).toInstant();
		int sent = 0;
		for (ProblemView p : problems.waitingForUnitsDueBefore(tomorrowEnds)) {
			sent += tx.execute(s -> remind(p, day, now));
		}
		for (RectificationNotices.Unsigned n : notices.unsignedSince(now.minus(Duration.ofDays(1)))) {
			sent += tx.execute(s -> chase(n, day));
		}
		return sent;
	}

	private int remind(ProblemView p, LocalDate day, Instant now) {
		String deadline = p.deadline().atZone(Problems.ZONE).toLocalDateTime().toString().replace('T', ' ');
		if (!p.deadline().isBefore(now)) {
			return tell(p.cityId(), p.id(), NoticeKind.PROBLEM_DUE, p.code(), day,
					msg("notify.notice.problemDue.title", p.code(), p.title()),
					msg("notify.notice.problemDue.body", p.code(), p.title(), deadline), liaisons.of(p.cityId(), p.unitId()));
		}
		ProblemRules rules = problems.rules(p.cityId());
		long daysLate = Duration.between(p.deadline(), now).toDays();
		Map<Long, UserView> told = new LinkedHashMap<>();
		liaisons.of(p.cityId(), p.unitId()).forEach(u -> told.put(u.id(), u));
		if (daysLate >= rules.escalateDays()) {
			topLeader(p).ifPresent(u -> told.putIfAbsent(u.id(), u));
			attachedLeaders(p).forEach(u -> told.putIfAbsent(u.id(), u));
		}
		int sent = tell(p.cityId(), p.id(), NoticeKind.PROBLEM_OVERDUE, p.code(), day,
				msg("notify.notice.problemOverdue.title", p.code(), p.title(), daysLate + 1),
				msg("notify.notice.problemOverdue.body", p.code(), p.title(), deadline, p.unitName()), told.values());
		if (daysLate >= rules.letterDays()) {
			sent += tell(p.cityId(), p.id(), NoticeKind.PROBLEM_OVERDUE, p.code(), day,
					msg("notify.notice.problemLetter.title", p.code(), daysLate + 1),
					msg("notify.notice.problemLetter.body", p.code(), p.title(), p.unitName(), daysLate + 1),
					office(p.cityId()));
		}
		return sent;
	}

	private int chase(RectificationNotices.Unsigned n, LocalDate day) {
		return tell(n.cityId(), n.id(), NoticeKind.NOTICE_UNSIGNED, n.number(), day,
				msg("notify.notice.noticeUnsigned.title", n.number()),
				msg("notify.notice.noticeUnsigned.body", n.number()), liaisons.of(n.cityId(), n.unitId()),
				"/problems/notices/" + n.id(), "problem_notice");
	}

	/** The unit's top leader (一把手), when the unit names an enabled account for them. */
	private Optional<UserView> topLeader(ProblemView p) {
		CurrentUser system = SystemUsers.reader(p.cityId(), null, null);
		UnitView unit = units.find(system.scope(), p.unitId()).orElse(null);
		if (unit == null) {
			return Optional.empty();
		}
		return units.topLeaderId(system.scope(), unit.id())
			.flatMap(id -> accounts.peopleOf(system, unit).stream().filter(u -> u.id() == id && u.enabled()).findFirst());
	}

	/** The city leaders attached (挂点) to the unit or to a unit above it. */
	private List<UserView> attachedLeaders(ProblemView p) {
		CurrentUser system = SystemUsers.reader(p.cityId(), null, null);
		UnitView unit = units.find(system.scope(), p.unitId()).orElse(null);
		if (unit == null) {
			return List.of();
		}
		List<Long> leaderIds = new ArrayList<>();
		for (String id : unit.path().split("/")) {
			if (!id.isEmpty()) {
				leaders.leadersOf(system, Long.parseLong(id)).stream().map(LeaderAttachmentView::leaderUserId).forEach(leaderIds::add);
			}
		}
		if (leaderIds.isEmpty()) {
			return List.of();
		}
		return accounts.holding(system, Permissions.INSTRUCTION_WRITE)
			.stream()
			.filter(u -> leaderIds.contains(u.id()))
			.toList();
	}

	private List<UserView> office(long cityId) {
		CurrentUser system = SystemUsers.reader(cityId, null, null);
		return accounts.holding(system, Permissions.PROBLEM_WRITE)
			.stream()
			.filter(u -> u.roles().contains(Role.CITY_OFFICE))
			.toList();
	}

	private int tell(long cityId, long problemId, NoticeKind kind, String subject, LocalDate day, String title,
			String body, Iterable<UserView> recipients) {
		return tell(cityId, problemId, kind, subject, day, title, body, recipients, "/problems/" + problemId, "problem");
	}

	private int tell(long cityId, long objectId, NoticeKind kind, String subject, LocalDate day, String title,
			String body, Iterable<UserView> recipients, String link, String objectType) {
		return told.tell(new NotificationStore.Notice(cityId, kind, null, day, subject, title, body, link,
				objectType + ":" + objectId), objectType, objectId, recipients);
	}

	private String msg(String key, Object... args) {
		return messages.getMessage(key, args, ReminderTexts.LOCALE);
	}

}
