package cn.chuangwen.organization.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.support.Logins;

/** Refused attempts leave a security event in the trace, so an auditor sees probing (C1). */
@IntegrationTest
class DeniedAccessTraceIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OrgFixtures fixtures;

	@Test
	void probingAnotherCitysUnitLeavesAnEventWithTheActorAndTheId() throws Exception {
		long other = fixtures.cityRoot("tianmen");
		String id = String.valueOf(other);
		int before = denied(id).size();

		assertThat(mvc.perform(get("/api/v1/units/{id}", other).with(logins.as("xiantao.office")))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(mvc.perform(get("/units/{id}", other).with(logins.as("xiantao.office")))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);

		List<Map<String, Object>> events = denied(id);
		assertThat(events).hasSize(before + 2);
		assertThat(events.subList(before, events.size())).allSatisfy(e -> {
			assertThat(e).containsEntry("actor", "xiantao.office")
				.containsEntry("object_type", "unit")
				.containsEntry("outcome", "FAILURE")
				.containsEntry("city_id", fixtures.cityId("xiantao"));
			assertThat((String) e.get("reason")).startsWith("404 GET /").endsWith("/" + id);
		});
	}

	@Test
	void aForbiddenRequestLeavesAnEventWithThePath() throws Exception {
		long user = fixtures.userId("xiantao.liaison");
		int before = denied(String.valueOf(user)).size();
		assertThat(mvc.perform(get("/admin/users/{id}", user).with(logins.as("xiantao.leader")))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(403);
		List<Map<String, Object>> events = denied(String.valueOf(user));
		assertThat(events).hasSize(before + 1);
		assertThat(events.get(events.size() - 1)).containsEntry("actor", "xiantao.leader")
			.containsEntry("object_type", "users")
			.containsEntry("reason", "403 GET /admin/users/" + user);

		int apiBefore = deniedPaths("/api/v1/units").size();
		assertThat(mvc.perform(get("/api/v1/units").with(logins.as("admin.audit"))).andReturn().getResponse().getStatus())
			.isEqualTo(403);
		assertThat(deniedPaths("/api/v1/units")).hasSize(apiBefore + 1);
	}

	private List<Map<String, Object>> denied(String objectId) {
		return jdbc.sql("""
				select actor, object_type, outcome, city_id, reason from audit_event
				where action = 'ACCESS_DENIED' and object_id = :id order by id
				""").param("id", objectId).query().listOfRows();
	}

	private List<Map<String, Object>> deniedPaths(String path) {
		return jdbc.sql("select id from audit_event where action = 'ACCESS_DENIED' and reason = :r")
			.param("r", "403 GET " + path)
			.query()
			.listOfRows();
	}

}
