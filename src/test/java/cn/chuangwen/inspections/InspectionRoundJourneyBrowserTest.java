package cn.chuangwen.inspections;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import cn.chuangwen.documents.DocumentFixtures;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.shared.PeriodCode;
import cn.chuangwen.support.BrowserTest;
import cn.chuangwen.support.ExifJpeg;
import cn.chuangwen.support.TestClock;

/**
 * Issue 9 §8, the whole round in one journey, in Qianjiang (every two months in the demo): the office
 * draws an unannounced round at random for qianjiang.inspector; the liaison sees nothing of it; the
 * inspector on a phone inspects two of its points, the first online with a deduction and a photo, the
 * second with the browser offline from the middle of the form on, sent from the outbox when the
 * connection returns; the office closes the round (the finding becomes a problem of the point's
 * responsible unit), is told which other round of the period is still open, closes it and publishes;
 * a citizen without an account reads the composite and ranks and downloads the bulletin.
 */
class InspectionRoundJourneyBrowserTest extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestClock clock;

	@Autowired
	Units units;

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

	/** The phone stands at the point: the form records where it was inspected. */
	private void standAt(long point) {
		var place = jdbc.sql("select lat, lng from field_point where id = :id").param("id", point)
			.query((rs, n) -> new double[] { rs.getDouble(1), rs.getDouble(2) })
			.single();
		cdp("Emulation.setGeolocationOverride", Map.of("latitude", place[0], "longitude", place[1], "accuracy", 15));
	}

	private Object js(String script, Object... args) {
		return ((JavascriptExecutor) driver).executeScript(script, args);
	}

	/** Clicks after scrolling the element to the middle: the form's bar stays at the bottom of the screen. */
	private void tap(By by) {
		js("arguments[0].scrollIntoView({block: 'center'})", driver.findElement(by));
		click(by);
	}

	private void choose(long item, String outcome) {
		tap(By.cssSelector("#item-" + item + " .outcome-" + outcome + " span"));
	}

	private void openPoint(long plan, long point) {
		standAt(point);
		tap(By.cssSelector(".field-point[data-plan='" + plan + "'][data-point='" + point + "'] a"));
		waiting(10).until(d -> d.findElement(By.id("field-form")).getDomAttribute("data-client-id") != null);
	}

	/** The HTTP status of a page fetched with the browser's session (the browser does not tell it). */
	private int statusWithSession(String path) throws Exception {
		Cookie session = driver.manage().getCookieNamed("CWSESSION");
		assertThat(session).as("the browser's session cookie").isNotNull();
		HttpResponse<Void> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url(path)))
				.header("Cookie", session.getName() + "=" + session.getValue())
				.header("Accept", "text/html")
				.GET()
				.build(), HttpResponse.BodyHandlers.discarding());
		return response.statusCode();
	}

	private void closeRound(String planPath, String name) {
		open(planPath);
		waitForText(name);
		tap(By.id("close-plan"));
		Alert confirm = waiting(5).until(ExpectedConditions.alertIsPresent());
		assertThat(confirm.getText()).contains(name);
		confirm.accept();
		waitForText("这一轮检查已结束");
		assertThat(driver.findElements(By.id("close-plan"))).isEmpty();
	}

	/** A round of the period written straight into the tables: the rest of the period's work. */
	private long round(long cityId, PlanKind kind, String name, PeriodCode period, boolean closed) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into inspection_plan (city_id, kind, name, period, start_date, end_date, state, created_at, created_by, version)
				values (:c, :k, :n, :p, :s, :e, :state, :at, 'test', 0)""")
			.param("c", cityId)
			.param("k", kind.name())
			.param("n", name)
			.param("p", period.text())
			.param("s", period.start())
			.param("e", period.lastDay())
			.param("state", closed ? "CLOSED" : "OPEN")
			.param("at", OffsetDateTime.now(ZoneOffset.UTC))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	/** A unit's row of the public results: rank, name, composite, scores, band. */
	private String publicRow(String unitName) {
		return driver.findElement(By.xpath("//tr[td[contains(@class,'title') and text()='" + unitName + "']]")).getText();
	}

	private int count(String sql, Map<String, Object> params) {
		return jdbc.sql(sql).params(params).query(Integer.class).single();
	}

	@Test
	void anUnannouncedRoundFromTheDrawToThePublishedBulletin() throws Exception {
		// the browser's own time is what the phone sends: the server's clock must agree with it
		clock.set(Instant.now());
		FieldPlanFixture fixture = new FieldPlanFixture(jdbc);
		long city = fixture.cityId("qianjiang");
		PeriodCode period = PeriodCode.of(PeriodCode.Kind.BIMONTH, LocalDate.now(clock.withZone(InspectionPlans.ZONE)));
		assertThat(jdbc.sql("select period_kind from inspection_settings where city_id = :c").param("c", city)
			.query(String.class).single()).as("Qianjiang works every two months in the demo").isEqualTo("BIMONTH");
		String name = "暗访抽查" + OrgFixtures.unique().substring(0, 6);

		// 1. the office draws an unannounced round at random for the inspector
		login("qianjiang.office");
		open("/inspections/plans/new");
		waitForText("点位怎么定");
		assertThat(driver.findElement(By.id("period")).getDomProperty("value")).isEqualTo(period.text());
		assertThat(driver.findElement(By.cssSelector("input[name=kind][value=UNANNOUNCED]")).isSelected()).isTrue();
		assertThat(driver.findElement(By.id("mode")).isSelected()).as("a random sample").isTrue();
		driver.findElement(By.id("name")).sendKeys(name);
		click(By.xpath("//input[@name='pointTypes' and @value='MARKET']"));
		click(By.xpath("//input[@name='pointTypes' and @value='PUBLIC_TOILET']"));
		var size = driver.findElement(By.id("sample.size"));
		size.clear();
		size.sendKeys("4");
		click(By.xpath("//input[@name='inspectors' and @value='qianjiang.inspector']"));
		screenshot("round-1-plan-form-desktop", DESKTOP);
		tap(By.id("plan-submit"));
		String planPage = waitForText("检查计划已建立，共 4 个点位");
		assertThat(planPage).contains(name, "暗访", "随机种子", period.text());
		String seed = driver.findElement(By.id("plan-seed")).getText();
		assertThat(seed).matches("\\d+");
		String planUrl = driver.getCurrentUrl();
		long plan = Long.parseLong(planUrl.replaceAll(".*/inspections/plans/(\\d+).*", "$1"));
		assertThat(jdbc.sql("select seed from inspection_plan where id = :id").param("id", plan).query(String.class)
			.single()).isEqualTo(seed);
		screenshot("round-1-plan-desktop", DESKTOP);
		screenshot("round-1-plan-phone", PHONE);
		driver.manage().window().setSize(DESKTOP);
		logout();

		// 2. the liaison: nothing of it, not in the list, the notifications, the home page or by address
		login("qianjiang.liaison");
		waiting(10).until(d -> !d.findElements(By.tagName("h1")).isEmpty());
		assertThat(driver.getPageSource()).doesNotContain(name).doesNotContain(seed);
		screenshot("round-2-liaison-home-desktop", DESKTOP);
		open("/notifications");
		waiting(10).until(d -> !d.findElements(By.tagName("h1")).isEmpty());
		assertThat(driver.getPageSource()).doesNotContain(name).doesNotContain(seed);
		screenshot("round-2-liaison-notifications-desktop", DESKTOP);
		int listStatus = statusWithSession("/inspections/plans");
		assertThat(listStatus).isIn(200, 403);
		open("/inspections/plans");
		waiting(10).until(d -> !d.findElements(By.tagName("h1")).isEmpty());
		assertThat(driver.getPageSource()).doesNotContain(name).doesNotContain(seed);
		screenshot("round-2-liaison-plans-desktop", DESKTOP);
		assertThat(statusWithSession("/inspections/plans/" + plan)).isEqualTo(404);
		driver.get(planUrl);
		waiting(10).until(d -> !d.findElements(By.tagName("h1")).isEmpty());
		assertThat(driver.getPageSource()).doesNotContain(name).doesNotContain(seed);
		screenshot("round-2-liaison-plan-404-desktop", DESKTOP);
		logout();

		// 3. the inspector on a phone: two points of the round, the second offline
		List<Long> planPoints = jdbc.sql("select field_point_id from inspection_plan_point where plan_id = :p order by sort_order")
			.param("p", plan).query(Long.class).list();
		assertThat(planPoints).hasSize(4);
		long online = planPoints.get(0);
		long offline = planPoints.get(1);
		Path photo = Files.createDirectories(Path.of("target", "browser-uploads")).resolve("round-" + plan + ".jpg");
		Files.write(photo, ExifJpeg.photo(640, 480).description(UUID.randomUUID().toString()).bytes());
		cdp("Browser.grantPermissions", Map.of("permissions", List.of("geolocation"), "origin", url("")));
		driver.manage().window().setSize(PHONE);
		login("qianjiang.inspector");
		open("/inspections/field");
		waitForText(name);
		// the service worker takes over the page, so the form works without a connection later
		waiting(20).until(d -> Boolean.TRUE.equals(js("return !!(navigator.serviceWorker && navigator.serviceWorker.controller)")));
		assertThat(driver.findElements(By.cssSelector(".field-point[data-plan='" + plan + "']"))).hasSize(4);
		screenshot("round-3-field-today-phone", PHONE);

		openPoint(plan, online);
		List<Long> items = fixture.items(online);
		long finding = items.get(0);
		choose(finding, "deduct");
		tap(By.cssSelector("#item-" + finding + " .step[data-step='1']"));
		driver.findElement(By.id("note-" + finding)).sendKeys("摊位外占道经营");
		driver.findElement(By.id("photos-" + finding)).sendKeys(photo.toAbsolutePath().toString());
		waiting(10).until(d -> !d.findElements(By.cssSelector("#item-" + finding + " .field-thumbs img")).isEmpty());
		for (long item : items.subList(1, items.size())) {
			choose(item, "ok");
		}
		js("document.getElementById('item-' + arguments[0]).scrollIntoView()", finding);
		screenshot("round-3-field-online-phone", PHONE);
		tap(By.id("field-submit"));
		waiting(20).until(d -> d.getCurrentUrl().endsWith("/inspections/field"));
		waiting(20).until(d -> fixture.photos(plan, online) == 1);
		assertThat(fixture.inspections(plan, online)).isEqualTo(1);

		openPoint(plan, offline);
		List<Long> second = fixture.items(offline);
		choose(second.get(0), "ok");
		// the connection drops in the middle of the form
		network(false);
		waiting(10).until(d -> driver.findElement(By.id("field-offline")).isDisplayed());
		for (long item : second.subList(1, second.size())) {
			choose(item, "ok");
		}
		screenshot("round-3-field-offline-form-phone", PHONE);
		tap(By.id("field-submit"));
		waiting(10).until(d -> driver.findElement(By.id("field-outbox")).isDisplayed());
		assertThat(driver.findElement(By.id("field-outbox")).getText()).isEqualTo("待上传 1");
		assertThat(main()).contains("检查结果已保存在本机，联网后自动上传。");
		assertThat(fixture.inspections(plan, offline)).as("nothing reached the server while offline").isZero();
		screenshot("round-3-field-outbox-phone", PHONE);
		network(true);
		waiting(30).until(d -> fixture.inspections(plan, offline) == 1);
		waiting(15).until(d -> !driver.findElement(By.id("field-outbox")).isDisplayed());
		screenshot("round-3-field-sent-phone", PHONE);
		assertThat(fixture.inspections(plan, online)).isEqualTo(1);
		assertThat(fixture.inspections(plan, offline)).isEqualTo(1);
		assertThat(count("select count(*) from inspection where plan_id = :p", Map.of("p", plan))).isEqualTo(2);
		logout();

		// 4. the office closes the round: the finding becomes a problem of the point's responsible unit
		driver.manage().window().setSize(DESKTOP);
		login("qianjiang.office");
		closeRound("/inspections/plans/" + plan, name);
		screenshot("round-4-plan-closed-desktop", DESKTOP);
		long inspection = jdbc.sql("select id from inspection where plan_id = :p and field_point_id = :f")
			.param("p", plan).param("f", online).query(Long.class).single();
		long unit = jdbc.sql("select unit_id from field_point where id = :f").param("f", online).query(Long.class).single();
		waiting(20).until(d -> count("""
				select count(*) from problem where source = 'INSPECTION' and origin_type = 'inspection'
				and origin_id = :i and unit_id = :u""", Map.of("i", inspection, "u", unit)) == 1);
		var problem = jdbc.sql("select id, code from problem where origin_type = 'inspection' and origin_id = :i")
			.param("i", inspection).query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2) }).single();
		assertThat(count("select count(*) from problem where origin_type = 'inspection' and origin_id in "
				+ "(select id from inspection where plan_id = :p)", Map.of("p", plan)))
			.as("one finding, one problem").isEqualTo(1);
		String unitName = jdbc.sql("select name from unit where id = :u").param("u", unit).query(String.class).single();
		open("/problems/" + problem[0]);
		assertThat(waitForText((String) problem[1])).contains(unitName);
		screenshot("round-4-problem-desktop", DESKTOP);

		// the rest of the period's work, so the results rank units: an announced round and more
		// unannounced points for the deducted point's unit and a second unit of its ranking group; that
		// unannounced round is still open, as a second team's round would be when the office publishes
		var rules = jdbc.sql("select min_points from inspection_settings where city_id = :c").param("c", city)
			.query(Integer.class).single();
		String group = jdbc.sql("select coalesce(ranking_group, '') from unit where id = :u").param("u", unit)
			.query(String.class).single();
		group = group.isEmpty() ? null : group;
		// a unit without a ranking group is ranked among the others without one (未分组)
		String groupFilter = group == null ? "" : "&rankingGroup=" + group;
		ResultFixtures results = new ResultFixtures(jdbc, units);
		CurrentUser office = logins.principal("qianjiang.office");
		UnitView other = results.unit(office, group, "对照单位" + OrgFixtures.unique().substring(0, 4));
		long announced = round(city, PlanKind.ANNOUNCED, "明查（对照）", period, true);
		String secondTeam = "暗访第二组" + OrgFixtures.unique().substring(0, 4);
		long unannounced = round(city, PlanKind.UNANNOUNCED, secondTeam, period, false);
		String[] high = new String[rules];
		String[] low = new String[rules];
		java.util.Arrays.fill(high, "99");
		java.util.Arrays.fill(low, "10");
		results.inspect(announced, unit, high);
		results.inspect(announced, other.id(), low);
		int unitUnannounced = count("select count(*) from inspection i join inspection_plan p on p.id = i.plan_id "
				+ "where i.unit_id = :u and i.period = :per and i.kind = 'UNANNOUNCED' and p.id = :plan and i.score is not null",
				Map.of("u", unit, "per", period.text(), "plan", plan));
		if (unitUnannounced < rules) {
			results.inspect(unannounced, unit, java.util.Arrays.copyOf(high, rules - unitUnannounced));
		}
		results.inspect(unannounced, other.id(), low);

		// publishing: the open rounds of the period are named (the second team's and any the demo left
		// open), the office closes them first
		open("/inspections/results?period=" + period.text() + groupFilter);
		String resultsPage = waitForText(unitName);
		var openRounds = jdbc.sql("select id, name from inspection_plan where city_id = :c and period = :p and state = 'OPEN'")
			.param("c", city).param("p", period.text())
			.query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list();
		assertThat(resultsPage).contains("尚未发布", other.name());
		screenshots("round-4-results-before");
		assertThat(openRounds).extracting(Map.Entry::getValue).contains(secondTeam);
		assertThat(driver.findElement(By.id("open-rounds")).getText()).contains(secondTeam);
		tap(By.id("publish-results"));
		String refused = waitForText("不能发布");
		for (var openRound : openRounds) {
			assertThat(refused).contains(openRound.getValue());
		}
		screenshot("round-4-publish-refused-desktop", DESKTOP);
		for (var openRound : openRounds) {
			closeRound("/inspections/plans/" + openRound.getKey(), openRound.getValue());
		}
		open("/inspections/results?period=" + period.text() + groupFilter);
		waitForText(unitName);
		assertThat(driver.findElements(By.id("open-rounds"))).isEmpty();
		tap(By.id("publish-results"));
		String published = waitForText("已发布，通报编号");
		String bulletin = published.replaceAll("(?s).*已发布，通报编号 ?([^。\\s]+)。.*", "$1");
		assertThat(bulletin).contains("〔").contains("号");
		assertThat(jdbc.sql("select count(*) from inspection_publication where city_id = :c and period = :p")
			.param("c", city).param("p", period.text()).query(Integer.class).single()).isEqualTo(1);
		screenshots("round-4-results-published");
		logout();

		// 5. a citizen, no account, a fresh browser session
		driver.manage().deleteAllCookies();
		driver.manage().window().setSize(PHONE);
		open("/public/results/qianjiang/" + period.text());
		String pub = waitForText(unitName);
		assertThat(heading()).contains("潜江市", "实地测评结果");
		String mine = publicRow(unitName);
		// 99 announced; unannounced the mean of the journey's points and the 99s; 40/60
		var composite = jdbc.sql("select composite, ranking from inspection_publication_line where unit_id = :u "
				+ "and publication_id = (select id from inspection_publication where city_id = :c and period = :p)")
			.param("u", unit).param("c", city).param("p", period.text())
			.query((rs, n) -> new Object[] { rs.getBigDecimal(1), rs.getObject(2) }).single();
		assertThat(composite[0]).isNotNull();
		assertThat(mine).startsWith("1 ").contains(((BigDecimal) composite[0]).toPlainString());
		assertThat(composite[1]).isNotNull();
		assertThat(Integer.parseInt(composite[1].toString())).isEqualTo(1);
		assertThat(publicRow(other.name())).startsWith("2 ");
		assertThat(pub).contains("下载通报").doesNotContain("qianjiang.office", name, seed);
		if (group != null) {
			assertThat(pub).contains(group);
		}
		screenshot("round-5-public-phone", PHONE);
		screenshot("round-5-public-desktop", DESKTOP);
		String pdfLink = driver.findElement(By.id("public-bulletin")).getDomAttribute("href");
		HttpResponse<byte[]> pdf = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url(pdfLink.startsWith("/") ? pdfLink : "/" + pdfLink))).GET().build(),
					HttpResponse.BodyHandlers.ofByteArray());
		assertThat(pdf.statusCode()).isEqualTo(200);
		assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
		String text = DocumentFixtures.pdfText(pdf.body()).replaceAll("\\s+", "");
		assertThat(text).contains(bulletin, "潜江市", unitName, other.name(), ((BigDecimal) composite[0]).toPlainString());
	}

}
