package cn.chuangwen.tasks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.Units;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.ReviewFixtures;
import cn.chuangwen.support.TestClock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The review queue (待审核): the API contract, filters and paging in SQL, scope by city (the
 * province across cities, never another city's report for a city office), the page and its htmx
 * fragments, inline approve and return with and without JavaScript, and the events a decision
 * publishes for other modules.
 */
@IntegrationTest
@RecordApplicationEvents
class ReviewQueueIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	ProgressReports reports;

	@Autowired
	IndicatorSystems indicators;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestClock clock;

	@Autowired
	JsonMapper json;

	@Autowired
	ApplicationEvents events;

	@Autowired
	ReviewFixtures fixtures;

	Instant restore;

	@BeforeEach
	void setUp() {
		restore = clock.instant();
	}

	@AfterEach
	void restoreClock() {
		clock.set(restore);
	}

	/**
	 * The review queue's and the assignment list's filters come from one fragment: each select keeps
	 * its label, its "all" choice and the choice the address names, in the user's language.
	 */
	@Test
	void bothListsShowTheirFilterChoicesFromTheAddress() throws Exception {
		String reviews = mvc.perform(get("/reviews?age=7").with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(reviews).contains("<label for=\"age\">等待时间</label>")
			.contains("<select id=\"age\" name=\"age\">")
			.contains("<option value=\"7\" selected=\"selected\">超过 7 天</option>")
			.contains("<option value=\"3\">超过 3 天</option>")
			.contains("<label for=\"unitId\">");

		String list = mvc.perform(get("/assignments?state=OVERDUE").with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(list).contains("<select id=\"state\" name=\"state\">")
			.contains("<option value=\"OVERDUE\" selected=\"selected\">已逾期</option>")
			.contains("<option value=\"ON_TRACK\">");
	}

	JsonNode api(String user, String query, int status) throws Exception {
		MockHttpServletResponse r = mvc.perform(get("/api/v1/reports" + query).with(logins.as(user)))
			.andReturn()
			.getResponse();
		assertThat(r.getStatus()).as(query + " " + r.getContentAsString()).isEqualTo(status);
		return json.readTree(r.getContentAsString());
	}

	@Test
	void theApiListsWaitingReportsOldestFirstPagedWithTheContractFields() throws Exception {
		var c = fixtures.community("xiantao");
		var a1 = fixtures.assign(c);
		var a2 = fixtures.assign(c);
		long older = fixtures.submit(c, a1.id(), 40, "拆除违建两处");
		clock.advance(Duration.ofMinutes(5));
		long newer = fixtures.submit(c, a2.id(), 70, "清理垃圾");
		long decided = fixtures.submit(c, fixtures.assign(c).id(), 10, "已处理");
		reports.review(fixtures.office("xiantao"), decided, ProgressReports.Decision.APPROVE, null);

		MockHttpServletResponse r = mvc
			.perform(get("/api/v1/reports?status=SUBMITTED&unitId=" + c.unit().id()).with(logins.as("xiantao.office")))
			.andReturn()
			.getResponse();
		assertThat(r.getStatus()).isEqualTo(200);
		assertThat(r.getHeader("X-Total-Count")).isEqualTo("2");
		JsonNode list = json.readTree(r.getContentAsString());
		assertThat(list).hasSize(2);
		assertThat(list.get(0).get("id").asLong()).isEqualTo(older);
		assertThat(list.get(1).get("id").asLong()).isEqualTo(newer);
		JsonNode first = list.get(0);
		assertThat(first.propertyNames()).containsExactly("id", "assignmentId", "unitId", "indicatorCode", "percent",
				"submittedAt", "warnings");
		assertThat(first.get("assignmentId").asLong()).isEqualTo(a1.id());
		assertThat(first.get("unitId").asLong()).isEqualTo(c.unit().id());
		assertThat(first.get("indicatorCode").asString()).isEqualTo(a1.indicatorCode());
		assertThat(first.get("percent").asInt()).isEqualTo(40);
		assertThat(first.get("warnings")).isEmpty();

		// indicatorCode filters; paging is in SQL with Link headers.
		assertThat(api("xiantao.office", "?unitId=" + c.unit().id() + "&indicatorCode=" + a2.indicatorCode(), 200))
			.hasSize(1);
		r = mvc.perform(get("/api/v1/reports?unitId=" + c.unit().id() + "&size=1&page=2").with(logins.as("xiantao.office")))
			.andReturn()
			.getResponse();
		assertThat(json.readTree(r.getContentAsString()).get(0).get("id").asLong()).isEqualTo(newer);
		assertThat(r.getHeader("X-Total-Count")).isEqualTo("2");
		assertThat(r.getHeader("Link")).matches("<[^>]*[?&]page=1(&[^>]*)?>; rel=\"prev\"").doesNotContain("rel=\"next\"");
		r = mvc.perform(get("/api/v1/reports?unitId=" + c.unit().id() + "&size=1").with(logins.as("xiantao.office")))
			.andReturn()
			.getResponse();
		assertThat(r.getHeader("Link")).matches("<[^>]*[?&]page=2(&[^>]*)?>; rel=\"next\"");

		for (String bad : List.of("?page=0", "?size=0", "?size=501", "?size=abc", "?page=x", "?status=APPROVED",
				"?unitId=x")) {
			MockHttpServletResponse refused = mvc.perform(get("/api/v1/reports" + bad).with(logins.as("xiantao.office")))
				.andReturn()
				.getResponse();
			assertThat(refused.getStatus()).as(bad).isEqualTo(400);
			assertThat(refused.getContentType()).as(bad).startsWith("application/problem+json");
		}
		assertThat(api("xiantao.office", "?size=500", 200)).isNotNull();
	}

	@Test
	void aCityOfficeReadsItsCityAndTheProvinceEveryCityNamed() throws Exception {
		var xiantao = fixtures.community("xiantao");
		var tianmen = fixtures.community("tianmen");
		long x = fixtures.submit(xiantao, fixtures.assign(xiantao).id(), 50, "仙桃进展");
		long t = fixtures.submit(tianmen, fixtures.assign(tianmen).id(), 60, "天门进展");

		// The tianmen unit's reports are not the xiantao office's: nothing, never another city's rows.
		assertThat(api("xiantao.office", "?unitId=" + tianmen.unit().id(), 200)).isEmpty();
		assertThat(api("tianmen.office", "?unitId=" + tianmen.unit().id(), 200).get(0).get("id").asLong()).isEqualTo(t);
		// The province reads across cities, or one city by code; a city it cannot see is a 400.
		assertThat(api("hubei.office", "?unitId=" + xiantao.unit().id(), 200).get(0).get("id").asLong()).isEqualTo(x);
		assertThat(api("hubei.office", "?unitId=" + tianmen.unit().id(), 200).get(0).get("id").asLong()).isEqualTo(t);
		assertThat(api("hubei.office", "?cityCode=xiantao&unitId=" + tianmen.unit().id(), 200)).isEmpty();
		api("hubei.office", "?cityCode=nowhere", 400);
		// Units never see the queue.
		api("xiantao.liaison", "", 403);

		// The province page names each row's city and offers a city filter; it has no decision buttons.
		// (Filtered by unit: the shared test database may hold more than a page of waiting reports.)
		String page = page("hubei.office", "/reviews?unitId=" + xiantao.unit().id());
		assertThat(page).contains("id=\"city\"").contains("全部城市").contains("仙桃").contains("天门")
			.contains("review-" + x).doesNotContain("name=\"decision\"");
		assertThat(page("hubei.office", "/reviews?unitId=" + tianmen.unit().id())).contains("review-" + t);
		assertThat(page("hubei.office", "/reviews?city=tianmen&unitId=" + tianmen.unit().id())).contains("review-" + t);
		assertThat(page("hubei.office", "/reviews?city=tianmen&unitId=" + xiantao.unit().id()))
			.doesNotContain("review-" + x);
		// The xiantao office's page: its city only, with decision buttons.
		assertThat(page("xiantao.office", "/reviews?unitId=" + xiantao.unit().id())).contains("review-" + x)
			.contains("name=\"decision\"").doesNotContain("id=\"city\"");
		assertThat(page("xiantao.office", "/reviews?unitId=" + tianmen.unit().id())).doesNotContain("review-" + t);
		// Another city's report cannot be decided: 404, and it still waits.
		assertThat(mvc.perform(post("/reviews/{id}", t).param("decision", "APPROVE").with(csrf())
				.with(logins.as("xiantao.office"))).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(reports.get(fixtures.office("tianmen"), t).status()).isEqualTo(ReportView.Status.SUBMITTED);
	}

	@Test
	void thePageFiltersByUnitGroupAndAgeAndAnswersHtmxWithTheResultsOnly() throws Exception {
		var c = fixtures.community("xiantao");
		var old = fixtures.assign(c);
		long oldReport = fixtures.submit(c, old.id(), 30, "旧的进展");
		clock.advance(Duration.ofDays(5));
		var recent = fixtures.assign(c);
		long recentReport = fixtures.submit(c, recent.id(), 20, "新的进展");

		String full = mvc.perform(get("/reviews?unitId=" + c.unit().id()).with(logins.as("xiantao.office")))
			.andReturn().getResponse().getContentAsString();
		assertThat(full).contains("<html").contains("id=\"review-results\"").contains("共 2 条待审核")
			.contains(c.unit().name());
		assertThat(full.indexOf("review-" + oldReport)).isLessThan(full.indexOf("review-" + recentReport));

		MockHttpServletResponse fragment = mvc.perform(get("/reviews?unitId=" + c.unit().id() + "&age=3")
				.header("HX-Request", "true").with(logins.as("xiantao.office")))
			.andReturn()
			.getResponse();
		assertThat(fragment.getHeader("Vary")).contains("HX-Request");
		assertThat(fragment.getContentAsString()).doesNotContain("<html").contains("id=\"review-results\"")
			.contains("共 1 条待审核").contains("review-" + oldReport).doesNotContain("review-" + recentReport)
			.contains("已等待 5 天");

		String byGroup = mvc.perform(get("/reviews?unitId=" + c.unit().id() + "&groupId=" + groupOf(recent))
				.with(logins.as("xiantao.office"))).andReturn().getResponse().getContentAsString();
		assertThat(byGroup).contains("review-" + recentReport);

		MockHttpServletResponse bad = mvc.perform(get("/reviews?age=5").with(logins.as("xiantao.office")))
			.andReturn().getResponse();
		assertThat(bad.getStatus()).isEqualTo(400);
		assertThat(bad.getContentAsString()).contains("请选择列表中的等待时间");
		assertThat(mvc.perform(get("/reviews?unitId=abc").with(logins.as("xiantao.office"))).andReturn().getResponse()
			.getStatus()).isEqualTo(400);
	}

	String page(String user, String url) throws Exception {
		return mvc.perform(get(url).with(logins.as(user))).andReturn().getResponse().getContentAsString();
	}

	long groupOf(AssignmentView a) {
		return jdbc.sql("select group_id from assignment where id = :id").param("id", a.id()).query(Long.class).single();
	}

	@Test
	void theOfficeApprovesAndReturnsInlineWithHtmxAndWithoutJavaScript() throws Exception {
		var c = fixtures.community("xiantao");
		long first = fixtures.submit(c, fixtures.assign(c).id(), 50, "第一条");
		long second = fixtures.submit(c, fixtures.assign(c).id(), 60, "第二条");
		long third = fixtures.submit(c, fixtures.assign(c).id(), 70, "第三条");
		long fourth = fixtures.submit(c, fixtures.assign(c).id(), 80, "第四条");
		events.clear();

		// htmx: a return without a reason answers 422 with the row and its error; nothing changes.
		MockHttpServletResponse r = mvc.perform(post("/reviews/{id}", first).param("decision", "RETURN")
				.param("unitId", String.valueOf(c.unit().id())).header("HX-Request", "true").with(csrf())
				.with(logins.as("xiantao.office")))
			.andReturn().getResponse();
		assertThat(r.getStatus()).isEqualTo(422);
		assertThat(r.getContentAsString()).startsWith("<tr").contains("id=\"review-" + first + "\"")
			.contains("退回时请写明原因").contains("name=\"decision\"");
		assertThat(reports.get(c.liaison(), first).status()).isEqualTo(ReportView.Status.SUBMITTED);

		// htmx: a return with a reason answers the row in its new state, without the buttons.
		r = mvc.perform(post("/reviews/{id}", first).param("decision", "RETURN").param("reason", "照片看不清")
				.header("HX-Request", "true").with(csrf()).with(logins.as("xiantao.office")))
			.andReturn().getResponse();
		assertThat(r.getStatus()).isEqualTo(200);
		assertThat(r.getContentAsString()).startsWith("<tr").doesNotContain("<html").contains("已退回")
			.contains("照片看不清").doesNotContain("name=\"decision\"");
		assertThat(reports.get(c.liaison(), first).status()).isEqualTo(ReportView.Status.RETURNED);

		r = mvc.perform(post("/reviews/{id}", second).param("decision", "APPROVE").header("HX-Request", "true")
				.with(csrf()).with(logins.as("xiantao.office")))
			.andReturn().getResponse();
		assertThat(r.getContentAsString()).contains("已通过").doesNotContain("name=\"decision\"");
		assertThat(reports.get(c.liaison(), second).status()).isEqualTo(ReportView.Status.APPROVED);
		// Deciding again: the row as it is now and why nothing changed.
		r = mvc.perform(post("/reviews/{id}", second).param("decision", "RETURN").param("reason", "再看看")
				.header("HX-Request", "true").with(csrf()).with(logins.as("xiantao.office")))
			.andReturn().getResponse();
		assertThat(r.getContentAsString()).contains("这条创建动态已被审核过了").contains("已通过");
		assertThat(reports.get(c.liaison(), second).status()).isEqualTo(ReportView.Status.APPROVED);

		// Without JavaScript: a plain post redirects back to the queue with the same filters.
		r = mvc.perform(post("/reviews/{id}", third).param("decision", "APPROVE")
				.param("unitId", String.valueOf(c.unit().id())).param("age", "3").with(csrf())
				.with(logins.as("xiantao.office")))
			.andReturn().getResponse();
		assertThat(r.getStatus()).isEqualTo(302);
		assertThat(r.getRedirectedUrl()).isEqualTo("/reviews?unitId=" + c.unit().id() + "&age=3");
		assertThat(reports.get(c.liaison(), third).status()).isEqualTo(ReportView.Status.APPROVED);
		// ... and bad input answers the page with 400 and the error beside the row's reason.
		r = mvc.perform(post("/reviews/{id}", fourth).param("decision", "RETURN").param("reason", " ")
				.param("unitId", String.valueOf(c.unit().id())).with(csrf()).with(logins.as("xiantao.office")))
			.andReturn().getResponse();
		assertThat(r.getStatus()).isEqualTo(400);
		assertThat(r.getContentAsString()).contains("<html").contains("退回时请写明原因").contains("review-" + fourth);
		assertThat(reports.get(c.liaison(), fourth).status()).isEqualTo(ReportView.Status.SUBMITTED);
		assertThat(api("xiantao.office", "?unitId=" + c.unit().id(), 200)).hasSize(1);

		// Each decision was published for other modules, with the reason of a return.
		var returned = events.stream(ProgressReportReturned.class).toList();
		assertThat(returned).hasSize(1);
		assertThat(returned.get(0)).usingRecursiveComparison()
			.ignoringFields("reviewedAt")
			.isEqualTo(new ProgressReportReturned(first, reports.get(c.liaison(), first).assignmentId(),
					c.unit().cityId(), c.unit().id(), indicatorCode(first), indicatorName(first), "照片看不清",
					"xiantao.office", null));
		assertThat(returned.get(0).reviewedAt()).isNotNull();
		assertThat(events.stream(ProgressReportApproved.class).map(ProgressReportApproved::reportId).toList())
			.containsExactly(second, third);
		// The liaison may not decide, nor a leader.
		for (String who : List.of("xiantao.liaison", "xiantao.leader", "hubei.office")) {
			assertThat(mvc.perform(post("/reviews/{id}", fourth).param("decision", "APPROVE").with(csrf())
					.with(logins.as(who))).andReturn().getResponse().getStatus()).as(who).isEqualTo(403);
		}
	}

	@Test
	void aSubmittedReportIsPublishedForOtherModules() {
		var c = fixtures.community("xiantao");
		var a = fixtures.assign(c);
		events.clear();
		long id = fixtures.submit(c, a.id(), 35, "进展");
		var published = events.stream(ProgressReportSubmitted.class).toList();
		assertThat(published).hasSize(1);
		ProgressReportSubmitted e = published.get(0);
		assertThat(e.reportId()).isEqualTo(id);
		assertThat(e.assignmentId()).isEqualTo(a.id());
		assertThat(e.cityId()).isEqualTo(c.unit().cityId());
		assertThat(e.unitId()).isEqualTo(c.unit().id());
		assertThat(e.indicatorCode()).isEqualTo(a.indicatorCode());
		assertThat(Duration.between(e.submittedAt(), reports.get(c.liaison(), id).submittedAt()).abs())
			.isLessThan(Duration.ofMillis(1));
	}

	String indicatorCode(long reportId) {
		return jdbc.sql("select a.indicator_code from progress_report r join assignment a on a.id = r.assignment_id where r.id = :id")
			.param("id", reportId).query(String.class).single();
	}

	String indicatorName(long reportId) {
		return jdbc.sql("select a.indicator_name from progress_report r join assignment a on a.id = r.assignment_id where r.id = :id")
			.param("id", reportId).query(String.class).single();
	}

}
