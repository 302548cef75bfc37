package cn.chuangwen.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import cn.chuangwen.support.BrowserTest;

/** The office imports the sample indicator system through the page and reads it as a tree. */
class IndicatorsBrowserTest extends BrowserTest {

	@Test
	void theOfficeImportsTheSampleAndSeesTheTree() throws IOException {
		login("xiantao.office");
		// Chinese whatever the browser's own language: the choice is remembered in a cookie.
		open("/indicators?lang=zh_CN");
		assertThat(heading()).isEqualTo("测评体系");
		driver.findElement(By.linkText("导入指标体系")).click();
		assertThat(heading()).isEqualTo("导入指标体系");

		String name = "浏览器导入 " + UUID.randomUUID().toString().substring(0, 8);
		driver.findElement(By.id("name")).sendKeys(name);
		driver.findElement(By.id("file")).sendKeys(sample().toAbsolutePath().toString());
		driver.findElement(By.cssSelector("main form button[type=submit]")).click();
		new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().matches(".*/indicators/\\d+$"));

		assertThat(heading()).contains(name).contains("未启用");
		assertThat(driver.findElement(By.id("indicator-notice")).getText()).contains("27");
		assertThat(driver.findElement(By.id("indicator-summary")).getText()).startsWith("27 个末级指标，共 36 项");
		WebElement tree = driver.findElement(By.id("indicator-tree"));
		// Top-level nodes are open, deeper ones folded until asked.
		assertThat(tree.getText()).contains("基本指标").contains("廉洁高效的政务环境").doesNotContain("城市绿化");
		WebElement ecology = driver.findElement(By.xpath("//summary[contains(., '可持续发展的生态环境')]"));
		ecology.click();
		assertThat(tree.getText()).contains("城市绿化").contains("1,200,000 平方米").contains("材料审核");
		((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
		screenshots("indicators-tree");

		driver.findElement(By.linkText("全部展开")).click();
		assertThat(driver.findElement(By.id("indicator-tree")).getText()).contains("城市整体形象").contains("政务公开");
	}

	static Path sample() throws IOException {
		Path file = Files.createTempFile("indicators-sample", ".csv");
		try (InputStream in = IndicatorsBrowserTest.class.getResourceAsStream("/demo/indicators-sample.csv")) {
			Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		return file;
	}

}
