package cn.chuangwen.problems;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.support.BrowserTest;
import cn.chuangwen.support.ExifJpeg;
import cn.chuangwen.support.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8 §9 in the browser: the office enters a problem with a photo at a place and dispatches
 * it; the town's liaison signs for it and rectifies with an "after" photo taken about a kilometre
 * away (and is shown no warning); the inspector asked to verify sees LOCATION_MISMATCH and returns
 * it; the liaison rectifies again at the place; the inspector passes it; the list shows it closed.
 * Then a leader instructs on an overdue problem of the town and the liaison reads it at home.
 */
class ProblemJourneyBrowserTest extends BrowserTest {

	/** The place of the problem in Xiantao; "far" lies about 1.1 km north of it. */
	static final double LAT = 30.364000;

	static final double LNG = 113.455000;

	static final String TOWN = "沙嘴街道办事处";

	@Autowired
	TestClock clock;

	@Autowired
	Problems problems;

	@Test
	void enterDispatchSignRectifyFarAwayRejectRectifyAgainPassAndClose() throws IOException {
		String title = "沿街门店垃圾外溢 " + System.nanoTime();
		login("xiantao.office");
		open("/problems");
		assertThat(driver.findElement(By.cssSelector("#nav a.active")).getText()).isEqualTo("问题整改");
		click(By.linkText("录入问题"));
		new Select(driver.findElement(By.id("source"))).selectByValue("INSPECTION");
		new Select(driver.findElement(By.id("category"))).selectByVisibleText("环境卫生");
		driver.findElement(By.id("title")).sendKeys(title);
		driver.findElement(By.id("description")).sendKeys("门店垃圾桶满溢，周边地面有污水");
		// the unit search asks for the city's units so named and offers only those
		WebElement options = driver.findElement(By.cssSelector("#unitId optgroup"));
		driver.findElement(By.id("unitId-q")).sendKeys("沙嘴");
		new WebDriverWait(driver, Duration.ofSeconds(10))
			.until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(options));
		htmxIdle();
		assertThat(new Select(driver.findElement(By.id("unitId"))).getOptions().stream().skip(1).map(WebElement::getText))
			.isNotEmpty().allSatisfy(name -> assertThat(name).contains("沙嘴"));
		new Select(driver.findElement(By.id("unitId"))).selectByVisibleText(TOWN);
		driver.manage().window().setSize(PHONE);
		((org.openqa.selenium.JavascriptExecutor) driver)
			.executeScript("document.getElementById('title').scrollIntoView()");
		screenshot("problem-form-unit-phone", PHONE);
		driver.manage().window().setSize(DESKTOP);
		driver.findElement(By.id("address")).sendKeys("沔阳大道 12 号");
		// "使用当前位置" fills the coordinates from the device (here Chromium told where it is)
		ChromeDriver chrome = (ChromeDriver) driver;
		chrome.executeCdpCommand("Browser.grantPermissions",
				Map.of("origin", url(""), "permissions", List.of("geolocation")));
		chrome.executeCdpCommand("Emulation.setGeolocationOverride",
				Map.of("latitude", LAT, "longitude", LNG, "accuracy", 12));
		click(By.id("use-location"));
		new WebDriverWait(driver, Duration.ofSeconds(10))
			.until(d -> "30.364000".equals(d.findElement(By.id("lat")).getDomProperty("value")));
		assertThat(driver.findElement(By.id("lng")).getDomProperty("value")).isEqualTo("113.455000");
		assertThat(driver.findElement(By.id("location-status")).getText()).contains("约 12 米");
		new Select(driver.findElement(By.id("verifier"))).selectByValue("xiantao.inspector");
		driver.findElement(By.id("files")).sendKeys(photo("before", LAT, LNG).toString());
		screenshots("problem-form");
		click(By.cssSelector("main form button[type=submit]"));
		waitForText("问题已录入，待交办");
		assertThat(heading()).contains(title, "待交办");
		assertThat(driver.findElements(By.cssSelector("#photos-before img"))).hasSize(1);
		click(By.id("dispatch"));
		waitForText("已交办，等待责任单位签收");
		assertThat(driver.findElement(By.id("problem-state")).getText()).isEqualTo("待签收");
		String problemUrl = driver.getCurrentUrl();
		screenshots("problem-dispatched");

