package cn.chuangwen.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.moments.DayHasPassed;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.audit.AuditEventView;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.shared.PeriodCode;
import tools.jackson.databind.JsonNode;

/**
 * Periods closed by the clock: the office's calendar per period kind (bad values change nothing),
 * the daily closing as the system, a closing held back by an open inspection round and tried again,
 * a reopened period left to the office, and the catch-up window.
 */
@IntegrationTest
class PeriodCalendarIntegrationTest extends EvaluationApiTest {

	@Autowired
	PeriodCalendar calendar;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	AuditTrail audit;

	@AfterEach
	void monthsBackToHand() throws Exception {
		Map<String, Object> byHand = new HashMap<>();
		byHand.put("MONTH", null);
		call(put("/api/v1/period-calendar"), OFFICE, byHand).andExpect(status().isOk());
	}

	@Test
	void theOfficeSetsTheCalendarAndBadValuesChangeNothing() throws Exception {
		// the demo closes Xiantao's quarters five days after they end
		assertThat(days(read(mvc.perform(get("/api/v1/period-calendar").with(logins.as(OFFICE))).andExpect(status().isOk())),
				"QUARTER")).isEqualTo(5);
		JsonNode set = read(call(put("/api/v1/period-calendar"), OFFICE, Map.of("MONTH", 3)).andExpect(status().isOk()));
		assertThat(days(set, "MONTH")).isEqualTo(3);
		assertThat(days(set, "QUARTER")).isEqualTo(5);
		for (String bad : List.of("{\"MONTH\": 61}", "{\"MONTH\": -1}", "{\"MONTH\": \"abc\"}", "{\"FORTNIGHT\": 3}",
				"{\"MONTH\": 2, \"QUARTER\": 99}", "{}", "[3]", "not json")) {
			mvc.perform(put("/api/v1/period-calendar").contentType("application/json").content(bad).with(csrf())
				.with(logins.as(OFFICE))).andExpect(status().isBadRequest());
		}
		JsonNode after = read(mvc.perform(get("/api/v1/period-calendar").with(logins.as(OFFICE))).andExpect(status().isOk()));
		assertThat(days(after, "MONTH")).isEqualTo(3);
		assertThat(days(after, "QUARTER")).isEqualTo(5);
		// leaders read it, only the office changes it; a unit's liaison does not read it
		mvc.perform(get("/api/v1/period-calendar").with(logins.as("xiantao.leader"))).andExpect(status().isOk());
		call(put("/api/v1/period-calendar"), "xiantao.leader", Map.of("MONTH", 1)).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/period-calendar").with(logins.as("xiantao.liaison"))).andExpect(status().isForbidden());
		long city = logins.principal(OFFICE).cityId();
		List<AuditEventView> trace = audit.historyOf("evaluation_calendar", "xiantao:MONTH", 5);
		assertThat(trace).first().satisfies(e -> {
			assertThat(e.action()).isEqualTo("EVALUATION_CALENDAR_SET");
			assertThat(e.actor()).isEqualTo(OFFICE);
			assertThat(e.cityId()).isEqualTo(city);
			assertThat(e.changes()).anySatisfy(c -> assertThat(c.after()).isEqualTo("3"));
		});
	}

	@Test
	void theCalendarPageFormSavesAndRefusesWhatIsNoNumber() throws Exception {
		String page = mvc.perform(get("/evaluation/periods").with(logins.as(OFFICE))).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString();
		assertThat(page).contains("考核日历", "id=\"days-QUARTER\"", "value=\"5\"");
		String refused = mvc.perform(post("/evaluation/calendar").param("days-QUARTER", "五").with(csrf())
			.with(logins.as(OFFICE))).andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(refused).contains("自动结束天数须为0到60之间的整数");
		assertThat(days(read(mvc.perform(get("/api/v1/period-calendar").with(logins.as(OFFICE)))), "QUARTER")).isEqualTo(5);
		mvc.perform(post("/evaluation/calendar").param("days-QUARTER", "5").param("days-MONTH", "2").with(csrf())
			.with(logins.as(OFFICE))).andExpect(status().is3xxRedirection());
		assertThat(days(read(mvc.perform(get("/api/v1/period-calendar").with(logins.as(OFFICE)))), "MONTH")).isEqualTo(2);
		// the leader reads the periods without the calendar form
		assertThat(mvc.perform(get("/evaluation/periods").with(logins.as("xiantao.leader"))).andReturn().getResponse()
			.getContentAsString()).doesNotContain("id=\"calendar\"");
	}

