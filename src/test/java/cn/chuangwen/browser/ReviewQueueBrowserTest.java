package cn.chuangwen.browser;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.support.BrowserTest;
import cn.chuangwen.support.ReviewFixtures;
import cn.chuangwen.tasks.Assignments;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The office opens the review queue from the home figure, filters it, returns one report with a
 * reason and approves another inline (the rows change, the page does not reload); the community's
 * liaison then reads both decisions in the notifications. Screenshots at phone and desktop size.
 */
class ReviewQueueBrowserTest extends BrowserTest {

	@Autowired
	Assignments assignments;

	@Autowired
	IndicatorSystems indicators;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ReviewFixtures fixtures;

	@Test
	void theOfficeReviewsInlineAndTheLiaisonIsTold() {
		var c = fixtures.community("xiantao");
		var returnedAssignment = fixtures.assign(c);
		long toReturn = fixtures.submit(c, returnedAssignment.id(), 40, "已拆除违章搭建两处，附现场照片。");
		long toApprove = fixtures.submit(c, fixtures.assign(c).id(), 100, "公益广告已全部更新。");
		var liaison = fixtures.org.activated(c.account());

		login("xiantao.office");
		click(By.cssSelector("#review-figure a"));
		new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/reviews"));
		assertThat(heading()).isEqualTo("待审核创建动态");

		// Filtering swaps the results in place and pushes the filters into the address.
		js("window.reviewPageMarker = 'same page'");
		new Select(driver.findElement(By.id("unitId"))).selectByValue(String.valueOf(c.unit().id()));
		until(d -> d.getCurrentUrl().contains("unitId=" + c.unit().id()));
		until(d -> d.findElement(By.id("review-results")).getText().contains("共 2 条待审核"));
		assertThat(samePage()).isTrue();
		screenshots("review-queue");

		// Return one with a reason, approve the other: each row changes where it is.
		driver.findElement(By.id("reason-" + toReturn)).sendKeys("照片看不清，请补拍整改后照片");
		click(By.cssSelector("#review-" + toReturn + " button[value=RETURN]"));
		until(d -> d.findElement(By.id("review-" + toReturn)).getText().contains("已退回"));
		click(By.cssSelector("#review-" + toApprove + " button[value=APPROVE]"));
		until(d -> d.findElement(By.id("review-" + toApprove)).getText().contains("已通过"));
		assertThat(driver.findElement(By.id("review-" + toReturn)).getText()).contains("照片看不清");
		assertThat(driver.findElements(By.cssSelector("#review-" + toApprove + " button"))).isEmpty();
		assertThat(samePage()).isTrue();
		screenshots("review-queue-decided");
		logout();

		// The liaison of the community reads both decisions (the notices follow the events).
		driver.get(url("/login"));
		driver.findElement(By.id("username")).sendKeys(liaison.username());
		driver.findElement(By.id("password")).sendKeys(liaison.password());
		driver.findElement(By.cssSelector("form button[type=submit]")).click();
		until(d -> !d.getCurrentUrl().contains("/login"));
		until(d -> {
			d.get(url("/notifications"));
			String text = d.findElement(By.tagName("main")).getText();
			return text.contains("审核通过") && text.contains("被退回");
		});
		assertThat(main()).contains("退回原因：照片看不清，请补拍整改后照片")
			.contains(returnedAssignment.indicatorCode() + " " + returnedAssignment.indicatorName());
		assertThat(driver.findElement(By.id("notify-bell")).getText()).contains("2");
		screenshots("review-notices-liaison");
		click(By.partialLinkText("创建动态被退回"));
		until(d -> d.getCurrentUrl().endsWith("/assignments/" + returnedAssignment.id() + "#r" + toReturn));
	}

	private Object js(String script) {
		return ((JavascriptExecutor) driver).executeScript(script);
	}

	/** True while the window is the one the marker was set in: htmx swapped, nothing reloaded. */
	private boolean samePage() {
		return "same page".equals(js("return window.reviewPageMarker"));
	}

	private void until(java.util.function.Function<WebDriver, Boolean> condition) {
		new WebDriverWait(driver, Duration.ofSeconds(15))
			.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.ignoring(org.openqa.selenium.NoSuchElementException.class)
			.until(condition::apply);
	}

}
