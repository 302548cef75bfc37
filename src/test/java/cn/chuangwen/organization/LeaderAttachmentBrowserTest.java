package cn.chuangwen.organization;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.support.Logins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The office attaches a city leader to a community on the unit's record page in a real browser
 * (Debian's headless Chromium), then detaches; the leader opens the battle map filter. Skipped
 * without Chromium unless on CI. Screenshots go to target/screenshots/.
 */
@IntegrationTest
class LeaderAttachmentBrowserTest {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Dimension DESKTOP = new Dimension(1280, 900);

	static final Dimension PHONE = new Dimension(390, 844);

	@LocalServerPort
	int port;

	@Autowired
	Logins logins;

	@Autowired
	Units units;

	@Autowired
	JdbcClient jdbc;

	WebDriver driver;

	@BeforeEach
	void startBrowser() {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			if ("true".equals(System.getenv("CI"))) {
				fail("Chromium and chromedriver are required on CI: apt-get install chromium chromium-driver");
			}
			Assumptions.abort("Browser test skipped: install Debian's chromium and chromium-driver to run it");
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
	void stopBrowser() {
		if (driver != null) {
			driver.quit();
		}
	}

	void open(String path) {
		driver.get("http://localhost:" + port + path);
	}

	void login(String username) {
		open("/login");
		driver.findElement(By.id("username")).sendKeys(username);
		driver.findElement(By.id("password")).sendKeys("Demo#2026");
		driver.findElement(By.cssSelector("form button[type=submit]")).click();
		if (driver.getCurrentUrl().contains("/login/totp")) {
			driver.findElement(By.id("code")).sendKeys(logins.nextTotp());
			driver.findElement(By.cssSelector("main form button[type=submit]")).click();
		}
		new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> !d.getCurrentUrl().contains("/login"));
	}

	String main() {
		return driver.findElement(By.tagName("main")).getText();
	}

	void screenshots(String name) {
		for (var size : Map.of("desktop", DESKTOP, "phone", PHONE).entrySet()) {
			driver.manage().window().setSize(size.getValue());
			try {
				Path dir = Path.of("target", "screenshots");
				Files.createDirectories(dir);
				Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
				Files.copy(shot, dir.resolve(name + "-" + size.getKey() + ".png"), StandardCopyOption.REPLACE_EXISTING);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
		driver.manage().window().setSize(DESKTOP);
	}

	@Test
	void theOfficeAttachesAndDetachesALeaderOnTheRecordPage() {
		CurrentUser office = logins.principal("xiantao.office");
		long town = jdbc.sql("select unit_id from app_user where username = 'xiantao.liaison'").query(Long.class).single();
		UnitView community = units.create(office, new UnitDraft("LBR" + new Random().nextInt(1_000_000),
				"浏览器挂点社区" + new Random().nextInt(100000), UnitKind.COMMUNITY, town, "社区", false, null, null, null));
		String leaderName = logins.principal("xiantao.leader").displayName();

		login("xiantao.office");
		open("/units/" + community.id() + "?tab=people");
		assertThat(main()).contains("本单位暂无挂点领导");
		// submitting without a choice: the error summary, focused, linking to the select
		driver.findElement(By.cssSelector("form[action$='/leaders'] button[type=submit]")).click();
		assertThat(driver.findElement(By.cssSelector(".error-summary")).getText()).contains("请选择市领导");
		assertThat(driver.findElement(By.cssSelector(".error-summary a")).getAttribute("href")).endsWith("#leaderUserId");
		screenshots("leader-attach-error");

		new Select(driver.findElement(By.id("leaderUserId"))).selectByVisibleText(leaderName);
		driver.findElement(By.cssSelector("form[action$='/leaders'] button[type=submit]")).click();
		assertThat(main()).contains("已增加挂点领导").contains(leaderName);
		assertThat(driver.findElements(By.cssSelector("table.leaders tbody tr"))).hasSize(1);
		screenshots("leader-attached");

		driver.findElement(By.cssSelector("table.leaders input[name=reason]")).sendKeys("测试取消");
		driver.findElement(By.cssSelector("table.leaders button[type=submit]")).click();
		assertThat(main()).contains("已取消挂点").contains("本单位暂无挂点领导");
	}

	@Test
	void aLeaderChoosesTheirOwnUnitsOnTheBattleMap() {
		login("xiantao.leader");
		open("/battle-map?leader=me");
		assertThat(new Select(driver.findElement(By.id("leader"))).getFirstSelectedOption().getText())
			.isEqualTo("只看我挂点的单位");
		screenshots("battle-map-leader-me");
		new Select(driver.findElement(By.id("leader"))).selectByValue("all");
		driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
		new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> d.getCurrentUrl().contains("leader=all"));
		assertThat(driver.findElements(By.cssSelector("table.battle tbody tr"))).isNotEmpty();
	}

}
