package cn.chuangwen.notify.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.LeaderAttachments;
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.Units;
import cn.chuangwen.problems.ProblemDraft;
import cn.chuangwen.problems.ProblemSeverity;
import cn.chuangwen.problems.ProblemSource;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.problems.RectificationNotices;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.ReviewFixtures;
import cn.chuangwen.support.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 8 §4: reminders before the deadline, daily while overdue, escalation to leaders and the office, unsigned notices chased. */
@IntegrationTest
class ProblemRemindersIntegrationTest {

	@Autowired
	ProblemReminders reminders;

	@Autowired
	Problems problems;

	@Autowired
	RectificationNotices notices;

	@Autowired
	LeaderAttachments attachments;

	@Autowired
	ReviewFixtures fixtures;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestClock clock;

	@Autowired
	Units units;

	String topLeader;

	long problem(CurrentUser office, long unitId, Instant deadline) {
		return problems.create(office, new ProblemDraft(ProblemSource.OFFICE, "公益广告", "公益广告牌破损", null,
				ProblemSeverity.GENERAL, unitId, List.of(), null, deadline, null, null), true).id();
	}

	List<String> notices(String username, long problemId) {
		// the reminders only: the notice of the dispatch itself comes from another listener
		return jdbc.sql("select kind from notification where recipient = :u and link = :l"
				+ " and kind in ('PROBLEM_DUE', 'PROBLEM_OVERDUE') order by id")
			.param("u", username)
			.param("l", "/problems/" + problemId)
			.query(String.class)
			.list();
	}

	@Test
	void theUnitIsRemindedTheDayBeforeThenDailyAndLeadersAndTheOfficeLater() {
		CurrentUser office = logins.principal("xiantao.office");
		var community = fixtures.community("xiantao");
		// detached again at the end: the demo's story says every attached unit has assignments
		long attachment = attachments.attach(office, logins.principal("xiantao.leader").id(), community.unit().id()).id();
		// the community's top leader (一把手) has an account of the unit, not a liaison's
		var head = fixtures.org.account("head", "xiantao", community.unit().id(), Set.of(Role.CITY_LEADER));
		units.setTopLeader(office, community.unit().id(), head.id(), null);
		topLeader = head.username();
		try {
			remindersEscalate(office, community);
		}
		finally {
			attachments.detach(office, attachment, "测试结束");
		}
	}

	private void remindersEscalate(CurrentUser office, ReviewFixtures.Community community) {
		LocalDate today = LocalDate.ofInstant(clock.instant(), Problems.ZONE);
		long soon = problem(office, community.unit().id(), clock.instant().plus(Duration.ofHours(20)));
		long late = problem(office, community.unit().id(), clock.instant().plus(Duration.ofHours(1)));
		long veryLate = problem(office, community.unit().id(), clock.instant().plus(Duration.ofHours(1)));
		// as if their deadlines had passed two and eight days ago
		jdbc.sql("update problem set deadline = :d where id = :id").param("d", java.sql.Timestamp.from(clock.instant()
			.minus(Duration.ofDays(2)))).param("id", late).update();
		jdbc.sql("update problem set deadline = :d where id = :id").param("d", java.sql.Timestamp.from(clock.instant()
			.minus(Duration.ofDays(8)))).param("id", veryLate).update();

		reminders.runFor(today);
		assertThat(notices(community.username(), soon)).containsExactly("PROBLEM_DUE");
		assertThat(notices(community.username(), late)).containsExactly("PROBLEM_OVERDUE");
		assertThat(notices("xiantao.leader", late)).isEmpty();
		assertThat(notices(community.username(), veryLate)).containsExactly("PROBLEM_OVERDUE");
		assertThat(notices("xiantao.leader", veryLate)).containsExactly("PROBLEM_OVERDUE");
		assertThat(notices(topLeader, late)).isEmpty();
		assertThat(notices(topLeader, veryLate)).containsExactly("PROBLEM_OVERDUE");
		assertThat(notices("xiantao.office", veryLate)).containsExactly("PROBLEM_OVERDUE");
		assertThat(notices("xiantao.office", late)).isEmpty();

		// the same day again sends nothing twice; the next day reminds again
		reminders.runFor(today);
		assertThat(notices(community.username(), late)).hasSize(1);
		reminders.runFor(today.plusDays(1));
		assertThat(notices(community.username(), late)).hasSize(2);
	}

	@Test
	void aNoticeNotSignedForADayLaterIsChased() {
		CurrentUser office = logins.principal("xiantao.office");
		var community = fixtures.community("xiantao");
		long p = problem(office, community.unit().id(), null);
		long id = notices.issue(office, RectificationNotices.Kind.RECTIFICATION, community.unit().id(), List.of(p),
				clock.instant().plus(Duration.ofDays(5)), null).id();
		LocalDate today = LocalDate.ofInstant(clock.instant(), Problems.ZONE);
		reminders.runFor(today);
		assertThat(chases(community.username(), id)).isZero();
		jdbc.sql("update problem_notice set issued_at = :t where id = :id")
			.param("t", java.sql.Timestamp.from(clock.instant().minus(Duration.ofDays(2))))
			.param("id", id)
			.update();
		reminders.runFor(today);
		assertThat(chases(community.username(), id)).isEqualTo(1);
		notices.receive(community.liaison(), id);
		reminders.runFor(today.plusDays(1));
		assertThat(chases(community.username(), id)).isEqualTo(1);
	}

	int chases(String username, long noticeId) {
		return jdbc.sql("select count(*) from notification where recipient = :u and kind = 'NOTICE_UNSIGNED' and link = :l")
			.param("u", username)
			.param("l", "/problems/notices/" + noticeId)
			.query(Integer.class)
			.single();
	}

}
