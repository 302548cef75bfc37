package cn.chuangwen.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.chuangwen.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Browser journeys in Debian's headless Chromium, driven by Selenium, against the test server.
 * On CI (CI=true) a missing Chromium fails the build; on a developer machine the tests are
 * skipped with a message. Screenshots go to target/screenshots/. Test classes in any package
 * extend it.
 */
@IntegrationTest
public abstract class BrowserTest {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	protected static final Dimension DESKTOP = new Dimension(1280, 900);

	protected static final Dimension PHONE = new Dimension(390, 844);

	@LocalServerPort
	protected int port;

	@Autowired
	protected Logins logins;

	protected WebDriver driver;

	@BeforeEach
	void startBrowser() {
		boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!present) {
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
		options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "zh-CN,zh"));
		driver = new ChromeDriver(options);
		driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
	}

	@AfterEach
	void stopBrowser() {
		if (driver != null) {
			driver.quit();
		}
	}

	protected String url(String path) {
		return "http://localhost:" + port + path;
	}

	protected void open(String path) {
		driver.get(url(path));
	}

	/** Signs in through the real login form, answering the TOTP step when it comes. */
	protected void login(String username) {
		open("/login");
		driver.findElement(By.id("username")).sendKeys(username);
		driver.findElement(By.id("password")).sendKeys("Demo#2026");
		driver.findElement(By.cssSelector("form button[type=submit]")).click();
		// The click returns before the next page may have loaded: wait until the browser left /login.
		new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> !d.getCurrentUrl().endsWith("/login"));
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

	/** Clicks the element, finding it again if the page was still changing under it. */
	protected void click(By by) {
		new WebDriverWait(driver, Duration.ofSeconds(10))
			.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(d -> {
				d.findElement(by).click();
				return true;
			});
	}

	/** Waits until htmx has no request, swap or settle under way. */
	protected void htmxIdle() {
		new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) d)
			.executeScript("return document.querySelectorAll('.htmx-request, .htmx-swapping, .htmx-settling').length === 0")));
	}

	/**
	 * Chooses a unit in a unit picker (tasks/unit-picker.html): types the search into its type-ahead,
	 * waits for the matching units and ticks the one with the name.
	 */
	protected void pickUnit(String field, String search, String name) {
		// The options come from a search in the database: wait until the search has replaced them,
		// so a tick is not lost to a swap still under way.
		WebElement before = driver.findElement(By.id(field + "-options"));
		driver.findElement(By.id(field + "-q")).sendKeys(search);
		new WebDriverWait(driver, Duration.ofSeconds(10))
			.until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(before));
		htmxIdle();
		click(By.xpath("//div[@id='" + field + "-options']//label[span[text()='" + name + "']]/input"));
		htmxIdle();
	}

	/** Signs out through the top bar's form and waits for the sign-in page. */
	protected void logout() {
		click(By.cssSelector("form.logout button"));
		new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().contains("/login"));
	}

	/** Waits until the page's main content shows the text (after a navigation). */
	protected String waitForText(String text) {
		try {
			new WebDriverWait(driver, Duration.ofSeconds(10))
				.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
				.until(d -> d.findElement(By.tagName("main")).getText().contains(text));
		}
		catch (org.openqa.selenium.TimeoutException ex) {
			screenshot("failure-" + getClass().getSimpleName(), DESKTOP);
			throw new AssertionError("Page " + driver.getCurrentUrl() + " does not show \"" + text + "\" but:\n"
					+ driver.findElement(By.tagName("main")).getText(), ex);
		}
		return driver.findElement(By.tagName("main")).getText();
	}

	protected String heading() {
		return driver.findElement(By.tagName("h1")).getText();
	}

	/** The text of the page's main content. */
	protected String main() {
		return driver.findElement(By.tagName("main")).getText();
	}

	/** Fails when the page scrolls sideways at the window's size (a phone must never need to). */
	protected void noSideways() {
		Object overflow = ((JavascriptExecutor) driver)
			.executeScript("return document.documentElement.scrollWidth > window.innerWidth");
		assertThat(overflow).as("page scrolls sideways at " + driver.manage().window().getSize()).isEqualTo(Boolean.FALSE);
	}

	/** Sets a date input the way a date picker would: typing a date depends on Chromium's locale. */
	protected void setDate(String id, LocalDate day) {
		((JavascriptExecutor) driver).executeScript("document.getElementById(arguments[0]).value = arguments[1]", id,
				day.toString());
	}

	/** Saves the current page at desktop and phone size. */
	protected void screenshots(String name) {
		screenshot(name + "-desktop", DESKTOP);
		screenshot(name + "-phone", PHONE);
		driver.manage().window().setSize(DESKTOP);
	}

	protected void screenshot(String name, Dimension size) {
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