		// The town's liaison signs for it and rectifies with a photo taken about a kilometre away.
		logout();
		login("xiantao.liaison");
		driver.get(problemUrl);
		screenshots("problem-to-sign");
		click(By.id("sign"));
		waitForText("已签收，请按期整改");
		rectify("已清理门店垃圾并冲洗地面", photo("far", LAT + 0.01, LNG));
		waitForText("整改已提交，等待核查");
		// the unit is shown no warning about its own photos
		assertThat(main()).doesNotContain("位置不符").doesNotContain("米，超过");
		assertThat(driver.findElements(By.cssSelector(".warnings"))).isEmpty();
		screenshots("problem-rectified-liaison");

		// The inspector asked to verify sees the distance and returns it.
		logout();
		login("xiantao.inspector");
		driver.get(problemUrl);
		String warnings = driver.findElement(By.cssSelector("#photos-after .warnings")).getText();
		assertThat(warnings).contains("位置不符").contains("超过 300 米");
		screenshots("problem-verify-inspector");
		driver.findElement(By.id("verify-reason")).sendKeys("整改照片不在问题地点，请在现场拍照");
		click(By.id("verify-reject"));
		waitForText("已退回整改");
		assertThat(driver.findElement(By.id("problem-state")).getText()).isEqualTo("整改中");

		// The liaison reads why and rectifies again, at the place.
		logout();
		login("xiantao.liaison");
		driver.get(problemUrl);
		assertThat(driver.findElement(By.id("rectify")).getText()).contains("整改照片不在问题地点");
		rectify("在问题地点重新拍照，垃圾已清运", photo("near", LAT + 0.0002, LNG));
		waitForText("整改已提交，等待核查");

		// The inspector passes it: closed.
		logout();
		login("xiantao.inspector");
		driver.get(problemUrl);
		assertThat(driver.findElements(By.cssSelector("#photos-after .warnings"))).isEmpty();
		click(By.id("verify-pass"));
		waitForText("核查通过，问题已销号");
		assertThat(driver.findElement(By.id("problem-state")).getText()).isEqualTo("已销号");
		List<WebElement> rounds = driver.findElements(By.cssSelector("#rectifications article"));
		assertThat(rounds).hasSize(2);
		assertThat(rounds.get(0).getText()).contains("核查通过");
		assertThat(rounds.get(1).getText()).contains("退回整改", "位置不符");
		screenshots("problem-closed");
		((org.openqa.selenium.JavascriptExecutor) driver)
			.executeScript("document.getElementById('rectifications').scrollIntoView()");
		screenshot("problem-closed-rectifications-desktop", DESKTOP);
		click(By.cssSelector("#history > summary"));
		String history = driver.findElement(By.id("history")).getText();
		assertThat(history).contains("录入问题", "交办问题", "签收问题", "提交整改", "退回整改", "核查通过并销号")
			// the trace in words: states, source and severity by their labels
			.contains("待核查 → 已销号", "来源：（空） → 明查暗访", "严重程度：（空） → 一般")
			.doesNotContain("CLOSED", "INSPECTION");
		((org.openqa.selenium.JavascriptExecutor) driver)
			.executeScript("document.getElementById('history').scrollIntoView()");
		screenshot("problem-closed-history-desktop", DESKTOP);

