package cn.chuangwen.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.support.Logins;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The province's comparison of its cities (GET /api/v1/overview, issue 7 1.4): the province gets
 * every city, a city user only its own, another city's code is 404 and a malformed one 400; the
 * figures agree with the assignment rows counted directly.
 */
@IntegrationTest
class CityComparisonIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	IndicatorSystems indicators;

	@Autowired
	CityComparison comparison;

	JsonNode overview(String account, String query) throws Exception {
		String body = mvc.perform(get("/api/v1/overview" + query).with(logins.as(account)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return json.readTree(body);
	}

	@Test
	void theProvinceGetsEveryCityWithFiguresThatAgreeWithTheRows() throws Exception {
		JsonNode cities = overview("hubei.office", "");
		List<String> codes = jdbc.sql("select code from city order by id").query(String.class).list();
		assertThat(cities).hasSize(codes.size());
		CurrentUser province = logins.principal("hubei.office");
		for (int i = 0; i < codes.size(); i++) {
			JsonNode c = cities.get(i);
			String code = codes.get(i);
			assertThat(c.get("cityCode").asString()).isEqualTo(code);
			assertThat(c.get("cityName").asString())
				.isEqualTo(jdbc.sql("select name from city where code = :c").param("c", code).query(String.class).single());
			JsonNode counts = c.get("counts");
			for (AssignmentState s : AssignmentState.values()) {
				assertThat(counts.has(s.name())).as(code + " " + s).isTrue();
			}
			assertThat(c.get("overdue").asLong()).isEqualTo(counts.get("OVERDUE").asLong());
			assertThat(c.get("signedOff").asLong()).isEqualTo(counts.get("SIGNED_OFF").asLong());
			IndicatorSystemView system = indicators.currentOfCity(province.scope(), code).orElseThrow();
			long total = 0;
			for (AssignmentState s : AssignmentState.values()) {
				total += counts.get(s.name()).asLong();
			}
			assertThat(total).as(code + " assignments").isEqualTo(jdbc
				.sql("select count(*) from assignment where system_id = :s").param("s", system.id()).query(Long.class).single());
			assertThat(c.get("signedOff").asLong()).as(code + " signed off").isEqualTo(jdbc
				.sql("select count(*) from assignment where system_id = :s and signed_off_at is not null")
				.param("s", system.id()).query(Long.class).single());
			long leaves = c.get("leaves").asLong();
			long assigned = jdbc.sql("""
					select count(distinct a.indicator_id) from assignment a where a.system_id = :s
					""").param("s", system.id()).query(Long.class).single();
			assertThat(leaves).isEqualTo(system.leafCount());
			assertThat(c.get("assignedPercent").asInt()).isEqualTo((int) (assigned * 100 / leaves));
		}
		// The service's trend ends with today, whose counts are the figures.
		comparison.compare(province, null).forEach(f -> assertThat(f.trend()).isNotEmpty());
	}

	@Test
	void aCityUserGetsOnlyItsOwnCityAndAnotherCitysCodeIs404() throws Exception {
		JsonNode own = overview("xiantao.office", "");
		assertThat(own).hasSize(1);
		assertThat(own.get(0).get("cityCode").asString()).isEqualTo("xiantao");
		assertThat(overview("xiantao.leader", "?cityCode=xiantao")).hasSize(1);
		mvc.perform(get("/api/v1/overview?cityCode=tianmen").with(logins.as("xiantao.office")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void aProvinceUserAsksForOneCityByCode() throws Exception {
		JsonNode one = overview("hubei.office", "?cityCode=tianmen");
		assertThat(one).hasSize(1);
		assertThat(one.get(0).get("cityName").asString()).isEqualTo("天门市");
	}

	@Test
	void badOrUnknownCodesAreProblems() throws Exception {
		mvc.perform(get("/api/v1/overview?cityCode=Not a code!").with(logins.as("hubei.office")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		mvc.perform(get("/api/v1/overview?cityCode=nowhere").with(logins.as("hubei.office")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void aUnitLiaisonMayNotCompareCities() throws Exception {
		mvc.perform(get("/api/v1/overview").with(logins.as("xiantao.liaison")))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

}
