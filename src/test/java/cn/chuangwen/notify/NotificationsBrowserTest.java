package cn.chuangwen.notify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.Units;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.TestClock;
import cn.chuangwen.tasks.Assignments;
import cn.chuangwen.tasks.ProgressReports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A liaison signs in, reads the reminders of the day and marks one read, in Debian's headless
 * Chromium; screenshots at desktop and phone size under target/screenshots/.
 */
@IntegrationTest
class NotificationsBrowserTest {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	@LocalServerPort
	int port;

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

	WebDriver driver;

	Instant restore;

	@BeforeEach
	void start() {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			if ("true".equals(System.getenv("CI"))) {
				fail("Chromium and chromedriver are required on CI: apt-get install chromium chromium-driver");
			}
			Assumptions.abort("Browser tests skipped: install Debian's chromium and chromium-driver to run them");
		}
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--lang=zh-CN", "--accept-lang=zh-CN,zh", "--window-size=1280,900");
		options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
		driver = new ChromeDriver(options);
		driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
	}

	@AfterEach
	void stop() {
		if (driver != null) {
			driver.quit();
		}
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

	String url(String path) {
		return "http://localhost:" + port + path;
	}

	String waitFor(String text) {
		new WebDriverWait(driver, Duration.ofSeconds(10))
			.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(d -> d.findElement(By.tagName("main")).getText().contains(text));
		return driver.findElement(By.tagName("main")).getText();
	}

	void screenshot(String name, Dimension size) {
		driver.manage().window().setSize(size);
		try {
			Path dir = Path.of("target", "screenshots");
			Files.createDirectories(dir);
			Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
			Files.copy(shot, dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
