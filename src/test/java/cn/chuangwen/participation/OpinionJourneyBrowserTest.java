package cn.chuangwen.participation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.support.BrowserTest;
import cn.chuangwen.support.ExifJpeg;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11 §2 on a phone: a special supervisor files an opinion with a photo; the leader on duty
 * finds it in the queue and writes an instruction; the supervisor opens their list and reads it.
 */
class OpinionJourneyBrowserTest extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	void aSupervisorFilesAnOpinionOnAPhoneAndReadsTheLeadersInstruction() throws IOException {
		String words = "人民路公交站台座椅损坏，老人候车没有地方坐 " + System.nanoTime();
		String instruction = "请交通部门三日内修复，并排查全市同类站台。";
		driver.manage().window().setSize(PHONE);
		login("xiantao.supervisor2");
		open("/participation/opinions");
		assertThat(heading()).isEqualTo("我的意见");
		click(By.id("new-opinion"));
		waitForText("送当天值班的市领导批示");
		driver.findElement(By.id("text")).sendKeys(words);
		new Select(driver.findElement(By.id("category"))).selectByVisibleText("环境卫生");
		driver.findElement(By.id("address")).sendKeys("人民路公交站");
		Path photo = Files.createTempFile("seat-", ".jpg");
		Files.write(photo, ExifJpeg.photo().description("seat").bytes());
		driver.findElement(By.id("files")).sendKeys(photo.toString());
		screenshot("opinion-1-form-phone", PHONE);
		click(By.id("file-opinion"));
		String filed = waitForText("意见已提交，已送值班领导。");
		assertThat(filed).contains(words, "待批示", "等待值班领导批示");
		assertThat(driver.findElements(By.cssSelector("ul.photos img"))).hasSize(1);
		screenshot("opinion-2-filed-phone", PHONE);
		String detail = driver.getCurrentUrl();

		// the leader on duty, also on a phone: the queue holds it; the instruction goes on it
		logout();
		login("xiantao.leader");
		open("/participation/opinions?queue=true");
		assertThat(heading()).isEqualTo("待我批示的意见");
		click(By.linkText(words.length() > 60 ? words.substring(0, 57) + "..." : words));
		waitForText(words);
		driver.findElement(By.id("text")).sendKeys(instruction);
		screenshot("opinion-3-leader-instructs-phone", PHONE);
		click(By.id("instruct"));
		waitForText("批示已提交。");
		assertThat(driver.findElement(By.id("instruction-text")).getText()).isEqualTo(instruction);

		// the supervisor sees the instruction in the list and on the opinion
		logout();
		login("xiantao.supervisor2");
		open("/participation/opinions");
		String list = waitForText(instruction.substring(0, 10));
		assertThat(list).contains("已批示，待转办");
		screenshot("opinion-4-list-phone", PHONE);
		driver.get(detail);
		String seen = waitForText(instruction);
		assertThat(seen).contains("仙桃市分管领导", "用时 0 天 0 小时", "等待文明办转办");
		assertThat(driver.findElement(By.id("opinion-state")).getText()).isEqualTo("已批示，待转办");
		screenshot("opinion-5-instruction-phone", PHONE);
		// a phone user never scrolls a page sideways
		Object overflow = ((org.openqa.selenium.JavascriptExecutor) driver)
			.executeScript("return document.documentElement.scrollWidth > window.innerWidth");
		assertThat(overflow).isEqualTo(Boolean.FALSE);
	}


	/** The public answers the demo's open round on a phone, without an account, and is thanked. */
	@Test
	void thePublicAnswersAnOpenRoundOnAPhone() {
		long round = jdbc.sql("""
				select min(r.id) from opinion_round r join city c on c.id = r.city_id
				where c.code = 'xiantao' and r.state = 'OPEN'""").query(Long.class).single();
		driver.manage().window().setSize(PHONE);
		open("/public/opinions/xiantao/" + round);
		assertThat(main()).contains("仙桃市文明办征求意见", "截止时间");
		driver.findElement(By.id("text")).sendKeys("小区门口的快递柜旁边经常堆满纸箱，希望物业及时清理。");
		driver.findElement(By.id("name")).sendKeys("陈女士");
		screenshot("round-1-public-form-phone", PHONE);
		click(By.id("send-answer"));
		String thanked = waitForText("谢谢！您的意见已收到。");
		assertThat(thanked).doesNotContain("陈女士");
		assertThat(driver.findElements(By.id("public-answer"))).isEmpty();
		screenshot("round-2-public-thanks-phone", PHONE);
	}

}
