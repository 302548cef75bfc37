package cn.chuangwen.organization.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitDraft;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.support.Logins;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The unit API and the unit rules behind it: create, read, edit, move, deactivate (B3, G1). */
@IntegrationTest
class UnitApiIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	Units units;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	MessageSource messages;

	@Autowired
	OrgFixtures fixtures;

	@Autowired
	AuditTrail audit;

	@Autowired
	TransactionTemplate tx;

	long firstTown;

	@BeforeEach
	void setUp() {
		firstTown = fixtures.unitOf("xiantao.liaison");
	}

	@Test
	void aCityOfficeCreatesACommunityAndReadsItBack() throws Exception {
		String code = "T-C-" + OrgFixtures.unique();
		MockHttpServletResponse created = office(post("/api/v1/units"), body(Map.of("code", code, "name", "测试社区",
				"kind", "COMMUNITY", "parentId", firstTown, "liaisonPhone", "13800000000")));
		assertThat(created.getStatus()).isEqualTo(201);
		JsonNode unit = json.readTree(created.getContentAsString());
		long id = unit.get("id").asLong();
		assertThat(created.getHeader(HttpHeaders.LOCATION)).isEqualTo("/api/v1/units/" + id);
		assertThat(unit.get("version").asInt()).isZero();

		MockHttpServletResponse read = mvc.perform(get(created.getHeader(HttpHeaders.LOCATION)).with(logins.as("xiantao.office")))
			.andReturn()
			.getResponse();
		assertThat(read.getStatus()).isEqualTo(200);
		JsonNode again = json.readTree(read.getContentAsString());
		assertThat(again.get("code").asString()).isEqualTo(code);
		assertThat(again.get("name").asString()).isEqualTo("测试社区");
		assertThat(again.get("kind").asString()).isEqualTo("COMMUNITY");
		assertThat(again.get("parentId").asLong()).isEqualTo(firstTown);
		assertThat(again.get("cityCode").asString()).isEqualTo("xiantao");
		assertThat(again.get("active").asBoolean()).isTrue();
		assertThat(fixtures.path(id)).isEqualTo(fixtures.path(firstTown) + id + "/");
		assertThat(fixtures.auditCount("UNIT_CREATE", String.valueOf(id))).isEqualTo(1);
		// the liaison of that town sees it, the liaison of a department does not
		assertThat(status(get("/api/v1/units/{id}", id), "xiantao.liaison")).isEqualTo(200);
		assertThat(status(get("/api/v1/units/{id}", id), "xiantao.dept")).isEqualTo(404);
	}

	@Test
	void aDuplicateCodeIsAFieldErrorInTheCallersLanguage() throws Exception {
		String code = "T-D-" + OrgFixtures.unique();
		Map<String, Object> draft = Map.of("code", code, "name", "重复社区", "kind", "社区", "parentId", firstTown);
		assertThat(office(post("/api/v1/units"), body(draft)).getStatus()).isEqualTo(201);
		int before = fixtures.countUnits();

		MockHttpServletResponse chinese = office(post("/api/v1/units"), body(draft));
		assertThat(chinese.getStatus()).isEqualTo(400);
		assertThat(chinese.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		JsonNode zh = json.readTree(chinese.getContentAsString());
		assertThat(zh.get("status").asInt()).isEqualTo(400);
		assertThat(zh.get("errors").values()).hasSize(1);
		assertThat(zh.get("errors").get(0).get("field").asString()).isEqualTo("code");
		assertThat(zh.get("errors").get(0).get("message").asString())
			.isEqualTo("编码 " + code + " 在本市已被使用。")
			.isEqualTo(messages.getMessage("unit.error.code.duplicate", new Object[] { code }, Locale.SIMPLIFIED_CHINESE));

		MockHttpServletResponse english = office(post("/api/v1/units?lang=en"), body(draft));
		assertThat(english.getStatus()).isEqualTo(400);
		JsonNode en = json.readTree(english.getContentAsString());
		assertThat(en.get("errors").get(0).get("field").asString()).isEqualTo("code");
		assertThat(en.get("errors").get(0).get("message").asString())
			.isEqualTo("Code " + code + " is already used in this city.");
		assertThat(fixtures.countUnits()).isEqualTo(before);
	}

	@Test
	void everyProblemOfADraftIsReportedAtOnce() throws Exception {
		int before = fixtures.countUnits();
		MockHttpServletResponse response = office(post("/api/v1/units"),
				body(Map.of("code", "bad code!", "name", "", "kind", "COMMUNITY", "parentId", firstTown, "liaisonPhone",
						"call me")));
		assertThat(response.getStatus()).isEqualTo(400);
		List<String> fields = json.readTree(response.getContentAsString())
			.get("errors")
			.values()
			.stream()
			.map(e -> e.get("field").asString())
			.toList();
		assertThat(fields).contains("code", "name", "liaisonPhone");
		assertThat(fixtures.countUnits()).isEqualTo(before);

		MockHttpServletResponse unknownKind = office(post("/api/v1/units"),
				body(Map.of("code", "T-K-" + OrgFixtures.unique(), "name", "x", "kind", "GALAXY", "parentId", firstTown)));
		assertThat(unknownKind.getStatus()).isEqualTo(400);
		assertThat(json.readTree(unknownKind.getContentAsString()).get("errors").get(0).get("field").asString())
			.isEqualTo("kind");
		assertThat(fixtures.countUnits()).isEqualTo(before);
	}

	@Test
	void aStaleVersionIsAConflict() throws Exception {
		UnitView unit = create(UnitKind.COMMUNITY, firstTown, "T-V-");
		Map<String, Object> edit = new LinkedHashMap<>(Map.of("code", unit.code(), "name", "第一次修改", "kind",
				"COMMUNITY", "version", unit.version()));
		MockHttpServletResponse first = office(put("/api/v1/units/{id}", unit.id()), body(edit));
		assertThat(first.getStatus()).isEqualTo(200);
		assertThat(json.readTree(first.getContentAsString()).get("version").asInt()).isEqualTo(unit.version() + 1);

		edit.put("name", "第二次修改");
		MockHttpServletResponse second = office(put("/api/v1/units/{id}", unit.id()), body(edit));
		assertThat(second.getStatus()).isEqualTo(409);
		assertThat(second.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(name(unit.id())).isEqualTo("第一次修改");

		edit.remove("version");
		assertThat(office(put("/api/v1/units/{id}", unit.id()), body(edit)).getStatus()).isEqualTo(400);
		assertThat(name(unit.id())).isEqualTo("第一次修改");
	}

	@ParameterizedTest
	@ValueSource(strings = { "cityId", "cityCode", "path", "active", "id", "createdAt" })
	void anUnknownPropertyIsRefusedAndChangesNothing(String property) throws Exception {
		UnitView unit = create(UnitKind.COMMUNITY, firstTown, "T-M-");
		Map<String, Object> edit = new LinkedHashMap<>(Map.of("code", unit.code(), "name", "被篡改", "kind", "COMMUNITY",
				"version", unit.version()));
		edit.put(property, property.equals("active") ? false : property.equals("cityCode") ? "tianmen" : 1);
		MockHttpServletResponse response = office(put("/api/v1/units/{id}", unit.id()), body(edit));
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(response.getContentAsString()).doesNotContain("Exception", "tools.jackson", "at cn.");
		UnitView after = units.get(logins.principal("xiantao.office").scope(), unit.id());
		assertThat(after).isEqualTo(unit);
	}

	@Test
	void theParentCannotBeChangedByAnEdit() throws Exception {
		UnitView unit = create(UnitKind.COMMUNITY, firstTown, "T-P-");
		long sibling = fixtures.siblingOf(firstTown);
		MockHttpServletResponse response = office(put("/api/v1/units/{id}", unit.id()), body(Map.of("code", unit.code(),
				"name", unit.name(), "kind", "COMMUNITY", "parentId", sibling, "version", unit.version())));
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(units.get(logins.principal("xiantao.office").scope(), unit.id()).parentId()).isEqualTo(firstTown);
	}

	@Test
	void aCityCannotBeCreatedNorAUnitPlacedInAnotherCity() throws Exception {
		String cityCode = "T-CITY-" + OrgFixtures.unique();
		int before = fixtures.countUnits();
		MockHttpServletResponse city = office(post("/api/v1/units"),
				body(Map.of("code", cityCode, "name", "假城市", "kind", "CITY", "parentId", fixtures.cityRoot("xiantao"))));
		assertThat(city.getStatus()).isEqualTo(400);
		assertThat(city.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);

		long tianmenRoot = fixtures.cityRoot("tianmen");
		long tianmenTown = jdbc.sql("select id from unit where parent_id = :p and kind in ('TOWN','SUBDISTRICT') order by id limit 1")
			.param("p", tianmenRoot)
			.query(Long.class)
			.single();
		String foreignCode = "T-X-" + OrgFixtures.unique();
		for (long parent : new long[] { tianmenRoot, tianmenTown }) {
			MockHttpServletResponse foreign = office(post("/api/v1/units"), body(Map.of("code", foreignCode, "name",
					"越权社区", "kind", parent == tianmenRoot ? "SUBDISTRICT" : "COMMUNITY", "parentId", parent)));
			assertThat(foreign.getStatus()).isIn(400, 404);
			assertThat(foreign.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		}
		// a wrong kind under a right parent: a community directly under the city
		MockHttpServletResponse misplaced = office(post("/api/v1/units"), body(Map.of("code", foreignCode, "name", "错位社区",
				"kind", "COMMUNITY", "parentId", fixtures.cityRoot("xiantao"))));
		assertThat(misplaced.getStatus()).isEqualTo(400);
		assertThat(fixtures.countUnits()).isEqualTo(before);
		assertThat(fixtures.countCodes(List.of(cityCode, foreignCode))).isZero();
	}

	@Test
	void aUnitCannotMoveUnderItsOwnDescendant() {
		CurrentUser office = logins.principal("xiantao.office");
		UnitView d1 = create(UnitKind.DEPARTMENT, fixtures.cityRoot("xiantao"), "T-MV-");
		UnitView d2 = create(UnitKind.DEPARTMENT, d1.id(), "T-MV-");
		for (long target : new long[] { d2.id(), d1.id() }) {
			assertThatThrownBy(() -> units.move(office, d1.id(), d1.version(), target, "test"))
				.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.problems())
					.extracting(FieldProblem::messageKey)
					.containsExactly("unit.error.move.descendant"));
		}
		assertThat(units.get(office.scope(), d1.id())).isEqualTo(d1);
		assertThat(fixtures.path(d2.id())).isEqualTo(d1.path() + d2.id() + "/");
		assertThat(fixtures.auditCount("UNIT_MOVE", String.valueOf(d1.id()))).isZero();
	}

	@Test
	void aMoveCarriesTheWholeSubtree() {
		CurrentUser office = logins.principal("xiantao.office");
		long root = fixtures.cityRoot("xiantao");
		UnitView d1 = create(UnitKind.DEPARTMENT, root, "T-ST-");
		UnitView d2 = create(UnitKind.DEPARTMENT, d1.id(), "T-ST-");
		UnitView w1 = create(UnitKind.WINDOW, d2.id(), "T-ST-");
		UnitView w2 = create(UnitKind.WINDOW, d1.id(), "T-ST-");
		UnitView target = create(UnitKind.DEPARTMENT, root, "T-ST-");
		String oldPrefix = d1.path();

		UnitView moved = units.move(office, d1.id(), d1.version(), target.id(), "机构调整");

		assertThat(moved.parentId()).isEqualTo(target.id());
		String d1Path = target.path() + d1.id() + "/";
		assertThat(fixtures.path(d1.id())).isEqualTo(d1Path);
		assertThat(fixtures.path(d2.id())).isEqualTo(d1Path + d2.id() + "/");
		assertThat(fixtures.path(w1.id())).isEqualTo(d1Path + d2.id() + "/" + w1.id() + "/");
		assertThat(fixtures.path(w2.id())).isEqualTo(d1Path + w2.id() + "/");
		assertThat(jdbc.sql("select count(*) from unit where path like :p").param("p", oldPrefix + "%")
			.query(Integer.class)
			.single()).as("nothing left under the old path").isZero();
		assertThat(jdbc.sql("select count(*) from unit where path like :p").param("p", d1Path + "%")
			.query(Integer.class)
			.single()).isEqualTo(4);
		assertThat(fixtures.auditCount("UNIT_MOVE", String.valueOf(d1.id()))).isEqualTo(1);
		// the moved subtree is found by a scope on its new place
		assertThat(units.children(office.scope(), target.id())).extracting(UnitView::id).containsExactly(d1.id());

		// a stale version of the moved unit is refused
		assertThatThrownBy(() -> units.move(office, d1.id(), d1.version(), root, "again"))
			.isInstanceOf(cn.chuangwen.shared.ConflictException.class);
		assertThat(fixtures.path(d1.id())).isEqualTo(d1Path);
	}

	@Test
	void aUnitCannotMoveToAnotherCity() {
		CurrentUser office = logins.principal("xiantao.office");
		UnitView d1 = create(UnitKind.DEPARTMENT, fixtures.cityRoot("xiantao"), "T-MC-");
		assertThatThrownBy(() -> units.move(office, d1.id(), d1.version(), fixtures.cityRoot("tianmen"), "x"))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.problems())
				.extracting(FieldProblem::messageKey)
				.containsExactly("unit.error.parent.unknown"));
		assertThat(units.get(office.scope(), d1.id())).isEqualTo(d1);
	}

	@Test
	void aUnitWithActiveChildrenCannotBeDeactivated() {
		CurrentUser office = logins.principal("xiantao.office");
		UnitView d1 = create(UnitKind.DEPARTMENT, fixtures.cityRoot("xiantao"), "T-DA-");
		UnitView w1 = create(UnitKind.WINDOW, d1.id(), "T-DA-");
		assertThatThrownBy(() -> units.setActive(office, d1.id(), d1.version(), false, "撤并"))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.problems())
				.extracting(FieldProblem::messageKey)
				.containsExactly("unit.error.deactivate.children"));
		assertThat(units.get(office.scope(), d1.id()).active()).isTrue();
		// a reason is required
		assertThatThrownBy(() -> units.setActive(office, w1.id(), w1.version(), false, " "))
			.isInstanceOf(InvalidInputException.class);
		assertThat(units.setActive(office, w1.id(), w1.version(), false, "撤并").active()).isFalse();
		assertThat(units.setActive(office, d1.id(), d1.version(), false, "撤并").active()).isFalse();
		// nothing new can be placed under an inactive unit
		assertThatThrownBy(() -> create(UnitKind.WINDOW, d1.id(), "T-DA-")).isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> units.setActive(office, fixtures.cityRoot("xiantao"), 0, false, "x"))
			.isInstanceOf(InvalidInputException.class);
	}

	@Test
	void aKeptUnitPageFollowsEveryChangeOnThisNodeOrAnotherAndNeverCrossesCallers() throws Exception {
		String prefix = "T-K-" + OrgFixtures.unique();
		UnitView first = create(UnitKind.COMMUNITY, firstTown, prefix + "-1-");
		String url = "/api/v1/units?q=" + prefix + "&size=1";
		JsonNode page = list(url, "xiantao.office");
		assertThat(page.get(0).get("name").asString()).isEqualTo("测试 " + first.code());
		assertThat(list(url, "xiantao.office")).isEqualTo(page);

		// a change through the application: a second unit, so a second page and new links
		create(UnitKind.COMMUNITY, firstTown, prefix + "-2-");
		MockHttpServletResponse after = mvc.perform(get(url).with(logins.as("xiantao.office"))).andReturn().getResponse();
		assertThat(after.getHeader("X-Total-Count")).isEqualTo("2");
		assertThat(after.getHeader("Link")).contains("page=2").contains("rel=\"next\"");

		// a change made by another node: its rows and its trace event commit together
		tx.executeWithoutResult(status -> {
			jdbc.sql("update unit set name = '另一节点改名' where id = :id").param("id", first.id()).update();
			audit.record(AuditEntry.of("UNIT_UPDATE").city(first.cityId()).object("unit", String.valueOf(first.id())));
		});
		assertThat(list(url, "xiantao.office").get(0).get("name").asString()).isEqualTo("另一节点改名");

		// the same URL asked by a unit that may not see these communities: its own answer, empty
		assertThat(list(url, "xiantao.dept").isEmpty()).isTrue();
		assertThat(list(url, "xiantao.liaison").get(0).get("name").asString()).isEqualTo("另一节点改名");
	}

	@Test
	void theUnitsServiceRefusesWritesWithoutUnitWrite() {
		CurrentUser leader = logins.principal("xiantao.leader");
		assertThat(leader.can(cn.chuangwen.organization.Permissions.UNIT_WRITE)).isFalse();
		String code = "T-NW-" + OrgFixtures.unique();
		assertThatThrownBy(() -> units.create(leader,
				new UnitDraft(code, "越权", UnitKind.COMMUNITY, firstTown, null, false, null, null, null)))
			.isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
		assertThat(fixtures.countCodes(List.of(code))).isZero();
	}

	private UnitView create(UnitKind kind, long parentId, String prefix) {
		String code = prefix + OrgFixtures.unique();
		return units.create(logins.principal("xiantao.office"),
				new UnitDraft(code, "测试 " + code, kind, parentId, null, false, null, null, null));
	}

	private JsonNode list(String url, String account) throws Exception {
		MockHttpServletResponse answer = mvc.perform(get(url).with(logins.as(account))).andReturn().getResponse();
		assertThat(answer.getStatus()).isEqualTo(200);
		return json.readTree(answer.getContentAsString());
	}

	private String name(long id) {
		return jdbc.sql("select name from unit where id = :id").param("id", id).query(String.class).single();
	}

	private String body(Map<String, ?> map) {
		return json.writeValueAsString(map);
	}

	private MockHttpServletResponse office(MockHttpServletRequestBuilder request, String body) throws Exception {
		return mvc.perform(request.with(logins.as("xiantao.office")).contentType(MediaType.APPLICATION_JSON).content(body))
			.andReturn()
			.getResponse();
	}

	private int status(MockHttpServletRequestBuilder request, String account) throws Exception {
		return mvc.perform(request.with(logins.as(account))).andReturn().getResponse().getStatus();
	}

}
