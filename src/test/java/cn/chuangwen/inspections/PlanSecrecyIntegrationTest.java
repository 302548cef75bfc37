package cn.chuangwen.inspections;

import static cn.chuangwen.support.ReviewFixtures.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.List;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.audit.AuditEventView;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.shared.PeriodCode;
import cn.chuangwen.support.Logins;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 9 §2: an unannounced plan is secret until its round closes. Every path a plan could show
 * through (the API list, its count, a plan by id, the draw check, the plan pages, notifications, the
 * trace on unit records and the audit pages, the point's own page, the home page) is tried with the
 * liaison of the unit whose point is in the plan, with an inspector not on the plan, with the city's
 * leader and with another city's office. Then the round closes and the unit sees its part of it.
 */
@IntegrationTest
class PlanSecrecyIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	OrgFixtures fixtures;

	@Autowired
	InspectionPlans plans;

	@Autowired
	AuditTrail audit;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	static final String LIAISON = "xiantao.liaison", OTHER_INSPECTOR = "xiantao.inspector2", LEADER = "xiantao.leader",
			OTHER_CITY = "tianmen.office", OTHER_CITY_INSPECTOR = "tianmen.inspector", INSPECTOR = "xiantao.inspector";

	/** Those who must not learn of an open unannounced plan; the leader reads no plans at all. */
	static final List<String> OUTSIDERS = List.of(LIAISON, OTHER_INSPECTOR, OTHER_CITY, OTHER_CITY_INSPECTOR, "xiantao.dept");

	String name;

	long planId;

	long liaisonPoint;

	long liaisonUnit;

	@BeforeEach
	void anUnannouncedPlanCoveringAPointOfTheLiaisonsUnit() {
		name = "暗访保密测试" + OrgFixtures.unique().substring(0, 6);
		liaisonUnit = fixtures.unitOf(LIAISON);
		liaisonPoint = jdbc.sql("""
				select min(f.id) from field_point f join unit u on u.id = f.unit_id where f.active = true and u.path like :p""")
			.param("p", fixtures.path(liaisonUnit) + "%").query(Long.class).single();
		long otherPoint = jdbc.sql("""
				select min(f.id) from field_point f join unit u on u.id = f.unit_id
				where f.city_id = :c and f.active = true and u.path not like :p""")
			.param("c", fixtures.cityId("xiantao"))
			.param("p", fixtures.path(liaisonUnit) + "%")
			.query(Long.class).single();
		PeriodCode p = plans.currentPeriod(fixtures.cityId("xiantao"));
		planId = plans.create(logins.principal("xiantao.office"), new PlanDraft("UNANNOUNCED", name, p.text(),
				p.start().toString(), p.lastDay().toString(), List.of(liaisonPoint, otherPoint), null, List.of(INSPECTOR)))
			.id();
	}

	MockHttpServletResponse call(String account, String path) throws Exception {
		return mvc.perform(get(path).with(logins.as(account))).andReturn().getResponse();
	}

	@Test
	void anOpenUnannouncedPlanIsInvisibleOnEveryPath() throws Exception {
		SoftAssertions softly = new SoftAssertions();
		for (String who : OUTSIDERS) {
			// the API list and its count
			MockHttpServletResponse list = call(who, "/api/v1/inspection-plans?size=500");
			softly.assertThat(list.getStatus()).as(who + " list").isEqualTo(200);
			JsonNode items = json.readTree(list.getContentAsString());
			softly.assertThat(list.getContentAsString()).as(who + " list").doesNotContain(name, "\"id\":" + planId + ",");
			softly.assertThat(Long.parseLong(list.getHeader("X-Total-Count"))).as(who + " count").isEqualTo(items.size());
			MockHttpServletResponse filtered = call(who, "/api/v1/inspection-plans?kind=UNANNOUNCED&state=OPEN");
			softly.assertThat(filtered.getContentAsString()).as(who + " open unannounced").doesNotContain(name);
			if (who.equals(LIAISON) || who.equals("xiantao.dept")) {
				// a unit never counts an open unannounced plan, whoever made it
				softly.assertThat(filtered.getHeader("X-Total-Count")).as(who + " open unannounced count").isEqualTo("0");
			}
			// the plan by id, its draw, its pages: as if it did not exist
			softly.assertThat(call(who, "/api/v1/inspection-plans/" + planId).getStatus()).as(who + " by id").isEqualTo(404);
			softly.assertThat(call(who, "/inspections/plans/" + planId).getStatus()).as(who + " page").isEqualTo(404);
			softly.assertThat(call(who, "/api/v1/inspection-plans/" + planId + "/draw").getStatus()).as(who + " draw")
				.isIn(403, 404);
			softly.assertThat(call(who, "/inspections/plans").getContentAsString()).as(who + " list page").doesNotContain(name);
			softly.assertThat(export(who)).as(who + " export").doesNotContain(name);
			// home, notifications, the point's own page
			softly.assertThat(call(who, "/").getContentAsString()).as(who + " home").doesNotContain(name);
			softly.assertThat(call(who, "/notifications").getContentAsString()).as(who + " notifications")
				.doesNotContain(name);
		}
		// the leader reads no plans at all
		softly.assertThat(call(LEADER, "/api/v1/inspection-plans").getStatus()).isEqualTo(403);
		softly.assertThat(call(LEADER, "/api/v1/inspection-plans/" + planId).getStatus()).isEqualTo(403);
		softly.assertThat(call(LEADER, "/inspections/plans/" + planId).getStatus()).isEqualTo(403);
		softly.assertThat(call(LEADER, "/").getContentAsString()).doesNotContain(name);
		softly.assertThat(call(LIAISON, "/inspections/points/" + liaisonPoint).getContentAsString()).doesNotContain(name, "检查计划");
		softly.assertAll();
	}

	/** The text of every cell of the account's plan export. */
	String export(String account) throws Exception {
		MockHttpServletResponse r = call(account, "/inspections/plans/export.xlsx");
		assertThat(r.getStatus()).as(account + " export").isEqualTo(200);
		StringBuilder text = new StringBuilder();
		try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(r.getContentAsByteArray()))) {
			book.getSheetAt(0).forEach(row -> row.forEach(cell -> text.append(cell.toString()).append('|')));
		}
		return text.toString();
	}

	@Test
	void onlyThePlansInspectorIsToldAndTheTraceNamesNoUnitAndStaysOffUnitRecords() throws Exception {
		eventually(() -> told().size() == 1);
		assertThat(told()).containsExactly(fixtures.userId(INSPECTOR));
		assertThat(call(INSPECTOR, "/notifications").getContentAsString()).contains(name);
		String unitName = jdbc.sql("select name from unit where id = :u").param("u", liaisonUnit).query(String.class).single();
		// the plan's trace: no unit, no point
		List<AuditEventView> history = audit.historyOf("inspection_plan", Long.toString(planId), 50);
		assertThat(history).isNotEmpty();
		assertThat(history.toString()).doesNotContain(unitName)
			.doesNotContain(jdbc.sql("select code from field_point where id = :p").param("p", liaisonPoint)
				.query(String.class).single());
		// the liaison probing it leaves an ACCESS_DENIED of its own, yet neither that nor the plan's events
		// reach the unit's record
		call(LIAISON, "/api/v1/inspection-plans/" + planId);
		for (long unit : List.of(liaisonUnit, fixtures.cityRoot("xiantao"))) {
			assertThat(audit.recentForUnit(unit, 1000)).as("unit " + unit)
				.noneMatch(e -> "inspection_plan".equals(e.objectType()));
		}
		assertThat(call(LIAISON, "/units/" + liaisonUnit + "?tab=trace").getContentAsString()).doesNotContain(name, "检查计划");
		assertThat(call(LIAISON, "/audit").getStatus()).isEqualTo(403);
		assertThat(call(LIAISON, "/api/v1/audit/verify").getStatus()).isEqualTo(403);
	}

	List<Long> told() {
		return jdbc.sql("select user_id from notification where link = :l")
			.param("l", "/inspections/plans/" + planId)
			.query(Long.class)
			.list();
	}

	@Test
	void thePlansOwnInspectorSeesItWithoutTheDrawAndTheOfficeWithIt() throws Exception {
		MockHttpServletResponse list = call(INSPECTOR, "/api/v1/inspection-plans?size=500");
		assertThat(list.getContentAsString()).contains(name);
		JsonNode own = json.readTree(call(INSPECTOR, "/api/v1/inspection-plans/" + planId).getContentAsString());
		assertThat(own.get("points")).hasSize(2);
		assertThat(own.get("sample").isNull()).isTrue();
		assertThat(call(INSPECTOR, "/inspections/plans/" + planId).getContentAsString()).contains(name)
			.doesNotContain("close-plan");
		assertThat(call("xiantao.office", "/inspections/plans/" + planId).getContentAsString()).contains(name, "close-plan");
		assertThat(export("xiantao.office")).contains(name, "暗访", "进行中", "仙桃市督查员");
		assertThat(export(INSPECTOR)).contains(name);
		// an inspector's list holds only its own plans
		JsonNode mine = json.readTree(call(OTHER_INSPECTOR, "/api/v1/inspection-plans?size=500").getContentAsString());
		for (JsonNode p : mine) {
			assertThat(p.get("inspectors").toString()).contains(OTHER_INSPECTOR);
		}
	}

	@Test
	void anotherInspectorIsRefusedAnAnnouncedPlanButNotToldAnUnannouncedOneExists() throws Exception {
		PeriodCode p = plans.currentPeriod(fixtures.cityId("xiantao"));
		long announced = plans.create(logins.principal("xiantao.office"), new PlanDraft("ANNOUNCED", name + "明查", p.text(),
				p.start().toString(), p.lastDay().toString(), List.of(liaisonPoint), null, List.of(INSPECTOR))).id();
		assertThat(call(OTHER_INSPECTOR, "/api/v1/inspection-plans/" + announced).getStatus()).isEqualTo(403);
		assertThat(call(OTHER_INSPECTOR, "/inspections/plans/" + announced).getStatus()).isEqualTo(403);
		assertThat(call(OTHER_INSPECTOR, "/api/v1/inspection-plans/" + planId).getStatus()).isEqualTo(404);
		// the unit knows an announced round is coming: it sees the plan and its own point only
		JsonNode seen = json.readTree(call(LIAISON, "/api/v1/inspection-plans/" + announced).getContentAsString());
		assertThat(seen.get("points")).hasSize(1);
		assertThat(seen.get("inspectors")).isEmpty();
	}

	@Test
	void afterTheRoundClosesTheUnitSeesThePlanWithItsOwnPointsOnly() throws Exception {
		plans.close(logins.principal("xiantao.office"), planId);
		MockHttpServletResponse list = call(LIAISON, "/api/v1/inspection-plans?size=500");
		assertThat(list.getContentAsString()).contains(name);
		JsonNode plan = json.readTree(call(LIAISON, "/api/v1/inspection-plans/" + planId).getContentAsString());
		assertThat(plan.get("state").asString()).isEqualTo("CLOSED");
		assertThat(plan.get("points")).hasSize(1);
		assertThat(plan.get("points").get(0).get("id").asLong()).isEqualTo(liaisonPoint);
		assertThat(plan.get("inspectors")).isEmpty();
		assertThat(plan.get("sample").isNull()).isTrue();
		assertThat(call(LIAISON, "/inspections/plans/" + planId).getContentAsString()).contains(name)
			.doesNotContain("close-plan", "plan-draw");
		// other units, other inspectors, other cities: still nothing
		assertThat(call(OTHER_CITY, "/api/v1/inspection-plans/" + planId).getStatus()).isEqualTo(404);
		assertThat(call(OTHER_INSPECTOR, "/api/v1/inspection-plans/" + planId).getStatus()).isEqualTo(403);
	}

}
