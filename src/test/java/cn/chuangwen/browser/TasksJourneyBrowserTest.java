package cn.chuangwen.browser;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.support.BrowserTest;
import cn.chuangwen.tasks.Assignments;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3's journey: the office imports the sample indicators, assigns a leaf to a town with a
 * milestone; the town reports with a photo; the office returns it; the town resubmits; the office
 * approves to 100 %; the battle map shows the cell signed off.
 */
class TasksJourneyBrowserTest extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Assignments assignments;

	@Test
	void assignReportReturnResubmitApproveSignOff() throws IOException {
		login("xiantao.office");
		String systemName = "浏览器旅程测评体系 " + System.nanoTime();
		open("/indicators/import");
		driver.findElement(By.id("name")).sendKeys(systemName);
		driver.findElement(By.id("file")).sendKeys(Path.of("src/main/resources/demo/indicators-sample.csv").toAbsolutePath().toString());
		driver.findElement(By.cssSelector("main form button[type=submit]")).click();
		waitForText(systemName);
		long systemId = jdbc.sql("select id from indicator_system where name = :n").param("n", systemName).query(Long.class).single();

		// Assign I-5-1 (city appearance) to the liaison's town with one milestone.
		open("/assignments/new?systemId=" + systemId);
		new Select(driver.findElement(By.id("indicatorId"))).selectByVisibleText("I-5-1 市容环境卫生");
		pickUnit("leadUnitId", "沙嘴", "沙嘴街道办事处");
		driver.findElement(By.id("responsibleName")).clear();
		driver.findElement(By.id("responsibleName")).sendKeys("石晓琳");
		LocalDate today = assignments.today();
		type("startDate", today.toString());
		type("deadline", today.plusDays(40).toString());
		type("milestones[0]", today.plusDays(20).toString());
		driver.findElement(By.id("milestone-percent-0")).sendKeys("50");
		screenshots("assignment-form");
		driver.findElement(By.cssSelector("main form button[type=submit]")).click();
		waitForText("指标已分配");
		assertThat(heading()).contains("I-5-1");
		String assignmentUrl = driver.getCurrentUrl();

		// The town liaison reports with a photo.
		logout();
		login("xiantao.liaison");
		driver.get(assignmentUrl);
		driver.findElement(By.id("text")).sendKeys("背街小巷暴露垃圾全部清理，乱张贴清除");
		driver.findElement(By.id("percent")).sendKeys("100");
		driver.findElement(By.id("files")).sendKeys(photo(1).toString());
		driver.findElement(By.cssSelector("#report button[type=submit]")).click();
		// the liaison's report history is folded below the form: the notice says it waits for review
		waitForText("等待文明办审核");
		screenshots("assignment-reported");

		// The office returns it with a reason.
		logout();
		login("xiantao.office");
		driver.get(assignmentUrl);
		WebElement review = driver.findElement(By.cssSelector("form.review"));
		review.findElement(By.name("reason")).sendKeys("请补充背街小巷整治后照片");
		review.findElement(By.cssSelector("button[value=RETURN]")).click();
		waitForText("已退回");

		// The town sees it first on its home page and resubmits.
		logout();
		login("xiantao.liaison");
		assertThat(driver.findElement(By.id("my-work")).getText()).contains("请补充背街小巷整治后照片");
		screenshots("home-liaison-returned");
		driver.findElement(By.linkText("请补充背街小巷整治后照片")).click();
		driver.findElement(By.id("text")).sendKeys("补充了整治后照片");
		driver.findElement(By.id("percent")).sendKeys("100");
		driver.findElement(By.id("files")).sendKeys(photo(2).toString());
		driver.findElement(By.cssSelector("#report button[type=submit]")).click();

		// The office approves to 100 %: signed off, and the battle map shows it.
		logout();
		login("xiantao.office");
		driver.get(assignmentUrl);
		driver.findElement(By.cssSelector("form.review button[value=APPROVE]")).click();
		waitForText("已审核通过");
		assertThat(heading()).contains("已销号");
		screenshots("assignment-signed-off");

		open("/battle-map?systemId=" + systemId);
		WebElement row = driver.findElement(By.xpath("//table[contains(@class,'battle')]//tr[td/a[text()='沙嘴街道办事处']]"));
		assertThat(row.findElement(By.cssSelector("td.cell-green")).getText()).contains("1");
		screenshots("battle-map");
	}

	/**
	 * The assignment list filters in place (htmx): choosing a state swaps only the results and
	 * pushes the filter into the address; the window is never reloaded.
	 */
	@Test
	void theAssignmentListFiltersInPlace() {
		login("xiantao.office");
		open("/assignments");
		String before = driver.findElement(By.cssSelector("#assignment-results .pager")).getText();
		JavascriptExecutor js = (JavascriptExecutor) driver;
		js.executeScript("window.listPageMarker = 'same page'");

		new Select(driver.findElement(By.id("state"))).selectByValue("SIGNED_OFF");
		new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
			.until(d -> d.getCurrentUrl().contains("state=SIGNED_OFF")
					&& !d.findElement(By.cssSelector("#assignment-results .pager")).getText().equals(before));
		List<WebElement> badges = driver.findElements(By.cssSelector("#assignment-results tbody .badge"));
		assertThat(badges).isNotEmpty().allSatisfy(b -> assertThat(b.getText()).isEqualTo("已销号"));
		assertThat(js.executeScript("return window.listPageMarker")).isEqualTo("same page");
		screenshots("assignments-filtered");

		// The pushed address is a real page: reloading it shows the same filtered rows.
		driver.navigate().refresh();
		assertThat(new Select(driver.findElement(By.id("state"))).getFirstSelectedOption().getAttribute("value"))
			.isEqualTo("SIGNED_OFF");
		assertThat(driver.findElements(By.cssSelector("#assignment-results tbody .badge")))
			.allSatisfy(b -> assertThat(b.getText()).isEqualTo("已销号"));
	}

	void type(String id, String value) {
		WebElement input = driver.findElement(By.id(id));
		// Date inputs take the value through script: typing depends on the browser's locale format.
		((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]", input, value);
	}

	static Path photo(int seed) throws IOException {
		BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
		for (int x = 0; x < 320; x++) {
			for (int y = 0; y < 240; y++) {
				image.setRGB(x, y, (x * seed * 7 + y * 3) & 0xffffff);
			}
		}
		Path file = Files.createTempFile("photo", ".png");
		ImageIO.write(image, "png", file.toFile());
		return file.toAbsolutePath();
	}

}
