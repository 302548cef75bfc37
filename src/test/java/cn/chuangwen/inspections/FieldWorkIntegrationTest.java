package cn.chuangwen.inspections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.support.ExifJpeg;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.TestClock;

/**
 * Issue 9 §3 and §2 for the inspector's own pages: the today list holds exactly the points of the
 * caller's open plans whose dates include today (Beijing), never another inspector's unannounced
 * round; the form is 404 for a plan the caller is not on; the phone's submission is idempotent by
 * its client id; the offline app's worker, manifest and token are served as browsers need them.
 */
@IntegrationTest
class FieldWorkIntegrationTest {

	static final String INSPECTOR = "xiantao.inspector";

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Logins logins;

	@Autowired
	OrgFixtures fixtures;

	@Autowired
	TestClock clock;

	@Autowired
	FieldWork work;

	@Autowired
	ObjectMapper json;

	FieldPlanFixture plans;

	LocalDate today;

	@BeforeEach
	void setUp() {
		plans = new FieldPlanFixture(jdbc);
		today = LocalDate.now(clock.withZone(BEIJING));
	}

	private String page(String path, String user) throws Exception {
		MockHttpServletResponse r = mvc.perform(get(path).with(logins.as(user))).andReturn().getResponse();
		assertThat(r.getStatus()).as(path).isEqualTo(200);
		return r.getContentAsString(StandardCharsets.UTF_8);
	}

	@Test
	void todayHoldsOnlyTheCallersOpenPlansOfTodayAndSaysWhichAreInspected() throws Exception {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		List<Long> points = plans.freshPoints("xiantao", 8);
		var other = fixtures.account("insp", "xiantao", null, Set.of(Role.INSPECTOR));
		long mine = plans.plan("xiantao", PlanKind.UNANNOUNCED, "我的暗访" + tag, today.minusDays(2), today, PlanState.OPEN,
				points.subList(0, 2), List.of(INSPECTOR));
		plans.plan("xiantao", PlanKind.ANNOUNCED, "我的明查" + tag, today, today.plusDays(5), PlanState.OPEN,
				points.subList(2, 3), List.of(INSPECTOR, other.username()));
		plans.plan("xiantao", PlanKind.UNANNOUNCED, "别人暗访" + tag, today, today, PlanState.OPEN, points.subList(3, 4),
				List.of(other.username()));
		plans.plan("xiantao", PlanKind.UNANNOUNCED, "已结束" + tag, today, today, PlanState.CLOSED, points.subList(4, 5),
				List.of(INSPECTOR));
		plans.plan("xiantao", PlanKind.UNANNOUNCED, "明天开始" + tag, today.plusDays(1), today.plusDays(3), PlanState.OPEN,
				points.subList(5, 6), List.of(INSPECTOR));
		plans.plan("xiantao", PlanKind.UNANNOUNCED, "昨天结束" + tag, today.minusDays(3), today.minusDays(1),
				PlanState.OPEN, points.subList(6, 7), List.of(INSPECTOR));

		submit(INSPECTOR, UUID.randomUUID().toString(), mine, points.get(0));

		FieldWork.Today list = work.today(logins.principal(INSPECTOR));
		List<FieldAssignment> ours = list.points().stream().filter(p -> p.planName().endsWith(tag)).toList();
		assertThat(ours).extracting(FieldAssignment::planName)
			.containsExactly("我的暗访" + tag, "我的暗访" + tag, "我的明查" + tag);
		assertThat(ours).extracting(FieldAssignment::pointId).containsExactly(points.get(0), points.get(1), points.get(2));
		assertThat(ours).extracting(FieldAssignment::inspected).containsExactly(true, false, false);
		assertThat(ours.get(0).kind()).isEqualTo(PlanKind.UNANNOUNCED);

		String html = page("/inspections/field", INSPECTOR);
		assertThat(html).contains("我的暗访" + tag, "我的明查" + tag, "暗访", "明查", "已检查", "未检查")
			.doesNotContain("别人暗访" + tag, "已结束" + tag, "明天开始" + tag, "昨天结束" + tag)
			.contains("rel=\"manifest\"", "/js/field.js");

		// the other inspector: the shared announced plan and its own secret one, never ours
		String theirs = page("/inspections/field", other.username());
		assertThat(theirs).contains("我的明查" + tag, "别人暗访" + tag).doesNotContain("我的暗访" + tag);
	}

