package cn.chuangwen.publicity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.files.EvidenceFixtures;
import cn.chuangwen.support.BrowserTest;

/**
 * Issue 12 §4 (T5): on a phone, the Xiantao office records a demonstration site with a photo (a
 * wrong latitude first, refused beside the field with what was typed kept), names it, and anyone
 * finds it on the city's public list and map, and opens it with its photo. The office's list and
 * map at desk size. Screenshots at 390×844 and desk size.
 */
class DemonstrationSitesBrowserTest extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	void theOfficeRecordsASiteOnAPhoneNamesItAndThePublicSeesIt() throws Exception {
		driver.manage().window().setSize(PHONE);
		login("xiantao.office");
		open("/publicity/sites");
		waitForText("示范点");
		click(By.id("new-site"));
		assertThat(heading()).isEqualTo("登记示范点");
		driver.findElement(By.id("name")).sendKeys("江汉社区文明实践站");
		new Select(driver.findElement(By.id("kind"))).selectByVisibleText("社区");
		new Select(driver.findElement(By.id("unitId"))).selectByVisibleText("建设社区");
		driver.findElement(By.id("address")).sendKeys("仙桃市沙嘴街道江汉路 16 号");
		driver.findElement(By.id("latitude")).sendKeys("303.6");
		driver.findElement(By.id("longitude")).sendKeys("113.452100");
		driver.findElement(By.id("description")).sendKeys("实践站设文明宣传长廊和志愿服务岗，每周开展文明劝导。");
		Path photo = Files.createTempFile("site", ".jpg");
		Files.write(photo, EvidenceFixtures.jpeg(640, 420));
		driver.findElement(By.id("files")).sendKeys(photo.toString());
		screenshot("sites-1-form-phone", PHONE);
		click(By.id("save-site"));
		assertThat(waitForText("纬度应在 -90 到 90 之间")).isNotEmpty();
		assertThat(driver.getTitle()).startsWith("错误：");
		assertThat(driver.findElement(By.id("name")).getAttribute("value")).isEqualTo("江汉社区文明实践站");
		noSideways();
		screenshot("sites-2-form-refused-phone", PHONE);
		driver.findElement(By.id("latitude")).clear();
		driver.findElement(By.id("latitude")).sendKeys("30.364800");
		driver.findElement(By.id("files")).sendKeys(photo.toString());
		click(By.id("save-site"));
		String site = waitForText("示范点已登记");
		assertThat(site).contains("候选", "社区", "建设社区", "纬度 30.364800，经度 113.452100", "照片（1/9）");
		assertThat(driver.findElements(By.cssSelector("#site-photos img"))).hasSize(1);
		noSideways();
		screenshot("sites-3-recorded-phone", PHONE);

		// named: the public page shows it
		click(By.id("state-NAMED"));
		assertThat(waitForText("已命名为示范点")).contains("已命名", "在示范点公开页面查看");
		click(By.cssSelector("#history summary"));
		assertThat(driver.findElement(By.id("history")).getText()).contains("登记示范点", "变更示范点状态",
				"状态：候选 → 已命名", "类型：（空） → 社区");
		((JavascriptExecutor) driver).executeScript("document.getElementById('history').scrollIntoView()");
		screenshot("sites-4-named-phone", PHONE);
		logout();

		// anyone, on a phone and without an account: the list, the map, the site and its photo
		open("/public/sites/xiantao");
		String list = waitForText("仙桃市创建示范点");
		assertThat(list).contains("江汉社区文明实践站", "仙桃市第一人民医院").doesNotContain("沔阳公园");
		click(By.cssSelector(".problem-map-panel summary"));
		new WebDriverWait(driver, Duration.ofSeconds(10))
			.until(d -> d.findElement(By.id("site-map")).getDomAttribute("data-markers") != null);
		long named = jdbc.sql("select count(*) from demonstration_site s join city c on c.id = s.city_id"
				+ " where c.code = 'xiantao' and s.state = 'NAMED'").query(Long.class).single();
		assertThat(driver.findElement(By.id("site-map")).getDomAttribute("data-markers")).isEqualTo(String.valueOf(named));
		noSideways();
		screenshots("sites-5-public-list");
		driver.manage().window().setSize(PHONE);
		click(By.linkText("江汉社区文明实践站"));
		assertThat(waitForText("每周开展文明劝导")).contains("社区", "仙桃市沙嘴街道江汉路 16 号", "建设社区");
		assertThat(driver.findElements(By.cssSelector("#site-photos img"))).hasSize(1);
		click(By.cssSelector(".problem-map-panel summary"));
		new WebDriverWait(driver, Duration.ofSeconds(10))
			.until(d -> "1".equals(d.findElement(By.id("site-map")).getDomAttribute("data-markers")));
		noSideways();
		screenshots("sites-6-public-site");

		// the office's list at a desk: filters, the map, the export
		login("xiantao.office");
		open("/publicity/sites?state=NAMED");
		String office = waitForText("共");
		assertThat(office).contains("江汉社区文明实践站", "导出 Excel").doesNotContain("沔阳公园");
		((JavascriptExecutor) driver).executeScript("document.getElementById('sites').scrollIntoView()");
		screenshots("sites-7-office-list");
		driver.manage().window().setSize(PHONE);
		noSideways();
		driver.manage().window().setSize(DESKTOP);
		click(By.cssSelector(".problem-map-panel summary"));
		new WebDriverWait(driver, Duration.ofSeconds(10))
			.until(d -> d.findElement(By.id("site-map")).getDomAttribute("data-markers") != null);
		screenshot("sites-8-office-map-desktop", DESKTOP);
	}

}
