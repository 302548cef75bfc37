package cn.chuangwen.inspections;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.WebDriverWait;

import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.support.BrowserTest;

/**
 * Issue 9 §1: the office imports field points from a workbook (a bad one first, with its row errors),
 * then finds them in the list and on the map (no tile server here), on a desk and on a phone.
 */
class FieldPointJourneyBrowserTest extends BrowserTest {

	@Test
	void theOfficeImportsPointsAndSeesThemListedAndOnTheMap() throws Exception {
		String p = "J" + OrgFixtures.unique().substring(0, 6).toUpperCase();
		String[] a = { p + "-1", "钱沟路（仙桃大道至沔州大道段）", "主次干道", "钱沟路", "30.3641", "113.4522", "XT-T01", "XT-T01", "是" };
		String[] b = { p + "-2", "新华巷", "背街小巷", "沙嘴街道新华巷", "30.3588", "113.4470", "XT-T01", "XT-T01", "是" };
		String[] c = { p + "-3", "钱沟路公厕", "公共厕所", "钱沟路与复兴大道交汇处", "30.3702", "113.4610", "XT-T02", "XT-T02", "是" };
		String[] bad = { p + "-3", "重复的编码", "公共厕所", "", "39.9042", "116.4074", "NO-SUCH-UNIT", "XT-T02", "是" };
		Path dir = Files.createDirectories(Path.of("target", "browser-uploads"));
		Path wrong = dir.resolve(p + "-bad.xlsx");
		Files.write(wrong, FieldPointsIntegrationTest.workbook(List.of(a, b, c, bad)));
		Path good = dir.resolve(p + ".xlsx");
		Files.write(good, FieldPointsIntegrationTest.workbook(List.of(a, b, c)));

		login("xiantao.office");
		open("/");
		click(By.linkText("点位与测评"));
		waitForText("个点位");
		assertThat(heading()).isEqualTo("点位");
		click(By.linkText("导入点位"));
		waitForText("全部导入或全部不导入");

		// a bad file: every bad row named, nothing imported
		driver.findElement(By.id("file")).sendKeys(wrong.toAbsolutePath().toString());
		click(By.id("import-submit"));
		String errors = waitForText("第 5 行");
		assertThat(errors).contains("点位编码 " + p + "-3 在文件中重复").contains("NO-SUCH-UNIT").contains("不在本市范围内");
		screenshots("field-points-import-errors");

		driver.findElement(By.id("file")).sendKeys(good.toAbsolutePath().toString());
		click(By.id("import-submit"));
		waitForText("已导入 3 个点位。");

		// the list, filtered to the import (htmx keeps the filter in the address)
		driver.findElement(By.id("q")).sendKeys(p + Keys.ENTER);
		htmxIdle();
		new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("q=" + p));
		String list = waitForText("共 3 个点位");
		assertThat(list).contains(p + "-1", "钱沟路（仙桃大道至沔州大道段）", "新华巷", "钱沟路公厕", "主次干道", "公共厕所",
				"沙嘴街道办事处", "干河街道办事处");

		// the map: three markers, on a plain background (no tile server configured here)
		click(By.cssSelector(".problem-map-panel summary"));
		new WebDriverWait(driver, Duration.ofSeconds(10))
			.until(d -> d.findElement(By.id("point-map")).getDomAttribute("data-markers") != null);
		assertThat(driver.findElement(By.id("point-map")).getDomAttribute("data-markers")).isEqualTo("3");
		assertThat(driver.findElements(By.cssSelector("#point-map path.leaflet-interactive"))).hasSize(3);
		assertThat(main()).contains("未配置底图");
		screenshots("field-points-list-map");

		// the phone: the table stacks, the map still shows the points
		driver.manage().window().setSize(PHONE);
		open("/inspections/points?q=" + p);
		waitForText("共 3 个点位");
		click(By.cssSelector(".problem-map-panel summary"));
		new WebDriverWait(driver, Duration.ofSeconds(10))
			.until(d -> "3".equals(d.findElement(By.id("point-map")).getDomAttribute("data-markers")));
		((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()",
				driver.findElement(By.cssSelector(".problem-map-panel")));
		screenshot("field-points-phone-map", PHONE);
		driver.manage().window().setSize(DESKTOP);

		// one point opened from the list: its form, with the place and the units chosen
		click(By.linkText(p + "-2"));
		waitForText("新华巷");
		assertThat(driver.findElement(By.id("lat")).getDomProperty("value")).isEqualTo("30.358800");
		screenshots("field-point-form");

		// the checklists: the version in use per point type, its items; readable on a phone (no sideways scrolling)
		click(By.linkText("点位"));
		click(By.linkText("测评细则"));
		waitForText("各类点位在用的版本");
		assertThat(main()).contains("2026 年度实地测评细则", "每200米至少1处公益广告", "导入新版测评细则");
		driver.manage().window().setSize(PHONE);
		Object overflow = ((org.openqa.selenium.JavascriptExecutor) driver)
			.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
		assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(1);
		screenshots("checklists");
		open("/inspections/area");
		assertThat(heading()).isEqualTo("本市点位范围");
		assertThat(driver.findElement(By.id("minLat")).getAttribute("value")).isNotBlank();
		screenshots("field-point-area");
	}

}
