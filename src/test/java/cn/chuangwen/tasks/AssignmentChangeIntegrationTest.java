package cn.chuangwen.tasks;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.indicators.IndicatorView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitDraft;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.support.Flash;
import cn.chuangwen.support.Logins;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Changing and withdrawing assignments (§1.8: PUT and withdraw, optimistic locking, reasons, the
 * trace), numeric targets shared out (T10: progress against the share, the city total, the warning
 * when shares do not add up), and the liaison's report form (§1.2).
 */
@IntegrationTest
class AssignmentChangeIntegrationTest {

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
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	MessageSource messages;

	static final Random RANDOM = new Random();

	IndicatorSystemView system(String city) {
		CurrentUser office = logins.principal(city + ".office");
		return indicators.list(office.scope()).stream().filter(s -> s.cityId() == office.cityId()).findFirst().orElseThrow();
	}

	UnitView community(String city) {
		CurrentUser liaison = logins.principal(city + ".liaison");
		CurrentUser office = logins.principal(city + ".office");
		return units.create(office, new UnitDraft("C" + Math.abs(RANDOM.nextLong() % 1_000_000_000L),
				"变更测试社区" + RANDOM.nextInt(100000), UnitKind.COMMUNITY, liaison.unitId(), "社区", false, "李书记", null,
				"13900001111"));
	}

	IndicatorView leaf(String city, boolean numeric) {
		return indicators.leaves(logins.principal(city + ".office").scope(), system(city).id())
			.stream()
			.filter(l -> (l.targetQuantity() != null) == numeric)
			.findFirst()
			.orElseThrow();
	}

	String body(long indicatorId, long unitId, List<Long> cooperating, String share, LocalDate deadline) {
		return """
				{"indicatorId": %d, "leadUnitId": %d, "cooperatingUnitIds": %s,
				 "responsiblePerson": {"name": "王主任", "post": "副主任", "phone": "13800001234"},
				 "targetShare": %s, "deadline": "%s",
				 "milestones": [{"date": "%s", "percent": 50}]}""".formatted(indicatorId, unitId, cooperating,
				share == null ? "null" : share, deadline, deadline.minusDays(10));
	}

