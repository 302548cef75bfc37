package cn.chuangwen.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import cn.chuangwen.support.BrowserTest;

/**
 * Issue 10 §8: the Xiantao office opens the predicted score and the top losses, at desk size and on
 * a phone (390×844), and sees it labelled an estimate with its range, parts, gate and method.
 */
class PredictionJourneyBrowserTest extends BrowserTest {

	@Test
	void theXiantaoOfficeOpensThePredictedScoreAndTheTopLosses() {
		login("xiantao.office");
		open("/");
		click(By.linkText("预测得分"));
		String page = waitForText("全国测评预测得分");
		assertThat(heading()).isEqualTo("仙桃市全国测评预测得分");
		assertThat(page).contains("估算", "预测总分（区间", "材料审核 / 40", "实地考察 / 40", "问卷调查 / 20", "达标",
				"失分最多的", "单位工作量提分最多", "按周趋势", "计算方法", "窗口单位满意度测评");
		List<WebElement> losses = driver.findElements(By.cssSelector("#top-losses tbody tr"));
		assertThat(losses).isNotEmpty().hasSizeLessThanOrEqualTo(20);
		// the trend chart is drawn (a canvas) from the weekly snapshots
		assertThat(driver.findElements(By.cssSelector("#prediction-chart canvas"))).isNotEmpty();
		screenshots("prediction-office");
		shotAt("top-losses", "prediction-losses-phone", PHONE);
		shotAt("top-losses", "prediction-losses-desktop", DESKTOP);
		shotAt("trend", "prediction-trend-phone", PHONE);
		shotAt("trend", "prediction-trend-desktop", DESKTOP);

		// the office's inputs page is one click away
		click(By.id("inputs-link"));
		waitForText("预测得分输入项");
		assertThat(driver.findElement(By.id("minorsScore")).getAttribute("value")).isEqualTo("88.5");
		screenshots("prediction-inputs");
	}

	/** A screenshot at {@code size} with the element {@code id} scrolled to the top. */
	private void shotAt(String id, String name, org.openqa.selenium.Dimension size) {
		driver.manage().window().setSize(size);
		((JavascriptExecutor) driver).executeScript("document.getElementById(arguments[0]).scrollIntoView()", id);
		screenshot(name, size);
		driver.manage().window().setSize(DESKTOP);
	}

}
