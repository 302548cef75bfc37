package cn.chuangwen.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.support.Logins;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Joint meetings end to end on the demo data (issue 12 §3, §6, §7): calling a meeting, the agenda
 * drafted from data, decisions that become an assignment and a problem and open the next meeting's
 * agenda with their state, sign-in by the office and by a unit for itself, who reads what, and bad
 * input that changes nothing.
 */
@IntegrationTest
class MeetingsIntegrationTest {

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
	AuditTrail audit;

	LocalDate today() {
		return LocalDate.now(ZoneId.of("Asia/Shanghai"));
	}

	ResultActions call(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String account,
			Object body) throws Exception {
		return mvc.perform(request.contentType(MediaType.APPLICATION_JSON)
			.content(body instanceof String s ? s : json.writeValueAsString(body))
			.with(csrf())
			.with(logins.as(account)));
	}

	JsonNode read(ResultActions r) throws Exception {
		return json.readTree(r.andReturn().getResponse().getContentAsString());
	}

	long liaisonUnit() {
		return logins.principal("xiantao.liaison").unitId();
	}

	long otherTown() {
		return jdbc.sql("""
				select min(u.id) from unit u join city c on c.id = u.city_id
				where c.code = 'xiantao' and u.kind = 'TOWN' and u.active and u.id <> :mine""")
			.param("mine", liaisonUnit()).query(Long.class).single();
	}

	long meeting(LocalDate day, long... units) throws Exception {
		return read(call(post("/api/v1/meetings"), OFFICE, Map.of("title", "第" + day + "次联席会议", "heldOn", day.toString(),
				"place", "市委小礼堂", "unitIds", units)).andExpect(status().isCreated())).get("id").asLong();
	}

	long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	/** A leaf of Xiantao's demo system that the unit has no assignment for yet. */
	long freeLeaf(long unitId) {
		return jdbc.sql("""
				select min(i.id) from indicator i join indicator_system s on s.id = i.system_id join city c on c.id = s.city_id
				where c.code = 'xiantao' and s.id = (select min(s2.id) from indicator_system s2 where s2.city_id = c.id)
				  and not exists (select 1 from indicator k where k.parent_id = i.id)
				  and not exists (select 1 from assignment a where a.indicator_id = i.id and a.lead_unit_id = :u)""")
			.param("u", unitId).query(Long.class).single();
	}

