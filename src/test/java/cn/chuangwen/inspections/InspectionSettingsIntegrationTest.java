package cn.chuangwen.inspections;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.Units;
import cn.chuangwen.support.Logins;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 9 §4: the city office changes its inspection rules without a release; bad input names every
 * wrong field and changes nothing, a stale version is 409, a period kind change while a round of the
 * other kind is open is 409 naming it, and each change is traced before and after. Tianmen's rules
 * are changed here and put back, so other tests read the demo rules.
 */
@IntegrationTest
class InspectionSettingsIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	Units units;

	JsonNode rules(String account) throws Exception {
		return json.readTree(mvc.perform(get("/api/v1/inspection-rules").with(logins.as(account)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	static String body(String kind, String aw, String uw, int min, String green, String red, int distance, int version) {
		return """
				{"periodKind":"%s","announcedWeight":%s,"unannouncedWeight":%s,"minPoints":%d,"greenShare":%s,
				 "redShare":%s,"maxDistanceMetres":%d,"dispatchAnnouncedAtOnce":false,"version":%d}"""
			.formatted(kind, aw, uw, min, green, red, distance, version);
	}

	@Test
	void theOfficeChangesItsRulesTracedAndAStaleVersionIsRefused() throws Exception {
		JsonNode before = rules("tianmen.office");
		assertThat(before.get("periodKind").asString()).isEqualTo("MONTH");
		assertThat(before.get("announcedWeight").decimalValue()).isEqualByComparingTo("50");
		int version = before.get("version").asInt();
		mvc.perform(put("/api/v1/inspection-rules").contentType(MediaType.APPLICATION_JSON)
			.content(body("MONTH", "30", "70", 4, "25", "20", 800, version)).with(logins.as("tianmen.office")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.announcedWeight").value(30))
			.andExpect(jsonPath("$.version").value(version + 1));
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'INSPECTION_RULES_CHANGE' and changes like '%announcedWeight%50%30%'")
			.query(Long.class).single()).isEqualTo(1);
		// the same version again: someone changed them first
		mvc.perform(put("/api/v1/inspection-rules").contentType(MediaType.APPLICATION_JSON)
			.content(body("MONTH", "60", "40", 4, "25", "20", 800, version)).with(logins.as("tianmen.office")))
			.andExpect(status().isConflict());
		assertThat(rules("tianmen.office").get("announcedWeight").decimalValue()).isEqualByComparingTo("30");
		// another city's rules are untouched
		assertThat(rules("xiantao.office").get("announcedWeight").decimalValue()).isEqualByComparingTo("50");
		mvc.perform(put("/api/v1/inspection-rules").contentType(MediaType.APPLICATION_JSON)
			.content(body("MONTH", "50", "50", 3, "33.33", "33.33", 500, version + 1)).with(logins.as("tianmen.office")))
			.andExpect(status().isOk());
		mvc.perform(put("/api/v1/inspection-rules").contentType(MediaType.APPLICATION_JSON)
			.content(body("MONTH", "50", "50", 3, "33.33", "33.33", 500, version + 2)).with(logins.as("tianmen.leader")))
			.andExpect(status().isForbidden());
	}

	@Test
	void badInputNamesEveryWrongFieldAndChangesNothing() throws Exception {
		JsonNode before = rules("tianmen.office");
		String response = mvc.perform(put("/api/v1/inspection-rules").contentType(MediaType.APPLICATION_JSON)
			.content(body("WEEK", "40", "70", 0, "60", "50", 0, before.get("version").asInt())).with(logins.as("tianmen.office")))
			.andExpect(status().isBadRequest())
			.andReturn().getResponse().getContentAsString();
		assertThat(response).contains("periodKind", "unannouncedWeight", "minPoints", "redShare", "maxDistanceMetres");
		mvc.perform(put("/api/v1/inspection-rules").contentType(MediaType.APPLICATION_JSON)
			.content(body("MONTH", "40.123", "59.877", 3, "-1", "101", 500, before.get("version").asInt()))
			.with(logins.as("tianmen.office")))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("announcedWeight")))
			.andExpect(content().string(containsString("greenShare")))
			.andExpect(content().string(containsString("redShare")));
		mvc.perform(put("/api/v1/inspection-rules").contentType(MediaType.APPLICATION_JSON).content("{}")
			.with(logins.as("tianmen.office")))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("dispatchAnnouncedAtOnce")))
			.andExpect(content().string(containsString("version")));
		assertThat(rules("tianmen.office").get("version").asInt()).isEqualTo(before.get("version").asInt());

		// the page: errors beside the fields, what was typed kept, 400
		String page = mvc.perform(post("/inspections/settings").param("periodKind", "MONTH").param("announcedWeight", "abc")
			.param("unannouncedWeight", "60").param("minPoints", "3").param("greenShare", "33.33").param("redShare", "80")
			.param("maxDistanceMetres", "500").param("version", before.get("version").asString()).with(csrf())
			.with(logins.as("tianmen.office"))).andExpect(status().isBadRequest()).andReturn().getResponse()
			.getContentAsString();
		assertThat(page).contains("错误：", "announcedWeight-error", "redShare-error", "value=\"abc\"");
		assertThat(rules("tianmen.office").get("version").asInt()).isEqualTo(before.get("version").asInt());
		mvc.perform(get("/inspections/settings").with(logins.as("tianmen.office"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("announcedWeight")));
	}

	@Test
	void thePeriodKindCannotChangeWhileARoundOfTheOtherKindIsOpen() throws Exception {
		long cityId = logins.principal("tianmen.office").cityId();
		long open = new ResultFixtures(jdbc, units).plan(cityId, PlanKind.UNANNOUNCED, "十二月暗访未结束", "2019-12", false);
		try {
			int version = rules("tianmen.office").get("version").asInt();
			mvc.perform(put("/api/v1/inspection-rules").contentType(MediaType.APPLICATION_JSON)
				.content(body("BIMONTH", "40", "60", 3, "33.33", "33.33", 500, version)).with(logins.as("tianmen.office")))
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.detail").value(containsString("十二月暗访未结束")));
			assertThat(rules("tianmen.office").get("periodKind").asString()).isEqualTo("MONTH");
			// the same kind with other weights is fine while the round is open
			mvc.perform(put("/api/v1/inspection-rules").contentType(MediaType.APPLICATION_JSON)
				.content(body("MONTH", "50", "50", 3, "33.33", "33.33", 600, version)).with(logins.as("tianmen.office")))
				.andExpect(status().isOk());
		}
		finally {
			jdbc.sql("update inspection_plan set state = 'CLOSED' where id = :id").param("id", open).update();
		}
		int version = rules("tianmen.office").get("version").asInt();
		mvc.perform(put("/api/v1/inspection-rules").contentType(MediaType.APPLICATION_JSON)
			.content(body("MONTH", "50", "50", 3, "33.33", "33.33", 500, version)).with(logins.as("tianmen.office")))
			.andExpect(status().isOk());
	}

}