	@Test
	void todayFollowsBeijingsDateNotUtcs() throws Exception {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		var saved = clock.instant();
		try {
			// 2026-12-02 07:30 in Beijing is still 2026-12-01 in UTC
			clock.set(java.time.Instant.parse("2026-12-01T23:30:00Z"));
			LocalDate beijing = LocalDate.of(2026, 12, 2);
			List<Long> points = plans.freshPoints("xiantao", 2);
			plans.plan("xiantao", PlanKind.ANNOUNCED, "北京今天" + tag, beijing, beijing, PlanState.OPEN,
					points.subList(0, 1), List.of(INSPECTOR));
			plans.plan("xiantao", PlanKind.ANNOUNCED, "UTC今天" + tag, beijing.minusDays(1), beijing.minusDays(1),
					PlanState.OPEN, points.subList(1, 2), List.of(INSPECTOR));
			FieldWork.Today list = work.today(logins.principal(INSPECTOR));
			assertThat(list.day()).isEqualTo(beijing);
			assertThat(list.points()).extracting(FieldAssignment::planName).contains("北京今天" + tag)
				.doesNotContain("UTC今天" + tag);
		}
		finally {
			clock.set(saved);
		}
	}

	@Test
	void theFormShowsThePointsChecklistByCategoryAndIsNotFoundForAPlanTheCallerIsNotOn() throws Exception {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		List<Long> points = plans.freshPoints("xiantao", 3);
		var other = fixtures.account("insp", "xiantao", null, Set.of(Role.INSPECTOR));
		long mine = plans.plan("xiantao", PlanKind.UNANNOUNCED, "表单" + tag, today, today, PlanState.OPEN,
				points.subList(0, 1), List.of(INSPECTOR));
		long secret = plans.plan("xiantao", PlanKind.UNANNOUNCED, "秘密" + tag, today, today, PlanState.OPEN,
				points.subList(1, 2), List.of(other.username()));
		long closed = plans.plan("xiantao", PlanKind.ANNOUNCED, "关闭" + tag, today, today, PlanState.CLOSED,
				points.subList(2, 3), List.of(INSPECTOR));

		String html = page("/inspections/field/plans/" + mine + "/points/" + points.get(0), INSPECTOR);
		List<Long> items = plans.items(points.get(0));
		assertThat(items).isNotEmpty();
		for (long item : items) {
			assertThat(html).contains("id=\"item-" + item + "\"", "name=\"outcome-" + item + "\"",
					"id=\"count-" + item + "\"", "id=\"photos-" + item + "\"");
		}
		assertThat(html).contains("capture=\"environment\"", "accept=\"image/*\"", "暂计得分", "合格", "扣分", "不适用",
				"<h2>", "data-per=", "data-max=", plans.pointName(points.get(0)));

		for (String path : List.of("/inspections/field/plans/" + secret + "/points/" + points.get(1),
				"/inspections/field/plans/" + closed + "/points/" + points.get(2),
				"/inspections/field/plans/" + mine + "/points/" + points.get(1),
				"/inspections/field/plans/" + Long.MAX_VALUE + "/points/" + points.get(0))) {
			MockHttpServletResponse r = mvc.perform(get(path).with(logins.as(INSPECTOR))).andReturn().getResponse();
			assertThat(r.getStatus()).as(path).isEqualTo(404);
			assertThat(r.getContentAsString(StandardCharsets.UTF_8)).doesNotContain("秘密" + tag);
		}
		// another city's inspector: not found either
		assertThat(mvc.perform(get("/inspections/field/plans/" + mine + "/points/" + points.get(0))
			.with(logins.as("tianmen.inspector"))).andReturn().getResponse().getStatus()).isEqualTo(404);
		// who does not inspect is refused the pages outright
		for (String user : List.of("xiantao.liaison", "xiantao.leader", "xiantao.dept")) {
			for (String path : List.of("/inspections/field", "/inspections/field/plans/" + mine + "/points/" + points.get(0))) {
				assertThat(mvc.perform(get(path).with(logins.as(user))).andReturn().getResponse().getStatus())
					.as(path + " by " + user).isEqualTo(403);
			}
		}
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> work.form(logins.principal(other.username()), mine,
				points.get(0))).isInstanceOf(NotFoundException.class);
	}

	@Test
	void thePhonesSubmissionIsStoredOnceWhateverTheRetriesAndItsPhotosAfter() throws Exception {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		List<Long> points = plans.freshPoints("xiantao", 1);
		long plan = plans.plan("xiantao", PlanKind.UNANNOUNCED, "提交" + tag, today, today, PlanState.OPEN, points,
				List.of(INSPECTOR));
		long point = points.get(0);
		String clientId = UUID.randomUUID().toString();

		MockHttpServletResponse first = submit(INSPECTOR, clientId, plan, point);
		assertThat(first.getStatus()).isEqualTo(201);
		JsonNode created = json.readTree(first.getContentAsString());
		assertThat(created.get("repeated").asBoolean()).isFalse();
		long id = created.get("id").asLong();

		// the answer was lost: the phone sends the same again
		MockHttpServletResponse again = submit(INSPECTOR, clientId, plan, point);
		assertThat(again.getStatus()).isEqualTo(200);
		assertThat(json.readTree(again.getContentAsString()).get("id").asLong()).isEqualTo(id);
		assertThat(json.readTree(again.getContentAsString()).get("repeated").asBoolean()).isTrue();
		assertThat(plans.inspections(plan, point)).isEqualTo(1);

		// the device's time and place are the ones stored
		var row = jdbc.sql("select lat, lng, checked_at from inspection where id = :id").param("id", id)
			.query((rs, n) -> List.of(rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getTimestamp(3).toInstant()))
			.single();
		assertThat((java.math.BigDecimal) row.get(0)).isEqualByComparingTo("30.362700");
		assertThat((java.math.BigDecimal) row.get(1)).isEqualByComparingTo("113.454000");
		assertThat(row.get(2)).isEqualTo(clock.instant().minusSeconds(300).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));

		long item = plans.items(point).get(0);
		byte[] jpeg = ExifJpeg.photo().description(UUID.randomUUID().toString()).bytes();
		MockHttpServletResponse photos = mvc.perform(multipart("/inspections/field/inspections/{id}/photos", id)
			.file(new MockMultipartFile("files", "finding.jpg", "image/jpeg", jpeg))
			.param("itemId", String.valueOf(item))
			.with(csrf())
			.with(logins.as(INSPECTOR))).andReturn().getResponse();
		assertThat(photos.getStatus()).as(photos.getContentAsString()).isEqualTo(201);
		assertThat(plans.photos(plan, point)).isEqualTo(1);

		// a second client id for the same point is a conflict, and stores nothing
		MockHttpServletResponse second = submit(INSPECTOR, UUID.randomUUID().toString(), plan, point);
		assertThat(second.getStatus()).isEqualTo(409);
		assertThat(plans.inspections(plan, point)).isEqualTo(1);
		assertThat(page("/inspections/field/plans/" + plan + "/points/" + point, INSPECTOR))
			.contains("id=\"field-inspected\"").doesNotContain("id=\"field-form\"");
	}

	@Test
	void badOrForeignSubmissionsAreRefusedAsProblemJsonAndStoreNothing() throws Exception {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		List<Long> points = plans.freshPoints("xiantao", 2);
		var other = fixtures.account("insp", "xiantao", null, Set.of(Role.INSPECTOR));
		long secret = plans.plan("xiantao", PlanKind.UNANNOUNCED, "他人" + tag, today, today, PlanState.OPEN,
				points.subList(0, 1), List.of(other.username()));
		long mine = plans.plan("xiantao", PlanKind.UNANNOUNCED, "坏数据" + tag, today, today, PlanState.OPEN,
				points.subList(1, 2), List.of(INSPECTOR));

		MockHttpServletResponse foreign = submit(INSPECTOR, UUID.randomUUID().toString(), secret, points.get(0));
		assertThat(foreign.getStatus()).isEqualTo(404);
		assertThat(foreign.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(foreign.getContentAsString(StandardCharsets.UTF_8)).doesNotContain("他人" + tag);

		MockHttpServletResponse empty = mvc.perform(post("/inspections/field/inspections")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"clientId\":\"" + UUID.randomUUID() + "\",\"planId\":" + mine + ",\"fieldPointId\":" + points.get(1)
					+ ",\"checkedAt\":\"" + clock.instant() + "\",\"results\":[]}")
			.with(csrf())
			.with(logins.as(INSPECTOR))).andReturn().getResponse();
		assertThat(empty.getStatus()).isEqualTo(400);
		assertThat(empty.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);

		// no CSRF header: refused before anything is read
		MockHttpServletResponse noToken = mvc.perform(post("/inspections/field/inspections")
			.contentType(MediaType.APPLICATION_JSON)
			.content(body(UUID.randomUUID().toString(), mine, points.get(1)))
			.with(logins.as(INSPECTOR))).andReturn().getResponse();
		assertThat(noToken.getStatus()).isEqualTo(403);

		// who does not inspect may not post at all
		for (String user : List.of("xiantao.liaison", "xiantao.leader")) {
			assertThat(submit(user, UUID.randomUUID().toString(), mine, points.get(1)).getStatus()).as(user).isEqualTo(403);
		}
		assertThat(plans.inspections(mine, points.get(1))).isZero();
		assertThat(plans.inspections(secret, points.get(0))).isZero();
	}

	@Test
	void withoutJavaScriptTheFormPostsToThePageAndShowsErrorsBesideTheItems() throws Exception {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		List<Long> points = plans.freshPoints("xiantao", 1);
		long plan = plans.plan("xiantao", PlanKind.ANNOUNCED, "无脚本" + tag, today, today, PlanState.OPEN, points,
				List.of(INSPECTOR));
		long point = points.get(0);
		String path = "/inspections/field/plans/" + plan + "/points/" + point;
		List<Long> items = plans.items(point);
		String clientId = UUID.randomUUID().toString();
		byte[] jpeg = ExifJpeg.photo().description(UUID.randomUUID().toString()).bytes();

		// the last item left unanswered: the form again, with the choices kept and the error at the item
		var incomplete = multipart(path).param("clientId", clientId);
		incomplete.param("outcome-" + items.get(0), "DEDUCT").param("count-" + items.get(0), "3")
			.param("note-" + items.get(0), "三处积水");
		for (long item : items.subList(1, items.size() - 1)) {
			incomplete.param("outcome-" + item, "OK");
		}
		MockHttpServletResponse refused = mvc.perform(incomplete.with(csrf()).with(logins.as(INSPECTOR))).andReturn()
			.getResponse();
		assertThat(refused.getStatus()).isEqualTo(400);
		String html = refused.getContentAsString(StandardCharsets.UTF_8);
		long last = items.get(items.size() - 1);
		assertThat(html).contains("id=\"item-" + last + "-error\"", "href=\"#item-" + last + "\"", "三处积水",
				"value=\"" + clientId + "\"");
		assertThat(html).containsPattern("value=\"DEDUCT\"\\s+checked=\"checked\"|value=\"DEDUCT\" checked=\"checked\"");
		assertThat(plans.inspections(plan, point)).isZero();

		for (int attempt = 0; attempt < 2; attempt++) {
			var complete = multipart(path)
				.file(new MockMultipartFile("photos-" + items.get(0), "water.jpg", "image/jpeg", jpeg))
				.param("clientId", clientId);
			complete.param("outcome-" + items.get(0), "DEDUCT").param("count-" + items.get(0), "3");
			for (long item : items.subList(1, items.size())) {
				complete.param("outcome-" + item, item == last ? "NA" : "OK");
			}
			var result = mvc.perform(complete.with(csrf()).with(logins.as(INSPECTOR))).andReturn();
			MockHttpServletResponse done = result.getResponse();
			assertThat((List<?>) result.getFlashMap().get("photoErrors")).as("photos refused").isEmpty();
			assertThat(done.getStatus()).as(done.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(302);
			assertThat(done.getRedirectedUrl()).isEqualTo("/inspections/field");
		}
		// pressed twice: one inspection (the photo of the second press joins it)
		assertThat(plans.inspections(plan, point)).isEqualTo(1);
		assertThat(plans.photos(plan, point)).isGreaterThanOrEqualTo(1);
		assertThat(jdbc.sql("select outcome from inspection_result r join inspection i on i.id = r.inspection_id"
				+ " where i.plan_id = :p and r.item_id = :item").param("p", plan).param("item", last)
			.query(String.class).single()).isEqualTo("NA");
	}

	@Test
	void theWorkerManifestAndTokenAreServedAsTheBrowserNeedsThem() throws Exception {
		MockHttpServletResponse worker = mvc.perform(get("/inspections/field/sw.js").with(logins.as(INSPECTOR)))
			.andReturn()
			.getResponse();
		assertThat(worker.getStatus()).isEqualTo(200);
		assertThat(worker.getContentType()).startsWith("text/javascript");
		assertThat(worker.getHeader("Service-Worker-Allowed")).isEqualTo("/inspections/field");
		assertThat(worker.getHeader("Cache-Control")).contains("no-cache");
		assertThat(worker.getContentAsString()).contains("addEventListener('fetch'");

		MockHttpServletResponse manifest = mvc.perform(get("/inspections/field/manifest.webmanifest")
			.with(logins.as(INSPECTOR))).andReturn().getResponse();
		assertThat(manifest.getContentType()).startsWith("application/manifest+json");
		JsonNode m = json.readTree(manifest.getContentAsString(StandardCharsets.UTF_8));
		assertThat(m.get("start_url").asText()).isEqualTo("/inspections/field");
		assertThat(m.get("scope").asText()).isEqualTo("/inspections/field");
		assertThat(m.get("display").asText()).isEqualTo("standalone");
		assertThat(m.get("name").asText()).isEqualTo("创文现场检查");

		MockHttpServletResponse token = mvc.perform(get("/inspections/field/token").with(logins.as(INSPECTOR)))
			.andReturn()
			.getResponse();
		assertThat(token.getHeader("Cache-Control")).contains("no-store");
		JsonNode t = json.readTree(token.getContentAsString());
		assertThat(t.get("header").asText()).isEqualTo("X-CSRF-TOKEN");
		assertThat(t.get("token").asText()).isNotBlank();

		assertThat(mvc.perform(get("/inspections/field/sw.js").with(logins.as("xiantao.liaison"))).andReturn()
			.getResponse()
			.getStatus()).isEqualTo(403);
	}

	/** A complete answer: every item OK but the first, deducted twice; five minutes ago, at the city centre. */
	private String body(String clientId, long plan, long point) throws Exception {
		List<Map<String, Object>> results = new ArrayList<>();
		List<Long> items = plans.items(point);
		for (int i = 0; i < items.size(); i++) {
			results.add(i == 0 ? Map.of("itemId", items.get(i), "outcome", "DEDUCT", "count", 2, "note", "垃圾两处")
					: Map.of("itemId", items.get(i), "outcome", "OK"));
		}
		return json.writeValueAsString(Map.of("clientId", clientId, "planId", plan, "fieldPointId", point, "lat",
				30.3627, "lng", 113.454, "checkedAt",
				clock.instant().minusSeconds(300).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
				"results", results));
	}

	private MockHttpServletResponse submit(String user, String clientId, long plan, long point) throws Exception {
		return mvc.perform(post("/inspections/field/inspections").contentType(MediaType.APPLICATION_JSON)
			.content(body(clientId, plan, point))
			.with(csrf())
			.with(logins.as(user))).andReturn().getResponse();
	}

}
