package cn.chuangwen.projects;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.support.BrowserTest;

/**
 * Issue 12 §2 (T4) and plans: the Xiantao office sets the year's creation budget and allocates to a
 * unit, enters spending that warns past 90 % and is refused past 100 %, asks for an increase; the
 * city leader approves it; the office's next entry goes through. A key project's page shows its
 * approved plan and the draft waiting. At desk size and on a phone (390×844).
 */
class FundsBrowserTest extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	void theOfficeAllocatesSpendsIsRefusedAndALeaderApprovesAnIncrease() throws Exception {
		String unit = jdbc.sql("select name from unit where code = 'XT-D08'").query(String.class).single();
		login("xiantao.office");
		open("/funds");
		assertThat(heading()).endsWith("年创建经费");
		assertThat(main()).contains("背街小巷改造", "待审批的追加申请", "超过 90%");
		screenshots("funds-1-year");

		// the year's budget: raised by a million
		driver.findElement(By.id("budget")).clear();
		driver.findElement(By.id("budget")).sendKeys("61000000");
		click(By.id("budget-submit"));
		assertThat(waitForText("年度预算已保存")).contains("61,000,000.00");

		// an allocation to a unit
		new Select(driver.findElement(By.id("target"))).selectByVisibleText(unit);
		driver.findElement(By.id("amount")).sendKeys("10000");
		driver.findElement(By.id("note")).sendKeys("人社窗口创建经费");
		click(By.id("allocation-submit"));
		waitForText("经费已分配");
		assertThat(heading()).contains(unit);

		// spending that passes 90 %: warns
		Path invoice = Files.createTempFile("invoice", ".png");
		Files.write(invoice, ProjectsIntegrationTest.png());
		driver.findElement(By.id("amount")).sendKeys("9500");
		driver.findElement(By.id("files")).sendKeys(invoice.toString());
		click(By.id("spending-submit"));
		assertThat(waitForText("接近预算上限")).contains("已支出 9,500.00 元 / 预算 10,000.00 元（95%）");
		screenshots("funds-2-warning");

		// past 100 %: refused with the figures
		driver.findElement(By.id("amount")).sendKeys("1000");
		driver.findElement(By.id("files")).sendKeys(invoice.toString());
		click(By.id("spending-submit"));
		assertThat(waitForText("超出预算")).contains("预算 10000.00 元", "已支出 9500.00 元", "本次 1000.00 元", "申请追加");
		screenshots("funds-3-refused");

		// the office asks for an increase
		driver.findElement(By.id("increase-amount")).sendKeys("2000");
		driver.findElement(By.id("reason")).sendKeys("窗口改造增加无障碍设施");
		click(By.id("increase-submit"));
		waitForText("追加申请已提交");
		String allocation = driver.getCurrentUrl().replaceAll("#.*$", "");
		logout();

		// the leader approves it
		login("xiantao.leader");
		driver.get(allocation);
		waitForText("窗口改造增加无障碍设施");
		driver.findElement(By.cssSelector(".decision-form input[name=note]")).sendKeys("同意追加");
		screenshots("funds-4-leader");
		click(By.cssSelector(".decision-form button.approve"));
		assertThat(waitForText("已批准追加")).contains("已支出 9,500.00 元 / 预算 12,000.00 元", "同意追加");
		logout();

		// now the entry goes through
		login("xiantao.office");
		driver.get(allocation);
		driver.findElement(By.id("amount")).sendKeys("1000");
		driver.findElement(By.id("files")).sendKeys(invoice.toString());
		click(By.id("spending-submit"));
		assertThat(waitForText("支出已登记")).contains("已支出 10,500.00 元 / 预算 12,000.00 元");
		click(By.cssSelector("#history summary"));
		assertThat(driver.findElement(By.id("history")).getText()).contains("批准追加经费", "申请追加经费", "登记经费支出");
		screenshots("funds-5-approved");

		// the key project's page: its approved plan and the draft waiting
		long lanes = jdbc.sql("select id from key_project where name = '背街小巷改造'").query(Long.class).single();
		open("/projects/" + lanes);
		String project = waitForText("实施方案");
		assertThat(project).contains("第 1 版（现行）", "第 2 版待审批", "同意按此方案实施");
		driver.findElement(By.id("plans")).getLocation();
		((JavascriptExecutor) driver).executeScript("document.getElementById('plans').scrollIntoView()");
		screenshots("funds-6-project-plans");

		driver.manage().window().setSize(PHONE);
		open("/funds");
		Object overflow = ((JavascriptExecutor) driver)
			.executeScript("return document.documentElement.scrollWidth > window.innerWidth");
		assertThat(overflow).isEqualTo(Boolean.FALSE);
	}

	@Test
	void aLiaisonSeesItsUnitsAllocationsAndTheMeetingCalendar() {
		login("xiantao.liaison");
		open("/funds");
		String page = main();
		assertThat(page).contains("经费分配").doesNotContain("农贸市场提档升级", "年度预算（元）");
		screenshots("funds-7-liaison");
		logout();
		login("tianmen.office");
		open("/meetings");
		assertThat(waitForText("会议日历")).contains("每月一次", "每月 15 日");
		screenshots("funds-8-calendar");
	}

}
