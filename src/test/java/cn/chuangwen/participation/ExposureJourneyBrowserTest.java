package cn.chuangwen.participation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;

import cn.chuangwen.organization.Units;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.support.BrowserTest;

/**
 * The end of the issue 11 §8 journey at phone size: the city office opens a closed problem, chooses
 * "publish on the exposure column", draws a region to hide on the photo before, publishes; anyone
 * then sees the problem on the exposure column with its photos before and after side by side on a
 * desk and stacked on a phone, the unit and "已整改".
 */
class ExposureJourneyBrowserTest extends BrowserTest {

	@Autowired
	Problems problems;

	@Autowired
	Units units;

	@Autowired
	ExposureColumn column;

	@Test
	void theOfficePublishesAClosedProblemWithAHiddenRegionAndThePublicSeesBeforeAndAfter() {
		ExposureFixtures.Made p = new ExposureFixtures(problems, units, logins).closed("河边垃圾堆积");
		driver.manage().window().setSize(PHONE);
		login("xiantao.office");
		open("/problems/" + p.id());
		click(By.id("publish-exposure"));
		waitForText("发布到曝光台");
		WebElement title = driver.findElement(By.id("title"));
		assertThat(title.getAttribute("value")).isEqualTo("河边垃圾堆积");
		title.clear();
		title.sendKeys("河边垃圾堆积，已清理");
		assertThat(driver.findElement(By.id("beforePhotos-" + p.beforePhotoId())).isSelected()).isTrue();
		assertThat(driver.findElement(By.id("afterPhotos-" + p.afterPhotoId())).isSelected()).isTrue();

		// draw a rectangle over the middle of the photo before
		WebElement photo = driver.findElement(By.cssSelector(".blur-editor[data-for='regions-" + p.beforePhotoId() + "'] img"));
		new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> (Boolean) ((JavascriptExecutor) d)
			.executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", photo));
		((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", photo);
		int w = photo.getSize().getWidth();
		int h = photo.getSize().getHeight();
		new Actions(driver).moveToElement(photo, -w / 4, -h / 4)
			.clickAndHold()
			.moveByOffset(w / 4, h / 4)
			.moveByOffset(w / 4, h / 4)
			.release()
			.perform();
		WebElement regions = driver.findElement(By.id("regions-" + p.beforePhotoId()));
		new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> !regions.getAttribute("value").isBlank());
		assertThat(driver.findElements(By.cssSelector(".blur-editor .blur-box"))).hasSize(1);
		screenshot("exposure-form-phone", PHONE);

		click(By.id("exposure-submit"));
		waitForText("已发布到曝光台");
		ExposureItem item = column.itemOfProblem(logins.principal("xiantao.office"), p.id()).orElseThrow();
		assertThat(item.before().get(0).regions()).isNotBlank();
		List<Double> region = java.util.Arrays.stream(item.before().get(0).regions().split(","))
			.map(Double::valueOf)
			.toList();
		assertThat(region.get(0)).isBetween(0.15, 0.35);
		assertThat(region.get(2)).isBetween(0.35, 0.65);
		logout();

		open("/public/exposure/xiantao");
		waitForText("河边垃圾堆积，已清理");
		screenshot("exposure-list-phone", PHONE);
		screenshot("exposure-list-desktop", DESKTOP);
		driver.manage().window().setSize(PHONE);
		click(By.cssSelector("#exposure-" + item.id() + " a.exposure-link"));
		waitForText("已整改");
		assertThat(heading()).isEqualTo("河边垃圾堆积，已清理");
		assertThat(driver.findElement(By.id("exposure-unit")).getText()).startsWith("责任单位：曝光社区");
		WebElement before = driver.findElement(By.cssSelector("#exposure-before img"));
		WebElement after = driver.findElement(By.cssSelector("#exposure-after img"));
		new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> loaded(before) && loaded(after));
		// a phone stacks them, a desk puts them side by side
		assertThat(after.getLocation().getY()).isGreaterThan(before.getLocation().getY() + before.getSize().getHeight() / 2);
		screenshot("exposure-item-phone", PHONE);
		driver.manage().window().setSize(DESKTOP);
		new WebDriverWait(driver, Duration.ofSeconds(5))
			.until(d -> Math.abs(after.getLocation().getY() - before.getLocation().getY()) < 5);
		assertThat(after.getLocation().getX()).isGreaterThan(before.getLocation().getX());
		screenshot("exposure-item-desktop", DESKTOP);
	}

	@Autowired
	CitizenReports reports;

	@Test
	void thePublicListOfReportsOnAPhoneHasTheReportButtonAndAMap() {
		long city = reports.city("xiantao").id();
		String category = reports.categories(city).get(0).name();
		for (int i = 0; i < 3; i++) {
			reports.submit(city, new ReportDraft(category, "人行道被占用 " + i, "新华路 " + (10 + i) + " 号", null, null,
					"测试李四", "13800001111"), List.of(), ReportSender.web("browser"));
		}
		driver.manage().window().setSize(PHONE);
		open("/public/reports/xiantao");
		waitForText("我要反映");
		assertThat(driver.findElement(By.id("report-new")).getAttribute("href")).endsWith("/public/reports/xiantao/new");
		assertThat(main()).contains("新华路 12 号").contains("未答复").doesNotContain("测试李四").doesNotContain("13800001111");
		screenshot("reports-list-phone", PHONE);
		driver.manage().window().setSize(DESKTOP);
		click(By.cssSelector(".problem-map-panel summary"));
		new WebDriverWait(driver, Duration.ofSeconds(10))
			.until(d -> "true".equals(d.findElement(By.id("report-map")).getAttribute("data-drawn")));
		screenshot("reports-list-desktop", DESKTOP);
	}

	private boolean loaded(WebElement img) {
		return (Boolean) ((JavascriptExecutor) driver)
			.executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", img);
	}

}
