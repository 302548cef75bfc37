package cn.chuangwen.organization.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.support.Logins;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checklist B2 (object-level authorization): ids of other cities and of units outside the caller's
 * part of the tree answer 404, exactly like ids that do not exist, and lists hold only what the
 * caller may see.
 */
@IntegrationTest
class DataScopeIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	OrgFixtures fixtures;

	@Test
	void anotherCitysUnitIsNotFoundForACityOffice() throws Exception {
		long tianmenRoot = fixtures.cityRoot("tianmen");
		long tianmenTown = jdbc.sql("select id from unit where parent_id = :p order by id limit 1")
			.param("p", tianmenRoot)
			.query(Long.class)
			.single();
		long missing = jdbc.sql("select max(id) + 1000 from unit").query(Long.class).single();
		for (long id : new long[] { tianmenRoot, tianmenTown }) {
			MockHttpServletResponse api = call(get("/api/v1/units/{id}", id), "xiantao.office");
			MockHttpServletResponse none = call(get("/api/v1/units/{id}", missing), "xiantao.office");
			assertThat(api.getStatus()).isEqualTo(404);
			assertThat(api.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			// the same answer as for an id that does not exist
			assertThat(json.readTree(api.getContentAsString()).get("detail"))
				.isEqualTo(json.readTree(none.getContentAsString()).get("detail"));
			assertThat(call(get("/units/{id}", id), "xiantao.office").getStatus()).isEqualTo(404);
			assertThat(call(get("/units/{id}/edit", id), "xiantao.office").getStatus()).isEqualTo(404);
		}
		String before = fixtures.code(tianmenTown);
		MockHttpServletResponse changed = call(put("/api/v1/units/{id}", tianmenTown).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"code":"HACKED-1","name":"改名","kind":"SUBDISTRICT","version":0}
					"""), "xiantao.office");
		assertThat(changed.getStatus()).isEqualTo(404);
		assertThat(fixtures.code(tianmenTown)).isEqualTo(before);
		// the tianmen office itself sees it
		assertThat(call(get("/api/v1/units/{id}", tianmenTown), "tianmen.office").getStatus()).isEqualTo(200);
	}

	@Test
	void aLiaisonSeesItsTownAndBelowButNotASiblingTown() throws Exception {
		long town = fixtures.unitOf("xiantao.liaison");
		String townPath = fixtures.path(town);
		long sibling = fixtures.siblingOf(town);
		long community = jdbc.sql("select id from unit where parent_id = :p order by id limit 1")
			.param("p", town)
			.query(Long.class)
			.single();
		long siblingCommunity = jdbc.sql("select id from unit where parent_id = :p order by id limit 1")
			.param("p", sibling)
			.query(Long.class)
			.single();
		assertThat(call(get("/api/v1/units/{id}", town), "xiantao.liaison").getStatus()).isEqualTo(200);
		assertThat(call(get("/api/v1/units/{id}", community), "xiantao.liaison").getStatus()).isEqualTo(200);
		assertThat(call(get("/units/{id}", community), "xiantao.liaison").getStatus()).isEqualTo(200);
		assertThat(call(get("/api/v1/units/{id}", sibling), "xiantao.liaison").getStatus()).isEqualTo(404);
		assertThat(call(get("/api/v1/units/{id}", siblingCommunity), "xiantao.liaison").getStatus()).isEqualTo(404);
		assertThat(call(get("/units/{id}", sibling), "xiantao.liaison").getStatus()).isEqualTo(404);
		assertThat(call(get("/api/v1/units/{id}", fixtures.cityRoot("xiantao")), "xiantao.liaison").getStatus())
			.isEqualTo(404);

		List<Long> ids = new ArrayList<>();
		// one page holds the whole subtree: other tests add communities under this town
		for (JsonNode unit : units("/api/v1/units?size=500", "xiantao.liaison")) {
			ids.add(unit.get("id").asLong());
			assertThat(fixtures.path(unit.get("id").asLong())).startsWith(townPath);
			assertThat(unit.get("cityCode").asString()).isEqualTo("xiantao");
		}
		assertThat(ids).contains(town, community).doesNotContain(sibling, siblingCommunity);
		int inSubtree = jdbc.sql("select count(*) from unit where path like :p")
			.param("p", townPath + "%")
			.query(Integer.class)
			.single();
		assertThat(ids).hasSize(inSubtree);
	}

	@Test
	void aSearchForAnotherCityFindsNothing() throws Exception {
		assertThat(units("/api/v1/units?cityCode=tianmen", "xiantao.office")).isEmpty();
		assertThat(units("/api/v1/units?q=" + fixtures.code(fixtures.cityRoot("tianmen")), "xiantao.office"))
			.allSatisfy(u -> assertThat(u.get("cityCode").asString()).isEqualTo("xiantao"));
		List<JsonNode> own = units("/api/v1/units?size=500", "xiantao.office");
		assertThat(own).isNotEmpty().allSatisfy(u -> assertThat(u.get("cityCode").asString()).isEqualTo("xiantao"));
		int cityUnits = jdbc.sql("select count(*) from unit u join city c on c.id = u.city_id where c.code = 'xiantao'")
			.query(Integer.class)
			.single();
		assertThat(own).hasSize(Math.min(cityUnits, 500));
		assertThat(call(get("/api/v1/units"), "xiantao.office").getHeader("X-Total-Count"))
			.isEqualTo(Integer.toString(cityUnits));
	}

	@Test
	void theProvinceOfficeSeesEveryCity() throws Exception {
		for (String city : List.of("xiantao", "tianmen", "qianjiang")) {
			assertThat(units("/api/v1/units?size=5&cityCode=" + city, "hubei.office")).as(city).isNotEmpty()
				.allSatisfy(u -> assertThat(u.get("cityCode").asString()).isEqualTo(city));
		}
		int all = jdbc.sql("select count(*) from unit").query(Integer.class).single();
		assertThat(call(get("/api/v1/units"), "hubei.office").getHeader("X-Total-Count")).isEqualTo(Integer.toString(all));
		assertThat(call(get("/api/v1/units/{id}", fixtures.cityRoot("qianjiang")), "hubei.office").getStatus())
			.isEqualTo(200);
	}

	@Test
	void citiesAreScopedToo() throws Exception {
		assertThat(cityCodes("xiantao.office")).containsExactly("xiantao");
		assertThat(cityCodes("tianmen.liaison")).containsExactly("tianmen");
		assertThat(cityCodes("hubei.office")).contains("xiantao", "tianmen", "qianjiang");
		assertThat(cityCodes("xiantao.supervisor")).isEmpty();
	}

	@Test
	void aSupervisorSeesNoUnits() throws Exception {
		assertThat(call(get("/api/v1/units"), "xiantao.supervisor").getStatus()).isEqualTo(403);
		assertThat(call(get("/units"), "xiantao.supervisor").getStatus()).isEqualTo(403);
	}

	@Test
	void usersOfAnotherCityAreNotFound() throws Exception {
		long tianmenLeader = fixtures.userId("tianmen.leader");
		assertThat(call(get("/api/v1/users/{id}", tianmenLeader), "xiantao.office").getStatus()).isEqualTo(404);
		assertThat(call(get("/api/v1/users/{id}", fixtures.userId("xiantao.leader")), "xiantao.office").getStatus())
			.isEqualTo(200);
		MockHttpServletResponse list = call(get("/api/v1/users"), "xiantao.office");
		for (JsonNode user : json.readTree(list.getContentAsString()).values()) {
			assertThat(user.get("cityCode").asString()).isEqualTo("xiantao");
		}
	}

	private List<String> cityCodes(String account) throws Exception {
		MockHttpServletResponse response = call(get("/api/v1/cities"), account);
		assertThat(response.getStatus()).isEqualTo(200);
		List<String> codes = new ArrayList<>();
		json.readTree(response.getContentAsString()).values().forEach(c -> codes.add(c.get("code").asString()));
		return codes;
	}

	private List<JsonNode> units(String url, String account) throws Exception {
		MockHttpServletResponse response = call(get(url), account);
		assertThat(response.getStatus()).isEqualTo(200);
		List<JsonNode> list = new ArrayList<>();
		json.readTree(response.getContentAsString()).values().forEach(list::add);
		return list;
	}

	private MockHttpServletResponse call(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
			String account) throws Exception {
		return mvc.perform(request.with(logins.as(account))).andReturn().getResponse();
	}

}
