package cn.chuangwen.tasks;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import cn.chuangwen.support.BrowserTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trend chart in a real browser (Debian's headless Chromium, as the browser journeys use):
 * ECharts draws it from the page's data block at desktop and at phone width, and the table under
 * it lists the days. Skipped without Chromium unless on CI. Screenshots go to target/screenshots/.
 */
class ProgressTrendBrowserTest extends BrowserTest {

	@Autowired
	Assignments assignments;

	@Test
	void theOfficeSeesTheTrendChartAndTableOnDeskAndPhone() {
		login("xiantao.office");
		driver.get("http://localhost:" + port + "/");

		chartIsDrawn();
		// The table is behind a toggle: hidden until opened.
		assertThat(driver.findElement(By.id("trend-table")).isDisplayed()).isFalse();
		driver.findElement(By.cssSelector("details.trend-table > summary")).click();
		List<WebElement> rows = driver.findElements(By.cssSelector("#trend-table tbody tr"));
		assertThat(rows).hasSizeGreaterThan(1);
		assertThat(rows.get(0).isDisplayed()).isTrue();
		// Newest day first: today.
		assertThat(rows.get(0).getText()).contains(assignments.today().toString());
		screenshot("trend-desktop", new Dimension(1280, 900));

		driver.manage().window().setSize(new Dimension(390, 844));
		driver.navigate().refresh();
		chartIsDrawn();
		// On a phone the chart fits the screen and the 30-day table stays folded away.
		WebElement chart = driver.findElement(By.id("trend-chart"));
		assertThat(chart.getSize().getWidth()).isLessThanOrEqualTo(390);
		long shown = driver.findElements(By.cssSelector("#trend-table tbody tr")).stream().filter(WebElement::isDisplayed).count();
		assertThat(shown).isZero();
		screenshot("trend-phone", new Dimension(390, 844));
	}

	void chartIsDrawn() {
		new WebDriverWait(driver, Duration.ofSeconds(10))
			.until(d -> !d.findElements(By.cssSelector("#trend-chart canvas")).isEmpty());
		Object instance = ((JavascriptExecutor) driver).executeScript(
				"return !!(window.echarts && echarts.getInstanceByDom(document.getElementById('trend-chart')));");
		assertThat(instance).isEqualTo(Boolean.TRUE);
	}

	/**
	 * Scrolls the chart into view and waits for ECharts to report the chart drawn ("finished")
	 * before the shot: animation off, one resize, then the event (no fixed sleep).
	 */
	@Override
	protected void screenshot(String name, Dimension size) {
		driver.manage().window().setSize(size);
		JavascriptExecutor js = (JavascriptExecutor) driver;
		js.executeScript("document.getElementById('trend').scrollIntoView();");
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
		Object drawn = js.executeAsyncScript("""
				var done = arguments[arguments.length - 1];
				var chart = echarts.getInstanceByDom(document.getElementById('trend-chart'));
				chart.on('finished', function onFinished() { chart.off('finished', onFinished); done(true); });
				chart.setOption({ animation: false });
				chart.resize();
				""");
		assertThat(drawn).isEqualTo(Boolean.TRUE);
		super.screenshot(name, size);
	}

}