	@Test
	void anEndedPeriodClosesItselfItsDaysAfterItsEndAsTheSystem() throws Exception {
		Scenario s = scenario();
		createScheme("MONTH", s.group(), List.of(src("INSPECTION", 100)));
		call(put("/api/v1/period-calendar"), OFFICE, Map.of("MONTH", 3)).andExpect(status().isOk());
		PeriodCode month = PeriodCode.parse(s.month());

		calendar.closeDue(month.end().plusDays(2));
		assertThat(state(s.month())).isEqualTo("OPEN");
		// Moments says the day before the closing day has passed: the closing day has begun
		events.publishEvent(DayHasPassed.of(month.end().plusDays(2)));
		assertThat(state(s.month())).isEqualTo("CLOSED");
		assertThat(jdbc.sql("select closed_by from evaluation_period where city_id = :c and code = :p")
			.param("c", logins.principal(OFFICE).cityId()).param("p", s.month()).query(String.class).single())
			.isEqualTo("system");
		JsonNode lines = read(mvc.perform(get("/api/v1/scores").param("period", s.month()).param("rankingGroup", s.group())
			.with(logins.as(OFFICE))).andExpect(status().isOk()));
		assertThat(lines).hasSize(3);
		assertThat(lines.get(0).get("total").decimalValue()).isEqualByComparingTo("90.00");
		long period = jdbc.sql("select id from evaluation_period where city_id = :c and code = :p")
			.param("c", logins.principal(OFFICE).cityId()).param("p", s.month()).query(Long.class).single();
		assertThat(audit.historyOf("evaluation_period", String.valueOf(period), 5)).first().satisfies(e -> {
			assertThat(e.action()).isEqualTo("EVALUATION_PERIOD_CLOSE");
			assertThat(e.actor()).isEqualTo("system");
			assertThat(e.reason()).isEqualTo("按考核日历自动结束");
		});

		// reopened by the office, it stays open: the office closes it by hand
		call(post("/api/v1/periods/{code}/reopen", s.month()), OFFICE, Map.of("reason", "补录暗访成绩"))
			.andExpect(status().isOk());
		calendar.closeDue(month.end().plusDays(4));
		assertThat(state(s.month())).isEqualTo("OPEN");
	}

	@Test
	void aClosingHeldBackByAnOpenRoundSaysWhyAndIsTriedAgainForAWeek() throws Exception {
		Scenario s = scenario();
		createScheme("MONTH", s.group(), List.of(src("INSPECTION", 100)));
		call(put("/api/v1/period-calendar"), OFFICE, Map.of("MONTH", 0)).andExpect(status().isOk());
		long open = fx.plan(logins.principal(OFFICE).cityId(), "UNANNOUNCED", s.month(), false);
		PeriodCode month = PeriodCode.parse(s.month());

		calendar.closeDue(month.end());
		assertThat(state(s.month())).isEqualTo("OPEN");
		String page = mvc.perform(get("/evaluation/periods").param("kind", "MONTH").with(logins.as(OFFICE)))
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("id=\"held-" + s.month() + "\"", "自动结束未成", fx.planName(open));

		// the round closes; the next day's try closes the period
		jdbc.sql("update inspection_plan set state = 'CLOSED' where id = :id").param("id", open).update();
		calendar.closeDue(month.end().plusDays(1));
		assertThat(state(s.month())).isEqualTo("CLOSED");
		assertThat(mvc.perform(get("/evaluation/periods").param("kind", "MONTH").with(logins.as(OFFICE))).andReturn()
			.getResponse().getContentAsString()).doesNotContain("id=\"held-" + s.month() + "\"");

		// a week after its closing day a period is left to the office
		Scenario late = scenario();
		createScheme("MONTH", late.group(), List.of(src("INSPECTION", 100)));
		calendar.closeDue(PeriodCode.parse(late.month()).end().plusDays(PeriodCalendar.CATCH_UP_DAYS));
		assertThat(state(late.month())).isEqualTo("OPEN");
	}

	String state(String code) {
		return jdbc.sql("select coalesce(max(state), 'OPEN') from evaluation_period where city_id = :c and code = :p")
			.param("c", logins.principal(OFFICE).cityId()).param("p", code).query(String.class).single();
	}

	static Integer days(JsonNode calendar, String kind) {
		for (JsonNode e : calendar) {
			if (e.get("kind").asString().equals(kind)) {
				return e.get("closeAfterDays").isNull() ? null : e.get("closeAfterDays").asInt();
			}
		}
		return null;
	}

}
