package cn.chuangwen.projects;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.support.BrowserTest;

/**
 * Issue 12 §2: the Xiantao office opens the key projects (status colours, overdue linked work,
 * spent against budget), one project (progress from its linked work, spending, history), and enters
 * a spending entry with its invoice scan; an entry past the budget is refused with the figures.
 * At desk size and on a phone (390×844).
 */
class ProjectsBrowserTest extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	void theOfficeOpensTheListAProjectAndEntersSpending() throws Exception {
		long id = jdbc.sql("select id from key_project where name = '交通秩序整治'").query(Long.class).single();
		long before = entries(id);
		login("xiantao.office");
		open("/projects");
		assertThat(heading()).isEqualTo("重点项目");
		String list = main();
		assertThat(list).contains("背街小巷改造", "农贸市场提档升级", "诚信建设", "推进中", "接近预算", "导出 Excel");
		screenshots("projects-1-list");

		click(By.linkText("交通秩序整治"));
		String page = waitForText("按关联工作计算完成");
		assertThat(heading()).contains("交通秩序整治");
		assertThat(page).contains("市公安局", "关联任务", "关联问题", "经费", "已支出 420,000.00 元 / 预算 1,500,000.00 元");
		screenshots("projects-2-project");
		// its task force (专班) from the command structure, with duties and members
		assertThat(driver.findElement(By.id("task-force")).getText()).contains("交通秩序整治专班", "组长");
		for (var size : java.util.List.of(DESKTOP, PHONE)) {
			driver.manage().window().setSize(size);
			((org.openqa.selenium.JavascriptExecutor) driver)
				.executeScript("document.getElementById('task-force').scrollIntoView()");
			screenshot("projects-2b-task-force-" + (size == PHONE ? "phone" : "desktop"), size);
		}
		driver.manage().window().setSize(DESKTOP);

		// an entry past the budget: refused with the figures, nothing stored, what was typed kept
		Path invoice = Files.createTempFile("invoice", ".png");
		Files.write(invoice, png());
		driver.findElement(By.id("amount")).sendKeys("2000000");
		driver.findElement(By.id("note")).sendKeys("信号灯改造工程款");
		driver.findElement(By.id("files")).sendKeys(invoice.toString());
		click(By.id("spending-submit"));
		String refused = waitForText("超出预算");
		assertThat(refused).contains("预算 1500000.00 元", "已支出 420000.00 元", "本次 2000000.00 元");
		assertThat(driver.findElement(By.id("amount")).getAttribute("value")).isEqualTo("2000000");
		assertThat(entries(id)).isEqualTo(before);
		screenshots("projects-3-over-budget");

		driver.findElement(By.id("amount")).clear();
		driver.findElement(By.id("amount")).sendKeys("180000");
		driver.findElement(By.id("files")).sendKeys(invoice.toString());
		click(By.id("spending-submit"));
		String done = waitForText("支出已登记");
		assertThat(done).contains("已支出 600,000.00 元 / 预算 1,500,000.00 元（40%）", "信号灯改造工程款");
		assertThat(entries(id)).isEqualTo(before + 1);
		screenshots("projects-4-spending");
		// the history shows the entry
		click(By.cssSelector("#history summary"));
		assertThat(driver.findElement(By.id("history")).getText()).contains("登记重点项目经费支出");
		screenshots("projects-5-history");

		driver.manage().window().setSize(PHONE);
		open("/projects");
		Object overflow = ((JavascriptExecutor) driver)
			.executeScript("return document.documentElement.scrollWidth > window.innerWidth");
		assertThat(overflow).isEqualTo(Boolean.FALSE);
		open("/projects/new");
		assertThat(heading()).isEqualTo("新建重点项目");
		screenshots("projects-6-form");
	}

	private long entries(long id) {
		return jdbc.sql("select count(*) from fund_spending s join fund_allocation a on a.id = s.allocation_id where a.project_id = :p").param("p", id)
			.query(Long.class)
			.single();
	}

	static byte[] png() throws Exception {
		return ProjectsIntegrationTest.png();
	}

}
