package cn.chuangwen.browser;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.support.BrowserTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The city office's main journeys: sign in with TOTP, open a town's creation record, import units. */
class OfficeJourneyBrowserTest extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	void officeOpensTheCreationRecordOfATown() {
		open("/login");
		screenshots("login");
		login("xiantao.office");
		assertThat(heading()).contains("仙桃市文明办");
		screenshots("home-office");

		open("/units?kind=SUBDISTRICT");
		screenshots("units-list");
		driver.findElement(By.linkText("沙嘴街道办事处")).click();
		assertThat(heading()).contains("沙嘴街道办事处").contains("创建档案");
		// The record opens on the unit's progress; the profile with its children is one tab away.
		assertThat(driver.findElement(By.tagName("main")).getText()).contains("平均完成进度").contains("联络员");
		screenshots("unit-record");
		driver.findElement(By.linkText("概况")).click();
		assertThat(driver.findElement(By.tagName("main")).getText()).contains("下级单位").contains("联络员");

		driver.findElement(By.linkText("痕迹")).click();
		assertThat(driver.findElement(By.tagName("main")).getText()).contains("最近痕迹");

		open("/units?view=tree");
		int shown = driver.findElements(By.cssSelector(".tree li")).size();
		assertThat(shown).isGreaterThan(10);
		// a folded branch loads the units under it when opened (htmx), in place of its placeholder
		WebElement branch = driver.findElement(By.cssSelector(".tree details:not([open])"));
		click(By.cssSelector(".tree details:not([open]) > summary .kind"));
		new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(10))
			.until(d -> branch.findElements(By.cssSelector(".tree-pending")).isEmpty()
					&& !branch.findElements(By.cssSelector("ul > li")).isEmpty());
		htmxIdle();
		assertThat(driver.findElements(By.cssSelector(".tree li")).size()).isGreaterThan(shown);
		screenshots("units-tree");
	}

	@Test
	void importWithOneBadRowShowsTheRowAndImportsNothing() throws IOException {
		login("xiantao.office");
		long before = units();
		Path file = workbook(new String[][] { { "BR-A1", "XT-T01", "浏览器测试社区一", "社区", "社区", "否", "", "", "" },
				{ "BR-A2", "XT-NOPE", "浏览器测试社区二", "社区", "社区", "否", "", "", "" },
				{ "BR-A3", "XT", "浏览器测试街道", "街道办事处", "镇办", "否", "", "", "" } });
		open("/units/import");
		driver.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
		driver.findElement(By.cssSelector("main form button[type=submit]")).click();

		WebElement errors = driver.findElement(By.id("import-errors"));
		var rows = errors.findElements(By.cssSelector("tbody tr"));
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0).getText()).contains("3").contains("XT-NOPE");
		assertThat(driver.getTitle()).startsWith("错误：");
		assertThat(units()).isEqualTo(before);
		screenshots("unit-import-errors");
	}

	private long units() {
		return jdbc.sql("select count(*) from unit").query(Long.class).single();
	}

	static Path workbook(String[][] rows) throws IOException {
		Path file = Files.createTempFile("units", ".xlsx");
		try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
			Sheet sheet = wb.createSheet("单位");
			String[] header = { "编码", "上级编码", "名称", "类型", "排名分组", "文明委成员单位", "一把手", "联络员", "联络电话" };
			Row h = sheet.createRow(0);
			for (int i = 0; i < header.length; i++) {
				h.createCell(i).setCellValue(header[i]);
			}
			for (int r = 0; r < rows.length; r++) {
				Row row = sheet.createRow(r + 1);
				for (int c = 0; c < rows[r].length; c++) {
					row.createCell(c).setCellValue(rows[r][c]);
				}
			}
			wb.write(out);
		}
		return file;
	}

}
