package cn.chuangwen.organization;

import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.support.BrowserTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The office attaches a city leader to a community on the unit's record page in a real browser
 * (Debian's headless Chromium), then detaches; the leader opens the battle map filter. Skipped
 * without Chromium unless on CI. Screenshots go to target/screenshots/.
 */
class LeaderAttachmentBrowserTest extends BrowserTest {

	@Autowired
	Units units;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	cn.chuangwen.organization.testing.OrgFixtures orgFixtures;

	@Test
	void theOfficeAttachesAndDetachesALeaderOnTheRecordPage() {
		CurrentUser office = logins.principal("xiantao.office");
		long town = jdbc.sql("select unit_id from app_user where username = 'xiantao.liaison'").query(Long.class).single();
		UnitView community = units.create(office, new UnitDraft("LBR" + new Random().nextInt(1_000_000),
				"浏览器挂点社区" + new Random().nextInt(100000), UnitKind.COMMUNITY, town, "社区", false, null, null, null));
		String leaderName = logins.principal("xiantao.leader").displayName();

		login("xiantao.office");
		open("/units/" + community.id() + "?tab=people");
		assertThat(main()).contains("本单位暂无挂点领导");
		// submitting without a choice: the error summary, focused, linking to the select
		driver.findElement(By.cssSelector("form[action$='/leaders'] button[type=submit]")).click();
		assertThat(driver.findElement(By.cssSelector(".error-summary")).getText()).contains("请选择市领导");
		assertThat(driver.findElement(By.cssSelector(".error-summary a")).getAttribute("href")).endsWith("#leaderUserId");
		screenshots("leader-attach-error");

		new Select(driver.findElement(By.id("leaderUserId"))).selectByVisibleText(leaderName);
		driver.findElement(By.cssSelector("form[action$='/leaders'] button[type=submit]")).click();
		assertThat(waitForText("已增加挂点领导")).contains(leaderName);
		assertThat(driver.findElements(By.cssSelector("table.leaders tbody tr"))).hasSize(1);
		screenshots("leader-attached");

		driver.findElement(By.cssSelector("table.leaders input[name=reason]")).sendKeys("测试取消");
		driver.findElement(By.cssSelector("table.leaders button[type=submit]")).click();
		assertThat(waitForText("已取消挂点")).contains("本单位暂无挂点领导");
	}

	@Test
	void theOfficeNamesTheUnitsTopLeaderAccount() {
		CurrentUser office = logins.principal("xiantao.office");
		long town = jdbc.sql("select unit_id from app_user where username = 'xiantao.liaison'").query(Long.class).single();
		UnitView community = units.create(office, new UnitDraft("TLB" + new Random().nextInt(1_000_000),
				"浏览器一把手社区" + new Random().nextInt(100000), UnitKind.COMMUNITY, town, "社区", false, "张书记", null, null));
		var head = orgFixtures.account("head", "xiantao", community.id(), java.util.Set.of(Role.UNIT_LIAISON));

		login("xiantao.office");
		open("/units/" + community.id() + "?tab=people");
		assertThat(driver.findElement(By.cssSelector("dd.top-leader")).getText()).isEqualTo("—");
		new Select(driver.findElement(By.id("topLeaderUserId"))).selectByValue(String.valueOf(head.id()));
		driver.findElement(By.id("topLeaderReason")).sendKeys("任命");
		driver.findElement(By.cssSelector("form[action$='/top-leader'] button[type=submit]")).click();
		waitForText("一把手账号已保存");
		assertThat(driver.findElement(By.cssSelector("dd.top-leader")).getText()).contains(head.username());
		screenshots("unit-top-leader");
	}

	@Test
	void aLeaderChoosesTheirOwnUnitsOnTheBattleMap() {
		login("xiantao.leader");
		open("/battle-map?leader=me");
		assertThat(new Select(driver.findElement(By.id("leader"))).getFirstSelectedOption().getText())
			.isEqualTo("只看我挂点的单位");
		screenshots("battle-map-leader-me");
		new Select(driver.findElement(By.id("leader"))).selectByValue("all");
		driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
		new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> d.getCurrentUrl().contains("leader=all"));
		assertThat(driver.findElements(By.cssSelector("table.battle tbody tr"))).isNotEmpty();
	}

}
