package cn.chuangwen.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import cn.chuangwen.support.BrowserTest;

/**
 * Issue 7: the province's journey across its cities (1.4), the homes of the leader and the office
 * (1.7), the audit filtered by a label (1.6) and the units in order (1.9). Screenshots at phone
 * (390×844) and desktop (1366×900) size under target/screenshots/.
 */
class ProvinceJourneyBrowserTest extends BrowserTest {

	static final Dimension WIDE = new Dimension(1366, 900);

	@Test
	void theProvinceComparesItsCitiesAndOpensOneWithItsNameAlwaysShown() {
		login("hubei.office");
		WebElement comparison = driver.findElement(By.id("comparison"));
		assertThat(comparison.getText()).contains("仙桃市", "天门市", "潜江市");
		chartIsDrawn();
		shots("province-home");

		open("/cities");
		assertThat(heading()).isEqualTo("城市");
		shots("province-cities");
		click(By.linkText("天门市"));
		waitForText("天门市：进度概况");
		assertThat(viewing()).contains("天门市");
		chartIsDrawn();
		shots("province-city");

		// A list opened from the city's page keeps the city: named in the top bar, chosen in the filter.
		click(By.cssSelector("#city-pages a[href^='/assignments']"));
		waitForText("项任务");
		assertThat(viewing()).contains("天门市");
		assertThat(new Select(driver.findElement(By.id("city"))).getFirstSelectedOption().getText()).isEqualTo("天门市");
		shots("province-assignments-city");
		driver.manage().window().setSize(PHONE);
		assertThat(driver.findElement(By.cssSelector(".viewing")).isDisplayed()).as("the city is named on a phone too").isTrue();
		driver.manage().window().setSize(WIDE);

		// Every city at once: a city column, and the filter narrows it.
		open("/assignments");
		List<String> columns = driver.findElements(By.cssSelector("main table.data thead th")).stream().map(WebElement::getText).toList();
		assertThat(columns).contains("城市");
		assertThat(main()).contains("仙桃市", "潜江市");
		new Select(driver.findElement(By.id("city"))).selectByVisibleText("潜江市");
		click(By.cssSelector("main form.filters button[type=submit]"));
		new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("city=qianjiang"));
		// The top bar is swapped out of band after the address changes: wait for the swap to settle.
		new WebDriverWait(driver, Duration.ofSeconds(10))
			.ignoring(StaleElementReferenceException.class)
			.until(d -> viewing().contains("潜江市"));
		shots("province-assignments-filtered");

		open("/units");
		assertThat(driver.findElements(By.cssSelector("main table.data thead th")).stream().map(WebElement::getText).toList())
			.contains("城市");
		shots("province-units");
	}

	@Test
	void theLeaderSeesTheAttachedUnitsFirst() {
		login("xiantao.leader");
		WebElement work = driver.findElement(By.id("leader-work"));
		assertThat(work.getText()).contains("我的挂点单位");
		assertThat(driver.findElements(By.id("office-work"))).isEmpty();
		shots("home-leader");
	}

	@Test
	void theOfficeSeesWhatWaitsForIt() {
		login("xiantao.office");
		assertThat(driver.findElement(By.id("review-figure")).getText()).contains("待审核");
		assertThat(driver.findElement(By.id("overdue-figure")).getText()).contains("已逾期");
		assertThat(driver.findElement(By.id("due-figure")).getText()).contains("天内到期");
		chartIsDrawn();
		shots("home-office-work");
	}

	@Test
	void theAuditIsFilteredByALabelAndReadsInWords() {
		login("admin.audit");
		open("/audit");
		new Select(driver.findElement(By.id("action"))).selectByVisibleText("载入演示数据");
		click(By.cssSelector("main form.filters button[type=submit]"));
		new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("action=DEMO_DATA_LOAD"));
		// The rows are swapped in place (htmx): read them once the swap has settled.
		List<String> actions = new WebDriverWait(driver, Duration.ofSeconds(10))
			.ignoring(StaleElementReferenceException.class)
			.until(d -> {
				List<String> texts = d.findElements(By.cssSelector(".audit-table tbody td[data-label='操作']")).stream()
					.map(WebElement::getText).toList();
				return !texts.isEmpty() && texts.stream().allMatch("载入演示数据"::equals) ? texts : null;
			});
		assertThat(actions).isNotEmpty().allMatch("载入演示数据"::equals);
		assertThat(main()).doesNotContain("DEMO_DATA_LOAD").containsPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
		shots("audit-filter-label");
	}

	@Test
	void unitsAreInOrderAndTheRecordOpensOnProgress() {
		login("xiantao.office");
		open("/units?view=tree");
		WebElement folded = driver.findElement(By.cssSelector(".tree details:not([open]) > summary"));
		String branch = folded.getText();
		click(By.cssSelector(".tree details:not([open]) > summary .kind"));
		assertThat(driver.findElements(By.cssSelector(".tree details[open]")).size()).isGreaterThan(1);
		assertThat(branch).isNotBlank();
		shots("units-tree-folding");
		long town = logins.principal("xiantao.liaison").unitId();
		open("/units/" + town);
		assertThat(main()).contains("平均完成进度", "被退回待重报", "责任书");
		assertThat(driver.findElements(By.cssSelector("main .btn-danger"))).isEmpty();
		shots("unit-record-summary");
	}

	String viewing() {
		return driver.findElement(By.cssSelector(".topbar .viewing")).getText();
	}

	void chartIsDrawn() {
		new WebDriverWait(driver, Duration.ofSeconds(10))
			.until(d -> !d.findElements(By.cssSelector("#trend-chart canvas")).isEmpty());
	}

	/** Desktop (1366×900) and phone (390×844), with the chart redrawn at each width before the shot. */
	void shots(String name) {
		shot(name + "-desktop", WIDE);
		shot(name + "-phone", PHONE);
		driver.manage().window().setSize(WIDE);
	}

	void shot(String name, Dimension size) {
		driver.manage().window().setSize(size);
		// Wait until the page has laid itself out at the new width (ECharts resizes on the resize event).
		new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> ((Number) ((JavascriptExecutor) d)
			.executeScript("return window.innerWidth")).intValue() <= size.getWidth());
		screenshot(name, size);
	}

}
