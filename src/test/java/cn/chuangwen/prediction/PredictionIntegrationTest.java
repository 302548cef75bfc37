package cn.chuangwen.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.support.Logins;
import cn.chuangwen.surveys.Satisfaction;
import cn.chuangwen.support.TestClock;

/**
 * Issue 10 §3 and §5: the predicted score's API shape, who reads which city, the office's inputs
 * (validated, traced, reflected in the total) and the weekly snapshots (one per city and week).
 * Qianjiang's inputs are changed here and put back; Xiantao's demo inputs are only read.
 */
@IntegrationTest
class PredictionIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	Predictions predictions;

	@Autowired
	TestClock clock;

	@Autowired
	Satisfaction satisfaction;

	JsonNode prediction(String account, String query) throws Exception {
		return json.readTree(mvc.perform(get("/api/v1/prediction" + query).with(logins.as(account)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

	@Test
	void theApiAnswersTheContractShape() throws Exception {
		JsonNode p = prediction("xiantao.office", "");
		for (String field : new String[] { "total", "low", "high", "parts", "gate", "topLosses" }) {
			assertThat(p.has(field)).as(field).isTrue();
		}
		BigDecimal total = p.get("total").decimalValue(), low = p.get("low").decimalValue(),
				high = p.get("high").decimalValue();
		assertThat(low).isLessThanOrEqualTo(total);
		assertThat(total).isLessThanOrEqualTo(high);
		assertThat(high).isLessThanOrEqualTo(new BigDecimal("100"));
		assertThat(p.get("parts").get("documents").decimalValue()).isBetween(BigDecimal.ZERO, new BigDecimal("40"));
		assertThat(p.get("parts").get("field").decimalValue()).isBetween(BigDecimal.ZERO, new BigDecimal("40"));
		// Xiantao's own satisfaction survey of the year (the demo round) scaled to 20 points, 2 either way
		long xiantao = jdbc.sql("select id from city where code = 'xiantao'").query(Long.class).single();
		BigDecimal own = satisfaction.year(xiantao, LocalDate.now(clock).getYear()).score();
		assertThat(own).isNotNull();
		BigDecimal survey = own.multiply(new BigDecimal("0.2"));
		assertThat(p.get("parts").get("survey").decimalValue()).isCloseTo(survey, within(new BigDecimal("0.01")));
		assertThat(p.get("ranges").get("survey").get("high").decimalValue())
			.isCloseTo(survey.add(new BigDecimal("2")).min(new BigDecimal("20")), within(new BigDecimal("0.01")));
		// Tianmen ran no survey: unknown, 10 of 20, range 0-20
		JsonNode tianmen = prediction("tianmen.office", "");
		assertThat(tianmen.get("parts").get("survey").decimalValue()).isEqualByComparingTo("10");
		assertThat(tianmen.get("ranges").get("survey").get("low").decimalValue()).isEqualByComparingTo("0");
		assertThat(tianmen.get("ranges").get("survey").get("high").decimalValue()).isEqualByComparingTo("20");
		// the demo's minors' score for Xiantao: 88.5, over the gate
		assertThat(p.get("gate").get("minors").get("score").decimalValue()).isEqualByComparingTo("88.5");
		assertThat(p.get("gate").get("minors").get("passed").asBoolean()).isTrue();
		// the losses of the city's current indicator system (other tests of the shared database may have put
		// a newer system in use, so their number is read from the service at the same moment)
		int losses = predictions.predict(logins.principal("xiantao.office"), "").result().losses().size();
		assertThat(losses).isBetween(0, 20);
		assertThat(p.get("topLosses").size()).isEqualTo(losses);
		if (losses > 0) {
			JsonNode first = p.get("topLosses").get(0);
			assertThat(first.get("indicatorCode").asString()).isNotBlank();
			assertThat(first.get("lost").decimalValue()).isPositive();
		}
		for (int i = 1; i < p.get("topLosses").size(); i++) {
			assertThat(p.get("topLosses").get(i).get("lost").decimalValue())
				.isLessThanOrEqualTo(p.get("topLosses").get(i - 1).get("lost").decimalValue());
		}
		assertThat(p.get("estimate").asBoolean()).isTrue();
		// the cycle: the demo entered last year as the first year with its score
		assertThat(p.get("cycle").get("yearOfCycle").asInt()).isEqualTo(2);
		assertThat(p.get("cycle").get("estimate").isNull()).isFalse();
	}

	@Test
	void scopingProvinceNamesTheCityACityReadsItsOwnUnitsReadNothing() throws Exception {
		mvc.perform(get("/api/v1/prediction").with(logins.as("hubei.office")))
			.andExpect(status().isBadRequest())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.containsString("cityCode")));
		JsonNode province = prediction("hubei.office", "?cityCode=xiantao");
		JsonNode office = prediction("xiantao.office", "");
		assertThat(province.get("total").decimalValue()).isEqualByComparingTo(office.get("total").decimalValue());
		assertThat(province.get("cityCode").asString()).isEqualTo("xiantao");
		mvc.perform(get("/api/v1/prediction?cityCode=nowhere").with(logins.as("hubei.office")))
			.andExpect(status().isNotFound());
		// Tianmen's office cannot read Xiantao
		mvc.perform(get("/api/v1/prediction?cityCode=xiantao").with(logins.as("tianmen.office")))
			.andExpect(status().isNotFound());
		assertThat(prediction("tianmen.office", "?cityCode=tianmen").get("cityCode").asString()).isEqualTo("tianmen");
		assertThat(prediction("xiantao.leader", "").get("cityCode").asString()).isEqualTo("xiantao");
		mvc.perform(get("/api/v1/prediction").with(logins.as("xiantao.liaison"))).andExpect(status().isForbidden());
		mvc.perform(get("/prediction").with(logins.as("xiantao.liaison"))).andExpect(status().isForbidden());
		mvc.perform(get("/prediction/inputs").with(logins.as("xiantao.leader"))).andExpect(status().isForbidden());
		mvc.perform(put("/api/v1/prediction/inputs").contentType(MediaType.APPLICATION_JSON)
			.content("{\"minorsScore\":90,\"version\":1}")
			.with(logins.as("hubei.office"))).andExpect(status().isForbidden());
		// the pages: the province picks a city first
		String picker = mvc.perform(get("/prediction").with(logins.as("hubei.office"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(picker).contains("cityCode");
		String page = mvc.perform(get("/prediction").with(logins.as("xiantao.office"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("估算", "prediction-figures", "method");
		if (!predictions.predict(logins.principal("xiantao.office"), "").result().losses().isEmpty()) {
			assertThat(page).contains("top-losses");
		}
	}

	@Test
	void inputsAreValidatedTracedAndReflectedInTheTotal() throws Exception {
		JsonNode inputs = json.readTree(mvc.perform(get("/api/v1/prediction/inputs").with(logins.as("qianjiang.office")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		int version = inputs.get("version").asInt();
		BigDecimal minorsBefore = inputs.get("minorsScore").decimalValue();
		JsonNode before = prediction("qianjiang.office", "");
		assertThat(before.get("gate").get("minors").get("passed").asBoolean()).isFalse();

		// bad input: every wrong field named, nothing changed
		String bad = mvc.perform(put("/api/v1/prediction/inputs").contentType(MediaType.APPLICATION_JSON)
			.content("{\"minorsScore\":120,\"cycleStartYear\":1990,\"year1Score\":-1,\"version\":" + version + "}")
			.with(logins.as("qianjiang.office")))
			.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(bad).contains("minorsScore", "cycleStartYear", "year1Score");
		mvc.perform(put("/api/v1/prediction/inputs").contentType(MediaType.APPLICATION_JSON).content("{}")
			.with(logins.as("qianjiang.office"))).andExpect(status().isBadRequest());
		String page = mvc.perform(post("/prediction/inputs").param("minorsScore", "abc").param("cycleStartYear", "20x5")
			.param("version", String.valueOf(version)).with(csrf()).with(logins.as("qianjiang.office")))
			.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("minorsScore-error", "cycleStartYear-error", "value=\"abc\"");
		String deductionPage = mvc.perform(post("/prediction/inputs/deductions").param("item", "").param("points", "0")
			.param("reason", "").with(csrf()).with(logins.as("qianjiang.office")))
			.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(deductionPage).contains("item-error", "points-error", "reason-error");
		mvc.perform(post("/api/v1/prediction/deductions").contentType(MediaType.APPLICATION_JSON).content("{}")
			.with(logins.as("qianjiang.office"))).andExpect(status().isBadRequest());
		assertThat(jdbc.sql("select version from prediction_input where city_id = (select id from city where code = 'qianjiang')")
			.query(Integer.class).single()).isEqualTo(version);
		assertThat(prediction("qianjiang.office", "").get("total").decimalValue())
			.isEqualByComparingTo(before.get("total").decimalValue());

		// a change: traced with before and after, and the gate and total follow
		mvc.perform(put("/api/v1/prediction/inputs").contentType(MediaType.APPLICATION_JSON)
			.content("{\"minorsScore\":93,\"cycleStartYear\":null,\"version\":" + version + "}")
			.with(logins.as("qianjiang.office"))).andExpect(status().isOk());
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'PREDICTION_INPUTS_CHANGE' and actor = 'qianjiang.office' and changes like '%minorsScore%83%93%'")
			.query(Long.class).single()).isEqualTo(1);
		JsonNode after = prediction("qianjiang.office", "");
		assertThat(after.get("gate").get("minors").get("passed").asBoolean()).isTrue();
		// the minors' test counts 20 %: 10 more points are 2 more in the total
		assertThat(after.get("total").decimalValue().subtract(before.get("total").decimalValue()))
			.isCloseTo(new BigDecimal("2"), org.assertj.core.data.Offset.offset(new BigDecimal("0.011")));
		// a stale version is refused
		mvc.perform(put("/api/v1/prediction/inputs").contentType(MediaType.APPLICATION_JSON)
			.content("{\"minorsScore\":50,\"version\":" + version + "}").with(logins.as("qianjiang.office")))
			.andExpect(status().isConflict());

		// a negative-list deduction: subtracted, editable, removable, each step traced
		String created = mvc.perform(post("/api/v1/prediction/deductions").contentType(MediaType.APPLICATION_JSON)
			.content("{\"item\":\"测试扣分\",\"points\":3,\"reason\":\"集成测试\"}").with(logins.as("qianjiang.office")))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		JsonNode d = json.readTree(created);
		JsonNode deducted = prediction("qianjiang.office", "");
		assertThat(deducted.get("total").decimalValue())
			.isEqualByComparingTo(after.get("total").decimalValue().subtract(new BigDecimal("3")));
		mvc.perform(put("/api/v1/prediction/deductions/" + d.get("id").asLong()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"item\":\"测试扣分\",\"points\":1.5,\"reason\":\"集成测试，复核后减半\",\"version\":" + d.get("version").asInt() + "}")
			.with(logins.as("qianjiang.office"))).andExpect(status().isOk());
		assertThat(prediction("qianjiang.office", "").get("total").decimalValue())
			.isEqualByComparingTo(after.get("total").decimalValue().subtract(new BigDecimal("1.5")));
		// another city's office does not see it
		mvc.perform(delete("/api/v1/prediction/deductions/" + d.get("id").asLong()).with(logins.as("tianmen.office")))
			.andExpect(status().isNotFound());
		mvc.perform(delete("/api/v1/prediction/deductions/" + d.get("id").asLong()).with(logins.as("qianjiang.office")))
			.andExpect(status().isNoContent());
		for (String action : new String[] { "PREDICTION_DEDUCTION_ADD", "PREDICTION_DEDUCTION_UPDATE",
				"PREDICTION_DEDUCTION_REMOVE" }) {
			assertThat(jdbc.sql("select count(*) from audit_event where action = :a and object_id = :id")
				.param("a", action).param("id", d.get("id").asString()).query(Long.class).single()).as(action).isEqualTo(1);
		}
		assertThat(prediction("qianjiang.office", "").get("total").decimalValue())
			.isEqualByComparingTo(after.get("total").decimalValue());

		// put Qianjiang's demo inputs back
		mvc.perform(put("/api/v1/prediction/inputs").contentType(MediaType.APPLICATION_JSON)
			.content("{\"minorsScore\":" + minorsBefore.toPlainString() + ",\"cycleStartYear\":"
					+ inputs.get("cycleStartYear").asInt() + ",\"version\":" + (version + 1) + "}")
			.with(logins.as("qianjiang.office"))).andExpect(status().isOk());
	}

	@Test
	void aWeekHasOneSnapshotPerCityHoweverOftenItRuns() {
		LocalDate day = LocalDate.ofInstant(clock.instant(), Predictions.ZONE).minusWeeks(20);
		String week = Predictions.week(day);
		long cities = jdbc.sql("select count(*) from city").query(Long.class).single();
		int first = predictions.snapshotWeek(day, false);
		assertThat(first).isEqualTo((int) cities);
		assertThat(predictions.snapshotWeek(day, false)).isZero();
		assertThat(predictions.snapshotWeek(day.plusDays(1), false)).isZero();
		assertThat(jdbc.sql("select count(*) from prediction_snapshot where week = :w").param("w", week)
			.query(Long.class).single()).isEqualTo(cities);
	}

	@Test
	void theDemoHasAWeeklyHistoryForTheTrend() throws Exception {
		JsonNode trend = json.readTree(mvc.perform(get("/api/v1/prediction/trend").with(logins.as("xiantao.office")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(trend.size()).isGreaterThanOrEqualTo(8);
		assertThat(trend.get(trend.size() - 1).get("week").asString()).matches("\\d{4}-W\\d{2}");
	}

}
