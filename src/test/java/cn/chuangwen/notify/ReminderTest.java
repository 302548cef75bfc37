package cn.chuangwen.notify;

import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.Units;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.TestClock;
import cn.chuangwen.tasks.Assignments;
import cn.chuangwen.tasks.ProgressReports;

/** What every reminder test needs: the services, the fixtures, and the clock frozen at noon and put back. */
abstract class ReminderTest {

	@Autowired
	Reminders reminders;

	@Autowired
	Assignments assignments;

	@Autowired
	ProgressReports reports;

	@Autowired
	IndicatorSystems indicators;

	@Autowired
	Units units;

	@Autowired
	Accounts accounts;

	@Autowired
	Logins logins;

	@Autowired
	TestClock clock;

	@Autowired
	JdbcClient jdbc;

	ReminderFixtures fixtures;

	Instant restore;

	@BeforeEach
	void freezeTime() {
		fixtures = new ReminderFixtures(assignments, reports, indicators, units, accounts, logins, clock, jdbc);
		restore = fixtures.freezeAtNoon();
	}

	@AfterEach
	void restoreTime() {
		clock.set(restore);
	}

}
