package cn.chuangwen.inspections;

import static cn.chuangwen.support.ReviewFixtures.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.inspections.internal.SampleDraw;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.shared.PeriodCode;
import cn.chuangwen.support.Logins;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Issue 9 §2, §5, §6: inspection plans through the API: make, draw, redraw, list, read, close, bad input. */
@IntegrationTest
@RecordApplicationEvents
class PlansApiIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	OrgFixtures fixtures;

	@Autowired
	InspectionPlans plans;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	ApplicationEvents events;

	PeriodCode period(String city) {
		return plans.currentPeriod(fixtures.cityId(city));
	}

	/** A plan of xiantao for the current period, with the given points part and inspectors. */
	String body(String kind, String points, String inspectors) {
		PeriodCode p = period("xiantao");
		return """
				{"kind": "%s", "name": "接口测试计划", "period": "%s", "startDate": "%s", "endDate": "%s", %s,
				 "inspectors": [%s]}""".formatted(kind, p.text(), p.start(), p.lastDay(), points, inspectors);
	}

	static String sample(String types, int size, Long seed) {
		return "\"sample\": {\"pointTypes\": [" + types + "], \"size\": " + size + (seed == null ? "" : ", \"seed\": " + seed)
				+ "}";
	}

	MockHttpServletResponse send(String account, String body) throws Exception {
		return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/inspection-plans")
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.with(logins.as(account))).andReturn().getResponse();
	}

	JsonNode created(String account, String body) throws Exception {
		MockHttpServletResponse r = send(account, body);
		assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(201);
		JsonNode node = json.readTree(r.getContentAsString());
		assertThat(r.getHeader("Location")).isEqualTo("/api/v1/inspection-plans/" + node.get("id").asLong());
		return node;
	}

	long plans() {
		return jdbc.sql("select count(*) from inspection_plan").query(Long.class).single();
	}

	static List<Long> ids(JsonNode array) {
		List<Long> ids = new ArrayList<>();
		array.forEach(n -> ids.add(n.asLong()));
		return ids;
	}

	List<Long> activeOfType(String city, String type) {
		return jdbc.sql("""
				select f.id from field_point f join city c on c.id = f.city_id
				where c.code = :c and f.point_type = :t and f.active = true order by f.code""")
			.param("c", city)
			.param("t", type)
			.query(Long.class)
			.list();
	}

	@Test
	void theOfficeDrawsASampleWithAStoredSeedThatRedrawsTheSame() throws Exception {
		List<Long> candidates = activeOfType("xiantao", "MARKET");
		JsonNode plan = created("xiantao.office",
				body("UNANNOUNCED", sample("\"MARKET\"", 5, 20261201L), "\"xiantao.inspector\""));
		long id = plan.get("id").asLong();
		assertThat(plan.get("seed").asLong()).isEqualTo(20261201L);
		assertThat(ids(plan.get("fieldPointIds"))).hasSize(5).doesNotHaveDuplicates()
			.isEqualTo(SampleDraw.draw(candidates, 5, 20261201L));
		// stored: size, seed, candidates and their digest, the scope, the inspector
		assertThat(jdbc.sql("select sample_size || '/' || seed || '/' || candidate_count || '/' || candidate_digest || '/' || state"
				+ " from inspection_plan where id = :id").param("id", id).query(String.class).single())
			.isEqualTo("5/20261201/" + candidates.size() + "/" + SampleDraw.digest(candidates) + "/OPEN");
		assertThat(jdbc.sql("select scope_kind || ':' || scope_value from inspection_plan_scope where plan_id = :id")
			.param("id", id).query(String.class).list()).containsExactly("POINT_TYPE:MARKET");
		assertThat(jdbc.sql("select count(*) from inspection_plan_inspector where plan_id = :id").param("id", id)
			.query(Long.class).single()).isEqualTo(1);
		// traced, naming no unit
		String trace = jdbc.sql("select changes from audit_event where action = 'PLAN_CREATE' and object_id = :id")
			.param("id", Long.toString(id)).query(String.class).single();
		assertThat(trace).contains("20261201", "暗访", "xiantao.inspector").doesNotContain("街道", "办事处");

		// the same seed again: the same points
		JsonNode again = created("xiantao.office",
				body("ANNOUNCED", sample("\"MARKET\"", 5, 20261201L), "\"xiantao.inspector\""));
		assertThat(ids(again.get("fieldPointIds"))).isEqualTo(ids(plan.get("fieldPointIds")));
		// without a seed one is made up, and stored
		JsonNode fresh = created("xiantao.office", body("ANNOUNCED", sample("\"MARKET\"", 5, null), "\"xiantao.inspector\""));
		long seed = fresh.get("seed").asLong();
		assertThat(ids(fresh.get("fieldPointIds"))).isEqualTo(SampleDraw.draw(candidates, 5, seed));

		// the redraw check: it matches, the register has not changed
		JsonNode check = json.readTree(mvc.perform(get("/api/v1/inspection-plans/{id}/draw", id)
			.with(logins.as("xiantao.office"))).andReturn().getResponse().getContentAsString());
		assertThat(check.get("matches").asBoolean()).isTrue();
		assertThat(check.get("registerChanged").asBoolean()).isFalse();
		assertThat(check.get("seed").asLong()).isEqualTo(20261201L);
		assertThat(check.get("candidateCount").asInt()).isEqualTo(candidates.size());
		// a candidate taken out of use: the register changed since the draw, and the check says so
		long removed = candidates.get(0);
		jdbc.sql("update field_point set active = false where id = :id").param("id", removed).update();
		try {
			check = json.readTree(mvc.perform(get("/api/v1/inspection-plans/{id}/draw", id)
				.with(logins.as("xiantao.office"))).andReturn().getResponse().getContentAsString());
			assertThat(check.get("registerChanged").asBoolean()).isTrue();
			assertThat(check.get("candidatesNow").asInt()).isEqualTo(candidates.size() - 1);
		}
		finally {
			jdbc.sql("update field_point set active = true where id = :id").param("id", removed).update();
		}
		// only the office redraws
		assertThat(mvc.perform(get("/api/v1/inspection-plans/{id}/draw", id).with(logins.as("xiantao.inspector")))
			.andReturn().getResponse().getStatus()).isEqualTo(403);
		assertThat(mvc.perform(get("/api/v1/inspection-plans/{id}/draw", id).with(logins.as("tianmen.office")))
			.andReturn().getResponse().getStatus()).isEqualTo(404);
	}

	@Test
	void pointsChosenByHandAreStoredWithoutASeedAndTheInspectorIsTold() throws Exception {
		List<Long> chosen = activeOfType("xiantao", "PUBLIC_TOILET").subList(0, 3);
		String ids = chosen.stream().map(String::valueOf).collect(Collectors.joining(", "));
		JsonNode plan = created("xiantao.office",
				body("ANNOUNCED", "\"fieldPointIds\": [" + ids + "]", "\"xiantao.inspector\", \"xiantao.inspector2\""));
		long id = plan.get("id").asLong();
		assertThat(plan.get("seed").isNull()).isTrue();
		assertThat(ids(plan.get("fieldPointIds"))).isEqualTo(chosen);
		JsonNode detail = json.readTree(mvc.perform(get("/api/v1/inspection-plans/{id}", id)
			.with(logins.as("xiantao.office"))).andReturn().getResponse().getContentAsString());
		assertThat(detail.get("kind").asString()).isEqualTo("ANNOUNCED");
		assertThat(detail.get("state").asString()).isEqualTo("OPEN");
		assertThat(detail.get("inspectors").toString()).contains("xiantao.inspector", "xiantao.inspector2");
		assertThat(detail.get("points")).hasSize(3);
		assertThat(detail.get("points").get(0).get("unitName").asString()).isNotBlank();
		assertThat(detail.get("points").get(0).get("townName").asString()).isNotBlank();
		assertThat(detail.get("inspectedCount").asInt()).isZero();
		assertThat(detail.get("sample").isNull()).isTrue();
		// both inspectors are told, nobody else
		long inspector2 = fixtures.userId("xiantao.inspector2");
		eventually(() -> notices(id).size() == 2);
		assertThat(notices(id)).containsExactlyInAnyOrder(fixtures.userId("xiantao.inspector"), inspector2);
		assertThat(jdbc.sql("select title from notification where user_id = :u and link = :l")
			.param("u", inspector2).param("l", "/inspections/plans/" + id).query(String.class).single())
			.isEqualTo("新的检查任务：接口测试计划");
	}

	List<Long> notices(long planId) {
		return jdbc.sql("select user_id from notification where kind = 'PLAN_ASSIGNED' and link = :l")
			.param("l", "/inspections/plans/" + planId)
			.query(Long.class)
			.list();
	}

	@Test
	void closingARoundTracesItPublishesTheEventAndASecondCloseIsAConflict() throws Exception {
		long id = created("xiantao.office", body("UNANNOUNCED", sample("\"BACK_STREET\"", 3, 7L), "\"xiantao.inspector\""))
			.get("id").asLong();
		assertThat(mvc.perform(post("/api/v1/inspection-plans/{id}/close", id).with(logins.as("xiantao.inspector")))
			.andReturn().getResponse().getStatus()).isEqualTo(403);
		assertThat(mvc.perform(post("/api/v1/inspection-plans/{id}/close", id).with(logins.as("tianmen.office")))
			.andReturn().getResponse().getStatus()).isEqualTo(404);
		MockHttpServletResponse closed = mvc.perform(post("/api/v1/inspection-plans/{id}/close", id)
			.with(logins.as("xiantao.office"))).andReturn().getResponse();
		assertThat(closed.getStatus()).isEqualTo(200);
		assertThat(json.readTree(closed.getContentAsString()).get("state").asString()).isEqualTo("CLOSED");
		assertThat(jdbc.sql("select state || '/' || closed_by from inspection_plan where id = :id").param("id", id)
			.query(String.class).single()).isEqualTo("CLOSED/xiantao.office");
		assertThat(events.stream(InspectionRoundClosed.class).filter(e -> e.planId() == id).toList())
			.containsExactly(new InspectionRoundClosed(fixtures.cityId("xiantao"), id, PlanKind.UNANNOUNCED));
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'PLAN_CLOSE' and object_id = :id")
			.param("id", Long.toString(id)).query(Long.class).single()).isEqualTo(1);
		MockHttpServletResponse again = mvc.perform(post("/api/v1/inspection-plans/{id}/close", id)
			.with(logins.as("xiantao.office"))).andReturn().getResponse();
		assertThat(again.getStatus()).isEqualTo(409);
		assertThat(again.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(again.getContentAsString()).contains("这一轮检查已经结束");
	}

	@Test
	void theListIsPagedFilteredAndAnotherCitysPlanIsNotFound() throws Exception {
		long id = created("xiantao.office", body("ANNOUNCED", sample("\"MAIN_ROAD\"", 2, 1L), "\"xiantao.inspector\""))
			.get("id").asLong();
		created("xiantao.office", body("ANNOUNCED", sample("\"MAIN_ROAD\"", 2, 2L), "\"xiantao.inspector\""));
		MockHttpServletResponse page = mvc.perform(get("/api/v1/inspection-plans").param("size", "1")
			.with(logins.as("xiantao.office"))).andReturn().getResponse();
		assertThat(page.getStatus()).isEqualTo(200);
		long total = jdbc.sql("select count(*) from inspection_plan p join city c on c.id = p.city_id where c.code = 'xiantao'")
			.query(Long.class).single();
		assertThat(page.getHeader("X-Total-Count")).isEqualTo(Long.toString(total));
		assertThat(page.getHeader("Link")).contains("rel=\"next\"");
		JsonNode first = json.readTree(page.getContentAsString()).get(0);
		for (String field : List.of("id", "kind", "name", "period", "state", "startDate", "endDate", "inspectors")) {
			assertThat(first.has(field)).as(field).isTrue();
		}
		JsonNode announced = json.readTree(mvc.perform(get("/api/v1/inspection-plans").param("kind", "ANNOUNCED")
			.param("size", "500").with(logins.as("xiantao.office"))).andReturn().getResponse().getContentAsString());
		announced.forEach(p -> assertThat(p.get("kind").asString()).isEqualTo("ANNOUNCED"));
		assertThat(announced.toString()).contains("\"id\":" + id);
		MockHttpServletResponse bad = mvc.perform(get("/api/v1/inspection-plans").param("kind", "SECRET").param("period", "nope")
			.with(logins.as("xiantao.office"))).andReturn().getResponse();
		assertThat(bad.getStatus()).isEqualTo(400);
		assertThat(bad.getContentAsString()).contains("\"field\":\"kind\"", "\"field\":\"period\"");
		// another city's office: not in its list, not found by id
		assertThat(mvc.perform(get("/api/v1/inspection-plans").param("size", "500").with(logins.as("tianmen.office")))
			.andReturn().getResponse().getContentAsString()).doesNotContain("\"id\":" + id + ",");
		assertThat(mvc.perform(get("/api/v1/inspection-plans/{id}", id).with(logins.as("tianmen.office"))).andReturn()
			.getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(get("/api/v1/inspection-plans/{id}", Long.MAX_VALUE).with(logins.as("xiantao.office")))
			.andReturn().getResponse().getStatus()).isEqualTo(404);
		// the leader and the supervisor read no plans at all
		for (String account : List.of("xiantao.leader", "xiantao.supervisor")) {
			assertThat(mvc.perform(get("/api/v1/inspection-plans").with(logins.as(account))).andReturn().getResponse()
				.getStatus()).as(account).isEqualTo(403);
		}
	}

	@Test
	void badInputOfEveryKindIsA400NamingItsFieldAndStoresNothing() throws Exception {
		PeriodCode p = period("xiantao");
		String inspector = "\"xiantao.inspector\"";
		String market = sample("\"MARKET\"", 2, 1L);
		long otherCityPoint = activeOfType("tianmen", "MARKET").get(0);
		long ownPoint = activeOfType("xiantao", "MARKET").get(0);
		long inactive = jdbc.sql("select min(f.id) from field_point f join city c on c.id = f.city_id where c.code = 'xiantao'")
			.query(Long.class).single();
		String wrongKind = p.kind() == PeriodCode.Kind.MONTH ? p.start().getYear() + "-B6" : p.start().getYear() + "-11";
		long tianmenTown = jdbc.sql("select min(u.id) from unit u join city c on c.id = u.city_id where c.code = 'tianmen'"
				+ " and u.kind in ('TOWN', 'SUBDISTRICT')").query(Long.class).single();
		Object[][] cases = {
				{ body("SECRET", market, inspector), "kind" },
				{ body("ANNOUNCED", market, inspector).replace("接口测试计划", " "), "name" },
				{ body("ANNOUNCED", market, inspector).replace("接口测试计划", "长".repeat(201)), "name" },
				{ body("ANNOUNCED", market, inspector).replace("\"" + p.text() + "\"", "\"2026-13\""), "period" },
				{ body("ANNOUNCED", market, inspector).replace("\"" + p.text() + "\"", "\"" + wrongKind + "\""), "period" },
				{ body("ANNOUNCED", market, inspector).replace("\"" + p.start() + "\"", "\"" + p.start().minusDays(1) + "\""),
						"startDate" },
				{ body("ANNOUNCED", market, inspector).replace("\"" + p.start() + "\"", "\"" + p.lastDay() + "\"")
					.replace("\"endDate\": \"" + p.lastDay() + "\"", "\"endDate\": \"" + p.start() + "\""), "endDate" },
				{ body("ANNOUNCED", market, inspector).replace("\"" + p.start() + "\"", "\"12/01/2026\""), "startDate" },
				{ body("ANNOUNCED", market, ""), "inspectors" },
				{ body("ANNOUNCED", market, "\"nobody.here\""), "inspectors" },
				{ body("ANNOUNCED", market, "\"xiantao.liaison\""), "inspectors" },
				{ body("ANNOUNCED", market, "\"tianmen.inspector\""), "inspectors" },
				{ body("ANNOUNCED", market, inspector + ", " + inspector), "inspectors" },
				{ body("ANNOUNCED", "\"fieldPointIds\": [" + ownPoint + "], " + market, inspector), "fieldPointIds" },
				{ body("ANNOUNCED", "\"fieldPointIds\": []", inspector), "fieldPointIds" },
				{ body("ANNOUNCED", "\"fieldPointIds\": [" + ownPoint + ", " + ownPoint + "]", inspector), "fieldPointIds" },
				{ body("ANNOUNCED", "\"fieldPointIds\": [" + otherCityPoint + "]", inspector), "fieldPointIds" },
				{ body("ANNOUNCED", "\"fieldPointIds\": [" + Long.MAX_VALUE + "]", inspector), "fieldPointIds" },
				{ body("ANNOUNCED", sample("\"MARKET\"", 0, null), inspector), "sample.size" },
				{ body("ANNOUNCED", sample("\"MARKET\"", activeOfType("xiantao", "MARKET").size() + 1, null), inspector),
						"sample.size" },
				{ body("ANNOUNCED", sample("\"MARKET\"", 10_000, null), inspector), "sample.size" },
				{ body("ANNOUNCED", sample("\"MARKET\"", 100_000_000, null), inspector), "sample.size" },
				{ body("ANNOUNCED", sample("\"TAXI\"", 1, null), inspector), "sample.size" },
				{ body("ANNOUNCED", sample("\"NOT_A_TYPE\"", 1, null), inspector), "sample.pointTypes" },
				{ body("ANNOUNCED", sample("", 1, null), inspector), "sample.pointTypes" },
				{ body("ANNOUNCED", "\"sample\": {\"pointTypes\": [\"MARKET\"], \"towns\": [" + tianmenTown + "], \"size\": 1}",
						inspector), "sample.towns" },
				{ body("ANNOUNCED", "\"sample\": {\"pointTypes\": [\"MARKET\"], \"units\": [" + Long.MAX_VALUE + "], \"size\": 1}",
						inspector), "sample.units" } };
		long before = plans();
		List<String> refused = new ArrayList<>();
		for (Object[] c : cases) {
			MockHttpServletResponse r = send("xiantao.office", (String) c[0]);
			assertThat(r.getStatus()).as(c[1] + ": " + r.getContentAsString()).isEqualTo(400);
			assertThat(r.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			assertThat(r.getContentAsString()).as((String) c[0]).contains("\"field\":\"" + c[1] + "\"");
			refused.add(r.getContentAsString());
		}
		assertThat(plans()).isEqualTo(before);
		assertThat(String.join("\n", refused)).contains("本市按月考核", "超过了范围内的点位数", "没有在用的点位")
			.contains("编号 " + Long.MAX_VALUE + " 不是本市在用的单位");
		// an inactive point
		jdbc.sql("update field_point set active = false where id = :id").param("id", inactive).update();
		try {
			MockHttpServletResponse r = send("xiantao.office",
					body("ANNOUNCED", "\"fieldPointIds\": [" + inactive + "]", inspector));
			assertThat(r.getStatus()).isEqualTo(400);
		}
		finally {
			jdbc.sql("update field_point set active = true where id = :id").param("id", inactive).update();
		}
		// not JSON at all, and someone who is not the office
		assertThat(send("xiantao.office", "{nope").getStatus()).isEqualTo(400);
		assertThat(send("xiantao.inspector", body("ANNOUNCED", market, inspector)).getStatus()).isEqualTo(403);
		assertThat(plans()).isEqualTo(before);
	}

}
