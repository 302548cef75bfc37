package cn.chuangwen.participation;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.support.BrowserTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11 §1–2, the office's side: the office enters a hotline call at a field point's place, opens
 * it from the list, reads the routing suggestion (the point's unit, within 50 m), tries to reject it
 * without a reason (the error beside the field), then accepts it: the problem goes to the point's
 * unit and the citizen's updates say so.
 */
class TriageJourneyBrowserTest extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	record Point(String name, String unitName, long unitId, BigDecimal lat, BigDecimal lng) {
	}

	@Test
	void theOfficeEntersAHotlineCallAndAcceptsItRoutedToThePointsUnit() {
		Point p = jdbc.sql("""
				select f.name, u.name, u.id, f.lat, f.lng from field_point f join unit u on u.id = f.unit_id
				join city c on c.id = f.city_id where c.code = 'xiantao' and f.active = true order by f.id limit 1 offset 17""")
			.query((rs, n) -> new Point(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBigDecimal(4),
					rs.getBigDecimal(5)))
			.single();
		login("xiantao.office");
		open("/");
		click(By.linkText("群众反映"));
		waitForText("共");
		assertThat(heading()).isEqualTo("群众反映");
		click(By.id("new-report"));
		waitForText("登记热线来电或意见箱来信");
		click(By.id("channel-HOTLINE"));
		new Select(driver.findElement(By.id("category"))).selectByIndex(1);
		driver.findElement(By.id("description")).sendKeys("市民来电：" + p.name() + "门口垃圾堆积");
		driver.findElement(By.id("lat")).sendKeys(p.lat().toPlainString());
		driver.findElement(By.id("lng")).sendKeys(p.lng().toPlainString());
		driver.findElement(By.id("name")).sendKeys("吴先生");
		driver.findElement(By.id("phone")).sendKeys("13700001111");
		click(By.id("save-report"));
		String page = waitForText("已登记，受理编号");
		String code = page.replaceAll("(?s).*受理编号 (\\S+?)。.*", "$1");
		assertThat(page).contains("吴先生").contains("建议交由" + p.unitName() + "办理");

		// found again from the list by its code
		open("/participation/reports?q=" + code);
		waitForText("共 1 条");
		click(By.linkText(code));
		waitForText("受理并交办");
		screenshots("citizen-report-triage");

		// a rejection needs a public reason
		click(By.cssSelector("#reject summary"));
		click(By.cssSelector("#reject button[type=submit]"));
		String refused = waitForText("请填写公开答复的理由");
		assertThat(refused).contains("吴先生");
		assertThat(driver.getTitle()).startsWith("错误");

		click(By.id("accept"));
		String accepted = waitForText("已受理，转为问题");
		assertThat(accepted).contains("已受理，已交由" + p.unitName() + "办理。");
		assertThat(driver.findElement(By.id("report-state")).getText()).isEqualTo("已受理");
		assertThat(jdbc.sql("""
				select p.unit_id from problem p join citizen_report r on r.problem_id = p.id where r.code = :c""")
			.param("c", code)
			.query(Long.class)
			.single()).isEqualTo(p.unitId());
		screenshots("citizen-report-accepted");
		click(By.id("problem-link"));
		waitForText(p.unitName());
		// the problem names the report it came from, and leads back to it
		click(By.id("origin-report"));
		waitForText(code);
	}

}
