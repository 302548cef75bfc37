package cn.chuangwen.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.shared.PeriodCode;
import cn.chuangwen.support.BrowserTest;

/**
 * Issue 10 §8 (the evaluation part built so far): the Qianjiang office closes the last ended
 * bimonth, reads its frozen ranking, previews a weight change of the towns' scheme against it, sees
 * the reward proposals within the budget and the bottom-3 consequence, confirms a reward, and a leader
 * reads the frozen scores on a phone; the office publishes and anyone reads the results with the red
 * and black lists on a phone, with the number of the period's PDF bulletin (通报). On the rewards page
 * the office adds a bottom-N rule (an empty consequence is refused beside its field) and removes it.
 */
class EvaluationJourneyBrowserTest extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	void theQianjiangOfficeClosesABimonthAndPreviewsAWeightChange() {
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		String period = PeriodCode.of(PeriodCode.Kind.BIMONTH, today).previous().text();
		long towns = jdbc.sql("""
				select s.id from evaluation_scheme s join city c on c.id = s.city_id
				where c.code = 'qianjiang' and s.period_kind = 'BIMONTH' and s.ranking_group = '镇办'""")
			.query(Long.class).single();

		login("qianjiang.office");
		open("/");
		click(By.linkText("考核排名"));
		waitForText("考核得分");
		click(By.linkText("考核周期"));
		String periods = waitForText(period);
		assertThat(periods).contains("已结束", "进行中");
		// the calendar: Qianjiang's bimonths close themselves 5 days after they end; the office makes it 6
		click(By.cssSelector("#calendar summary"));
		WebElement bimonth = driver.findElement(By.id("days-BIMONTH"));
		assertThat(bimonth.getDomProperty("value")).isEqualTo("5");
		screenshots("evaluation-periods");
		bimonth.clear();
		bimonth.sendKeys("6");
		click(By.id("calendar-save"));
		waitForText("考核日历已保存");
		assertThat(driver.findElement(By.id("days-BIMONTH")).getDomProperty("value")).isEqualTo("6");

		click(By.id("close-" + period));
		String scores = waitForText("得分已冻结");
		assertThat(heading()).contains(period);
		assertThat(scores).contains("镇办", "市直部门", "窗口单位", "实地测评", "问题按期整改");
		WebElement first = driver.findElement(By.cssSelector("table.scores-table[data-group='镇办'] tbody tr"));
		assertThat(first.getText()).startsWith("1");
		assertThat(driver.findElements(By.cssSelector("table.scores-table .badge"))).isNotEmpty();
		screenshots("evaluation-scores");

		open("/evaluation/schemes/" + towns);
		waitForText("镇办双月考核");
		WebElement inspection = driver.findElement(By.id("weight_INSPECTION"));
		inspection.clear();
		inspection.sendKeys("30");
		WebElement onTime = driver.findElement(By.id("weight_PROBLEM_ON_TIME"));
		onTime.clear();
		onTime.sendKeys("40");
		click(By.id("preview-scheme"));
		waitForText("各来源权重之和须为100%，现为90%");
		WebElement progress = driver.findElement(By.id("weight_TASK_PROGRESS"));
		progress.clear();
		progress.sendKeys("30");
		click(By.id("preview-scheme"));
		String preview = waitForText("原名次");
		assertThat(preview).contains(period, "新名次", "预览不保存方案");
		assertThat(driver.findElements(By.cssSelector("#preview-table tbody tr"))).isNotEmpty();
		screenshots("evaluation-preview");
		assertThat(jdbc.sql("select version from evaluation_scheme where id = :id").param("id", towns)
			.query(Integer.class).single()).as("a preview saves nothing").isEqualTo(1);

