package cn.chuangwen.projects;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.support.BrowserTest;

/**
 * Issue 12 §8: the Xiantao office calls a joint meeting, reads the agenda drafted from data (it
 * opens with the last demo meeting's decision), saves it, records two decisions that become an
 * assignment and a problem, and sees them open the next meeting's agenda; it issues the last demo
 * meeting's numbered minutes; on a phone the town's liaison signs in for its unit.
 */
class MeetingsBrowserTest extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	void theOfficeDraftsTheAgendaRecordsDecisionsAndTheNextAgendaFollowsThemUp() {
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		String town = jdbc.sql("select u.name from unit u join app_user a on a.unit_id = u.id where a.username = 'xiantao.liaison'")
			.query(String.class).single();
		login("xiantao.office");
		open("/");
		click(By.linkText("联席会议"));
		assertThat(heading()).isEqualTo("联席会议");
		assertThat(main()).contains("第五次创文联席会议", "第六次创文联席会议");
		driver.findElement(By.id("title")).sendKeys("第七次创文联席会议");
		setDate("heldOn", today.plusDays(1));
		driver.findElement(By.id("place")).sendKeys("市委第一会议室");
		click(By.xpath("//fieldset[@id='unitIds']//label[span[text()='" + town + "']]/input"));
		screenshots("meetings-1-list");
		click(By.id("meeting-submit"));

		String page = waitForText("系统按当前数据起草的议程");
		assertThat(heading()).isEqualTo("第七次创文联席会议");
		String draft = driver.findElement(By.id("agenda-text")).getDomProperty("value");
		assertThat(draft).contains("上次会议（第六次创文联席会议）决定事项落实情况", "农贸市场周边环境卫生死角清零",
				"逾期任务较多的单位");
		assertThat(page).contains(town, "签到");
		screenshots("meetings-2-agenda");
		click(By.id("agenda-save"));
		waitForText("议程已保存");

		// two decisions: an assignment (with its indicator) and a problem
		driver.findElement(By.id("text")).sendKeys("一周内完成主干道沿街门店“门前三包”签约");
		click(By.id("kind-ASSIGNMENT"));
		new Select(driver.findElement(By.id("unitId"))).selectByVisibleText(town);
		setDate("deadline", today.plusDays(7));
		new Select(driver.findElement(By.id("indicatorId"))).selectByValue(String.valueOf(freeLeaf()));
		click(By.id("decision-submit"));
		waitForText("决定事项已交办");
		driver.findElement(By.id("text")).sendKeys("公厕保洁不到位问题限期整改");
		click(By.id("kind-PROBLEM"));
		new Select(driver.findElement(By.id("unitId"))).selectByVisibleText(town);
		setDate("deadline", today.plusDays(3));
		new Select(driver.findElement(By.id("category"))).selectByVisibleText("环境卫生");
		click(By.id("decision-submit"));
		waitForText("公厕保洁不到位问题限期整改");
		WebElement table = driver.findElement(By.id("decision-table"));
		assertThat(table.findElements(By.cssSelector("tbody tr"))).hasSize(2);
		assertThat(table.getText()).contains("任务", "问题", "待签收");
		screenshots("meetings-3-decisions");

		// the next meeting's agenda opens with them
		open("/meetings");
		driver.findElement(By.id("title")).sendKeys("第八次创文联席会议");
		setDate("heldOn", today.plusDays(60));
		click(By.xpath("//fieldset[@id='unitIds']//label[span[text()='" + town + "']]/input"));
		click(By.id("meeting-submit"));
		waitForText("系统按当前数据起草的议程");
		assertThat(driver.findElement(By.id("agenda-text")).getDomProperty("value"))
			.contains("上次会议（第七次创文联席会议）决定事项落实情况", "门前三包", "公厕保洁不到位问题限期整改");

		// the demo's last meeting was held: its minutes are issued with their number
		open("/meetings");
		click(By.linkText("第六次创文联席会议"));
		click(By.id("minutes-issue"));
		waitForText("会议纪要已印发");
		assertThat(driver.findElement(By.id("minutes-pdf")).getText()).matches("会议纪要 仙创纪〔\\d{4}〕\\d+号（PDF）");
		assertThat(driver.findElements(By.id("minutes-issue"))).isEmpty();
		logout();

		// the town's liaison signs in on a phone
		driver.manage().window().setSize(PHONE);
		login("xiantao.liaison");
		open("/meetings");
		// the next meeting is not held yet: no sign-in; the demo's fifth was, and the town did not sign in then
		click(By.linkText("第八次创文联席会议"));
		waitForText("参会单位");
		assertThat(driver.findElements(By.cssSelector("#attendance button"))).isEmpty();
		open("/meetings");
		click(By.linkText("第五次创文联席会议"));
		waitForText("参会单位");
		Object overflow = ((JavascriptExecutor) driver)
			.executeScript("return document.documentElement.scrollWidth > window.innerWidth");
		assertThat(overflow).isEqualTo(Boolean.FALSE);
		click(By.cssSelector("#attendance button"));
		assertThat(waitForText("已签到。")).contains(town, "参会单位（已签到 1/");
		assertThat(driver.findElement(By.cssSelector("#attendance li[data-unit] .badge")).getText()).endsWith("签到");
		assertThat(driver.findElements(By.id("decision-form"))).isEmpty();
		screenshot("meetings-4-sign-in-phone", PHONE);
	}

	/** A leaf of Xiantao's demo system the liaison's unit has no assignment for yet. */
	private long freeLeaf() {
		return jdbc.sql("""
				select min(i.id) from indicator i join indicator_system s on s.id = i.system_id join city c on c.id = s.city_id
				where c.code = 'xiantao' and s.id = (select min(s2.id) from indicator_system s2 where s2.city_id = c.id)
				  and not exists (select 1 from indicator k where k.parent_id = i.id)
				  and not exists (select 1 from assignment a join app_user u on u.unit_id = a.lead_unit_id
				                  where a.indicator_id = i.id and u.username = 'xiantao.liaison')""")
			.query(Long.class).single();
	}

}
