package cn.chuangwen.problems;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.support.BrowserTest;
import cn.chuangwen.support.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8 §3 and §4 in the browser: the office issues a rectification notice for two open problems
 * of the town, the town's liaison opens it from its notices and signs for it; the office reads the
 * red/yellow/green list and the statistics.
 */
class NoticeJourneyBrowserTest extends BrowserTest {

	@Autowired
	Problems problems;

	@Autowired
	TestClock clock;

	@Test
	void theOfficeIssuesANoticeAndTheTownSignsForIt() {
		CurrentUser office = logins.principal("xiantao.office");
		long town = logins.principal("xiantao.liaison").unitId();
		String title = "门前三包不落实 " + System.nanoTime();
		long a = problems.create(office, draft(town, title + " 甲"), true).id();
		long b = problems.create(office, draft(town, title + " 乙"), true).id();

		login("xiantao.office");
		open("/problems/notices/new?unitId=" + town + "&problemId=" + a);
		driver.findElement(By.cssSelector("input[name=problemId][value='" + b + "']")).click();
		LocalDate due = LocalDate.ofInstant(clock.instant(), Problems.ZONE).plusDays(5);
		((org.openqa.selenium.JavascriptExecutor) driver)
			.executeScript("document.getElementById('deadline').value = arguments[0];", due.toString());
		driver.findElement(By.id("requirements")).sendKeys("逐项整改，附整改前后对比照片");
		screenshots("notice-form");
		click(By.id("issue"));
		waitForText("已印发");
		String number = driver.findElement(By.tagName("h1")).getText();
		assertThat(number).matches("整改通知书 仙创整〔20\\d\\d〕\\d+号");
		assertThat(main()).contains(title + " 甲").contains(title + " 乙").contains("未签收");
		logout();

		login("xiantao.liaison");
		open("/problems/notices?unreceived=true");
		click(By.linkText(number.substring(number.indexOf(' ') + 1)));
		screenshots("notice-liaison");
		click(By.id("receive"));
		waitForText("已签收。");
		assertThat(main()).contains("xiantao.liaison 于");
		assertThat(driver.findElements(By.id("receive"))).isEmpty();
		logout();
	}

	@Test
	void theOfficeCorrectsLastMonthsPublishedListAndTheLiaisonReadsIt() {
		login("xiantao.office");
		open("/problems/lists");
		// the demo published last month's list; a second publication is a correction with its reason
		assertThat(main()).contains("已发布第");
		screenshots("problem-lists-publish");
		click(By.id("publish-list"));
		assertThat(main()).contains("重新发布须说明更正原因");
		driver.findElement(By.id("reason")).sendKeys("补录两条热线问题后更正");
		click(By.id("publish-list"));
		waitForText("榜单已发布");
		assertThat(heading()).contains("已发布");
		assertThat(main()).contains("更正原因：补录两条热线问题后更正");
		logout();

		login("xiantao.liaison");
		open("/problems");
		click(By.linkText("红黄绿榜"));
		assertThat(heading()).contains("已发布");
		assertThat(driver.findElements(By.cssSelector("#problem-list tbody tr"))).isNotEmpty();
		screenshots("problem-lists-published");
		logout();
	}

	@Test
	void theOfficeAddsACategoryOnTheSettingsPage() {
		login("tianmen.office");
		open("/problems");
		click(By.linkText("设置"));
		assertThat(heading()).isEqualTo("问题整改设置");
		String name = "夜市噪音" + System.nanoTime() % 10_000;
		driver.findElement(By.id("new-category")).sendKeys(name);
		click(By.id("add-category"));
		waitForText("分类已新增");
		assertThat(driver.findElement(By.id("category-list")).getText()).contains("启用");
		assertThat(driver.findElements(By.cssSelector("#category-list input[type=text][value='" + name + "']"))).hasSize(1);
		screenshots("problem-settings");
		logout();
	}

	@Test
	void theOfficeReadsTheRedYellowGreenListAndTheStatistics() {
		login("xiantao.office");
		open("/problems/lists?period=" + java.time.YearMonth.now(clock.withZone(Problems.ZONE)) + "&group=镇办");
		assertThat(heading()).startsWith("红黄绿榜");
		assertThat(driver.findElements(By.cssSelector("#problem-list tbody tr"))).isNotEmpty();
		screenshots("problem-lists");
		open("/problems/lists?period=2026-13");
		assertThat(main()).contains("期间须写作");
		open("/problems/statistics");
		assertThat(heading()).contains("问题统计");
		new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(10))
			.until(d -> !d.findElements(By.cssSelector(".problem-chart canvas")).isEmpty());
		assertThat(driver.findElements(By.cssSelector(".problem-chart"))).hasSize(5);
		screenshots("problem-statistics");
	}

	@Test
	void theOfficeImportsAProblemListAndABadRowImportsNothing() throws Exception {
		String code = "XT-T01";
		String title = "导入的问题 " + System.nanoTime();
		java.nio.file.Path bad = java.nio.file.Files.createTempFile("problems", ".csv");
		java.nio.file.Files.writeString(bad, String.join(",", ProblemWorkbooks.COLUMNS) + "\n"
				+ "文明办,环境卫生," + title + ",,一般," + code + ",,,,,否\n"
				+ "文明办,天气,下雨,,一般," + code + ",,,,,否\n");
		login("xiantao.office");
		open("/problems");
		click(By.linkText("导入问题清单"));
		driver.findElement(By.id("file")).sendKeys(bad.toAbsolutePath().toString());
		click(By.id("import-submit"));
		waitForText("第 3 行");
		screenshots("problem-import-errors");
		java.nio.file.Path good = java.nio.file.Files.createTempFile("problems", ".csv");
		java.nio.file.Files.writeString(good, String.join(",", ProblemWorkbooks.COLUMNS) + "\n"
				+ "文明办,环境卫生," + title + ",,一般," + code + ",,,,,否\n");
		driver.findElement(By.id("file")).sendKeys(good.toAbsolutePath().toString());
		click(By.id("import-submit"));
		waitForText("已导入 1 个问题。");
		driver.findElement(By.id("q")).sendKeys(title + org.openqa.selenium.Keys.ENTER);
		htmxIdle();
		assertThat(main()).contains(title);
	}

	@Test
	void theListShowsItsLocatedProblemsOnAMapWithoutATileServer() {
		login("xiantao.office");
		open("/problems?state=RECTIFYING");
		driver.findElement(By.cssSelector(".problem-map-panel summary")).click();
		new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(10))
			.until(d -> d.findElement(By.id("problem-map")).getDomAttribute("data-markers") != null);
		int markers = Integer.parseInt(driver.findElement(By.id("problem-map")).getDomAttribute("data-markers"));
		assertThat(markers).isPositive();
		assertThat(driver.findElements(By.cssSelector("#problem-map path.leaflet-interactive"))).hasSize(markers);
		assertThat(main()).contains("未配置底图");
		screenshots("problem-map");
	}

	static ProblemDraft draft(long unitId, String title) {
		return new ProblemDraft(ProblemSource.OFFICE, "环境卫生", title, null, ProblemSeverity.GENERAL, unitId, List.of(),
				new ProblemDraft.Place("沔阳大道", null, null), null, null, null);
	}

}