	JsonNode create(String city, String body) throws Exception {
		return json.readTree(mvc.perform(post("/api/v1/assignments").with(logins.as(city + ".office"))
				.contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString());
	}

	String withVersionAndReason(String body, Object version, String reason) {
		return body.substring(0, body.lastIndexOf('}')) + ", \"version\": " + version + ", \"reason\": "
				+ (reason == null ? "null" : "\"" + reason + "\"") + "}";
	}

	List<String> auditActions(long assignmentId) {
		return jdbc.sql("select action from audit_event where object_type = 'assignment' and object_id = :id order by id")
			.param("id", String.valueOf(assignmentId))
			.query(String.class)
			.list();
	}

	@Test
	void theOfficeChangesAnAssignmentWithAReasonUnderOptimisticLocking() throws Exception {
		UnitView a = community("xiantao"), b = community("xiantao"), c = community("xiantao");
		IndicatorView leaf = leaf("xiantao", false);
		LocalDate today = assignments.today();
		JsonNode created = create("xiantao", body(leaf.id(), a.id(), List.of(b.id()), null, today.plusDays(40)));
		long id = created.get("id").asLong();
		int version = created.get("version").asInt();

		LocalDate later = today.plusDays(70);
		String change = body(leaf.id(), c.id(), List.of(a.id(), b.id()), null, later);
		// no reason: 400, nothing changed
		mvc.perform(put("/api/v1/assignments/{id}", id).with(logins.as("xiantao.office"))
				.contentType(MediaType.APPLICATION_JSON).content(withVersionAndReason(change, version, null)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		// another city's office: 404
		mvc.perform(put("/api/v1/assignments/{id}", id).with(logins.as("tianmen.office"))
				.contentType(MediaType.APPLICATION_JSON).content(withVersionAndReason(change, version, "调整")))
			.andExpect(status().isNotFound());
		assertThat(assignments.get(logins.principal("xiantao.office").scope(), id).leadUnitId()).isEqualTo(a.id());

		mvc.perform(put("/api/v1/assignments/{id}", id).with(logins.as("xiantao.office"))
				.contentType(MediaType.APPLICATION_JSON).content(withVersionAndReason(change, version, "市里调整工期")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.leadUnitId").value(c.id()))
			.andExpect(jsonPath("$.deadline").value(later.toString()))
			.andExpect(jsonPath("$.version").value(version + 1));
		AssignmentView after = assignments.get(logins.principal("xiantao.office").scope(), id);
		assertThat(after.cooperatingUnitIds()).containsExactlyInAnyOrder(a.id(), b.id());
		assertThat(after.milestones()).extracting(Milestone::date).containsExactly(later.minusDays(10));

		// the same version again is stale: 409 problem+json, nothing changed
		mvc.perform(put("/api/v1/assignments/{id}", id).with(logins.as("xiantao.office"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(withVersionAndReason(body(leaf.id(), a.id(), List.of(), null, today.plusDays(20)), version, "再改")))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		assertThat(assignments.get(logins.principal("xiantao.office").scope(), id).deadline()).isEqualTo(later);

		// the trace has the change with its reason, old and new values in words
		var traced = jdbc.sql("""
				select reason, changes from audit_event
				where object_type = 'assignment' and object_id = :id and action = 'ASSIGNMENT_UPDATE'
				""").param("id", String.valueOf(id)).query((rs, n) -> List.of(rs.getString(1), rs.getString(2))).single();
		assertThat(traced.get(0)).isEqualTo("市里调整工期");
		assertThat(traced.get(1)).contains("leadUnit", a.name(), c.name(), "deadline", later.toString())
			.doesNotContain("responsible");

		// the page shows it on the timeline
		mvc.perform(get("/assignments/{id}", id).with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("市里调整工期")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString(
					messages.getMessage("audit.action.ASSIGNMENT_UPDATE", null, Locale.SIMPLIFIED_CHINESE))));
	}

	@Test
	void aWithdrawnAssignmentLeavesListsAndTheBattleMapAndStaysInTheTrace() throws Exception {
		UnitView unit = community("xiantao");
		IndicatorView leaf = leaf("xiantao", false);
		long systemId = system("xiantao").id();
		JsonNode created = create("xiantao", body(leaf.id(), unit.id(), List.of(), null, assignments.today().plusDays(30)));
		long id = created.get("id").asLong();
		assertThat(listed(unit.id())).contains(id);
		assertThat(onBattleMap(systemId, unit.id())).isEqualTo(1);

		mvc.perform(post("/api/v1/assignments/{id}/withdraw", id).with(logins.as("xiantao.office"))
				.contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/assignments/{id}/withdraw", id).with(logins.as("tianmen.office"))
				.contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"重复分配\"}"))
			.andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/assignments/{id}/withdraw", id).with(logins.as("xiantao.liaison"))
				.contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"重复分配\"}"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/assignments/{id}/withdraw", id).with(logins.as("xiantao.office"))
				.contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"重复分配\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.withdrawn").value(true));

		assertThat(listed(unit.id())).doesNotContain(id);
		assertThat(onBattleMap(systemId, unit.id())).isZero();
		assertThat(auditActions(id)).containsSubsequence("ASSIGNMENT_CREATE", "ASSIGNMENT_WITHDRAW");
		// still readable, marked withdrawn; no more changes or reports
		mvc.perform(get("/assignments/{id}", id).with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("重复分配")));
		mvc.perform(post("/api/v1/assignments/{id}/withdraw", id).with(logins.as("xiantao.office"))
				.contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"再撤一次\"}"))
			.andExpect(status().isConflict());
		mvc.perform(multipart("/api/v1/assignments/{id}/reports", id).param("text", "做了").param("percent", "10")
				.with(logins.as("xiantao.liaison")))
			.andExpect(status().isConflict());
		// the unit may be given the indicator again
		create("xiantao", body(leaf.id(), unit.id(), List.of(), null, assignments.today().plusDays(30)));
	}

	List<Long> listed(long unitId) throws Exception {
		JsonNode list = json.readTree(mvc.perform(get("/api/v1/assignments").param("unitId", String.valueOf(unitId))
				.with(logins.as("xiantao.office"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		List<Long> ids = new java.util.ArrayList<>();
		list.forEach(n -> ids.add(n.get("id").asLong()));
		return ids;
	}

	long onBattleMap(long systemId, long unitId) throws Exception {
		JsonNode map = json.readTree(mvc.perform(get("/api/v1/battle-map").param("systemId", String.valueOf(systemId))
				.with(logins.as("xiantao.office"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		long n = 0;
		for (JsonNode c : map.get("cells")) {
			if (c.get("unitId").asLong() == unitId) {
				for (JsonNode v : c.get("counts")) {
					n += v.asLong();
				}
			}
		}
		return n;
	}

	@Test
	void aNumericTargetIsSharedOutAndProgressCountsAgainstTheShare() throws Exception {
		IndicatorView leaf = leaf("xiantao", true);
		CurrentUser office = logins.principal("xiantao.office");
		CityTarget before = assignments.cityTarget(office, leaf.id()).orElseThrow();
		// the demo shares add up to the city target
		assertThat(before.sharesMatch()).as("demo shares of %s", leaf.code()).isTrue();

		UnitView unit = community("xiantao");
		JsonNode created = create("xiantao", body(leaf.id(), unit.id(), List.of(), "10", assignments.today().plusDays(30)));
		long id = created.get("id").asLong();
		assertThat(created.get("targetShare").decimalValue()).isEqualByComparingTo("10");
		assertThat(created.get("targetValue").decimalValue()).isEqualByComparingTo("10");

		// now the shares exceed the target: a warning on the next change, not a refusal
		String change = withVersionAndReason(body(leaf.id(), unit.id(), List.of(), "10", assignments.today().plusDays(31)),
				created.get("version").asInt(), "核对分解量");
		JsonNode changed = json.readTree(mvc.perform(put("/api/v1/assignments/{id}", id).with(logins.as("xiantao.office"))
				.contentType(MediaType.APPLICATION_JSON).content(change))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		String total = before.sharesTotal().add(BigDecimal.TEN).stripTrailingZeros().toPlainString();
		assertThat(changed.get("warnings").get(0).asString()).contains(total);

		// 5 reached of a share of 10 is 50 %, not 5 of the whole city target
		long report = json.readTree(mvc.perform(multipart("/api/v1/assignments/{id}/reports", id).param("text", "新建 5 个")
				.param("value", "5").with(logins.as("xiantao.liaison")))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asLong();
		mvc.perform(post("/api/v1/reports/{id}/review", report).with(logins.as("xiantao.office"))
				.contentType(MediaType.APPLICATION_JSON).content("{\"decision\":\"APPROVE\"}"))
			.andExpect(status().isOk());
		assertThat(assignments.get(office.scope(), id).percent()).isEqualTo(50);

		CityTarget after = assignments.cityTarget(office, leaf.id()).orElseThrow();
		assertThat(after.sharesMatch()).isFalse();
		assertThat(after.reachedTotal()).isEqualByComparingTo(before.reachedTotal().add(BigDecimal.valueOf(5)));
		assertThat(after.contributions()).anySatisfy(c -> {
			assertThat(c.unit().id()).isEqualTo(unit.id());
			assertThat(c.share()).isEqualByComparingTo("10");
			assertThat(c.percent()).isEqualTo(50);
		});
		// the assignment page shows the city total and each unit's contribution
		mvc.perform(get("/assignments/{id}", id).with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"city-target\"")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString(unit.name())));

		// a share on an indicator without a numeric target, or not positive: field errors
		mvc.perform(post("/api/v1/assignments").with(logins.as("xiantao.office")).contentType(MediaType.APPLICATION_JSON)
				.content(body(leaf("xiantao", false).id(), community("xiantao").id(), List.of(), "5",
						assignments.today().plusDays(30))))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("targetShare")));
		mvc.perform(post("/api/v1/assignments").with(logins.as("xiantao.office")).contentType(MediaType.APPLICATION_JSON)
				.content(body(leaf.id(), community("xiantao").id(), List.of(), "-1", assignments.today().plusDays(30))))
			.andExpect(status().isBadRequest());
	}

	@Test
	void theLiaisonsReportFormComesFirstAndKeepsWhatWasTypedOnAnError() throws Exception {
		IndicatorView leaf = leaf("xiantao", true);
		UnitView unit = community("xiantao");
		long id = create("xiantao", body(leaf.id(), unit.id(), List.of(), "20", assignments.today().plusDays(30)))
			.get("id").asLong();
		CurrentUser liaison = logins.principal("xiantao.liaison");
		// the liaison's own unit reports on it: give the liaison's town the assignment as cooperator
		jdbc.sql("insert into assignment_cooperator (assignment_id, city_id, unit_id) values (:a, :c, :u)")
			.param("a", id).param("c", liaison.cityId()).param("u", liaison.unitId()).update();

		String page = mvc.perform(get("/assignments/{id}", id).with(logins.as("xiantao.liaison")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		int form = page.indexOf("id=\"report\"");
		int roadmap = page.indexOf("rm-chart");
		assertThat(form).isPositive();
		assertThat(roadmap).isGreaterThan(form);
		// label and unit agree: the value in the target's unit, no percent field
		assertThat(page).contains(messages.getMessage("report.value", new Object[] { leaf.targetUnit() },
				Locale.SIMPLIFIED_CHINESE));
		assertThat(page).doesNotContain("id=\"percent\"");

		// no text and no value: the errors name the fields on the form, and the typed text stays
		var result = mvc.perform(multipart("/assignments/{id}/reports", id).param("text", "").param("value", "")
				.with(csrf()).with(logins.as("xiantao.liaison")))
			.andExpect(status().is3xxRedirection()).andReturn();
		var flash = result.getFlashMap();
		var errors = (cn.chuangwen.shared.FormErrors) flash.get("errors");
		assertThat(errors.has("value")).isTrue();
		assertThat(errors.has("percent")).isFalse();
		assertThat(errors.of("value")).contains(leaf.targetUnit());

		var kept = mvc.perform(multipart("/assignments/{id}/reports", id).param("text", "").param("value", "7")
				.with(csrf()).with(logins.as("xiantao.liaison"))).andReturn().getFlashMap();
		var flashed = new java.util.HashMap<String, Object>();
		kept.forEach((k, v) -> {
			if (v != null) {
				flashed.put(k, v);
			}
		});
		String again = mvc.perform(get("/assignments/{id}", id).with(Flash.of(flashed)).with(logins.as("xiantao.liaison")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(again).containsPattern("id=\"value\"[^>]*value=\"7\"");
	}

	@Test
	void theUnitPickerFindsUnitsByNameAndKeepsTheChosenOnes() throws Exception {
		UnitView a = community("xiantao"), b = community("xiantao");
		String fragment = mvc.perform(get("/assignments/unit-picker").param("q", a.name())
				.param("cooperatingUnitIds", String.valueOf(b.id())).header("HX-Request", "true")
				.with(logins.as("xiantao.office")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(fragment).doesNotContain("<html");
		// the match and the chosen unit are offered, the chosen one checked; the search left the others out
		assertThat(fragment).containsPattern("<label class=\"picker-option\">\\s*<input type=\"checkbox\" name=\"cooperatingUnitIds\" value=\"" + a.id() + "\">");
		assertThat(fragment).containsPattern("value=\"" + b.id() + "\" checked");
		assertThat(fragment.split("class=\"picker-option\"", -1)).hasSize(3);
		mvc.perform(get("/assignments/unit-picker").param("q", "x").with(logins.as("xiantao.liaison")))
			.andExpect(status().isForbidden());

		// the responsible person is prefilled from the chosen lead unit's head
		mvc.perform(get("/assignments/responsible").param("leadUnitId", String.valueOf(a.id()))
				.with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("value=\"李书记\"")));
	}

	@Test
	void theOfficeEditsAndWithdrawsThroughThePages() throws Exception {
		UnitView unit = community("xiantao");
		IndicatorView leaf = leaf("xiantao", false);
		JsonNode created = create("xiantao", body(leaf.id(), unit.id(), List.of(), null, assignments.today().plusDays(30)));
		long id = created.get("id").asLong();
		mvc.perform(get("/assignments/{id}/edit", id).with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("name=\"reason\"")));
		// without a reason the form comes back with the error and what was typed
		mvc.perform(post("/assignments/{id}/edit", id).with(csrf()).with(logins.as("xiantao.office"))
				.param("version", created.get("version").asString()).param("leadUnitId", String.valueOf(unit.id()))
				.param("responsibleName", "新负责人").param("deadline", assignments.today().plusDays(45).toString()))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("value=\"新负责人\"")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("reason-error")));
		mvc.perform(post("/assignments/{id}/edit", id).with(csrf()).with(logins.as("xiantao.office"))
				.param("version", created.get("version").asString()).param("leadUnitId", String.valueOf(unit.id()))
				.param("responsibleName", "新负责人").param("deadline", assignments.today().plusDays(45).toString())
				.param("reason", "负责人调整"))
			.andExpect(status().is3xxRedirection());
		assertThat(assignments.get(logins.principal("xiantao.office").scope(), id).responsible().name()).isEqualTo("新负责人");
		mvc.perform(post("/assignments/{id}/withdraw", id).with(csrf()).with(logins.as("xiantao.office"))
				.param("reason", "指标调整"))
			.andExpect(status().is3xxRedirection());
		assertThat(assignments.get(logins.principal("xiantao.office").scope(), id).withdrawn()).isTrue();
	}

	@Test
	void dueTodaySaysSoInsteadOfZeroDaysLeft() {
		assertThat(messages.getMessage("assignment.daysLeft", new Object[] { 0L }, Locale.SIMPLIFIED_CHINESE))
			.isEqualTo("今天到期");
		assertThat(messages.getMessage("assignment.daysLeft", new Object[] { 3L }, Locale.SIMPLIFIED_CHINESE))
			.isEqualTo("剩 3 天");
		assertThat(messages.getMessage("assignment.daysLeft", new Object[] { 0L }, Locale.ENGLISH)).isEqualTo("due today");
	}

}
