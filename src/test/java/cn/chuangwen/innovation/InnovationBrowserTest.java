package cn.chuangwen.innovation;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import cn.chuangwen.support.BrowserTest;

/**
 * Issue 12 §5 and §8: the Xiantao office starts an innovation case contest; the town's liaison
 * submits a case with a photo on a phone; the office closes submissions; the leader, a judge, scores
 * the case on a phone (seeing no other judge's scores); the office publishes; the public page shows
 * the ranking without a sign-in.
 */
class InnovationBrowserTest extends BrowserTest {

	@Test
	void theOfficeRunsAContestAUnitSubmitsAJudgeScoresAndThePublicSeesTheRanking() throws Exception {
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		String title = "2027年度创文创新案例评选（测试）";
		login("xiantao.office");
		open("/");
		click(By.linkText("创新案例"));
		assertThat(heading()).isEqualTo("创新案例评选");
		assertThat(main()).contains("2026年度创文创新案例评选");
		click(By.id("new-contest"));
		driver.findElement(By.id("title")).sendKeys(title);
		driver.findElement(By.id("description")).sendKeys("征集各镇办、各部门的创建创新做法。");
		setDate("deadline", today.plusDays(10));
		click(By.cssSelector("input[name=judges][value='xiantao.leader']"));
		click(By.cssSelector("input[name=judges][value='xiantao.inspector']"));
		screenshots("innovation-1-new-contest");
		click(By.id("contest-submit"));
		waitForText("已发起评选");
		assertThat(heading()).contains(title, "征集中");
		assertThat(driver.findElement(By.id("rubric")).getText()).contains("创新性", "40", "可推广性", "20");
		String contestUrl = driver.getCurrentUrl();
		logout();

		// the town's liaison submits a case with a photo, on a phone
		driver.manage().window().setSize(PHONE);
		login("xiantao.liaison");
		open("/innovation");
		click(By.linkText(title));
		click(By.id("submit-case"));
		driver.findElement(By.id("title")).sendKeys("“积分超市”激发居民参与");
		driver.findElement(By.id("summary")).sendKeys("居民参加志愿服务积累积分，到积分超市兑换生活用品。");
		driver.findElement(By.id("files")).sendKeys(photo().toString());
		screenshot("innovation-2-submit-phone", PHONE);
		click(By.id("case-submit"));
		waitForText("案例已申报");
		assertThat(driver.findElements(By.cssSelector(".case-photos img"))).hasSize(1);
		noSideways();
		screenshot("innovation-3-case-phone", PHONE);
		logout();

		// the office closes submissions
		driver.manage().window().setSize(DESKTOP);
		login("xiantao.office");
		driver.get(contestUrl);
		click(By.id("start-judging"));
		waitForText("已截止征集，评委可以开始评分");
		logout();

		// the leader scores it on a phone: no other judge's score anywhere
		driver.manage().window().setSize(PHONE);
		login("xiantao.leader");
		driver.get(contestUrl);
		waitForText("您是本次评选的评委");
		click(By.linkText("“积分超市”激发居民参与"));
		waitForText("提交评分");
		assertThat(driver.findElements(By.id("sheets"))).isEmpty();
		var inputs = driver.findElements(By.cssSelector("#score-form input[type=number]"));
		assertThat(inputs).hasSize(3);
		int[] scores = { 90, 80, 70 };
		for (int i = 0; i < inputs.size(); i++) {
			inputs.get(i).sendKeys(String.valueOf(scores[i]));
		}
		noSideways();
		screenshot("innovation-4-score-phone", PHONE);
		click(By.id("score-submit"));
		waitForText("评分已提交");
		// 40 % × 90 + 40 % × 80 + 20 % × 70 = 82.00
		assertThat(driver.findElement(By.id("my-total")).getText()).isEqualTo("82.00");
		assertThat(driver.findElements(By.id("score-form"))).isEmpty();
		screenshot("innovation-5-scored-phone", PHONE);
		logout();

		// the office publishes
		driver.manage().window().setSize(DESKTOP);
		login("xiantao.office");
		driver.get(contestUrl);
		click(By.id("publish"));
		waitForText("评选结果已公布");
		WebElement ranking = driver.findElement(By.id("ranking-table"));
		assertThat(ranking.getText()).contains("“积分超市”激发居民参与", "82.00");
		screenshots("innovation-6-published");
		// the demo's published contest: six cases, three sheets each; the office alone reads every judge's sheet
		open("/innovation");
		click(By.linkText("2026年度创文创新案例评选"));
		assertThat(driver.findElements(By.cssSelector("#ranking-table tbody tr"))).hasSize(6);
		screenshots("innovation-8-demo-contest");
		click(By.cssSelector("#ranking-table tbody tr:first-child a"));
		assertThat(driver.findElements(By.cssSelector("#sheets tbody tr"))).hasSize(3);
		screenshots("innovation-9-demo-case-office");
		logout();

		// anyone reads the ranking
		open("/public/innovation/xiantao");
		assertThat(heading()).isEqualTo("仙桃市创新案例评选结果");
		assertThat(main()).contains(title, "“积分超市”激发居民参与", "82.00", "2026年度创文创新案例评选")
			.doesNotContain("xiantao.leader");
		screenshots("innovation-7-public");
		driver.manage().window().setSize(PHONE);
		noSideways();
	}

	private static Path photo() throws Exception {
		BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
		var g = image.createGraphics();
		g.setColor(new java.awt.Color(60, 140, 90));
		g.fillRect(0, 0, 320, 240);
		g.setColor(java.awt.Color.WHITE);
		g.fillOval(100, 60, 120, 120);
		g.dispose();
		Path file = Files.createTempFile("innovation-", ".png");
		ImageIO.write(image, "png", file.toFile());
		file.toFile().deleteOnExit();
		return file;
	}

}
