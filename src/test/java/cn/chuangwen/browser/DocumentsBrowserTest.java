package cn.chuangwen.browser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.indicators.IndicatorView;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitDraft;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.support.BrowserTest;
import cn.chuangwen.tasks.AssignmentDraft;
import cn.chuangwen.tasks.AssignmentView;
import cn.chuangwen.tasks.Assignments;
import cn.chuangwen.tasks.Milestone;
import cn.chuangwen.documents.internal.LetterPdf;
import cn.chuangwen.documents.internal.OfficialPdf;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The office opens a town's responsibility letters, issues next year's letter and downloads its
 * PDF; screenshots "letters" at phone and desktop size.
 */
class DocumentsBrowserTest extends BrowserTest {

	@Autowired
	Units units;

	@Autowired
	Cities cities;

	@Autowired
	IndicatorSystems indicators;

	@Autowired
	Assignments assignments;

	@Test
	void theOfficeIssuesATownsLetterAndDownloadsThePdf() throws Exception {
		CurrentUser office = logins.principal("xiantao.office");
		long cityRoot = cities.visible(office.scope()).stream().filter(c -> c.id() == office.cityId()).findFirst()
			.orElseThrow().rootUnitId();
		UnitView town = units.create(office, new UnitDraft("BT" + System.nanoTime() % 1_000_000_000L,
				"浏览器测试镇" + System.nanoTime() % 100_000, UnitKind.TOWN, cityRoot, "镇办", false, "陈镇长", "李联络",
				"13800007777"));
		IndicatorSystemView demo = indicators.list(office.scope()).stream()
			.filter(s -> s.cityId() == office.cityId())
			.min(Comparator.comparing(IndicatorSystemView::id))
			.orElseThrow();
		List<IndicatorView> leaves = indicators.leaves(office.scope(), demo.id());
		int year = assignments.today().getYear() + 1;
		for (int i = 0; i < 3; i++) {
			assignments.create(office, new AssignmentDraft(leaves.get(i).id(), town.id(), List.of(),
					new AssignmentView.Responsible("陈镇长", "镇长", "13800007777"), "按测评标准全面达标", null,
					LocalDate.of(year, 3 + i * 3, 28), List.of(new Milestone(LocalDate.of(year, 2, 28), 30))));
		}

		login("xiantao.office");
		open("/units/" + town.id() + "/letters");
		waitForText(town.name());
		// Next year's assignments: look at that year, then issue its letter.
		driver.findElement(By.linkText(String.valueOf(year))).click();
		waitForText(leaves.get(0).name());
		WebElement yearField = driver.findElement(By.id("year"));
		yearField.clear();
		yearField.sendKeys(String.valueOf(year));
		driver.findElement(By.cssSelector("#issue button[type=submit]")).click();
		String page = waitForText("已签发");
		assertThat(page).contains("仙创责〔" + year + "〕").contains("已签发，待签字");
		((org.openqa.selenium.JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
		screenshots("letters");

		WebElement link = driver.findElement(By.cssSelector("article.letter a[href$='letter.pdf']"));
		String href = link.getAttribute("href");
		Cookie session = driver.manage().getCookieNamed("CWSESSION");
		HttpResponse<byte[]> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
			.send(HttpRequest.newBuilder(URI.create(href)).header("Cookie", "CWSESSION=" + session.getValue())
				.timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
		String font = OfficialPdf.DEFAULT_FONT.substring(0, OfficialPdf.DEFAULT_FONT.lastIndexOf(','));
		if (Files.isReadable(Path.of(font))) {
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
			assertThat(new String(response.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		}
		else {
			// Without the font: a clear page saying what to install, not a 500.
			assertThat(response.statusCode()).isEqualTo(503);
		}

		// The electronic archive page: what the download will hold, and the button.
		open("/archive");
		waitForText("创城电子档案");
		assertThat(driver.findElements(By.id("archive-summary"))).isNotEmpty();
		screenshots("archive");
	}

}
