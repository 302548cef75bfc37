package cn.chuangwen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.support.Logins;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * API lists page in the database: {@code page}/{@code size}, a JSON array body, {@code X-Total-Count}
 * and {@code Link}; bad values are 400 problem JSON; HTML lists page the same way and keep filters.
 */
@IntegrationTest
class PagingIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	private MockHttpServletResponse call(String user, String url) throws Exception {
		return mvc.perform(get(url).with(logins.as(user))).andReturn().getResponse();
	}

	private long cityUnits(String cityCode) {
		return jdbc.sql("select count(*) from unit u join city c on c.id = u.city_id where c.code = :c")
			.param("c", cityCode)
			.query(Long.class)
			.single();
	}

	@Test
	void unitsComeOnePageAtATimeWithTheTotalAndLinks() throws Exception {
		long total = cityUnits("xiantao");
		assertThat(total).as("demo city has more units than a page").isGreaterThan(20);

		MockHttpServletResponse first = call("xiantao.office", "/api/v1/units?size=10");
		assertThat(first.getStatus()).isEqualTo(200);
		JsonNode body = json.readTree(first.getContentAsString());
		assertThat(body.isArray()).isTrue();
		assertThat(body.size()).isEqualTo(10);
		assertThat(first.getHeader("X-Total-Count")).isEqualTo(Long.toString(total));
		assertThat(first.getHeader("Link")).contains("page=2").contains("size=10").contains("rel=\"next\"")
			.doesNotContain("rel=\"prev\"");

		MockHttpServletResponse second = call("xiantao.office", "/api/v1/units?size=10&page=2");
		JsonNode page2 = json.readTree(second.getContentAsString());
		assertThat(page2.size()).isEqualTo(10);
		assertThat(second.getHeader("Link")).contains("rel=\"prev\"").contains("page=1").contains("page=3");
		assertThat(page2.get(0).get("id").asLong()).isNotEqualTo(body.get(0).get("id").asLong());

		int lastPage = (int) ((total + 9) / 10);
		MockHttpServletResponse last = call("xiantao.office", "/api/v1/units?size=10&page=" + lastPage);
		assertThat(json.readTree(last.getContentAsString()).size()).isEqualTo((int) (total - (lastPage - 1) * 10L));
		assertThat(last.getHeader("Link")).contains("rel=\"prev\"").doesNotContain("rel=\"next\"");

		MockHttpServletResponse beyond = call("xiantao.office", "/api/v1/units?size=10&page=" + (lastPage + 1));
		assertThat(beyond.getStatus()).isEqualTo(200);
		assertThat(json.readTree(beyond.getContentAsString()).size()).isZero();
		assertThat(beyond.getHeader("X-Total-Count")).isEqualTo(Long.toString(total));
	}

	@Test
	void everyPageTogetherIsTheWholeListOnce() throws Exception {
		long total = cityUnits("xiantao");
		List<Long> ids = new ArrayList<>();
		for (int p = 1; p <= (total + 499) / 500; p++) {
			for (JsonNode u : json.readTree(call("xiantao.office", "/api/v1/units?size=500&page=" + p).getContentAsString())) {
				ids.add(u.get("id").asLong());
			}
		}
		assertThat(ids).hasSize((int) total).doesNotHaveDuplicates();
	}

	@Test
	void withoutParametersTheFirstFiftyCome() throws Exception {
		MockHttpServletResponse r = call("xiantao.office", "/api/v1/units");
		assertThat(json.readTree(r.getContentAsString()).size()).isEqualTo(50);
		assertThat(r.getHeader("Link")).contains("page=2").contains("size=50");
	}

	@Test
	void linksKeepTheFilters() throws Exception {
		MockHttpServletResponse r = call("xiantao.office", "/api/v1/units?kind=COMMUNITY&size=5");
		long communities = jdbc.sql("""
				select count(*) from unit u join city c on c.id = u.city_id where c.code = 'xiantao' and u.kind = 'COMMUNITY'
				""").query(Long.class).single();
		assertThat(r.getHeader("X-Total-Count")).isEqualTo(Long.toString(communities));
		assertThat(r.getHeader("Link")).contains("kind=COMMUNITY");
		for (JsonNode u : json.readTree(r.getContentAsString())) {
			assertThat(u.get("kind").asString()).isEqualTo("COMMUNITY");
		}
	}

	@Test
	void aUnitsTotalIsItsSubtreeOnly() throws Exception {
		long unit = jdbc.sql("select unit_id from app_user where username = 'xiantao.liaison'").query(Long.class).single();
		String path = jdbc.sql("select path from unit where id = :u").param("u", unit).query(String.class).single();
		long subtree = jdbc.sql("select count(*) from unit where path like :p").param("p", path + "%").query(Long.class).single();
		MockHttpServletResponse r = call("xiantao.liaison", "/api/v1/units?size=500");
		if (r.getStatus() == 200) {
			assertThat(r.getHeader("X-Total-Count")).isEqualTo(Long.toString(subtree));
		}
		else {
			assertThat(r.getStatus()).isEqualTo(403);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "page=0", "page=-1", "page=abc", "page=1.5", "size=0", "size=501", "size=x",
			"page=99999999999" })
	void badPageOrSizeIs400ProblemJsonNamingTheField(String query) throws Exception {
		for (String list : List.of("/api/v1/units", "/api/v1/users", "/api/v1/assignments", "/api/v1/indicator-systems")) {
			MockHttpServletResponse r = call("xiantao.office", list + "?" + query);
			assertThat(r.getStatus()).as(list + "?" + query).isEqualTo(400);
			assertThat(r.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			JsonNode problem = json.readTree(r.getContentAsString());
			assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(query.substring(0, query.indexOf('=')));
		}
	}

	@Test
	void everyApiListSendsTheTotal() throws Exception {
		for (String list : List.of("/api/v1/users?size=2", "/api/v1/assignments?size=2", "/api/v1/indicator-systems?size=1")) {
			MockHttpServletResponse r = call("xiantao.office", list);
			assertThat(r.getStatus()).as(list).isEqualTo(200);
			long total = Long.parseLong(r.getHeader("X-Total-Count"));
			JsonNode body = json.readTree(r.getContentAsString());
			assertThat(body.isArray()).isTrue();
			assertThat(body.size()).as(list).isEqualTo((int) Math.min(total, body.size() == 1 ? 1 : 2));
			if (total > body.size()) {
				assertThat(r.getHeader("Link")).as(list).contains("rel=\"next\"");
			}
		}
		long assignments = jdbc.sql("select count(*) from assignment a join city c on c.id = a.city_id where c.code = 'xiantao'")
			.query(Long.class)
			.single();
		assertThat(call("xiantao.office", "/api/v1/assignments?size=2").getHeader("X-Total-Count"))
			.isEqualTo(Long.toString(assignments));
	}

	@Test
	void theUnitPageShowsOnePageAndItsNavigationKeepsTheFilters() throws Exception {
		long active = jdbc.sql("""
				select count(*) from unit u join city c on c.id = u.city_id where c.code = 'xiantao' and u.active = true
				""").query(Long.class).single();
		assertThat(active).as("more than one page of active units").isGreaterThan(50);
		MockHttpServletResponse r = call("xiantao.office", "/units?active=yes&page=2");
		assertThat(r.getStatus()).isEqualTo(200);
		String html = r.getContentAsString();
		assertThat(html.split("<tr").length - 2).as("rows of page 2")
			.isEqualTo((int) Math.min(50, active - 50));
		assertThat(html).contains("rel=\"prev\"").contains("active=yes&amp;page=1");
	}

}
