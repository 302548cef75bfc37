package cn.chuangwen.evaluation;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.support.Logins;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the evaluation's API tests share: calls as an account with a JSON body, a scheme's body, and
 * a scenario of three units of a fresh ranking group inspected in a fresh past month (xiantao).
 */
abstract class EvaluationApiTest {

	static final String OFFICE = "xiantao.office";

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	Units units;

	@Autowired
	Cities cities;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	EvaluationFixtures fx;

	@BeforeEach
	void setUpFixtures() {
		fx = new EvaluationFixtures(jdbc, units);
	}

	static Map<String, Object> scheme(String kind, String group, List<Map<String, Object>> sources) {
		return Map.of("name", "测试方案" + group, "periodKind", kind, "rankingGroup", group, "sources", sources, "bands",
				List.of(Map.of("name", "优秀", "min", 85, "colour", "green"), Map.of("name", "合格", "min", 60, "colour", "amber"),
						Map.of("name", "较差", "min", 0, "colour", "red")),
				"minSample", 3);
	}

	static Map<String, Object> src(String source, Object weight) {
		return Map.of("source", source, "weight", weight);
	}

	ResultActions call(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String account,
			Object body) throws Exception {
		return mvc.perform(request.contentType(MediaType.APPLICATION_JSON)
			.content(body == null ? "{}" : json.writeValueAsString(body))
			.with(csrf())
			.with(logins.as(account)));
	}

	JsonNode read(ResultActions r) throws Exception {
		return json.readTree(r.andReturn().getResponse().getContentAsString());
	}

	long createScheme(String kind, String group, List<Map<String, Object>> sources) throws Exception {
		return read(call(post("/api/v1/score-schemes"), OFFICE, scheme(kind, group, sources)).andExpect(status().isCreated()))
			.get("id").asLong();
	}

	/** Three units of a fresh group with inspections in closed rounds of a fresh month: A 90, B 80, C 70 (3+3 points each). */
	record Scenario(String month, String group, UnitView a, UnitView b, UnitView c, long announced, long unannounced) {
	}

	Scenario scenario() {
		CurrentUser office = logins.principal(OFFICE);
		String month = EvaluationFixtures.freshMonth();
		String group = EvaluationFixtures.freshGroup();
		UnitView a = fx.unit(office, group, "甲" + group);
		UnitView b = fx.unit(office, group, "乙" + group);
		UnitView c = fx.unit(office, group, "丙" + group);
		long announced = fx.plan(office.cityId(), "ANNOUNCED", month, true);
		long unannounced = fx.plan(office.cityId(), "UNANNOUNCED", month, true);
		for (long plan : List.of(announced, unannounced)) {
			fx.inspect(plan, a.id(), "90", "90", "90");
			fx.inspect(plan, b.id(), "80", "80", "80");
			fx.inspect(plan, c.id(), "70", "70", "70");
		}
		return new Scenario(month, group, a, b, c, announced, unannounced);
	}

}
