package cn.chuangwen.inspections;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.support.BrowserTest;

/**
 * Issue 9 §8, on a phone (390×844): the office makes an unannounced plan with a random sample for
 * qianjiang.inspector, checks the draw with its seed; the inspector finds it in its list; the
 * liaison sees nothing of it, not in the list and not by its address.
 */
class PlanJourneyBrowserTest extends BrowserTest {

	@Test
	void theOfficeDrawsASecretRoundTheInspectorSeesItTheLiaisonDoesNot() {
		String name = "暗访抽查" + OrgFixtures.unique().substring(0, 4);
		driver.manage().window().setSize(PHONE);
		login("qianjiang.office");
		open("/");
		click(By.cssSelector(".menu-toggle"));
		click(By.linkText("检查计划"));
		waitForText("个检查计划");
		click(By.linkText("新建检查计划"));
		waitForText("点位怎么定");
		assertThat(heading()).isEqualTo("新建检查计划");
		driver.findElement(By.id("name")).sendKeys(name);
		click(By.xpath("//input[@name='pointTypes' and @value='MARKET']"));
		click(By.xpath("//input[@name='pointTypes' and @value='PUBLIC_TOILET']"));
		var size = driver.findElement(By.id("sample.size"));
		size.clear();
		size.sendKeys("6");
		click(By.xpath("//input[@name='inspectors' and @value='qianjiang.inspector']"));
		// nothing a phone user must scroll sideways for
		Object overflow = ((JavascriptExecutor) driver)
			.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
		assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(1);
		screenshot("plan-form-phone", PHONE);
		click(By.id("plan-submit"));
		String plan = waitForText("检查计划已建立，共 6 个点位");
		assertThat(plan).contains(name, "暗访", "随机种子", "从", "已查 0 / 6 个点位", "结束这一轮之前，只有文明办和本计划的督查员能看到它");
		assertThat(driver.findElements(By.cssSelector("#plan-points tbody tr"))).hasSize(6);
		String seed = driver.findElement(By.id("plan-seed")).getText();
		assertThat(seed).matches("\\d+");
		String planUrl = driver.getCurrentUrl();

		// the auditor's check: the same seed draws the same points
		click(By.id("redraw"));
		waitForText("核对一致");
		assertThat(main()).contains("点位库自抽取后没有变化");
		screenshot("plan-detail-phone", PHONE);
		screenshot("plan-detail-desktop", DESKTOP);
		driver.manage().window().setSize(PHONE);
		logout();

		// the inspector on the plan finds it in its list, without the draw
		login("qianjiang.inspector");
		open("/inspections/plans");
		waitForText(name);
		screenshot("plan-list-inspector-phone", PHONE);
		click(By.linkText(name));
		waitForText("已查 0 / 6 个点位");
		assertThat(driver.findElements(By.id("plan-draw"))).isEmpty();
		assertThat(driver.findElements(By.id("close-plan"))).isEmpty();
		logout();

		// the liaison: nothing, not in the list, not by the address
		login("qianjiang.liaison");
		open("/inspections/plans");
		new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElement(By.tagName("main")).getText().contains("个检查计划"));
		assertThat(main()).doesNotContain(name);
		screenshot("plan-list-liaison-phone", PHONE);
		driver.get(planUrl);
		new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !d.findElements(By.tagName("h1")).isEmpty());
		assertThat(driver.getPageSource()).doesNotContain(name).doesNotContain(seed);
		screenshot("plan-liaison-not-found-phone", PHONE);
	}

}
