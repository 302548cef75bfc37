package cn.chuangwen.tasks;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.indicators.IndicatorView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.support.Logins;
import cn.chuangwen.tasks.internal.AssignmentStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Decomposition, reporting with evidence, review and the battle map, through the API. */
@IntegrationTest
class TasksIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	IndicatorSystems indicators;

	@Autowired
	Units units;

	@Autowired
	Assignments assignments;

	@Autowired
	AssignmentStore store;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	cn.chuangwen.audit.AuditTrail audit;

	static final Random RANDOM = new Random();

	IndicatorSystemView system(String city) {
		CurrentUser office = logins.principal(city + ".office");
		return indicators.list(office.scope()).stream().filter(s -> s.cityId() == office.cityId()).findFirst().orElseThrow();
	}

	/** A leaf of the demo system not yet given to the unit. */
	IndicatorView freeLeaf(String city, long unitId) {
		CurrentUser office = logins.principal(city + ".office");
		var leaves = indicators.leaves(office.scope(), system(city).id());
		for (IndicatorView leaf : leaves) {
			if (jdbc.sql("select count(*) from assignment where indicator_id = :i and lead_unit_id = :u")
				.param("i", leaf.id()).param("u", unitId).query(Integer.class).single() == 0) {
				return leaf;
			}
		}
		throw new IllegalStateException("no free leaf");
	}

	/** A fresh community under the liaison's town, so every test has its own unit. */
	UnitView freshCommunity(String city) {
		CurrentUser liaison = logins.principal(city + ".liaison");
		CurrentUser office = logins.principal(city + ".office");
		return units.create(office, new cn.chuangwen.organization.UnitDraft("T" + Math.abs(RANDOM.nextLong() % 1_000_000_000L),
				"测试社区" + RANDOM.nextInt(100000), UnitKind.COMMUNITY, liaison.unitId(), "社区", false, null, null, null));
	}

	long assign(String city, long unitId, long indicatorId, LocalDate deadline, String milestones) throws Exception {
		String body = """
				{"indicatorId": %d, "leadUnitId": %d, "cooperatingUnitIds": [],
				 "responsiblePerson": {"name": "王主任", "post": "副主任", "phone": "13800001234"},
				 "deadline": "%s", "milestones": %s}""".formatted(indicatorId, unitId, deadline, milestones);
		String response = mvc.perform(post("/api/v1/assignments").with(logins.as(city + ".office"))
				.contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		return json.readTree(response).get("id").asLong();
	}

	static byte[] png(int seed) throws IOException {
		BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
		image.setRGB(seed % 40, seed % 30, 0xff0000 + seed);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	JsonNode report(String user, long assignmentId, String percent, MockMultipartFile... files) throws Exception {
		var request = multipart("/api/v1/assignments/{id}/reports", assignmentId);
		for (MockMultipartFile f : files) {
			request.file(f);
		}
		String body = mvc.perform(request.param("text", "清理了背街小巷的垃圾").param("percent", percent).with(logins.as(user)))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		return json.readTree(body);
	}

	void review(String user, long reportId, String decision, String reason, int expectedStatus) throws Exception {
		mvc.perform(post("/api/v1/reports/{id}/review", reportId).with(logins.as(user))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"decision\":\"" + decision + "\",\"reason\":" + (reason == null ? "null" : "\"" + reason + "\"") + "}"))
			.andExpect(status().is(expectedStatus));
	}

	/** Issue 6 §1.12: a unit is told a file was used before, but not where, unless it may open that report. */
	@Test
	void duplicateEvidenceNamesTheEarlierReportOnlyToThoseWhoMayOpenIt() throws Exception {
		UnitView community = freshCommunity("xiantao");
		LocalDate today = assignments.today();
		long first = assign("xiantao", community.id(), freeLeaf("xiantao", community.id()).id(), today.plusDays(60), "[]");
		long department = logins.principal("xiantao.dept").unitId();
		long second = assign("xiantao", department, freeLeaf("xiantao", department).id(), today.plusDays(60), "[]");

		byte[] photo = png(RANDOM.nextInt(1000) + 1300);
		long firstReport = report("xiantao.liaison", first, "10", new MockMultipartFile("files", "a.png", "image/png", photo))
			.get("id").asLong();
		JsonNode submitted = report("xiantao.dept", second, "10", new MockMultipartFile("files", "b.png", "image/png", photo));
		long secondReport = submitted.get("id").asLong();

		// Messages show numbers grouped (1,058): look for the report number as the message writes it.
		String number = Long.toString(firstReport);
		// The department may not open the community's assignment: no report number, no link.
		JsonNode toUnit = submitted.get("warnings").get(0);
		assertThat(toUnit.get("kind").asString()).isEqualTo("DUPLICATE_EVIDENCE");
		assertThat(toUnit.get("message").asString()).doesNotContain(number).contains("别处");
		assertThat(toUnit.get("reportId").isNull()).isTrue();
		String unitPage = mvc.perform(get("/assignments/{id}", second).with(logins.as("xiantao.dept")))
			.andReturn().getResponse().getContentAsString();
		assertThat(unitPage).contains("别处").doesNotContain("#r" + firstReport);

		// The office sees the earlier report named and linked.
		JsonNode toOffice = json.readTree(mvc.perform(get("/api/v1/reports/{id}", secondReport).with(logins.as("xiantao.office")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).get("warnings").get(0);
		assertThat(toOffice.get("message").asString()).contains(number).doesNotContain("别处");
		assertThat(toOffice.get("reportId").asLong()).isEqualTo(firstReport);
		assertThat(toOffice.get("assignmentId").asLong()).isEqualTo(first);
		String officePage = mvc.perform(get("/assignments/{id}", second).with(logins.as("xiantao.office")))
			.andReturn().getResponse().getContentAsString();
		assertThat(officePage).contains("/assignments/" + first + "#r" + firstReport);
	}

	/** Issue 6 §1.12: the unit record's trace shows the unit's work, not its people's sign-ins or tokens. */
	@Test
	void aUnitsTraceTabShowsItsObjectsNotSignInsOrTokens() throws Exception {
		UnitView community = freshCommunity("xiantao");
		long id = assign("xiantao", community.id(), freeLeaf("xiantao", community.id()).id(), assignments.today().plusDays(30), "[]");
		long town = logins.principal("xiantao.liaison").unitId();
		report("xiantao.liaison", id, "10", new MockMultipartFile("files", "c.png", "image/png", png(RANDOM.nextInt(1000) + 2400)));
		audit.record(cn.chuangwen.audit.AuditEntry.of("LOGIN_SUCCESS").actor("xiantao.liaison", town).object("user", 424242));
		audit.record(cn.chuangwen.audit.AuditEntry.of("TOKEN_ISSUE").actor("xiantao.liaison", town).object("api_token", 434343));

		List<cn.chuangwen.audit.AuditEventView> trace = audit.recentForUnit(town, 200);
		assertThat(trace).extracting(cn.chuangwen.audit.AuditEventView::action).contains("REPORT_SUBMIT")
			.doesNotContain("LOGIN_SUCCESS", "TOKEN_ISSUE");
		assertThat(audit.recentForUnit(community.id(), 200)).extracting(cn.chuangwen.audit.AuditEventView::action)
			.contains("UNIT_CREATE");
	}

	@Test
	void reportReturnResubmitApproveSignsOffAndShowsOnTheBattleMap() throws Exception {
		UnitView community = freshCommunity("xiantao");
		IndicatorView leaf = freeLeaf("xiantao", community.id());
		LocalDate today = assignments.today();
		long id = assign("xiantao", community.id(), leaf.id(), today.plusDays(60),
				"[{\"date\":\"" + today.plusDays(30) + "\",\"percent\":50}]");

		var photo = new MockMultipartFile("files", "现场.png", "image/png", png(RANDOM.nextInt(1000) + 7));
		JsonNode first = report("xiantao.liaison", id, "60", photo);
		long firstId = first.get("id").asLong();
		assertThat(first.get("warnings")).isEmpty();

		review("xiantao.office", firstId, "RETURN", null, 400);
		review("xiantao.office", firstId, "RETURN", "照片不清楚", 200);
		review("xiantao.office", firstId, "APPROVE", null, 409);

		// The same photo again: the API warns of duplicate evidence.
		var again = new MockMultipartFile("files", "现场-补充.png", "image/png", photo.getBytes());
		var second = report("xiantao.liaison", id, "100", again);
		assertThat(second.get("warnings").get(0).get("kind").asString()).isEqualTo("DUPLICATE_EVIDENCE");
		review("xiantao.office", second.get("id").asLong(), "APPROVE", null, 200);

		mvc.perform(get("/api/v1/assignments/{id}", id).with(logins.as("xiantao.liaison")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("SIGNED_OFF"))
			.andExpect(jsonPath("$.percent").value(100));

		String map = mvc.perform(get("/api/v1/battle-map").param("systemId", String.valueOf(system("xiantao").id()))
				.with(logins.as("xiantao.office")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		JsonNode cells = json.readTree(map).get("cells");
		boolean found = false;
		for (JsonNode c : cells) {
			if (c.get("unitId").asLong() == community.id()) {
				assertThat(c.get("counts").get("SIGNED_OFF").asLong()).isEqualTo(1);
				found = true;
			}
		}
		assertThat(found).isTrue();

		// Signed off: only the office can reopen it, with a reason.
		report400("xiantao.liaison", id);
		var view = assignments.get(logins.principal("xiantao.office").scope(), id);
		assignments.reopen(logins.principal("xiantao.office"), id, view.version(), "复查发现反弹");
		assertThat(assignments.get(logins.principal("xiantao.office").scope(), id).state())
			.isNotEqualTo(AssignmentState.SIGNED_OFF);
	}

	void report400(String user, long id) throws Exception {
		mvc.perform(multipart("/api/v1/assignments/{id}/reports", id).param("text", "x").param("percent", "10")
				.with(logins.as(user)))
			.andExpect(status().isBadRequest());
	}

	@Test
	void badInputIsRefusedAndChangesNothing() throws Exception {
		UnitView community = freshCommunity("xiantao");
		IndicatorView leaf = freeLeaf("xiantao", community.id());
		LocalDate today = assignments.today();
		long before = count("assignment");
		String base = """
				{"indicatorId": %d, "leadUnitId": %d, "responsiblePerson": {"name": "李"}, "deadline": "%s", "milestones": %s}""";
		for (String body : List.of(
				base.formatted(leaf.id(), community.id(), today.minusDays(1), "[]"),
				base.formatted(leaf.id(), community.id(), today.plusDays(10), "[{\"date\":\"" + today.plusDays(11) + "\",\"percent\":50}]"),
				base.formatted(leaf.id(), community.id(), today.plusDays(10), "[{\"date\":\"" + today.plusDays(5) + "\",\"percent\":150}]"),
				base.formatted(leaf.parentId(), community.id(), today.plusDays(10), "[]"))) {
			mvc.perform(post("/api/v1/assignments").with(logins.as("xiantao.office"))
					.contentType(MediaType.APPLICATION_JSON).content(body))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors").isArray());
		}
		assertThat(count("assignment")).isEqualTo(before);

		long id = assign("xiantao", community.id(), leaf.id(), today.plusDays(30), "[]");
		long reports = count("progress_report"), files = count("evidence");
		// An executable renamed .jpg, a 0-byte file, percent out of range: 400 and nothing written.
		byte[] exe = { 'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0 };
		mvc.perform(multipart("/api/v1/assignments/{id}/reports", id)
				.file(new MockMultipartFile("files", "photo.jpg", "image/jpeg", exe))
				.param("text", "x").param("percent", "10").with(logins.as("xiantao.liaison")))
			.andExpect(status().isBadRequest());
		mvc.perform(multipart("/api/v1/assignments/{id}/reports", id)
				.file(new MockMultipartFile("files", "empty.png", "image/png", new byte[0]))
				.param("text", "x").param("percent", "10").with(logins.as("xiantao.liaison")))
			.andExpect(status().isBadRequest());
		mvc.perform(multipart("/api/v1/assignments/{id}/reports", id)
				.param("text", "x").param("percent", "101").with(logins.as("xiantao.liaison")))
			.andExpect(status().isBadRequest());
		assertThat(count("progress_report")).isEqualTo(reports);
		assertThat(count("evidence")).isEqualTo(files);

		// Another city's liaison, and another town's liaison, get 404 for this assignment.
		mvc.perform(multipart("/api/v1/assignments/{id}/reports", id).param("text", "x").param("percent", "10")
				.with(logins.as("tianmen.liaison")))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/assignments/{id}", id).with(logins.as("xiantao.dept")))
			.andExpect(status().isNotFound());
	}

	@Test
	void nobodyApprovesTheirOwnReport() throws Exception {
		// An account that may both report and review still cannot review its own report.
		UnitView community = freshCommunity("qianjiang");
		IndicatorView leaf = freeLeaf("qianjiang", community.id());
		long id = assign("qianjiang", community.id(), leaf.id(), assignments.today().plusDays(30), "[]");
		CurrentUser liaison = logins.principal("qianjiang.liaison");
		JsonNode submitted = report("qianjiang.liaison", id, "50");
		var both = new CurrentUser(liaison.id(), liaison.username(), liaison.displayName(), liaison.cityId(),
				liaison.cityCode(), liaison.cityName(), liaison.unitId(), liaison.unitName(), liaison.roles(),
				java.util.Set.of("assignment:read", "report:review", "report:submit"), logins.principal("qianjiang.office").scope(),
				liaison.version());
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> progressReports.review(both, submitted.get("id").asLong(),
				ProgressReports.Decision.APPROVE, null))
			.isInstanceOf(cn.chuangwen.shared.InvalidInputException.class);
	}

	@Autowired
	ProgressReports progressReports;

	@Test
	void battleMapSqlAgreesWithTheJavaRules() {
		CurrentUser office = logins.principal("xiantao.office");
		var rows = all(office, AssignmentFilter.any());
		for (AssignmentState s : AssignmentState.values()) {
			var bySql = all(office, new AssignmentFilter(null, null, null, null, s));
			assertThat(bySql).allMatch(a -> a.state() == s);
			assertThat(bySql.size()).isEqualTo(rows.stream().filter(a -> a.state() == s).count());
		}
	}

	/** Every row of the filter, read page by page. */
	List<AssignmentView> all(CurrentUser user, AssignmentFilter filter) {
		List<AssignmentView> rows = new java.util.ArrayList<>();
		for (int p = 1;; p++) {
			var page = assignments.page(user, user.cityId(), filter,
					cn.chuangwen.shared.PageRequest.lenient(p, cn.chuangwen.shared.PageRequest.MAX_SIZE));
			rows.addAll(page.items());
			if (!page.hasNext()) {
				return rows;
			}
		}
	}

	long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

}
