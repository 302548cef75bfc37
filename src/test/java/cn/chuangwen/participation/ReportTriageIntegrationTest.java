package cn.chuangwen.participation;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.files.Upload;
import cn.chuangwen.IntegrationTest;
import cn.chuangwen.inspections.FieldPoints;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.shared.GeoPoint;
import cn.chuangwen.support.Logins;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static cn.chuangwen.support.ReviewFixtures.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The office's triage of citizen reports through its API (issue 11 §1, §5): accept routed by place
 * and category, merge, reject; another city's report not found, an answered one 409, bad bodies 400
 * with field errors, and nothing changed by a refusal; the report's state follows its problem.
 */
@IntegrationTest
class ReportTriageIntegrationTest {

	static final String OFFICE = "xiantao.office";

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	CitizenReports reports;

	@Autowired
	ReportTriage triage;

	@Autowired
	Problems problems;

	@Autowired
	FieldPoints fieldPoints;

	@Autowired
	OrgFixtures fixtures;

	record Point(long id, long unitId, long townId, BigDecimal lat, BigDecimal lng, String unitName) {
	}

	Point point(String city, int n) {
		return jdbc.sql("""
				select f.id, f.unit_id, f.town_id, f.lat, f.lng, u.name from field_point f join unit u on u.id = f.unit_id
				join city c on c.id = f.city_id where c.code = :c and f.active = true order by f.id limit 1 offset :n""")
			.param("c", city)
			.param("n", n)
			.query((rs, i) -> new Point(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getBigDecimal(4),
					rs.getBigDecimal(5), rs.getString(6)))
			.single();
	}

	long cityId(String city) {
		return fixtures.cityId(city);
	}

	String category(String city) {
		return problems.categoryChoices(cityId(city)).get(0).name();
	}

	CitizenReports.Submitted report(String city, BigDecimal lat, BigDecimal lng, String address,
			List<CitizenReports.Photo> photos) {
		return reports.submit(cityId(city), new ReportDraft(category(city), "路边垃圾堆积 " + UUID.randomUUID(), address,
				lat, lng, "张三", "13812345678"), photos, ReportSender.web("test"));
	}

	String state(long id) {
		return jdbc.sql("select state from citizen_report where id = :id").param("id", id).query(String.class).single();
	}

	List<String> updates(long id) {
		return jdbc.sql("select text from citizen_report_update where report_id = :id order by id")
			.param("id", id)
			.query(String.class)
			.list();
	}

	static byte[] jpeg() throws Exception {
		var image = new java.awt.image.BufferedImage(40, 30, java.awt.image.BufferedImage.TYPE_INT_RGB);
		image.setRGB(3, 4, (int) (Math.random() * 0xffffff));
		var out = new ByteArrayOutputStream();
		ImageIO.write(image, "jpg", out);
		return out.toByteArray();
	}

