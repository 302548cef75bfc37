package cn.chuangwen.browser;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.indicators.IndicatorView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitDraft;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.support.BrowserTest;
import cn.chuangwen.tasks.AssignmentDraft;
import cn.chuangwen.tasks.AssignmentView;
import cn.chuangwen.tasks.Assignments;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7 §1.8 and §1.2 in a real browser: the office changes an assignment with the searchable
 * unit picker (a reason is required, what was typed survives the error) and withdraws it; the
 * liaison finds the report form first, also on a phone, and keeps the value typed after an error.
 * Screenshots at desk and phone size go to target/screenshots/.
 */
class AssignmentChangeBrowserTest extends BrowserTest {

	static final Random RANDOM = new Random();

	@Autowired
	Assignments assignments;

	@Autowired
	IndicatorSystems indicators;

	@Autowired
	Units units;

	UnitView community(String name) {
		CurrentUser office = logins.principal("xiantao.office");
		CurrentUser liaison = logins.principal("xiantao.liaison");
		return units.create(office, new UnitDraft("B" + Math.abs(RANDOM.nextLong() % 1_000_000_000L),
				name + RANDOM.nextInt(10000), UnitKind.COMMUNITY, liaison.unitId(), "社区", false, "周书记", null,
				"13900002222"));
	}

	IndicatorView leaf(boolean numeric) {
		CurrentUser office = logins.principal("xiantao.office");
		long systemId = indicators.list(office.scope()).stream().filter(s -> s.cityId() == office.cityId())
			.findFirst().orElseThrow().id();
		return indicators.leaves(office.scope(), systemId).stream().filter(l -> (l.targetQuantity() != null) == numeric)
			.findFirst().orElseThrow();
	}

	long assign(IndicatorView leaf, long lead, List<Long> cooperating, String share) {
		var today = assignments.today();
		return assignments.create(logins.principal("xiantao.office"), new AssignmentDraft(leaf.id(), lead, cooperating,
				new AssignmentView.Responsible("周书记", "书记", "13900002222"), "按标准完成",
				share == null ? null : new java.math.BigDecimal(share), today.minusDays(10), today.plusDays(50),
				Assignments.scheduleBackwards(today.minusDays(10), today.plusDays(50)))).id();
	}

	@Test
	void theOfficeChangesAndWithdrawsAnAssignment() {
		UnitView lead = community("旅程社区");
		long id = assign(leaf(false), lead.id(), List.of(), null);
		login("xiantao.office");
		open("/assignments/" + id);
		waitForText(lead.name());
		screenshots("assignment-office-detail");

		click(By.linkText("修改任务"));
		waitForText("修改原因");
		pickUnit("cooperatingUnitIds", "沙嘴", "沙嘴街道办事处");
		screenshots("assignment-edit-picker");
		String deadline = assignments.today().plusDays(80).toString();
		((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]",
				driver.findElement(By.id("deadline")), deadline);
		driver.findElement(By.cssSelector("main form button[type=submit]")).click();
		// no reason: the error, and what was chosen and typed is still there
		waitForText("请填写原因");
		assertThat(driver.getTitle()).startsWith("错误");
		assertThat(driver.findElement(By.id("deadline")).getAttribute("value")).isEqualTo(deadline);
		assertThat(driver.findElement(By.xpath("//div[@id='cooperatingUnitIds-options']//label[span[text()='沙嘴街道办事处']]/input"))
			.isSelected()).isTrue();
		screenshots("assignment-edit-error");

		driver.findElement(By.id("reason")).sendKeys("市里调整工期");
		driver.findElement(By.cssSelector("main form button[type=submit]")).click();
		String page = waitForText("任务已修改");
		assertThat(page).contains("沙嘴街道办事处").contains(deadline);
		// the timeline (open for the office) says what changed and why
		assertThat(main()).contains("修改任务").contains("市里调整工期");
		screenshots("assignment-changed");

		click(By.cssSelector("details#withdraw > summary"));
		driver.findElement(By.id("withdraw-reason")).sendKeys("指标合并，改由部门牵头");
		click(By.cssSelector("details#withdraw button[type=submit]"));
		waitForText("任务已撤销");
		assertThat(main()).contains("已撤销").contains("指标合并，改由部门牵头");
		assertThat(driver.findElements(By.linkText("修改任务"))).isEmpty();
		screenshots("assignment-withdrawn");

		open("/assignments?unitId=" + lead.id());
		assertThat(driver.findElements(By.cssSelector("a[href$='/assignments/" + id + "']"))).isEmpty();

		// the roadmap: a date axis, today's line and bars filled by progress, also on a phone
		open("/roadmap");
		waitForText("今天");
		assertThat(driver.findElements(By.cssSelector(".roadmap .rm-axis-tick"))).isNotEmpty();
		assertThat(driver.findElements(By.cssSelector(".roadmap .rm-fill"))).isNotEmpty();
		driver.manage().window().setSize(PHONE);
		assertThat(driver.findElement(By.cssSelector(".roadmap .rm-today")).isDisplayed()).isTrue();
		screenshots("roadmap");
	}

	@Test
	void theLiaisonFindsTheReportFormFirstAndKeepsTheValueOnAnError() {
		UnitView lead = community("报送社区");
		CurrentUser liaison = logins.principal("xiantao.liaison");
		IndicatorView numeric = leaf(true);
		long id = assign(numeric, lead.id(), List.of(liaison.unitId()), "20");
		login("xiantao.liaison");
		driver.manage().window().setSize(PHONE);
		open("/assignments/" + id);
		waitForText(numeric.name());
		// on a phone the form is on the first screen, above the roadmap
		WebElement form = driver.findElement(By.id("report"));
		long top = ((Number) ((JavascriptExecutor) driver)
			.executeScript("return arguments[0].getBoundingClientRect().top", form)).longValue();
		assertThat(top).isLessThan(PHONE.getHeight());
		// the roadmap comes after the form, folded away
		assertThat(((JavascriptExecutor) driver).executeScript("""
				var chart = document.querySelector('.rm-chart');
				return (arguments[0].compareDocumentPosition(chart) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0
				    && !chart.closest('details').open;""", form)).isEqualTo(Boolean.TRUE);
		assertThat(driver.findElement(By.cssSelector("label[for=value]")).getText()).contains(numeric.targetUnit());
		screenshots("report-form-first");

		driver.findElement(By.id("value")).sendKeys("7");
		click(By.cssSelector("#report button[type=submit]"));
		waitForText("请写明做了什么");
		assertThat(driver.findElement(By.id("value")).getAttribute("value")).isEqualTo("7");
		screenshots("report-form-error");

		driver.findElement(By.id("text")).sendKeys("新建公厕 7 座，已投入使用");
		click(By.cssSelector("#report button[type=submit]"));
		waitForText("等待文明办审核");
		// the report history, folded below, now lists it as waiting
		click(By.xpath("//details[summary/h2[text()='创建动态']]/summary"));
		new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> d.findElement(By.tagName("main")).getText().contains("待审核"));
		screenshots("report-submitted");
	}

}
