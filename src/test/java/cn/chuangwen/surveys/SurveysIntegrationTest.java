package cn.chuangwen.surveys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.shared.PeriodCode;
import cn.chuangwen.support.Logins;
import cn.chuangwen.surveys.internal.SurveyDevices;

/**
 * Surveys end to end on the demo data (issue 10 §5, §6): the API's shapes and scoping, the public
 * answer page (accepted, a second answer of the device refused and not counted, a tampered cookie is
 * a new device, closed rounds and unknown tokens 404, malformed posts 400 changing nothing), the
 * results and the satisfaction score (the SQL mean agrees with the Java rule).
 */
@IntegrationTest
class SurveysIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	OrgFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	Surveys surveys;

	@Autowired
	Satisfaction satisfaction;

	@Autowired
	SurveyAnswers answers;

	static final String OFFICE = "xiantao.office";

	static final String BODY = """
			{"name": "测试测评", "round": "2026-Q4", "questions": [
			  {"kind": "RATING", "required": true, "labelZh": "总体满意度", "labelEn": "Overall"},
			  {"kind": "SINGLE", "required": true, "labelZh": "服务态度", "options": [
			    {"labelZh": "好", "labelEn": "Good", "score": 100}, {"labelZh": "差", "labelEn": "Poor", "score": 0}]},
			  {"kind": "MULTIPLE", "required": false, "labelZh": "办理事项", "options": [
			    {"labelZh": "咨询"}, {"labelZh": "办事"}]},
			  {"kind": "TEXT", "required": false, "labelZh": "意见"}]}""";

	MockHttpServletResponse call(MockHttpServletRequestBuilder request, String account) throws Exception {
		return mvc.perform(request.with(logins.as(account))).andReturn().getResponse();
	}

	JsonNode read(MockHttpServletResponse response) throws Exception {
		return json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
	}

	JsonNode create(String body) throws Exception {
		MockHttpServletResponse created = call(post("/api/v1/surveys").contentType(MediaType.APPLICATION_JSON).content(body),
				OFFICE);
		assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
		return read(created);
	}

	int count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
	}

	static String token(JsonNode link) {
		String url = link.get("url").asString();
		return url.substring(url.indexOf("/s/") + 3);
	}

	long question(long surveyId, int position) {
		return jdbc.sql("select id from survey_question where survey_id = :s and position = :p")
			.param("s", surveyId)
			.param("p", position)
			.query(Long.class)
			.single();
	}

	long option(long questionId, int position) {
		return jdbc.sql("select id from survey_option where question_id = :q and position = :p")
			.param("q", questionId)
			.param("p", position)
			.query(Long.class)
			.single();
	}

	/** A valid answer to the {@link #BODY} survey: rating 5, the good option. */
	MockHttpServletRequestBuilder answer(long surveyId, String token) {
		long q1 = question(surveyId, 1);
		long q2 = question(surveyId, 2);
		return post("/s/{t}", token).param("q" + q1, "5").param("q" + q2, String.valueOf(option(q2, 1))).with(csrf());
	}

	/** The demo's survey of xiantao (the oldest): many responses, some units below the minimum. */
	long demoSurvey() {
		return jdbc.sql("select min(s.id) from survey s join city c on c.id = s.city_id where c.code = 'xiantao'")
			.query(Long.class).single();
	}

	long responses(long surveyId) {
		return jdbc.sql("select count(*) from survey_response where survey_id = :s").param("s", surveyId)
			.query(Long.class).single();
	}

	@Test
	void theListHasTheContractShapeWithOneLinkPerWindowUnit() throws Exception {
		MockHttpServletResponse list = call(get("/api/v1/surveys"), OFFICE);
		assertThat(list.getStatus()).isEqualTo(200);
		assertThat(list.getHeader("X-Total-Count")).isNotNull();
		JsonNode first = read(list).get(0);
		assertThat(new TreeSet<>(first.propertyNames())).containsExactly("id", "links", "name", "round");
		assertThat(first.get("links").size()).isGreaterThanOrEqualTo(7);
		JsonNode link = first.get("links").get(0);
		assertThat(new TreeSet<>(link.propertyNames())).containsExactly("unitId", "url");
		assertThat(link.get("url").asString()).matches("http://localhost(:\\d+)?/s/[A-Za-z0-9_-]{43}");
		// another city's office sees none of xiantao's surveys, and 404 for their results
		JsonNode tianmen = read(call(get("/api/v1/surveys"), "tianmen.office"));
		for (JsonNode s : tianmen) {
			assertThat(s.get("id").asLong()).isNotEqualTo(first.get("id").asLong());
		}
		assertThat(call(get("/api/v1/surveys/{id}/results", first.get("id").asLong()), "tianmen.office").getStatus())
			.isEqualTo(404);
		// the province reads every city's
		assertThat(read(call(get("/api/v1/surveys"), "hubei.office")).findValues("id").stream().map(JsonNode::asLong))
			.contains(first.get("id").asLong());
	}

	@Test
	void createAnswerAndReadTheResults() throws Exception {
		int before = count("survey");
		JsonNode s = create(BODY);
		assertThat(count("survey")).isEqualTo(before + 1);
		assertThat(new TreeSet<>(s.propertyNames())).containsExactly("id", "links", "name", "round");
		long id = s.get("id").asLong();
		assertThat(s.get("round").asString()).isEqualTo("2026-Q4");
		String token = token(s.get("links").get(0));
		long unitId = s.get("links").get(0).get("unitId").asLong();
		assertThat(fixtures.auditCount("SURVEY_CREATE", String.valueOf(id))).isEqualTo(1);

		// the public page, without an account, in Chinese; English when the browser asks
		MockHttpServletResponse page = mvc.perform(get("/s/{t}", token)).andReturn().getResponse();
		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(page.getContentAsString(StandardCharsets.UTF_8)).contains("请为我们的服务评价", "总体满意度", "很满意");
		assertThat(mvc.perform(get("/s/{t}", token).header(HttpHeaders.ACCEPT_LANGUAGE, "en")).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8)).contains("How did we do?", "Overall");

		// an answer is accepted and the device gets its signed cookie
		MockHttpServletResponse sent = mvc.perform(answer(id, token).param("q" + question(id, 4), "很好"))
			.andReturn().getResponse();
		assertThat(sent.getStatus()).isEqualTo(302);
		assertThat(sent.getRedirectedUrl()).endsWith("/s/" + token + "?sent=1");
		Cookie device = sent.getCookie(SurveyDevices.NAME);
		assertThat(device).isNotNull();
		assertThat(sent.getHeader(HttpHeaders.SET_COOKIE)).contains("HttpOnly", "SameSite=Lax", "Path=/s/");
		assertThat(responses(id)).isEqualTo(1);
		// nothing personal is kept: the response has the unit, the time, the score and a hash of the device id
		Map<String, Object> row = jdbc.sql("select * from survey_response where survey_id = :s").param("s", id)
			.query().singleRow();
		assertThat(row.get("device_hash")).isNotEqualTo(device.getValue()).asString().hasSize(64);
		assertThat((BigDecimal) row.get("score")).isEqualByComparingTo("100");

		// the same device: the page says it answered, a second post is refused and not counted
		assertThat(mvc.perform(get("/s/{t}?sent=1", token).cookie(device)).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8)).contains("survey-thanks");
		assertThat(mvc.perform(get("/s/{t}", token).cookie(device)).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8)).contains("survey-already").doesNotContain("survey-answer");
		MockHttpServletResponse again = mvc.perform(answer(id, token).cookie(device)).andReturn().getResponse();
		assertThat(again.getStatus()).isEqualTo(409);
		assertThat(again.getContentAsString(StandardCharsets.UTF_8)).contains("survey-already");
		// the same device at another unit's link of the round: one response per device, unit and round,
		// so it rates the other unit once too
		String other = token(s.get("links").get(1));
		assertThat(mvc.perform(answer(id, other).cookie(device)).andReturn().getResponse().getStatus()).isEqualTo(302);
		assertThat(mvc.perform(answer(id, other).cookie(device)).andReturn().getResponse().getStatus()).isEqualTo(409);
		assertThat(responses(id)).isEqualTo(2);

		// a tampered cookie is no device: the post counts as a new device's, with a new cookie
		String value = device.getValue();
		Cookie forged = new Cookie(SurveyDevices.NAME, (value.charAt(0) == 'A' ? "B" : "A") + value.substring(1));
		MockHttpServletResponse fresh = mvc.perform(answer(id, token).cookie(forged)).andReturn().getResponse();
		assertThat(fresh.getStatus()).isEqualTo(302);
		assertThat(fresh.getCookie(SurveyDevices.NAME).getValue()).isNotEqualTo(value).isNotEqualTo(forged.getValue());
		assertThat(responses(id)).isEqualTo(3);

		// results: per unit and per question
		JsonNode results = read(call(get("/api/v1/surveys/{id}/results", id), OFFICE));
		assertThat(results.get("responses").asLong()).isEqualTo(3);
		JsonNode unit = null;
		for (JsonNode u : results.get("units")) {
			if (u.get("unitId").asLong() == unitId) {
				unit = u;
			}
		}
		assertThat(unit.get("responses").asLong()).isEqualTo(2);
		assertThat(unit.get("sampleTooSmall").asBoolean()).isTrue();
		assertThat(unit.get("score").isNull()).isTrue();
		JsonNode rating = results.get("questions").get(0);
		assertThat(rating.get("kind").asString()).isEqualTo("RATING");
		assertThat(rating.get("counts").get(4).get("count").asLong()).isEqualTo(3);
		assertThat(rating.get("meanRating").decimalValue()).isEqualByComparingTo("5");
		assertThat(results.get("questions").get(1).get("counts").get(0).get("count").asLong()).isEqualTo(3);
		assertThat(results.get("questions").get(3).get("texts").get(0).get("text").asString()).isEqualTo("很好");
		JsonNode one = read(call(get("/api/v1/surveys/{id}/results?unitId={u}", id, s.get("links").get(1).get("unitId").asLong()), OFFICE));
		assertThat(one.get("responses").asLong()).isEqualTo(1);
		assertThat(call(get("/api/v1/surveys/{id}/results?unitId=abc", id), OFFICE).getStatus()).isEqualTo(400);

		// with a minimum of 2 the unit gets its score: both responses scored 100
		int min = surveys.minResponses(fixtures.cityId("xiantao"));
		try {
			surveys.setMinResponses(logins.principal(OFFICE), "2");
			List<Satisfaction.UnitSatisfaction> byUnit = satisfaction.byUnit(fixtures.cityId("xiantao"),
					PeriodCode.parse("2026-Q4"));
			Satisfaction.UnitSatisfaction u = byUnit.stream().filter(x -> x.unitId() == unitId).findFirst().orElseThrow();
			assertThat(u.responses()).isGreaterThanOrEqualTo(2);
			assertThat(u.sampleTooSmall()).isFalse();
			assertThat(u.score()).isNotNull();
		}
		finally {
			surveys.setMinResponses(logins.principal(OFFICE), String.valueOf(min));
		}

		// closing: traced; the links answer 404, a second close 409
		assertThat(call(post("/surveys/{id}/close", id).with(csrf()), OFFICE).getStatus()).isEqualTo(302);
		assertThat(fixtures.auditCount("SURVEY_CLOSE", String.valueOf(id))).isEqualTo(1);
		assertThat(mvc.perform(get("/s/{t}", token)).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(answer(id, other)).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(responses(id)).isEqualTo(3);
		assertThat(call(post("/surveys/{id}/close", id).with(csrf()), OFFICE).getStatus()).isEqualTo(409);
	}

	@Test
	void unknownTokensAre404() throws Exception {
		assertThat(mvc.perform(get("/s/{t}", "x".repeat(43))).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(get("/s/{t}", "short")).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(post("/s/{t}", "y".repeat(43)).param("q1", "5").with(csrf())).andReturn().getResponse()
			.getStatus()).isEqualTo(404);
	}

	@Test
	void malformedPostsAre400AndChangeNothing() throws Exception {
		JsonNode s = create(BODY);
		long id = s.get("id").asLong();
		String token = token(s.get("links").get(0));
		long q1 = question(id, 1);
		long q2 = question(id, 2);
		long q3 = question(id, 3);
		long otherOption = option(q3, 1);
		List<MockHttpServletRequestBuilder> bad = new ArrayList<>();
		bad.add(post("/s/{t}", token).with(csrf()));
		bad.add(post("/s/{t}", token).param("q" + q1, "5").with(csrf()));
		bad.add(post("/s/{t}", token).param("q" + q1, "9").param("q" + q2, String.valueOf(option(q2, 1))).with(csrf()));
		bad.add(post("/s/{t}", token).param("q" + q1, "abc").param("q" + q2, String.valueOf(option(q2, 1))).with(csrf()));
		bad.add(post("/s/{t}", token).param("q" + q1, "4").param("q" + q2, String.valueOf(otherOption)).with(csrf()));
		bad.add(post("/s/{t}", token).param("q" + q1, "4").param("q" + q2, String.valueOf(option(q2, 1)),
				String.valueOf(option(q2, 2))).with(csrf()));
		bad.add(answer(id, token).param("q" + question(id, 4), "长".repeat(1001)));
		for (MockHttpServletRequestBuilder b : bad) {
			MockHttpServletResponse r = mvc.perform(b).andReturn().getResponse();
			assertThat(r.getStatus()).isEqualTo(400);
			assertThat(r.getContentAsString(StandardCharsets.UTF_8)).contains("error-summary", "field-error");
			assertThat(r.getCookie(SurveyDevices.NAME)).isNull();
		}
		assertThat(responses(id)).isZero();
		assertThat(jdbc.sql("select count(*) from survey_answer where survey_id = :s").param("s", id).query(Long.class)
			.single()).isZero();
		// what was typed stays on the page beside the error
		String page = mvc.perform(post("/s/{t}", token).param("q" + q1, "4").with(csrf())).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("value=\"4\" checked", "请回答这道题");
	}

	@Test
	void badQuestionnairesAre400WithTheFieldAndWriteNothing() throws Exception {
		int before = count("survey");
		MockHttpServletResponse empty = call(post("/api/v1/surveys").contentType(MediaType.APPLICATION_JSON).content("{}"),
				OFFICE);
		assertThat(empty.getStatus()).isEqualTo(400);
		assertThat(empty.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(read(empty).get("errors").findValues("field").stream().map(JsonNode::asString))
			.contains("name", "round", "questions");
		MockHttpServletResponse noOptions = call(post("/api/v1/surveys").contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"name": "x", "round": "2026-Q4", "questions": [{"kind": "SINGLE", "labelZh": "态度", "options": []}]}"""),
				OFFICE);
		assertThat(noOptions.getStatus()).isEqualTo(400);
		assertThat(read(noOptions).get("errors").findValues("field").stream().map(JsonNode::asString))
			.containsExactly("questions[0].options");
		MockHttpServletResponse emptyLabel = call(post("/api/v1/surveys").contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"name": "x", "round": "2026-Q4", "questions": [{"kind": "RATING", "labelZh": " "}]}"""), OFFICE);
		assertThat(read(emptyLabel).get("errors").findValues("field").stream().map(JsonNode::asString))
			.containsExactly("questions[0].labelZh");
		MockHttpServletResponse foreignUnit = call(post("/api/v1/surveys").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"x\", \"round\": \"2026-Q4\", \"unitIds\": [" + fixtures.cityRoot("tianmen")
					+ "], \"questions\": [{\"kind\": \"RATING\", \"labelZh\": \"好\"}]}"), OFFICE);
		assertThat(foreignUnit.getStatus()).isEqualTo(400);
		assertThat(read(foreignUnit).get("errors").findValues("field").stream().map(JsonNode::asString))
			.containsExactly("unitIds");
		MockHttpServletResponse malformed = call(post("/api/v1/surveys").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": "), OFFICE);
		assertThat(malformed.getStatus()).isEqualTo(400);
		assertThat(count("survey")).isEqualTo(before);
		// the builder page shows the same errors beside the fields
		MockHttpServletResponse form = call(post("/surveys").param("name", "").param("round", "2026-Q9")
			.param("questions[0].kind", "SINGLE").param("questions[0].labelZh", "态度").param("questions[0].options", "好|Good|abc")
			.param("action", "save").with(csrf()), OFFICE);
		assertThat(form.getStatus()).isEqualTo(400);
		assertThat(form.getContentAsString(StandardCharsets.UTF_8)).contains("请填写测评名称", "第 1 题第 1 个选项：分值须为 0 到 100 之间的数");
		assertThat(count("survey")).isEqualTo(before);
	}

	@Test
	void theBuilderAddsRemovesAndMovesQuestionsWithoutSaving() throws Exception {
		int before = count("survey");
		String page = call(post("/surveys").param("name", "测评").param("round", "2026-Q4")
			.param("questions[0].kind", "RATING").param("questions[0].labelZh", "甲")
			.param("questions[1].kind", "TEXT").param("questions[1].labelZh", "乙")
			.param("action", "up-1").with(csrf()), OFFICE).getContentAsString(StandardCharsets.UTF_8);
		assertThat(page.indexOf("value=\"乙\"")).isLessThan(page.indexOf("value=\"甲\""));
		page = call(post("/surveys").param("name", "测评").param("round", "2026-Q4")
			.param("questions[0].kind", "RATING").param("questions[0].labelZh", "甲")
			.param("action", "add").with(csrf()), OFFICE).getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("questions[1].labelZh");
		page = call(post("/surveys").param("name", "测评").param("round", "2026-Q4")
			.param("questions[0].kind", "RATING").param("questions[0].labelZh", "甲")
			.param("action", "remove-0").with(csrf()), OFFICE).getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).doesNotContain("questions[0].labelZh");
		assertThat(count("survey")).isEqualTo(before);
		MockHttpServletResponse saved = call(post("/surveys").param("name", "页面测评").param("round", "2026-Q4")
			.param("questions[0].kind", "SINGLE").param("questions[0].required", "true").param("questions[0].labelZh", "态度")
			.param("questions[0].options", "好|Good|100\n差|Poor|0").param("action", "save").with(csrf()), OFFICE);
		assertThat(saved.getStatus()).isEqualTo(302);
		assertThat(count("survey")).isEqualTo(before + 1);
	}

	@Test
	void aWindowUnitReadsItsOwnResultsOnly() throws Exception {
		long surveyId = demoSurvey();
		long unitId = jdbc.sql("select min(unit_id) from survey_link where survey_id = :s").param("s", surveyId)
			.query(Long.class).single();
		var window = fixtures.principal(fixtures.account("window", "xiantao", unitId, Set.of(Role.UNIT_LIAISON)));
		JsonNode list = read(mvc.perform(get("/api/v1/surveys").with(Logins.signedIn(window))).andReturn().getResponse());
		JsonNode mine = null;
		for (JsonNode s : list) {
			if (s.get("id").asLong() == surveyId) {
				mine = s;
			}
		}
		assertThat(mine.get("links").size()).isEqualTo(1);
		assertThat(mine.get("links").get(0).get("unitId").asLong()).isEqualTo(unitId);
		JsonNode results = read(mvc.perform(get("/api/v1/surveys/{id}/results", surveyId).with(Logins.signedIn(window)))
			.andReturn().getResponse());
		assertThat(results.get("units").size()).isEqualTo(1);
		assertThat(results.get("units").get(0).get("unitId").asLong()).isEqualTo(unitId);
		long others = jdbc.sql("select min(unit_id) from survey_link where survey_id = :s and unit_id <> :u")
			.param("s", surveyId).param("u", unitId).query(Long.class).single();
		assertThat(mvc.perform(get("/api/v1/surveys/{id}/results?unitId={u}", surveyId, others)
			.with(Logins.signedIn(window))).andReturn().getResponse().getStatus()).isEqualTo(404);
		// the question counts are those of its own unit
		long own = results.get("responses").asLong();
		long all = read(call(get("/api/v1/surveys/{id}/results", surveyId), OFFICE)).get("responses").asLong();
		assertThat(own).isLessThan(all);
		assertThat(results.get("questions").get(0).get("answered").asLong()).isLessThanOrEqualTo(own);
		// a town's liaison sees no unit of it; an inspector no survey at all
		assertThat(read(call(get("/api/v1/surveys/{id}/results", surveyId), "xiantao.liaison")).get("units").size()).isZero();
		assertThat(call(get("/api/v1/surveys"), "xiantao.inspector").getStatus()).isEqualTo(403);
		// nor may a reader create
		assertThat(mvc.perform(post("/api/v1/surveys").contentType(MediaType.APPLICATION_JSON).content(BODY)
			.with(Logins.signedIn(window))).andReturn().getResponse().getStatus()).isEqualTo(403);
	}

	/** The demo: some window units have a score, some a sample too small; the SQL mean agrees with the Java rule. */
	@Test
	void theDemoRoundHasScoresAndSmallSamplesAndTheRuleAgreesWithTheSql() {
		long city = fixtures.cityId("xiantao");
		String round = jdbc.sql("select min(round_code) from survey where city_id = :c").param("c", city)
			.query(String.class).single();
		List<Satisfaction.UnitSatisfaction> units = satisfaction.byUnit(city, PeriodCode.parse(round));
		assertThat(units).anyMatch(u -> u.score() != null && !u.sampleTooSmall());
		assertThat(units).anyMatch(u -> u.score() == null && u.sampleTooSmall());
		int min = surveys.minResponses(city);
		for (Satisfaction.UnitSatisfaction u : units) {
			List<BigDecimal> scores = jdbc.sql("""
					select r.score from survey_response r join survey s on s.id = r.survey_id
					where s.city_id = :c and s.round_code = :r and r.unit_id = :u""")
				.param("c", city).param("r", round).param("u", u.unitId())
				.query(BigDecimal.class).list();
			assertThat(u.responses()).isEqualTo(scores.size());
			BigDecimal java = SurveyRules.unitScore(scores, min);
			if (java == null) {
				assertThat(u.score()).isNull();
			}
			else {
				assertThat(u.score()).as(u.unitName()).isEqualByComparingTo(java);
			}
		}
		Satisfaction.CityFigure year = satisfaction.year(city, PeriodCode.parse(round).start().getYear());
		assertThat(year.rounds()).contains(round);
		assertThat(year.score()).isNotNull().isBetween(BigDecimal.ZERO, new BigDecimal("100"));
		assertThat(year.unitRoundsScored()).isLessThan(year.unitRounds());
		assertThat(satisfaction.year(city, 2001).score()).isNull();
	}

	@Test
	void theOfficePagesShowTheResultsAndThePostersArePdf() throws Exception {
		long surveyId = demoSurvey();
		MockHttpServletResponse page = call(get("/surveys/{id}", surveyId), OFFICE);
		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(page.getContentAsString(StandardCharsets.UTF_8)).contains("样本不足", "survey-chart", "unit-results");
		MockHttpServletResponse pdf = call(get("/surveys/{id}/posters.pdf", surveyId), OFFICE);
		assertThat(pdf.getStatus()).isEqualTo(200);
		assertThat(pdf.getContentType()).isEqualTo("application/pdf");
		byte[] bytes = pdf.getContentAsByteArray();
		assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		assertThat(call(get("/surveys/{id}/posters.pdf?unit={u}", surveyId, Long.MAX_VALUE), OFFICE).getStatus()).isEqualTo(404);
		MockHttpServletResponse xlsx = call(get("/surveys/{id}/results.xlsx", surveyId), OFFICE);
		assertThat(xlsx.getStatus()).isEqualTo(200);
		try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.getContentAsByteArray()))) {
			assertThat(book.getSheetAt(0).getRow(1).getCell(0).getStringCellValue()).isEqualTo("单位");
			assertThat(book.getSheetAt(0).getLastRowNum()).isGreaterThanOrEqualTo(8);
			assertThat(book.getSheetAt(1).getRow(1).getCell(0).getStringCellValue()).startsWith("1. ");
		}
		assertThat(call(get("/surveys"), OFFICE).getContentAsString(StandardCharsets.UTF_8)).contains("minResponses");
		assertThat(call(post("/surveys/settings").param("minResponses", "0").with(csrf()), OFFICE).getStatus()).isEqualTo(400);
	}

}
