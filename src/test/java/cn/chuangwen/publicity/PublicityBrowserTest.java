package cn.chuangwen.publicity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.files.EvidenceFixtures;
import cn.chuangwen.support.BrowserTest;

/**
 * Issue 12 §4: the Xiantao office records an outlet; the outlet's unit's liaison reports last month
 * on a phone (below one third); the office sees it among the month's shortfalls. Then the liaison
 * submits a news item with a photo, the office publishes it and the public column shows it without
 * an account. Screenshots at desk size and 390×844.
 */
class PublicityBrowserTest extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	void anOutletReportsAMonthAndAUnitsNewsIsPublished() throws Exception {
		login("xiantao.office");
		open("/publicity/outlets/new");
		assertThat(heading()).isEqualTo("登记媒体");
		driver.findElement(By.id("name")).sendKeys("仙桃新闻网");
		new Select(driver.findElement(By.id("kind"))).selectByVisibleText("网站");
		new Select(driver.findElement(By.id("unitId"))).selectByVisibleText("市委宣传部");
		screenshots("publicity-1-outlet-form");
		click(By.id("save-outlet"));
		String outlet = waitForText("媒体已登记");
		assertThat(outlet).contains("网站", "条", "市委宣传部", "公益广告不少于总时长或总版面的三分之一", "还没有报送");
		screenshots("publicity-2-outlet");
		logout();

		// the propaganda department's liaison reports last month on a phone
		driver.manage().window().setSize(PHONE);
		login("xiantao.dept");
		open("/publicity/compliance");
		click(By.linkText("仙桃新闻网"));
		waitForText("报送月度公益广告");
		Path scan = Files.createTempFile("log", ".png");
		Files.write(scan, EvidenceFixtures.png(120, 80));
		driver.findElement(By.id("totalAmount")).sendKeys("90");
		driver.findElement(By.id("adAmount")).sendKeys("120");
		driver.findElement(By.id("files")).sendKeys(scan.toString());
		click(By.id("report-submit"));
		assertThat(waitForText("公益广告量不能大于总量")).isNotEmpty();
		assertThat(driver.findElement(By.id("totalAmount")).getAttribute("value")).isEqualTo("90");
		screenshot("publicity-3-report-refused-phone", PHONE);
		driver.findElement(By.id("adAmount")).clear();
		driver.findElement(By.id("adAmount")).sendKeys("24");
		driver.findElement(By.id("files")).sendKeys(scan.toString());
		click(By.id("report-submit"));
		String reported = waitForText("已报送");
		assertThat(reported).contains("公益占比 26.7%，未达到三分之一", "24 / 90 条", "未达标，差 6 条");
		noSideways();
		screenshot("publicity-4-reported-phone", PHONE);
		logout();

		// the office sees it among last month's shortfalls
		driver.manage().window().setSize(DESKTOP);
		login("xiantao.office");
		open("/publicity/compliance?shortfall=true");
		String shortfalls = waitForText("公益广告达标情况");
		assertThat(shortfalls).contains("仙桃新闻网", "26.7%", "仙桃日报", "仙桃人民广播电台", "未报送")
			.doesNotContain("仙桃发布微信公众号");
		screenshots("publicity-5-compliance");
		driver.manage().window().setSize(PHONE);
		noSideways();
		driver.manage().window().setSize(DESKTOP);
		logout();

		// a unit submits news with a photo, on a phone
		driver.manage().window().setSize(PHONE);
		login("xiantao.dept");
		open("/publicity/news");
		click(By.id("new-news"));
		driver.findElement(By.id("title")).sendKeys("新闻网开设创文专栏");
		driver.findElement(By.id("body")).sendKeys("仙桃新闻网首页开设“文明创建”专栏，每日更新创建动态。");
		Path photo = Files.createTempFile("photo", ".jpg");
		Files.write(photo, EvidenceFixtures.jpeg(640, 420));
		driver.findElement(By.id("files")).sendKeys(photo.toString());
		screenshot("publicity-6-news-form-phone", PHONE);
		click(By.id("submit-news"));
		assertThat(waitForText("稿件已提交")).contains("待审核", "市委宣传部");
		screenshot("publicity-7-news-submitted-phone", PHONE);
		logout();

		// the office publishes it
		driver.manage().window().setSize(DESKTOP);
		login("xiantao.office");
		open("/publicity/news");
		assertThat(waitForText("创建动态")).contains("新闻网开设创文专栏", "文明交通劝导岗上岗");
		screenshots("publicity-8-news-list");
		click(By.linkText("新闻网开设创文专栏"));
		waitForText("审核");
		click(By.id("publish"));
		assertThat(waitForText("已发布到创建动态专栏")).contains("已发布");
		logout();

		// anyone reads it, without an account
		open("/public/news/xiantao");
		assertThat(waitForText("仙桃市创建动态")).contains("新闻网开设创文专栏", "市委宣传部");
		screenshots("publicity-9-public-list");
		click(By.linkText("新闻网开设创文专栏"));
		assertThat(waitForText("每日更新创建动态")).contains("市委宣传部");
		assertThat(driver.findElements(By.cssSelector("#news-photos img"))).hasSize(1);
		driver.manage().window().setSize(PHONE);
		noSideways();
		screenshots("publicity-10-public-item");
		assertThat(jdbc.sql("select count(*) from publicity_news where title = '新闻网开设创文专栏' and state = 'PUBLISHED'")
			.query(Long.class).single()).isEqualTo(1);
	}

}