		// the closing proposed rewards within the budget and the bottom-3 consequence for the towns
		open("/evaluation/rewards?year=" + PeriodCode.parse(period).start().getYear());
		String rewards = waitForText("年度奖励预算 1,000,000 元");
		assertThat(rewards).contains(period, "奖励 20,000 元", "奖励 10,000 元", "奖励 5,000 元", "取消当年文明乡镇评选资格",
				"当年不得评为文明单位", "待确认");
		long consequences = driver.findElements(By.xpath("//tr[@data-kind='CONSEQUENCE'][td[2][text()='" + period
				+ "']][td[3][text()='镇办']]")).size();
		assertThat(consequences).as("the bottom 3 towns").isEqualTo(3);
		WebElement reward = driver.findElement(By.xpath("//tr[@data-kind='REWARD'][td[2][text()='" + period
				+ "']][td[3][text()='镇办']][td[4][text()='1']]"));
		String proposal = reward.getDomAttribute("data-proposal");
		reward.findElement(By.tagName("summary")).click();
		driver.findElement(By.id("reason-" + proposal)).sendKeys("双月考核镇办第一名，按奖励办法兑现");
		click(By.id("confirm-" + proposal));
		String confirmed = waitForText("已确认");
		assertThat(confirmed).contains("已确认 20,000 元");
		screenshots("evaluation-rewards");

		// the rules editor: an empty consequence is refused beside its field; a bottom rule added, then removed
		new Select(driver.findElement(By.id("rule-kind"))).selectByValue("CONSEQUENCE");
		driver.findElement(By.id("rule-group")).sendKeys("窗口单位");
		driver.findElement(By.id("rule-bottom")).sendKeys("2");
		click(By.id("add-rule"));
		waitForText("请填写处理内容");
		assertThat(driver.findElement(By.id("consequence-error")).getText()).contains("请填写处理内容");
		rulesShots("evaluation-rules-error", "#rules .error-summary");
		driver.findElement(By.id("rule-consequence")).sendKeys("约谈主要负责人");
		click(By.id("add-rule"));
		String added = waitForText("规则已新增");
		assertThat(added).contains("末2名：约谈主要负责人", "第1名奖励20,000元");
		rulesShots("evaluation-rules", "#rules-table");
		click(By.xpath("//table[@id='rules-table']//tr[td[3][contains(., '约谈主要负责人')]]//button"));
		assertThat(waitForText("规则已删除")).doesNotContain("约谈主要负责人");

		// publish the period: its results are public, with the red and black lists
		open("/evaluation/periods");
		waitForText(period);
		click(By.id("publish-" + period));
		waitForText("已发布，公开页面");
		String number = driver.findElement(By.id("bulletin-" + period)).getText().replace(" PDF", "");
		assertThat(number).matches("潜创考〔\\d{4}〕\\d+号");
		logout();
		driver.manage().window().setSize(PHONE);
		open("/public/evaluation/qianjiang/" + period);
		String pub = waitForText("红榜");
		assertThat(heading()).contains("潜江市", period);
		assertThat(pub).contains("黑榜", "镇办", "市直部门", number).doesNotContain("qianjiang.office");
		assertThat(driver.findElement(By.cssSelector("#bulletin a")).getDomAttribute("href"))
			.isEqualTo("/public/evaluation/qianjiang/" + period + "/bulletin.pdf");
		screenshot("evaluation-public-phone", PHONE);
		screenshot("evaluation-public-desktop", DESKTOP);

		// a city leader reads the frozen scores on a phone
		driver.manage().window().setSize(DESKTOP);
		login("qianjiang.leader");
		driver.manage().window().setSize(PHONE);
		open("/evaluation/scores?period=" + period + "&rankingGroup=镇办");
		waitForText("已于");
		assertThat(main()).doesNotContain("结束并冻结");
		screenshot("evaluation-scores-leader-phone", PHONE);
		logout();

		// anyone reads Xiantao's civilization index (the demo publishes its last quarter) on a phone
		open("/public/index/xiantao");
		String index = waitForText("仙桃市文明指数");
		assertThat(index).contains("历史走势", "全市指数").doesNotContain("xiantao.office");
		assertThat(driver.findElements(By.cssSelector("#index-history-table tbody tr"))).isNotEmpty();
		screenshot("evaluation-index-phone", PHONE);
		screenshot("evaluation-index-desktop", DESKTOP);
	}

	/** Screenshots at desk size and 390×844 with the rules section (the element of {@code css}) scrolled into view. */
	private void rulesShots(String name, String css) {
		for (var shot : java.util.List.of(java.util.Map.entry("-desktop", DESKTOP), java.util.Map.entry("-phone", PHONE))) {
			driver.manage().window().setSize(shot.getValue());
			((org.openqa.selenium.JavascriptExecutor) driver)
				.executeScript("document.querySelector(arguments[0]).scrollIntoView()", css);
			screenshot(name + shot.getKey(), shot.getValue());
		}
		driver.manage().window().setSize(DESKTOP);
	}

}
