package cn.chuangwen.tasks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.support.Logins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The trend chart in a real browser (Debian's headless Chromium, as the browser journeys use):
 * ECharts draws it from the page's data block at desktop and at phone width, and the table under
 * it lists the days. Skipped without Chromium unless on CI. Screenshots go to target/screenshots/.
 */
@IntegrationTest
class ProgressTrendBrowserTest {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	@LocalServerPort
	int port;

	@Autowired
	Logins logins;

	@Autowired
	Assignments assignments;

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

	@Test
	void theOfficeSeesTheTrendChartAndTableOnDeskAndPhone() {
		login("xiantao.office");
		driver.get("http://localhost:" + port + "/");

		chartIsDrawn();
		List<WebElement> rows = driver.findElements(By.cssSelector("#trend-table tbody tr"));
		assertThat(rows).hasSizeGreaterThan(1);
		// Newest day first: today.
		assertThat(rows.get(0).getText()).contains(assignments.today().toString());
		screenshot("trend-desktop", new Dimension(1280, 900));

		driver.manage().window().setSize(new Dimension(390, 844));
		driver.navigate().refresh();
		chartIsDrawn();
		// On a phone the chart fits the screen and the table lists the last seven days as cards.
		WebElement chart = driver.findElement(By.id("trend-chart"));
		assertThat(chart.getSize().getWidth()).isLessThanOrEqualTo(390);
		long shown = driver.findElements(By.cssSelector("#trend-table tbody tr")).stream().filter(WebElement::isDisplayed).count();
		assertThat(shown).isBetween(1L, 7L);
		screenshot("trend-phone", new Dimension(390, 844));
	}

	void chartIsDrawn() {
		new WebDriverWait(driver, Duration.ofSeconds(10))
			.until(d -> !d.findElements(By.cssSelector("#trend-chart canvas")).isEmpty());
		Object instance = ((JavascriptExecutor) driver).executeScript(
				"return !!(window.echarts && echarts.getInstanceByDom(document.getElementById('trend-chart')));");
		assertThat(instance).isEqualTo(Boolean.TRUE);
	}

	void login(String username) {
		driver.get("http://localhost:" + port + "/login");
		driver.findElement(By.id("username")).sendKeys(username);
		driver.findElement(By.id("password")).sendKeys("Demo#2026");
		driver.findElement(By.cssSelector("form button[type=submit]")).click();
		if (driver.getCurrentUrl().contains("/login/totp")) {
			driver.findElement(By.id("code")).sendKeys(logins.nextTotp());
			driver.findElement(By.cssSelector("main form button[type=submit]")).click();
		}
		try {
			new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> !d.getCurrentUrl().contains("/login"));
		}
		catch (org.openqa.selenium.TimeoutException ex) {
			throw new AssertionError("Sign-in of " + username + " stopped at " + driver.getCurrentUrl() + ":\n"
					+ driver.findElement(By.tagName("main")).getText(), ex);
		}
	}

	void screenshot(String name, Dimension size) {
		driver.manage().window().setSize(size);
		((JavascriptExecutor) driver).executeScript("document.getElementById('trend').scrollIntoView();");
		try {
			Thread.sleep(1500); // let the chart's drawing animation finish
			Path dir = Path.of("target", "screenshots");
			Files.createDirectories(dir);
			Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
			Files.copy(shot, dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
