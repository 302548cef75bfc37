package cn.chuangwen.publicity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.support.BrowserTest;

/**
 * Issue 12 §4 (T5): the Xiantao office creates a slogan solicitation and publishes it; a citizen on
 * a phone, without an account, sends a slogan; the office approves it and the public page shows it.
 * Then a citizen finds Tianmen's page from the cities' list and votes in its demo site selection
 * (voting now): the second vote of the day is
 * not offered; and reads the published results of Tianmen's slogan solicitation. Screenshots at desk
 * size and 390×844.
 */
class CampaignsBrowserTest extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PublicCampaigns campaigns;

	@Test
	void theOfficeRunsASolicitationAndCitizensSendAndVote() {
		LocalDate today = campaigns.today();
		login("xiantao.office");
		open("/publicity/campaigns");
		assertThat(waitForText("群众活动")).contains("仙桃市民文明公约征集", "征集中");
		click(By.id("new-campaign"));
		new Select(driver.findElement(By.id("kind"))).selectByVisibleText("用语和公约征集");
		driver.findElement(By.id("title")).sendKeys("仙桃文明交通用语征集");
		driver.findElement(By.id("description")).sendKeys("征集文明交通宣传用语，每条不超过 20 字。");
		setDate("startsOn", today);
		setDate("submitUntil", today.plusDays(10));
		setDate("voteUntil", today.plusDays(9));
		click(By.id("save-campaign"));
		// voting that ends before entries close is refused beside its field, the typing kept
		assertThat(waitForText("投票截止要晚于征集截止")).isNotEmpty();
		assertThat(driver.findElement(By.id("title")).getAttribute("value")).isEqualTo("仙桃文明交通用语征集");
		setDate("voteUntil", today.plusDays(20));
		screenshots("campaigns-1-form");
		click(By.id("save-campaign"));
		assertThat(waitForText("活动已保存为草稿")).contains("草稿", "征集中");
		click(By.id("publish-campaign"));
		assertThat(waitForText("活动已发布")).contains("已发布", "打开公众页面");
		long id = jdbc.sql("select id from public_campaign where title = '仙桃文明交通用语征集'").query(Long.class).single();
		logout();

		// a citizen on a phone sends a slogan, without an account
		driver.manage().window().setSize(PHONE);
		open("/public/campaigns/xiantao");
		assertThat(waitForText("仙桃市群众创建活动")).contains("仙桃文明交通用语征集", "仙桃市民文明公约征集");
		click(By.linkText("仙桃文明交通用语征集"));
		assertThat(waitForText("每台设备最多 3 条，您已提交 0 条")).isNotEmpty();
		click(By.id("send-entry"));
		assertThat(waitForText("请填写内容")).isNotEmpty();
		driver.findElement(By.id("content")).sendKeys("车让人 人守规 文明交通你我他");
		driver.findElement(By.id("note")).sendKeys("每天上学路上想到的。");
		screenshot("campaigns-2-send-phone", PHONE);
		click(By.id("send-entry"));
		assertThat(waitForText("已收到，谢谢参与")).contains("您已提交 1 条").doesNotContain("车让人 人守规");
		noSideways();
		screenshot("campaigns-3-sent-phone", PHONE);

		// the office approves it; the public page shows it
		driver.manage().window().setSize(DESKTOP);
		login("xiantao.office");
		open("/publicity/campaigns/" + id);
		assertThat(waitForText("待审核 1")).contains("车让人 人守规 文明交通你我他", "群众投稿");
		screenshots("campaigns-4-moderation");
		long entry = jdbc.sql("select id from public_campaign_entry where campaign_id = " + id).query(Long.class).single();
		click(By.id("approve-" + entry));
		assertThat(waitForText("投稿已采用并展示")).contains("已展示 1");
		logout();
		open("/public/campaigns/xiantao/" + id);
		assertThat(waitForText("展示的投稿")).contains("车让人 人守规 文明交通你我他");

		// Tianmen's site selection is voting: a citizen votes once today on a phone
		// the way in for citizens: the cities, then Tianmen's page with its open campaigns
		driver.manage().window().setSize(PHONE);
		open("/public");
		click(By.linkText("天门市"));
		assertThat(waitForText("正在进行的群众活动")).contains("随手拍，反映问题", "文明创建万人签名", "示范点");
		noSideways();
		screenshot("campaigns-5-portal-phone", PHONE);
		click(By.linkText("2026 年度文明创建示范点评选"));
		assertThat(waitForText("每台设备每天可以投一票")).contains("陆羽公园", "投票中").doesNotContain("票（");
		screenshot("campaigns-6-vote-phone", PHONE);
		long site = jdbc.sql("select e.id from public_campaign_entry e join public_campaign c on c.id = e.campaign_id"
				+ " where c.title = '2026 年度文明创建示范点评选' and e.content = '陆羽公园'").query(Long.class).single();
		int before = jdbc.sql("select votes from public_campaign_entry where id = " + site).query(Integer.class).single();
		click(By.id("vote-" + site));
		assertThat(waitForText("投票成功")).contains("您今天已经投过票了");
		WebElement voted = driver.findElement(By.id("vote-" + site));
		assertThat(voted.getText()).isEqualTo("已投");
		assertThat(driver.findElements(By.cssSelector("#entry-list button:enabled"))).isEmpty();
		assertThat(jdbc.sql("select votes from public_campaign_entry where id = " + site).query(Integer.class).single())
			.isEqualTo(before + 1);
		noSideways();
		screenshot("campaigns-7-voted-phone", PHONE);

		// the published results of Tianmen's slogan solicitation
		open("/public/campaigns/tianmen");
		click(By.linkText("天门市文明城市创建用语征集"));
		String results = waitForText("评选结果");
		assertThat(results).contains("第 1 名", "文明天门 你我共建", "票（");
		noSideways();
		screenshot("campaigns-8-results-phone", PHONE);
		driver.manage().window().setSize(DESKTOP);
		screenshots("campaigns-9-results");
	}

}