		// The office's list shows it closed.
		logout();
		login("xiantao.office");
		open("/problems?q=" + title.substring(title.lastIndexOf(' ') + 1));
		WebElement row = driver.findElement(By.cssSelector("#problem-results tbody tr"));
		assertThat(row.getText()).contains(title, TOWN);
		assertThat(row.findElement(By.cssSelector(".state")).getText()).isEqualTo("已销号");
		open("/problems?unitId=" + logins.principal("xiantao.liaison").unitId());
		// the state filter changes the results in place (htmx) and puts itself into the address
		((org.openqa.selenium.JavascriptExecutor) driver).executeScript("window.samePage = true");
		new Select(driver.findElement(By.id("state"))).selectByValue("CLOSED");
		new WebDriverWait(driver, Duration.ofSeconds(15))
			.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(d -> d.getCurrentUrl().contains("state=CLOSED")
					&& d.findElement(By.id("problem-results")).getText().contains(title));
		assertThat(driver.findElements(By.cssSelector("#problem-results tbody .state")))
			.allSatisfy(b -> assertThat(b.getText()).isEqualTo("已销号"));
		assertThat(((org.openqa.selenium.JavascriptExecutor) driver).executeScript("return window.samePage"))
			.isEqualTo(true);
		screenshots("problems-list-closed");
	}

	@Test
	void aLeaderInstructsOnAnOverdueProblemAndTheLiaisonReadsItAtHome() {
		CurrentUser liaison = logins.principal("xiantao.liaison");
		ProblemView overdue = problems.page(liaison, liaison.cityId(),
				new ProblemFilter(liaison.unitId(), null, null, null, null, true, null, null), PageRequest.first(1))
			.items()
			.get(0);
		String text = "请沙嘴街道三日内整改到位并报告 " + System.nanoTime();
		login("xiantao.leader");
		open("/problems?overdue=true&mine=true");
		screenshots("problems-list-leader");
		open("/problems/" + overdue.id());
		assertThat(heading()).contains("已逾期");
		assertThat(main()).containsPattern("已逾期 \\d+ 天");
		driver.findElement(By.id("instruct-text")).sendKeys(text);
		click(By.cssSelector("#instruct button[type=submit]"));
		waitForText("批示已发出");
		assertThat(driver.findElement(By.id("instructions")).getText()).contains(text);
		screenshots("problem-instructed");

		logout();
		login("xiantao.liaison");
		WebElement panel = driver.findElement(By.id("home-instructions"));
		assertThat(panel.getText()).contains(text, overdue.code());
		assertThat(driver.findElement(By.id("my-problems")).getText()).contains("个问题已逾期");
		screenshots("home-liaison-instructions");
		panel.findElement(By.linkText(overdue.code() + " " + overdue.title())).click();
		waitForText(text);

		// Province staff read across cities: every city's problems with a city column, or one city named
		logout();
		login("hubei.office");
		open("/problems");
		assertThat(driver.findElement(By.cssSelector("#problem-results thead")).getText()).contains("城市");
		new Select(driver.findElement(By.id("city"))).selectByValue("xiantao");
		new WebDriverWait(driver, Duration.ofSeconds(15))
			.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(d -> d.getCurrentUrl().contains("city=xiantao")
					&& d.findElement(By.id("viewing")).getText().contains("仙桃"));
		assertThat(driver.findElements(By.cssSelector("#problem-results tbody td.code")))
			.allSatisfy(td -> assertThat(td.getText()).startsWith("XT-"));
		screenshots("problems-list-province");
	}

	private void rectify(String text, Path photo) {
		driver.findElement(By.id("rectify-text")).sendKeys(text);
		driver.findElement(By.id("rectify-files")).sendKeys(photo.toString());
		click(By.cssSelector("#rectify button[type=submit]"));
	}

	/** A camera photo taken now at the place, unique so no two are duplicates. */
	private Path photo(String name, double lat, double lng) throws IOException {
		Path file = Files.createTempFile(name + "-", ".jpg");
		file.toFile().deleteOnExit();
		Files.write(file, ExifJpeg.photo().capturedAt(clock.instant()).place(lat, lng)
			.description(name + " " + System.nanoTime()).bytes());
		return file;
	}

}