	JsonNode call(String path, Object id, String body, int expected, String account) throws Exception {
		String answer = mvc.perform((id == null ? post(path) : post(path, id)).with(logins.as(account))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)).andExpect(status().is(expected)).andReturn().getResponse().getContentAsString();
		return answer.isEmpty() ? null : json.readTree(answer);
	}

	@Test
	void acceptAtAFieldPointGoesToThePointsUnitWithThePhotosAndTheCitizenReadsIt() throws Exception {
		Point p = point("xiantao", 3);
		var sent = report("xiantao", p.lat(), p.lng(), null,
				List.of(new CitizenReports.Photo("a.jpg", new ByteArrayInputStream(jpeg()))));
		JsonNode answer = call("/api/v1/citizen-reports/{id}/accept", sent.id(), "{}", 200, OFFICE);
		long problemId = answer.get("problemId").asLong();
		var problem = jdbc.sql("select unit_id, source, origin_type, origin_id, state, lat from problem where id = :id")
			.param("id", problemId)
			.query((rs, n) -> List.of(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
					rs.getBigDecimal(6)))
			.single();
		assertThat(problem.subList(0, 5)).containsExactly(p.unitId(), "CITIZEN", "citizen_report", sent.id(), "DISPATCHED");
		assertThat((BigDecimal) problem.get(5)).isEqualByComparingTo(p.lat());
		// the report's original photo, shown by the problem without being stored again
		assertThat(jdbc.sql("""
				select count(*) from problem_photo ph join citizen_report_photo cp on cp.file_id = ph.file_id
				where ph.problem_id = :p and cp.report_id = :r and ph.stage = 'BEFORE'""")
			.param("p", problemId)
			.param("r", sent.id())
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(state(sent.id())).isEqualTo("ACCEPTED");
		assertThat(jdbc.sql("select town_id from citizen_report where id = :id").param("id", sent.id())
			.query(Long.class).single()).isEqualTo(p.townId());
		assertThat(updates(sent.id())).last().isEqualTo("已受理，已交由" + p.unitName() + "办理。");
		assertThat(reports.follow(sent.code()).state()).isEqualTo(ReportState.ACCEPTED);
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'CITIZEN_REPORT_ACCEPT' and object_id = :id")
			.param("id", Long.toString(sent.id())).query(Long.class).single()).isEqualTo(1);
		// answered: a second answer of any kind is 409 and changes nothing
		call("/api/v1/citizen-reports/{id}/accept", sent.id(), "{}", 409, OFFICE);
		call("/api/v1/citizen-reports/{id}/reject", sent.id(), "{\"publicReason\":\"重复\"}", 409, OFFICE);
		assertThat(state(sent.id())).isEqualTo("ACCEPTED");
		assertThat(jdbc.sql("select count(*) from problem where origin_type = 'citizen_report' and origin_id = :id")
			.param("id", sent.id()).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void aPlaceNearNoPointButWithinTwoKilometresGoesToTheTown() throws Exception {
		Point p = point("xiantao", 5);
		GeoPoint place = null;
		// a place 100 to 2000 m from the nearest point: step away from p until no point is within 50 m
		for (int i = 1; i < 40 && place == null; i++) {
			GeoPoint candidate = new GeoPoint(p.lat().add(BigDecimal.valueOf(0.0009 * i)), p.lng());
			var near = fieldPoints.nearest(cityId("xiantao"), candidate, 2000).orElseThrow();
			if (near.metres() > 60 && near.metres() < 1900) {
				place = candidate;
			}
		}
		assertThat(place).isNotNull();
		var near = fieldPoints.nearest(cityId("xiantao"), place, 2000).orElseThrow();
		var sent = report("xiantao", place.latitude(), place.longitude(), null, List.of());
		long problemId = call("/api/v1/citizen-reports/{id}/accept", sent.id(), "{}", 200, OFFICE).get("problemId")
			.asLong();
		assertThat(jdbc.sql("select unit_id from problem where id = :id").param("id", problemId).query(Long.class).single())
			.isEqualTo(near.point().townId());
	}

	@Test
	void withoutAPlaceTheCategorysDefaultUnitElseTheOfficeMustChoose() throws Exception {
		String category = category("xiantao");
		long categoryId = problems.categoryChoices(cityId("xiantao")).get(0).id();
		CurrentUser office = logins.principal(OFFICE);
		triage.setDefault(office, categoryId, null);
		var sent = report("xiantao", null, null, "仙桃市某路口", List.of());
		JsonNode refused = call("/api/v1/citizen-reports/{id}/accept", sent.id(), "{}", 400, OFFICE);
		assertThat(refused.get("errors").toString()).contains("unitId");
		assertThat(state(sent.id())).isEqualTo("RECEIVED");
		long dept = fixtures.unitOf("xiantao.dept");
		triage.setDefault(office, categoryId, dept);
		assertThat(triage.defaults(office)).anyMatch(d -> d.category().equals(category) && d.unitId() == dept);
		long problemId = call("/api/v1/citizen-reports/{id}/accept", sent.id(), "{}", 200, OFFICE).get("problemId")
			.asLong();
		assertThat(jdbc.sql("select unit_id from problem where id = :id").param("id", problemId).query(Long.class).single())
			.isEqualTo(dept);
		triage.setDefault(office, categoryId, null);
	}

	@Test
	void anotherCitysReportIsNotFoundAndBadBodiesAre400ChangingNothing() throws Exception {
		Point tp = point("tianmen", 1);
		var other = report("tianmen", tp.lat(), tp.lng(), null, List.of());
		call("/api/v1/citizen-reports/{id}/accept", other.id(), "{}", 404, OFFICE);
		call("/api/v1/citizen-reports/{id}/reject", other.id(), "{\"publicReason\":\"不属实\"}", 404, OFFICE);
		assertThat(state(other.id())).isEqualTo("RECEIVED");
		Point p = point("xiantao", 7);
		var own = report("xiantao", p.lat(), p.lng(), null, List.of());
		JsonNode bad = call("/api/v1/citizen-reports/{id}/reject", own.id(), "{}", 400, OFFICE);
		assertThat(bad.get("errors").toString()).contains("publicReason");
		call("/api/v1/citizen-reports/{id}/reject", own.id(), "{\"publicReason\":\"" + "长".repeat(1001) + "\"}", 400,
				OFFICE);
		call("/api/v1/citizen-reports/{id}/merge", own.id(), "{}", 400, OFFICE);
		call("/api/v1/citizen-reports/{id}/merge", own.id(), "{\"problemId\":" + Long.MAX_VALUE + "}", 400, OFFICE);
		call("/api/v1/citizen-reports/{id}/accept", own.id(), "{\"unitId\":" + fixtures.cityRoot("tianmen") + "}", 400,
				OFFICE);
		assertThat(state(own.id())).isEqualTo("RECEIVED");
		assertThat(updates(own.id())).hasSize(1);
		// a liaison of the city may not triage
		call("/api/v1/citizen-reports/{id}/reject", own.id(), "{\"publicReason\":\"x\"}", 403, "xiantao.liaison");
		call("/api/v1/citizen-reports/{id}/reject", own.id(), "{\"publicReason\":\"经核实，该处已有施工围挡，不属于问题。\"}", 204,
				OFFICE);
		assertThat(state(own.id())).isEqualTo("REJECTED");
		assertThat(reports.follow(own.code()).updates()).last()
			.satisfies(u -> assertThat(u.text()).isEqualTo("经核实，该处已有施工围挡，不属于问题。"));
	}

	@Test
	void theListIsPagedAndShowsPersonalDataOnlyWithThePermission() throws Exception {
		Point p = point("xiantao", 9);
		report("xiantao", p.lat(), p.lng(), null, List.of());
		report("xiantao", p.lat(), p.lng(), null, List.of());
		var sent = report("xiantao", p.lat(), p.lng(), null, List.of());
		var response = mvc.perform(get("/api/v1/citizen-reports").param("state", "RECEIVED").param("size", "2")
			.with(logins.as(OFFICE))).andExpect(status().isOk()).andExpect(header().exists("X-Total-Count"))
			.andReturn().getResponse();
		JsonNode page = json.readTree(response.getContentAsString());
		assertThat(page.size()).isLessThanOrEqualTo(2);
		assertThat(response.getHeader("Link")).contains("rel=\"next\"");
		JsonNode first = json.readTree(mvc.perform(get("/api/v1/citizen-reports").param("q", sent.code())
			.with(logins.as(OFFICE))).andReturn().getResponse().getContentAsString()).get(0);
		assertThat(first.get("code").asText()).isEqualTo(sent.code());
		assertThat(first.get("reporterName").asText()).isEqualTo("张三");
		assertThat(first.get("channel").asText()).isEqualTo("WEB");
		CurrentUser office = logins.principal(OFFICE);
		Set<String> without = new HashSet<>(office.permissions());
		without.remove(Permissions.PARTICIPATION_PERSONAL);
		CurrentUser triager = new CurrentUser(office.id(), office.username(), office.displayName(), office.cityId(),
				office.cityCode(), office.cityName(), office.unitId(), office.unitName(), office.roles(), without,
				office.scope(), office.version());
		String body = mvc.perform(get("/api/v1/citizen-reports").param("q", sent.code()).with(Logins.signedIn(triager)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(body).contains(sent.code()).doesNotContain("张三").doesNotContain("13812345678");
		assertThat(json.readTree(body).get(0).get("reporterName").isNull()).isTrue();
		mvc.perform(get("/api/v1/citizen-reports").param("state", "OPEN").with(logins.as(OFFICE)))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/citizen-reports").with(logins.as("tianmen.office")).param("q", sent.code()))
			.andExpect(status().isOk())
			.andExpect(r -> assertThat(r.getResponse().getContentAsString()).isEqualTo("[]"));
	}

	@Test
	void theOfficeEntersHotlineCallsAndReportBoxLetters() throws Exception {
		Point p = point("xiantao", 11);
		String category = category("xiantao");
		JsonNode entered = call("/api/v1/citizen-reports", null, """
				{"channel":"HOTLINE","category":"%s","description":"市民来电：小区门口占道","lat":%s,"lng":%s,
				 "reporterName":"李四","reporterPhone":"0728-1234567"}""".formatted(category, p.lat(), p.lng()), 201, OFFICE);
		long id = entered.get("id").asLong();
		var row = jdbc.sql("select channel, entered_by, reporter_name from citizen_report where id = :id").param("id", id)
			.query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).single();
		assertThat(row).containsExactly("HOTLINE", OFFICE, "李四");
		assertThat(reports.follow(entered.get("code").asText()).toString()).doesNotContain("李四");
		JsonNode bad = call("/api/v1/citizen-reports", null, "{\"channel\":\"WEB\",\"category\":\"" + category
				+ "\",\"description\":\"x\",\"address\":\"某路\"}", 400, OFFICE);
		assertThat(bad.get("errors").toString()).contains("channel");
		bad = call("/api/v1/citizen-reports", null, "{\"channel\":\"REPORT_BOX\",\"category\":\"没有\"}", 400, OFFICE);
		assertThat(bad.get("errors").toString()).contains("category").contains("description").contains("place");
	}

	@Test
	void mergedAndAcceptedReportsFollowTheProblemThroughSigningAndClosing() throws Exception {
		Point p = point("xiantao", 13);
		var first = report("xiantao", p.lat(), p.lng(), null, List.of());
		var second = report("xiantao", p.lat(), p.lng(), null, List.of());
		long liaisonUnit = fixtures.unitOf("xiantao.liaison");
		long problemId = call("/api/v1/citizen-reports/{id}/accept", first.id(), "{\"unitId\":" + liaisonUnit + "}", 200,
				OFFICE).get("problemId").asLong();
		call("/api/v1/citizen-reports/{id}/merge", second.id(), "{\"problemId\":" + problemId + "}", 204, OFFICE);
		assertThat(state(second.id())).isEqualTo("ACCEPTED");
		assertThat(jdbc.sql("select problem_id from citizen_report where id = :id").param("id", second.id())
			.query(Long.class).single()).isEqualTo(problemId);
		CurrentUser liaison = logins.principal("xiantao.liaison");
		problems.sign(liaison, problemId);
		eventually(() -> state(first.id()).equals("RECTIFYING") && state(second.id()).equals("RECTIFYING"));
		assertThat(updates(first.id())).last().isEqualTo("承办单位已签收，正在整改。");
		problems.rectify(liaison, problemId, "已清理",
				List.of(new Upload("after.jpg", new ByteArrayInputStream(jpeg()))));
		problems.verify(logins.principal(OFFICE), problemId, Problems.Decision.PASS, null);
		eventually(() -> state(first.id()).equals("SOLVED") && state(second.id()).equals("SOLVED"));
		assertThat(updates(second.id())).last().isEqualTo("已整改完成，经核查通过，问题已解决。");
		assertThat(jdbc.sql("select closed_at from citizen_report where id = :id").param("id", first.id())
			.query(java.sql.Timestamp.class).single()).isNotNull();
		assertThat(reports.follow(first.code()).updates()).extracting(PublicReport.Update::state)
			.containsExactly(ReportState.RECEIVED, ReportState.ACCEPTED, ReportState.RECTIFYING, ReportState.SOLVED);
		// a closed problem takes no more reports
		var third = report("xiantao", p.lat(), p.lng(), null, List.of());
		call("/api/v1/citizen-reports/{id}/merge", third.id(), "{\"problemId\":" + problemId + "}", 400, OFFICE);
	}

	@Test
	void aReportMergedIntoAProblemItsUnitSignedForIsInRectificationAtOnce() throws Exception {
		Point p = point("xiantao", 15);
		var first = report("xiantao", p.lat(), p.lng(), null, List.of());
		long problemId = call("/api/v1/citizen-reports/{id}/accept", first.id(),
				"{\"unitId\":" + fixtures.unitOf("xiantao.liaison") + "}", 200, OFFICE).get("problemId").asLong();
		problems.sign(logins.principal("xiantao.liaison"), problemId);
		eventually(() -> state(first.id()).equals("RECTIFYING"));
		var late = report("xiantao", p.lat(), p.lng(), null, List.of());
		call("/api/v1/citizen-reports/{id}/merge", late.id(), "{\"problemId\":" + problemId + "}", 204, OFFICE);
		assertThat(state(late.id())).isEqualTo("RECTIFYING");
		assertThat(reports.follow(late.code()).updates()).extracting(PublicReport.Update::state)
			.containsExactly(ReportState.RECEIVED, ReportState.ACCEPTED, ReportState.RECTIFYING);
		// another city's problem is not one to merge into
		long tianmenProblem = jdbc.sql("select min(p.id) from problem p join city c on c.id = p.city_id where c.code = 'tianmen'")
			.query(Long.class).single();
		var third = report("xiantao", p.lat(), p.lng(), null, List.of());
		call("/api/v1/citizen-reports/{id}/merge", third.id(), "{\"problemId\":" + tianmenProblem + "}", 400, OFFICE);
		assertThat(state(third.id())).isEqualTo("RECEIVED");
	}

}
