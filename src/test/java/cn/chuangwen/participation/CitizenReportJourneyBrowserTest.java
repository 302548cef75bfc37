package cn.chuangwen.participation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.support.BrowserTest;
import cn.chuangwen.support.ExifJpeg;

/**
 * Issue 11 §8, the citizen's half, on a phone (390×844): a citizen reports a pile of rubbish with a
 * photo at a place tapped on the map and gets a tracking code; a second citizen 100 m away, located
 * by the phone, choosing the same category is offered the first report and says "me too" instead of
 * sending another, and lands on its follow page. Screenshots under target/screenshots/.
 */
class CitizenReportJourneyBrowserTest extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	WebDriverWait await() {
		return new WebDriverWait(driver, Duration.ofSeconds(15));
	}

	@Test
	void aCitizenReportsRubbishAndASecondOneNearbySaysMeToo() throws Exception {
		driver.manage().window().setSize(PHONE);
		Path photo = Files.createTempFile("rubbish", ".jpg");
		Files.write(photo, ExifJpeg.photo(640, 480).place(30.364, 113.44).bytes());

		// the first citizen: photo, a tap on the map, category, words
		open("/public/reports/xiantao/new");
		assertThat(heading()).contains("随手拍");
		driver.findElement(By.id("files")).sendKeys(photo.toAbsolutePath().toString());
		await().until(d -> d.findElements(By.cssSelector("#chosen-photos li")).size() == 1);
		WebElement map = driver.findElement(By.id("report-map"));
		((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", map);
		new Actions(driver).moveToElement(map).click().perform();
		await().until(d -> !d.findElement(By.id("lat")).getDomProperty("value").isEmpty());
		String lat = driver.findElement(By.id("lat")).getDomProperty("value");
		String lng = driver.findElement(By.id("lng")).getDomProperty("value");
		assertThat(driver.findElement(By.id("chosen-place")).getText()).contains(lat);
		new Select(driver.findElement(By.id("category"))).selectByVisibleText("环境卫生");
		driver.findElement(By.id("description")).sendKeys("小区门口一大堆生活垃圾，三天没人清运");
		screenshot("citizen-report-form-phone", PHONE);
		click(By.id("send-report"));
		await().until(ExpectedConditions.urlContains("/sent"));
		String code = driver.findElement(By.id("tracking-code")).getText();
		assertThat(code).matches("XT-R-\\d{4}-\\d{6}");
		screenshot("citizen-report-sent-phone", PHONE);
		assertThat(jdbc.sql("select count(*) from citizen_report_photo p join citizen_report r on r.id = p.report_id where r.code = :c")
			.param("c", code).query(Integer.class).single()).isEqualTo(1);

		// the second citizen, located by the phone 100 m north of the first report
		double here = Double.parseDouble(lat) + 0.0009;
		ChromeDriver chrome = (ChromeDriver) driver;
		chrome.executeCdpCommand("Browser.grantPermissions",
				Map.of("permissions", List.of("geolocation"), "origin", url("")));
		chrome.executeCdpCommand("Emulation.setGeolocationOverride",
				Map.of("latitude", here, "longitude", Double.parseDouble(lng), "accuracy", 10));
		driver.manage().deleteAllCookies();
		open("/public/reports/xiantao/new");
		new Select(driver.findElement(By.id("category"))).selectByVisibleText("环境卫生");
		click(By.id("use-location"));
		await().until(d -> d.findElement(By.id("nearby")).isDisplayed());
		WebElement offer = driver.findElement(By.cssSelector("#nearby-list button[data-code='" + code + "']"));
		String offered = driver.findElement(By.id("nearby")).getText();
		assertThat(offered).contains("是否与以下问题相同？").contains(code).contains("米").contains("已收到");
		((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", offer);
		screenshot("citizen-report-nearby-phone", PHONE);
		offer.click();
		await().until(ExpectedConditions.urlToBe(url("/public/reports/xiantao/" + code)));
		assertThat(driver.findElement(By.id("supporters")).getText()).isEqualTo("1");
		assertThat(driver.findElement(By.id("report-steps")).getText()).contains("已收到");
		screenshot("citizen-report-follow-phone", PHONE);
		assertThat(jdbc.sql("select count(*) from citizen_report where description like '%三天没人清运%'").query(Integer.class).single())
			.as("one report, no second one").isEqualTo(1);
		Files.deleteIfExists(photo);
	}

}
