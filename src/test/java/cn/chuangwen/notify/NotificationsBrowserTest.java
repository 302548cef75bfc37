package cn.chuangwen.notify;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.Units;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.support.BrowserTest;
import cn.chuangwen.support.TestClock;
import cn.chuangwen.tasks.Assignments;
import cn.chuangwen.tasks.ProgressReports;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A liaison signs in, reads the reminders of the day and marks one read, in Debian's headless
 * Chromium; screenshots at desktop and phone size under target/screenshots/.
 */
class NotificationsBrowserTest extends BrowserTest {

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
	TestClock clock;

	@Autowired
	JdbcClient jdbc;

	Instant restore;

	@AfterEach
	void restoreClock() {
		if (restore != null) {
			clock.set(restore);
		}
	}

	@Test
	void aLiaisonReadsTheRemindersOfTheDay() {
		var fixtures = new ReminderFixtures(assignments, reports, indicators, units, accounts, logins, clock, jdbc);
		restore = fixtures.freezeAtNoon();
		var c = fixtures.community();
		var late = fixtures.assign(c, -2, ReminderFixtures.phone());
		fixtures.assign(c, 3, ReminderFixtures.phone());
		fixtures.assign(c, 7, ReminderFixtures.phone());
		reminders.runFor(assignments.today());
		var account = fixtures.org.activated(c.account());

		driver.get(url("/login"));
		driver.findElement(By.id("username")).sendKeys(account.username());
		driver.findElement(By.id("password")).sendKeys(OrgFixtures.OWN_PASSWORD);
		driver.findElement(By.cssSelector("form button[type=submit]")).click();
		new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> !d.getCurrentUrl().contains("/login"));

		driver.get(url("/notifications"));
		assertThat(waitFor("共 3 条通知，3 条未读")).contains("已逾期 2 天", "还有 3 天到期", "还有 7 天到期");
		screenshot("notifications-desktop", new Dimension(1280, 900));
		screenshot("notifications-phone", new Dimension(390, 844));
		driver.manage().window().setSize(new Dimension(1280, 900));

		driver.findElement(By.cssSelector("tr.unread button.link")).click();
		assertThat(waitFor("共 3 条通知，2 条未读")).contains("已读于");
		driver.findElement(By.xpath("//button[text()='全部标为已读']")).click();
		assertThat(waitFor("已将 2 条通知标为已读")).contains("共 3 条通知，0 条未读");

		driver.findElement(By.linkText(late.indicatorCode() + " " + late.indicatorName())).click();
		new WebDriverWait(driver, Duration.ofSeconds(5))
			.until(d -> d.getCurrentUrl().endsWith("/assignments/" + late.id()));
	}

	/** The base's {@link #waitForText}, under the name this test uses. */
	String waitFor(String text) {
		return waitForText(text);
	}

}
