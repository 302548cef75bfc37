package cn.chuangwen.notify;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.moments.DayHasPassed;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.notify.internal.Masks;
import cn.chuangwen.organization.Role;
import cn.chuangwen.tasks.AssignmentView;

import static org.assertj.core.api.Assertions.assertThat;

/** Deadline reminders on a fixed day, run by hand and by the passage of time. */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class RemindersIntegrationTest extends ReminderTest {

	@Autowired
	ApplicationEventPublisher events;

	@Test
	void remindsSevenThreeAndOneDayBeforeAndEveryDayOverdueOnceADay(CapturedOutput output) {
		var c = fixtures.community();
		LocalDate day = assignments.today();
		String phone7 = ReminderFixtures.phone(), phone3 = ReminderFixtures.phone(), phone1 = ReminderFixtures.phone(),
				phoneLate = ReminderFixtures.phone(), phone5 = ReminderFixtures.phone(),
				phoneDone = ReminderFixtures.phone();
		AssignmentView due7 = fixtures.assign(c, 7, phone7);
		AssignmentView due3 = fixtures.assign(c, 3, phone3);
		AssignmentView due1 = fixtures.assign(c, 1, phone1);
		AssignmentView late = fixtures.assign(c, -2, phoneLate);
		AssignmentView due5 = fixtures.assign(c, 5, phone5);
		AssignmentView done = fixtures.assign(c, 3, phoneDone);
		fixtures.signOff(c, done.id());
		List<Long> all = List.of(due7.id(), due3.id(), due1.id(), late.id(), due5.id(), done.id());

		List<CityRun> first = reminders.runFor(day);

		assertThat(fixtures.inApp(c)).containsExactly(
				due7.id() + " DUE_7 " + day,
				due3.id() + " DUE_3 " + day,
				due1.id() + " DUE_1 " + day,
				late.id() + " OVERDUE " + day);
		// The responsible person of each gets one text message, stored and logged masked only.
		assertThat(fixtures.rows("SMS", all)).isEqualTo(4);
		assertThat(jdbc.sql("select recipient from notification where channel = 'SMS' and assignment_id in (:ids)")
			.param("ids", all)
			.query(String.class)
			.list()).containsExactlyInAnyOrder(Masks.phone(phone7), Masks.phone(phone3), Masks.phone(phone1),
					Masks.phone(phoneLate));
		assertThat(output.getOut()).contains("SMS to " + Masks.phone(phone7) + ": ")
			.contains("SMS to " + Masks.phone(phoneLate) + ": ")
			.doesNotContain(phone7, phone3, phone1, phoneLate, phone5, phoneDone);
		assertThat(jdbc.sql("select count(*) from notification where assignment_id in (:ids) and not delivered")
			.param("ids", all)
			.query(Long.class)
			.single()).isZero();
		// No reminder for the assignment due in 5 days, nor for the one signed off.
		assertThat(jdbc.sql("""
				select count(*) from notification where assignment_id in (:ids)
				  and kind in ('DUE_7', 'DUE_3', 'DUE_1', 'OVERDUE')""")
			.param("ids", List.of(due5.id(), done.id()))
			.query(Long.class)
			.single()).isZero();
		CityRun xiantao = run(first, c.unit().cityId());
		assertThat(xiantao.assignments()).isGreaterThanOrEqualTo(4);
		assertThat(xiantao.sent()).isGreaterThanOrEqualTo(8);

		// A second run the same day sends nothing again.
		List<CityRun> again = reminders.runFor(day);
		assertThat(fixtures.inApp(c)).hasSize(4);
		assertThat(fixtures.rows("SMS", all)).isEqualTo(4);
		assertThat(run(again, c.unit().cityId()).sent()).isZero();
		assertThat(run(again, c.unit().cityId()).alreadySent()).isGreaterThanOrEqualTo(8);

		// The next day only the overdue one comes again (the others are 6, 2 and 0 days away).
		clock.advance(Duration.ofDays(1));
		reminders.runFor(day.plusDays(1));
		assertThat(fixtures.inApp(c)).hasSize(5).endsWith(late.id() + " OVERDUE " + day.plusDays(1));
		assertThat(fixtures.rows("SMS", all)).isEqualTo(5);

		// Each run is in the city's trace, with its counts.
		List<String> trace = jdbc.sql("""
				select changes from audit_event where action = 'REMINDERS_RUN' and city_id = :c and actor = 'system'
				order by id desc
				""")
			.param("c", c.unit().cityId())
			.query(String.class)
			.list();
		assertThat(trace).hasSizeGreaterThanOrEqualTo(3);
		assertThat(trace.get(0)).contains(day.plusDays(1).toString()).contains("overdue");
	}

	@Test
	void aDayHavingPassedSendsTheRemindersOfTheNextDay() {
		var c = fixtures.community();
		LocalDate day = assignments.today();
		AssignmentView due3 = fixtures.assign(c, 3, ReminderFixtures.phone());

		// Moments publishes DayHasPassed for yesterday when today begins.
		events.publishEvent(DayHasPassed.of(day.minusDays(1)));
		// A second node hears the same day pass: the cluster lock of the day keeps it from running again.
		events.publishEvent(DayHasPassed.of(day.minusDays(1)));

		assertThat(fixtures.inApp(c)).containsExactly(due3.id() + " DUE_3 " + day);
		assertThat(jdbc.sql("select count(*) from shedlock where name = :n")
			.param("n", "notify.daily-reminders:" + day)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void disabledOrNonLiaisonAccountsOfTheUnitGetNothing() {
		var c = fixtures.community();
		var leader = fixtures.org.account("leader", "xiantao", c.unit().id(), Set.of(Role.CITY_LEADER));
		var gone = fixtures.org.account("gone", "xiantao", c.unit().id(), Set.of(Role.UNIT_LIAISON));
		accounts.setEnabled(logins.principal("admin.system"), gone.id(), false, "调离");
		AssignmentView due1 = fixtures.assign(c, 1, null);

		reminders.runFor(assignments.today());

		assertThat(fixtures.inApp(c)).containsExactly(due1.id() + " DUE_1 " + assignments.today());
		assertThat(jdbc.sql("select count(*) from notification where user_id in (:u)")
			.param("u", List.of(leader.id(), gone.id()))
			.query(Long.class)
			.single()).isZero();
		// No phone on the assignment: no text message.
		assertThat(fixtures.rows("SMS", List.of(due1.id()))).isZero();
	}

	static CityRun run(List<CityRun> runs, long cityId) {
		return runs.stream().filter(r -> r.cityId() == cityId).findFirst().orElseThrow();
	}

}
