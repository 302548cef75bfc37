package cn.chuangwen.organization;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.problems.ProblemDraft;
import cn.chuangwen.problems.ProblemSeverity;
import cn.chuangwen.problems.ProblemSource;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.support.BrowserTest;

/**
 * Issue 12 §1: the Qianjiang office sets a community's care team of three departments; on a phone
 * the propaganda department's liaison (on the team) opens the community's problem read only and
 * records the help it gave; the city leader opens the area dashboard from the home page.
 */
class CareTeamsBrowserTest extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Problems problems;

	@Test
	void theOfficeSetsATeamTheTeamReadsAndHelpsAndTheLeaderOpensTheArea() {
		long community = jdbc.sql("select id from unit where code = 'QJ-T03-C01'").query(Long.class).single();
		String name = jdbc.sql("select name from unit where id = :id").param("id", community).query(String.class).single();
		problems.create(logins.principal("qianjiang.office"), new ProblemDraft(ProblemSource.OFFICE, "环境卫生",
				"新城社区三号楼楼道堆放杂物", "三号楼一单元", ProblemSeverity.GENERAL, community, null, null, null, null, null), true);

		login("qianjiang.office");
		open("/units/" + community);
		assertThat(main()).contains("包保部门", "还没有设置包保部门");
		click(By.linkText("查看包保和帮扶记录"));
		for (String dept : new String[] { "市委宣传部", "市教育局", "市民政局" }) {
			click(By.xpath("//fieldset[@id='departmentIds']//label[span[text()='" + dept + "']]/input"));
		}
		new Select(driver.findElement(By.id("leadDepartmentId"))).selectByVisibleText("市委宣传部");
		screenshots("care-1-set-team");
		click(By.cssSelector("#team-form button[type=submit]"));
		assertThat(waitForText("包保部门已保存")).contains("市委宣传部", "牵头", "市教育局", "市民政局");
		open("/units/" + community);
		assertThat(main()).contains("市委宣传部", "市教育局");
		logout();

		// on a phone, the propaganda department's liaison reads the community's problem and records help
		driver.manage().window().setSize(PHONE);
		login("qianjiang.dept");
		open("/care-teams");
		click(By.linkText(name));
		waitForText("帮扶记录");
		assertThat(main()).contains("本单位是该社区的包保部门");
		click(By.linkText("社区的问题"));
		click(By.partialLinkText("新城社区三号楼楼道堆放杂物"));
		waitForText("三号楼一单元");
		assertThat(driver.findElements(By.id("sign"))).isEmpty();
		screenshot("care-2-problem-read-only-phone", PHONE);
		open("/care-teams/" + community);
		driver.findElement(By.id("text")).sendKeys("组织 8 名干部帮助清理三号楼楼道杂物，张贴文明公约。");
		click(By.cssSelector("#help-form button[type=submit]"));
		assertThat(waitForText("帮扶记录已报送")).contains("组织 8 名干部帮助清理三号楼楼道杂物");
		Object overflow = ((JavascriptExecutor) driver)
			.executeScript("return document.documentElement.scrollWidth > window.innerWidth");
		assertThat(overflow).isEqualTo(Boolean.FALSE);
		screenshot("care-3-help-phone", PHONE);
		driver.manage().window().setSize(DESKTOP);
		screenshot("care-3-help-desktop", DESKTOP);
		logout();

		// the city leader's area, from the home page
		driver.manage().window().setSize(PHONE);
		login("qianjiang.leader");
		open("/");
		click(By.id("leader-area-link"));
		assertThat(heading()).isEqualTo("我的挂点片区");
		assertThat(driver.findElements(By.cssSelector("#area-units tbody tr"))).isNotEmpty();
		Object areaOverflow = ((JavascriptExecutor) driver)
			.executeScript("return document.documentElement.scrollWidth > window.innerWidth");
		assertThat(areaOverflow).isEqualTo(Boolean.FALSE);
		screenshot("care-4-leader-area-phone", PHONE);
		screenshot("care-4-leader-area-desktop", DESKTOP);
		open("/command");
		screenshots("care-5-command");
	}

}
