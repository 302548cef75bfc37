package cn.chuangwen;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class SmokeTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void demoDataHasThreeCitiesWithTownsDepartmentsAndWindowUnits() {
		for (String city : new String[] { "xiantao", "tianmen", "qianjiang" }) {
			long towns = count(city, "('TOWN','TOWNSHIP','SUBDISTRICT','DISTRICT')");
			long departments = count(city, "('DEPARTMENT')");
			long windows = count(city, "('WINDOW')");
			assertThat(towns).as(city + " towns").isGreaterThanOrEqualTo(12);
			assertThat(departments).as(city + " departments").isGreaterThanOrEqualTo(20);
			assertThat(windows).as(city + " window units").isGreaterThanOrEqualTo(5);
		}
	}

	@Test
	void healthIsPublicAndPagesNeedLogin() throws Exception {
		mvc.perform(get("/actuator/health")).andExpect(status().isOk());
		mvc.perform(get("/units")).andExpect(status().is3xxRedirection());
	}

	private long count(String city, String kinds) {
		return jdbc.sql("select count(*) from unit u join city c on c.id = u.city_id where c.code = :c and u.kind in " + kinds)
			.param("c", city)
			.query(Long.class)
			.single();
	}

}
