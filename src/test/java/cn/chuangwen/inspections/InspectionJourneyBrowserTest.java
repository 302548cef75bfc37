package cn.chuangwen.inspections;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.support.BrowserTest;
import cn.chuangwen.support.ExifJpeg;
import cn.chuangwen.support.TestClock;

/**
 * Issue 9 §3 and §8, the inspector's part, on a phone (390×844): today's points nearest first; one
 * point inspected online with a deduction and a photo; a second point inspected with the browser
 * OFFLINE from the middle of the form on (the draft survives a reload, the result waits in the
 * outbox, "待上传 1"), sent when the connection returns; the database then holds exactly one
 * inspection for each point, with the photos.
 */
class InspectionJourneyBrowserTest extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestClock clock;

	private WebDriverWait waiting(int seconds) {
		return new WebDriverWait(driver, Duration.ofSeconds(seconds));
	}

	private void cdp(String command, Map<String, Object> parameters) {
		((ChromeDriver) driver).executeCdpCommand(command, parameters);
	}

	private void network(boolean online) {
		cdp("Network.enable", Map.of());
		cdp("Network.emulateNetworkConditions",
				Map.of("offline", !online, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
	}

	private Object js(String script, Object... args) {
		return ((JavascriptExecutor) driver).executeScript(script, args);
	}

	private void choose(long item, String outcome) {
		tap(By.cssSelector("#item-" + item + " .outcome-" + outcome + " span"));
	}

	/** Clicks after scrolling the element to the middle: the form's bar stays at the bottom of the screen. */
	private void tap(By by) {
		js("arguments[0].scrollIntoView({block: 'center'})", driver.findElement(by));
		click(by);
	}

	private String scoreShown() {
		return driver.findElement(By.id("field-score-value")).getText();
	}

	/** The provisional score PointScore gives for the answers: the page must show the same. */
	private String expected(List<Long> items, Map<Long, Integer> deducted, List<Long> notApplicable) {
		List<PointScore.Check> checks = new ArrayList<>();
		for (long item : items) {
			var rule = jdbc.sql("select per_occurrence, max_deduction from checklist_item where id = :id")
				.param("id", item)
				.query((rs, n) -> new BigDecimal[] { rs.getBigDecimal(1), rs.getBigDecimal(2) })
				.single();
			checks.add(new PointScore.Check(rule[0], rule[1], deducted.getOrDefault(item, 0),
					!notApplicable.contains(item)));
		}
		return PointScore.score(checks).score().toPlainString();
	}

	@Test
	void theInspectorInspectsOnePointOnlineAndAnotherOfflineAndEachIsStoredOnce() throws Exception {
		// the browser's own time is what it sends: the server's clock must agree with it
		clock.set(Instant.now());
		FieldPlanFixture plans = new FieldPlanFixture(jdbc);
		LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai")));
		List<Long> points = plans.freshPoints("xiantao", 3);
		String name = "暗访 " + UUID.randomUUID().toString().substring(0, 6);
		long plan = plans.plan("xiantao", PlanKind.UNANNOUNCED, name, today, today.plusDays(2), PlanState.OPEN, points,
				List.of("xiantao.inspector"));
		long online = points.get(0);
		long offline = points.get(1);
		// the phone stands at the second point: it comes first in the list
		var place = jdbc.sql("select lat, lng from field_point where id = :id").param("id", offline)
			.query((rs, n) -> new double[] { rs.getDouble(1), rs.getDouble(2) })
			.single();
		cdp("Browser.grantPermissions", Map.of("permissions", List.of("geolocation"), "origin", url("")));
		cdp("Emulation.setGeolocationOverride", Map.of("latitude", place[0], "longitude", place[1], "accuracy", 15));
		Path photo = Files.createDirectories(Path.of("target", "browser-uploads")).resolve("finding-" + plan + ".jpg");
		Files.write(photo, ExifJpeg.photo(640, 480).description(UUID.randomUUID().toString()).bytes());

		driver.manage().window().setSize(PHONE);
		login("xiantao.inspector");
		open("/inspections/field");
		waitForText(name);
		// the service worker takes over the page, so the pages work without a connection later
		waiting(20).until(d -> Boolean.TRUE.equals(js("return !!(navigator.serviceWorker && navigator.serviceWorker.controller)")));
		waitForText("按距离由近到远排列");
		List<WebElement> rows = driver.findElements(By.cssSelector(".field-point"));
		assertThat(rows.get(0).getDomAttribute("data-point")).isEqualTo(String.valueOf(offline));
		assertThat(rows.get(0).getText()).contains("暗访", "未检查", "米");
		screenshot("inspection-field-today-phone", PHONE);
		screenshot("inspection-field-today-desktop", DESKTOP);
		driver.manage().window().setSize(PHONE);

		// 1. online: one deduction with a photo, the rest pass
		click(By.cssSelector(".field-point[data-point='" + online + "'] a"));
		waiting(10).until(d -> d.findElement(By.id("field-form")).getDomAttribute("data-client-id") != null);
		List<Long> items = plans.items(online);
		long finding = items.get(0);
		choose(finding, "deduct");
		tap(By.cssSelector("#item-" + finding + " .step[data-step='1']"));
		driver.findElement(By.id("note-" + finding)).sendKeys("路面有垃圾两处");
		driver.findElement(By.id("photos-" + finding)).sendKeys(photo.toAbsolutePath().toString());
		waiting(10).until(d -> !d.findElements(By.cssSelector("#item-" + finding + " .field-thumbs img")).isEmpty());
		for (long item : items.subList(1, items.size())) {
			choose(item, "ok");
		}
		String score = expected(items, Map.of(finding, 2), List.of());
		waiting(5).until(d -> scoreShown().equals(score));
		assertThat(main()).contains("暂计");
		js("document.getElementById('item-' + arguments[0]).scrollIntoView()", finding);
		screenshot("inspection-field-form-online-phone", PHONE);
		click(By.id("field-submit"));
		waiting(20).until(d -> d.getCurrentUrl().endsWith("/inspections/field"));
		waiting(20).until(d -> plans.photos(plan, online) == 1);
		assertThat(plans.inspections(plan, online)).isEqualTo(1);
		waitForText("已检查");
		assertThat(driver.findElement(By.cssSelector(".field-point[data-point='" + online + "'] .field-state")).getText())
			.isEqualTo("已检查");
		var stored = jdbc.sql("select score, lat, checked_at from inspection where plan_id = :p and field_point_id = :f")
			.param("p", plan).param("f", online)
			.query((rs, n) -> new Object[] { rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getTimestamp(3).toInstant() })
			.single();
		assertThat(((BigDecimal) stored[0]).toPlainString()).isEqualTo(score);
		assertThat(((BigDecimal) stored[1]).doubleValue()).isCloseTo(place[0], org.assertj.core.data.Offset.offset(1e-5));
		assertThat((Instant) stored[2]).isBetween(Instant.now().minusSeconds(120), Instant.now());

		// 2. offline from the middle of the form on
		click(By.cssSelector(".field-point[data-point='" + offline + "'] a"));
		waiting(10).until(d -> d.findElement(By.id("field-form")).getDomAttribute("data-client-id") != null);
		String clientId = driver.findElement(By.id("field-form")).getDomAttribute("data-client-id");
		List<Long> second = plans.items(offline);
		long deducted = second.get(0);
		long na = second.size() > 2 ? second.get(second.size() - 1) : -1;
		choose(deducted, "deduct");
		network(false);
		waiting(10).until(d -> driver.findElement(By.id("field-offline")).isDisplayed());
		driver.findElement(By.id("note-" + deducted)).sendKeys("离线记录");
		driver.findElement(By.id("photos-" + deducted)).sendKeys(photo.toAbsolutePath().toString());
		waiting(10).until(d -> !d.findElements(By.cssSelector("#item-" + deducted + " .field-thumbs img")).isEmpty());
		for (long item : second.subList(1, second.size())) {
			choose(item, item == na ? "na" : "ok");
		}
		// the draft is on the phone: a reload without a connection loses nothing
		driver.navigate().refresh();
		waiting(15).until(d -> d.findElement(By.id("field-form")).getDomAttribute("data-client-id") != null);
		assertThat(driver.findElement(By.id("field-form")).getDomAttribute("data-client-id")).isEqualTo(clientId);
		assertThat(driver.findElement(By.cssSelector("#item-" + deducted + " input[value=DEDUCT]")).isSelected()).isTrue();
		assertThat(driver.findElement(By.id("note-" + deducted)).getDomProperty("value")).isEqualTo("离线记录");
		assertThat(driver.findElements(By.cssSelector("#item-" + deducted + " .field-thumbs img"))).hasSize(1);
		String offlineScore = expected(second, Map.of(deducted, 1), List.of(na));
		waiting(5).until(d -> scoreShown().equals(offlineScore));
		screenshot("inspection-field-form-offline-phone", PHONE);
		click(By.id("field-submit"));
		waiting(10).until(d -> driver.findElement(By.id("field-waiting")).isDisplayed());
		waiting(10).until(d -> driver.findElement(By.id("field-outbox")).isDisplayed());
		assertThat(driver.findElement(By.id("field-outbox")).getText()).isEqualTo("待上传 1");
		assertThat(main()).contains("检查结果已保存在本机，联网后自动上传。", "离线");
		screenshot("inspection-field-waiting-offline-phone", PHONE);
		assertThat(plans.inspections(plan, offline)).as("nothing reached the server while offline").isZero();
		// signing out would clear the phone's storage: the inspector is asked first, and may stay
		tap(By.cssSelector("form.logout button"));
		var confirm = waiting(5).until(org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent());
		assertThat(confirm.getText()).contains("还有 1 条检查结果没有上传");
		confirm.dismiss();
		assertThat(driver.getCurrentUrl()).contains("/inspections/field/plans/");

		// 3. the connection returns: the outbox goes out by itself, once
		network(true);
		waiting(30).until(d -> plans.photos(plan, offline) == 1);
		waiting(10).until(d -> !driver.findElement(By.id("field-outbox")).isDisplayed());
		assertThat(plans.inspections(plan, offline)).isEqualTo(1);
		assertThat(jdbc.sql("select client_id from inspection where plan_id = :p and field_point_id = :f")
			.param("p", plan).param("f", offline).query(String.class).single()).isEqualTo(clientId);
		assertThat(plans.inspections(plan, online)).isEqualTo(1);
		assertThat(plans.photos(plan, online)).isEqualTo(1);
		screenshot("inspection-field-synced-phone", PHONE);

		open("/inspections/field");
		waitForText(name);
		assertThat(driver.findElement(By.cssSelector(".field-point[data-point='" + offline + "'] .field-state")).getText())
			.isEqualTo("已检查");
		assertThat(main()).doesNotContain("待上传");
		screenshot("inspection-field-today-done-phone", PHONE);

		// 4. an answer lost on the way back: the phone still holds the entry and sends it again with the
		// same client id; the server answers with the stored inspection and the phone lets it go
		((JavascriptExecutor) driver).executeAsyncScript("var clientId = arguments[0], plan = arguments[1],"
				+ " point = arguments[2], done = arguments[3];"
				+ "indexedDB.open('chuangwen-field-xiantao.inspector').onsuccess = function (e) {"
				+ "  var tx = e.target.result.transaction('outbox', 'readwrite');"
				+ "  tx.objectStore('outbox').put({ clientId: clientId, planId: plan, pointId: point, state: 'waiting',"
				+ "    photos: [], submission: { clientId: clientId, planId: plan, fieldPointId: point,"
				+ "    checkedAt: new Date().toISOString(), results: [] } });"
				+ "  tx.oncomplete = function () { done(); };"
				+ "};", clientId, plan, offline);
		driver.navigate().refresh();
		waitForText(name);
		waiting(20).until(d -> Boolean.TRUE.equals(js("return document.getElementById('field-outbox').hidden")));
		waiting(20).until(d -> main().contains("已上传 1 条检查结果。"));
		assertThat(plans.inspections(plan, offline)).isEqualTo(1);
	}

}
