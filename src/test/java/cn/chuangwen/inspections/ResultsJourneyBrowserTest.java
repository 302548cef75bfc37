package cn.chuangwen.inspections;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.support.BrowserTest;

/**
 * Issue 9 §4 and §8: the office reads a period's results, is told which round is still open, publishes
 * once it is closed, and a citizen reads the public results on a phone without signing in.
 */
class ResultsJourneyBrowserTest extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Units units;

	@Test
	void theOfficePublishesAPeriodAndTheResultsArePublicOnAPhone() {
		ResultFixtures fixtures = new ResultFixtures(jdbc, units);
		CurrentUser office = logins.principal("xiantao.office");
		String period = ResultFixtures.freshMonth();
		String group = "浏览器组" + ResultFixtures.RANDOM.nextInt(1_000_000);
		UnitView a = fixtures.unit(office, group, "城东办事处" + ResultFixtures.RANDOM.nextInt(1000));
		UnitView b = fixtures.unit(office, group, "城西办事处" + ResultFixtures.RANDOM.nextInt(1000));
		UnitView c = fixtures.unit(office, group, "城北办事处" + ResultFixtures.RANDOM.nextInt(1000));
		long announced = fixtures.plan(office.cityId(), PlanKind.ANNOUNCED, "明查第一轮", period, true);
		long unannounced = fixtures.plan(office.cityId(), PlanKind.UNANNOUNCED, "暗访第一轮", period, true);
		fixtures.inspect(announced, a.id(), "92", "88", "90");
		fixtures.inspect(unannounced, a.id(), "85", "80", "84");
		fixtures.inspect(announced, b.id(), "75", "70", "72");
		fixtures.inspect(unannounced, b.id(), "60", "66", "63");
		fixtures.inspect(announced, c.id(), "80", "81");
		fixtures.inspect(unannounced, c.id(), "80", "81", "82");
		fixtures.finding(unannounced, "6");
		long open = fixtures.plan(office.cityId(), PlanKind.UNANNOUNCED, "暗访补查", period, false);

		login("xiantao.office");
		open("/");
		click(By.linkText("测评结果"));
		waitForText("实地测评结果");
		open("/inspections/results?period=" + period + "&rankingGroup=" + group);
		String page = waitForText(a.name());
		// A 90.00 / 83.00 → 86.50 first and green; B 72.33 / 63.00 → 67.67 second, red; C too few announced points
		assertThat(page).contains("86.50", "67.67", "样本不足", "尚未发布", "暗访补查");
		assertThat(driver.findElement(By.cssSelector("tr[data-unit='" + a.id() + "'] .badge-green")).getText()).isEqualTo("绿榜");
		screenshots("results-office");

		click(By.id("publish-results"));
		String refused = waitForText("不能发布");
		assertThat(refused).contains("暗访补查");
		fixtures.close(open);
		click(By.id("publish-results"));
		String published = waitForText("已发布，通报编号");
		assertThat(published).containsPattern("仙创通〔\\d{4}〕\\d+号");
		assertThat(driver.findElement(By.id("bulletin-link")).getDomAttribute("href")).contains("bulletin.pdf");
		screenshots("results-published");
		logout();

		// a citizen on a phone, no account
		driver.manage().window().setSize(PHONE);
		open("/public/results/xiantao/" + period);
		String pub = waitForText(a.name());
		assertThat(heading()).contains("仙桃市", "实地测评结果");
		assertThat(pub).contains(group, "86.50", "67.67", "绿榜", "红榜", "样本不足", "下载通报");
		assertThat(pub).doesNotContain("xiantao.office");
		screenshot("results-public-phone", PHONE);
		screenshot("results-public-desktop", DESKTOP);
	}

}