	@Test
	void decisionsBecomeAnAssignmentAndAProblemAndOpenTheNextAgenda() throws Exception {
		long town = liaisonUnit();
		long other = otherTown();
		// far from the other tests' meetings (today), so this one is the next one's previous
		long first = meeting(today().plusDays(200), town, other);
		JsonNode draft = read(mvc.perform(get("/api/v1/meetings/{id}/agenda-draft", first).with(logins.as(OFFICE)))
			.andExpect(status().isOk()));
		// the demo has overdue assignments and a closed evaluation period with its bottom units
		assertThat(draft.get("overdueAssignments")).isNotEmpty();
		assertThat(draft.get("bottomUnits")).isNotEmpty();
		assertThat(draft.get("evaluationPeriod").asString()).isNotBlank();

		Map<String, Object> assignment = new HashMap<>(Map.of("text", "三天内完成背街小巷垃圾清运", "kind", "ASSIGNMENT",
				"unitId", town, "deadline", today().plusDays(20).toString(), "indicatorId", freeLeaf(town)));
		JsonNode a = read(call(post("/api/v1/meetings/{id}/decisions", first), OFFICE, assignment)
			.andExpect(status().isCreated()));
		JsonNode p = read(call(post("/api/v1/meetings/{id}/decisions", first), OFFICE, Map.of("text", "农贸市场周边占道经营整治",
				"kind", "PROBLEM", "unitId", other, "deadline", today().plusDays(7).toString(), "category", "占道经营"))
			.andExpect(status().isCreated()));
		assertThat(jdbc.sql("select deadline from assignment where id = :id").param("id", a.get("linkedId").asLong())
			.query(LocalDate.class).single()).isEqualTo(today().plusDays(20));
		assertThat(jdbc.sql("select state from problem where id = :id").param("id", p.get("linkedId").asLong())
			.query(String.class).single()).isEqualTo("DISPATCHED");
		assertThat(jdbc.sql("select unit_id from problem where id = :id").param("id", p.get("linkedId").asLong())
			.query(Long.class).single()).isEqualTo(other);

		// the next meeting's agenda opens with them and their state
		long second = meeting(today().plusDays(230), town);
		JsonNode next = read(mvc.perform(get("/api/v1/meetings/{id}/agenda-draft", second).with(logins.as(OFFICE)))
			.andExpect(status().isOk()));
		assertThat(next.get("previous").get("id").asLong()).isEqualTo(first);
		JsonNode decisions = next.get("previous").get("decisions");
		assertThat(decisions).hasSize(2);
		assertThat(decisions.get(0).get("linkedId").asLong()).isEqualTo(a.get("linkedId").asLong());
		assertThat(decisions.get(1).get("stateKey").asString()).isEqualTo("problem.state.DISPATCHED");
		String page = mvc.perform(get("/meetings/{id}", second).with(logins.as(OFFICE))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("决定事项落实情况", "三天内完成背街小巷垃圾清运", "农贸市场周边占道经营整治");
		assertThat(audit.historyOf("joint_meeting", String.valueOf(first), 10))
			.anySatisfy(e -> assertThat(e.action()).isEqualTo("MEETING_DECISION"));

		// the office saves the agenda it settled; the liaison reads it
		call(put("/api/v1/meetings/{id}/agenda", second), OFFICE, Map.of("agenda", "一、上次会议决定事项落实情况\n二、下一步安排"))
			.andExpect(status().isOk());
		assertThat(mvc.perform(get("/meetings/{id}", second).with(logins.as("xiantao.liaison"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString()).contains("二、下一步安排").doesNotContain("decision-form");
	}

	@Test
	void badDecisionsAreRefusedAndChangeNothing() throws Exception {
		long town = liaisonUnit();
		long m = meeting(today(), town);
		long decisions = count("meeting_decision");
		long problems = count("problem");
		long tianmenTown = jdbc.sql("select min(u.id) from unit u join city c on c.id = u.city_id where c.code = 'tianmen'")
			.query(Long.class).single();
		String deadline = today().plusDays(5).toString();
		for (Object body : List.<Object>of(Map.of("kind", "PROBLEM", "unitId", town, "deadline", deadline),
				Map.of("text", "无责任单位", "kind", "PROBLEM", "deadline", deadline),
				Map.of("text", "无期限", "kind", "PROBLEM", "unitId", town),
				Map.of("text", "期限已过", "kind", "PROBLEM", "unitId", town, "deadline", today().minusDays(1).toString()),
				Map.of("text", "期限太远", "kind", "PROBLEM", "unitId", town, "deadline", today().plusYears(3).toString()),
				Map.of("text", "别的城市", "kind", "PROBLEM", "unitId", tianmenTown, "deadline", deadline),
				Map.of("text", "不知交办为何", "kind", "MEMO", "unitId", town, "deadline", deadline),
				Map.of("text", "任务无指标", "kind", "ASSIGNMENT", "unitId", town, "deadline", deadline),
				"{\"text\": \"坏日期\", \"kind\": \"PROBLEM\", \"unitId\": 1, \"deadline\": \"2026-13-01\"}", "not json")) {
			call(post("/api/v1/meetings/{id}/decisions", m), OFFICE, body).andExpect(status().isBadRequest());
		}
		assertThat(count("meeting_decision")).isEqualTo(decisions);
		assertThat(count("problem")).isEqualTo(problems);
		long meetings = count("joint_meeting");
		for (Object body : List.<Object>of(Map.of("heldOn", today().toString(), "unitIds", List.of(town)),
				Map.of("title", "无单位", "heldOn", today().toString(), "unitIds", List.of()),
				Map.of("title", "别的城市的单位", "heldOn", today().toString(), "unitIds", List.of(tianmenTown)),
				Map.of("title", "无日期", "unitIds", List.of(town)))) {
			call(post("/api/v1/meetings"), OFFICE, body).andExpect(status().isBadRequest());
		}
		assertThat(count("joint_meeting")).isEqualTo(meetings);
		// the page form says what is wrong
		assertThat(mvc.perform(post("/meetings/{id}/decisions", m).param("text", "").param("kind", "PROBLEM")
			.param("unitId", String.valueOf(town)).param("deadline", "明天").with(csrf()).with(logins.as(OFFICE)))
			.andExpect(status().isBadRequest())
			.andReturn().getResponse().getContentAsString()).contains("请填写完成期限", "请填写内容");
		assertThat(count("meeting_decision")).isEqualTo(decisions);
	}

	@Test
	void unitsSignInForThemselvesAndOnlyTheCitysPeopleReadIt() throws Exception {
		long town = liaisonUnit();
		long other = otherTown();
		long m = meeting(today(), town, other);
		// a unit signs itself in, not another unit
		call(post("/api/v1/meetings/{id}/sign-in", m), "xiantao.liaison", Map.of("unitId", other))
			.andExpect(status().isNotFound());
		JsonNode signed = read(call(post("/api/v1/meetings/{id}/sign-in", m), "xiantao.liaison", Map.of("unitId", town))
			.andExpect(status().isOk()));
		assertThat(signed.get("attendees").findValues("signedInBy").stream().map(JsonNode::asString))
			.contains("xiantao.liaison");
		// the office signs the other unit in; a second sign-in changes nothing
		call(post("/api/v1/meetings/{id}/sign-in", m), OFFICE, Map.of("unitId", other)).andExpect(status().isOk());
		call(post("/api/v1/meetings/{id}/sign-in", m), OFFICE, Map.of("unitId", other)).andExpect(status().isOk());
		assertThat(jdbc.sql("select count(*) from joint_meeting_unit where meeting_id = :m and signed_in_at is not null")
			.param("m", m).query(Long.class).single()).isEqualTo(2);
		// nobody signs in to a meeting before its day
		long ahead = meeting(today().plusDays(2), town);
		call(post("/api/v1/meetings/{id}/sign-in", ahead), "xiantao.liaison", Map.of("unitId", town))
			.andExpect(status().isConflict());
		assertThat(jdbc.sql("select count(*) from joint_meeting_unit where meeting_id = :m and signed_in_at is not null")
			.param("m", ahead).query(Long.class).single()).isZero();
		// leaders read, only the office decides; another city's office and a unit not asked get 404
		mvc.perform(get("/api/v1/meetings/{id}", m).with(logins.as("xiantao.leader"))).andExpect(status().isOk());
		call(post("/api/v1/meetings/{id}/decisions", m), "xiantao.leader", Map.of("text", "x"))
			.andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/meetings/{id}", m).with(logins.as("tianmen.office"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/meetings/{id}", m).with(logins.as("xiantao.dept"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/meetings/{id}/agenda-draft", m).with(logins.as("tianmen.office")))
			.andExpect(status().isNotFound());
		assertThat(read(mvc.perform(get("/api/v1/meetings").with(logins.as("xiantao.dept"))).andExpect(status().isOk())))
			.noneMatch(x -> x.get("id").asLong() == m);
	}

	@Test
	void theMinutesAreNumberedOnceAfterTheMeetingAndPrintTheDecisions() throws Exception {
		long town = liaisonUnit();
		long later = meeting(today().plusDays(3), town);
		// not held yet
		call(post("/api/v1/meetings/{id}/minutes", later), OFFICE, null).andExpect(status().isConflict());
		mvc.perform(get("/meetings/{id}/minutes.pdf", later).with(logins.as(OFFICE))).andExpect(status().isNotFound());
		long held = meeting(today(), town);
		call(post("/api/v1/meetings/{id}/decisions", held), OFFICE, Map.of("text", "社区宣传栏内容一周内更新", "kind", "PROBLEM",
				"unitId", town, "deadline", today().plusDays(7).toString(), "category", "公益广告")).andExpect(status().isCreated());
		call(put("/api/v1/meetings/{id}/agenda", held), OFFICE, Map.of("agenda", "一、通报上期测评情况\n二、研究公益广告提升"))
			.andExpect(status().isOk());
		String number = read(call(post("/api/v1/meetings/{id}/minutes", held), OFFICE, null).andExpect(status().isOk()))
			.get("minutesNumber").asString();
		assertThat(number).matches("仙创纪〔" + today().getYear() + "〕\\d+号");
		call(post("/api/v1/meetings/{id}/minutes", held), OFFICE, null).andExpect(status().isConflict());
		assertThat(jdbc.sql("select minutes_number from joint_meeting where id = :id").param("id", held)
			.query(String.class).single()).isEqualTo(number);
		// the liaison of a unit asked reads them; another city's office does not
		mvc.perform(get("/meetings/{id}/minutes.pdf", held).with(logins.as("tianmen.office"))).andExpect(status().isNotFound());
		cn.chuangwen.documents.DocumentFixtures.assumeFont();
		byte[] pdf = mvc.perform(get("/meetings/{id}/minutes.pdf", held).with(logins.as("xiantao.liaison")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		String text = cn.chuangwen.documents.DocumentFixtures.pdfText(pdf).replaceAll("\\s+", "");
		assertThat(text).contains(number, "第" + today() + "次联席会议纪要", "研究公益广告提升", "社区宣传栏内容一周内更新", "问题");
	}

}
