package cn.chuangwen.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.inspections.InspectionResults;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.shared.PeriodCode;
import cn.chuangwen.surveys.Satisfaction;
import cn.chuangwen.support.Logins;
import tools.jackson.databind.JsonNode;

/**
 * Issue 10 §1, §5, §6: schemes refused with the weights' sum, an unknown source or one the city
 * lacks; closing refused while an inspection round of the period is open; a closed period's frozen
 * scores unchanged by later data; reopening only with a reason; the preview; who reads what. Each
 * test works in a past month of its own with units in a ranking group of their own (xiantao).
 */
@IntegrationTest
class EvaluationIntegrationTest extends EvaluationApiTest {

	@Autowired
	InspectionResults inspectionResults;

	@Autowired
	Satisfaction satisfaction;

	static JsonNode line(JsonNode lines, long unitId) {
		for (JsonNode l : lines) {
			if (l.get("unitId").asLong() == unitId) {
				return l;
			}
		}
		throw new AssertionError("no line for unit " + unitId + " in " + lines);
	}

	@Test
	void weightsThatDoNotSumTo100AreRefusedWithTheSum() throws Exception {
		String group = EvaluationFixtures.freshGroup();
		String body = call(post("/api/v1/score-schemes"), OFFICE,
				scheme("MONTH", group, List.of(src("INSPECTION", 60), src("PROBLEM_ON_TIME", 30))))
			.andExpect(status().isBadRequest())
			.andReturn().getResponse().getContentAsString();
		assertThat(body).contains("90");
		assertThat(jdbc.sql("select count(*) from evaluation_scheme where ranking_group = :g").param("g", group)
			.query(Integer.class).single()).isZero();
	}

	@Test
	void anUnknownSourceAndASourceTheCityLacksAreRefused() throws Exception {
		String group = EvaluationFixtures.freshGroup();
		assertThat(call(post("/api/v1/score-schemes"), OFFICE,
				scheme("MONTH", group, List.of(src("INSPECTION", 60), src("HOROSCOPE", 40))))
			.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString()).contains("HOROSCOPE");
		// inspections come by month in xiantao: a weekly scheme cannot use them
		assertThat(call(post("/api/v1/score-schemes"), OFFICE,
				scheme("WEEK", group, List.of(src("INSPECTION", 60), src("PROBLEM_ON_TIME", 40))))
			.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString()).contains("INSPECTION");
		// the manual source weighs nothing and needs a cap
		call(post("/api/v1/score-schemes"), OFFICE, scheme("MONTH", group,
				List.of(src("INSPECTION", 100), Map.of("source", "MANUAL", "weight", 10)))).andExpect(status().isBadRequest());
		assertThat(jdbc.sql("select count(*) from evaluation_scheme where ranking_group = :g").param("g", group)
			.query(Integer.class).single()).isZero();
	}

	@Test
	void windowUnitsSatisfactionIsASourceWhereTheCityRunsSurveys() throws Exception {
		// Tianmen never ran a satisfaction survey: SURVEY is a source it lacks
		String group = EvaluationFixtures.freshGroup();
		assertThat(call(post("/api/v1/score-schemes"), "tianmen.office",
				scheme("QUARTER", group, List.of(src("INSPECTION", 70), src("SURVEY", 30))))
			.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString()).contains("SURVEY");
		// Xiantao's window units this quarter (the demo scheme weighs SURVEY 30 %): the part is the unit's
		// satisfaction of the demo round where the sample is big enough, and absent where it is too small
		long xiantao = logins.principal(OFFICE).cityId();
		PeriodCode quarter = PeriodCode.of(PeriodCode.Kind.QUARTER, java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")));
		JsonNode lines = read(mvc.perform(get("/api/v1/scores").param("period", quarter.text()).param("rankingGroup", "窗口单位")
			.with(logins.as(OFFICE))).andExpect(status().isOk()));
		List<Satisfaction.UnitSatisfaction> surveyed = satisfaction.byUnit(xiantao, quarter);
		assertThat(surveyed).anyMatch(u -> u.score() != null).anyMatch(u -> u.score() == null);
		for (Satisfaction.UnitSatisfaction u : surveyed) {
			JsonNode part = line(lines, u.unitId()).get("parts").get("SURVEY");
			if (u.score() == null) {
				assertThat(part == null || part.isNull()).as(u.unitName()).isTrue();
			}
			else {
				assertThat(part.decimalValue()).as(u.unitName()).isEqualByComparingTo(u.score());
			}
		}
	}

	@Test
	void closingWithAnOpenInspectionRoundOfThePeriodIsAConflictNamingIt() throws Exception {
		Scenario s = scenario();
		createScheme("MONTH", s.group(), List.of(src("INSPECTION", 100)));
		long open = fx.plan(logins.principal(OFFICE).cityId(), "UNANNOUNCED", s.month(), false);
		String body = call(post("/api/v1/periods/{code}/close", s.month()), OFFICE, null)
			.andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
		assertThat(body).contains(fx.planName(open));
		assertThat(jdbc.sql("select count(*) from evaluation_score s join evaluation_period p on p.id = s.period_id"
				+ " where p.code = :c and s.ranking_group = :g").param("c", s.month()).param("g", s.group())
			.query(Integer.class).single()).isZero();
		// a running period is not closed either
		String now = PeriodCode.of(PeriodCode.Kind.MONTH, java.time.LocalDate.now()).next().text();
		call(post("/api/v1/periods/{code}/close", now), OFFICE, null).andExpect(status().isConflict());
	}

	@Test
	void aClosedPeriodsScoresAreFrozenWhateverTheDataDoesLater() throws Exception {
		Scenario s = scenario();
		createScheme("MONTH", s.group(), List.of(src("INSPECTION", 80), src("PROBLEM_ON_TIME", 20),
				Map.of("source", "MANUAL", "weight", 0, "cap", 3)));
		call(post("/api/v1/manual-items"), OFFICE, Map.of("period", s.month(), "unitId", s.c().id(), "points", 5,
				"reason", "创新案例")).andExpect(status().isCreated());
		JsonNode closed = read(call(post("/api/v1/periods/{code}/close", s.month()), OFFICE, null).andExpect(status().isOk()));
		assertThat(closed.get("state").asString()).isEqualTo("CLOSED");
		JsonNode before = read(mvc.perform(get("/api/v1/scores").param("period", s.month()).param("rankingGroup", s.group())
			.with(logins.as(OFFICE))).andExpect(status().isOk()));
		assertThat(before).hasSize(3);
		// no problem data: the inspection part takes the whole weight; C's bonus is capped at 3
		assertThat(line(before, s.a().id()).get("total").decimalValue()).isEqualByComparingTo("90.00");
		assertThat(line(before, s.a().id()).get("rank").asInt()).isEqualTo(1);
		assertThat(line(before, s.a().id()).get("band").asString()).isEqualTo("优秀");
		assertThat(line(before, s.c().id()).get("total").decimalValue()).isEqualByComparingTo("73.00");
		assertThat(line(before, s.c().id()).get("parts").get("MANUAL").decimalValue()).isEqualByComparingTo("3");
		assertThat(line(before, s.c().id()).get("parts").get("INSPECTION").decimalValue()).isEqualByComparingTo("70");
		// later: C is inspected again with full marks, A is renamed; the snapshot stays as it was
		fx.inspect(s.announced(), s.c().id(), "100", "100", "100", "100", "100", "100");
		var city = cities.byCode("xiantao").orElseThrow();
		var live = inspectionResults.lines(city, PeriodCode.parse(s.month()))
			.stream().filter(l -> l.unitId() == s.c().id()).findFirst().orElseThrow();
		assertThat(live.composite()).as("the live composite moved").isNotEqualByComparingTo("70");
		JsonNode after = read(mvc.perform(get("/api/v1/scores").param("period", s.month()).param("rankingGroup", s.group())
			.with(logins.as(OFFICE))).andExpect(status().isOk()));
		assertThat(after).isEqualTo(before);
		// and no bonus is entered into a closed period
		call(post("/api/v1/manual-items"), OFFICE, Map.of("period", s.month(), "unitId", s.c().id(), "points", 1,
				"reason", "补录")).andExpect(status().isConflict());
		// closing twice is a conflict
		call(post("/api/v1/periods/{code}/close", s.month()), OFFICE, null).andExpect(status().isConflict());
	}

	@Test
	void reopeningNeedsAReasonAndIsTraced() throws Exception {
		Scenario s = scenario();
		createScheme("MONTH", s.group(), List.of(src("INSPECTION", 100)));
		call(post("/api/v1/periods/{code}/close", s.month()), OFFICE, null).andExpect(status().isOk());
		call(post("/api/v1/periods/{code}/reopen", s.month()), OFFICE, Map.of()).andExpect(status().isBadRequest());
		call(post("/api/v1/periods/{code}/reopen", s.month()), OFFICE, Map.of("reason", "  ")).andExpect(status().isBadRequest());
		assertThat(read(mvc.perform(get("/api/v1/periods").param("kind", "MONTH").with(logins.as(OFFICE)))))
			.anySatisfy(p -> {
				assertThat(p.get("code").asString()).isEqualTo(s.month());
				assertThat(p.get("state").asString()).isEqualTo("CLOSED");
			});
		JsonNode reopened = read(call(post("/api/v1/periods/{code}/reopen", s.month()), OFFICE,
				Map.of("reason", "测评数据录入有误，重新核算")).andExpect(status().isOk()));
		assertThat(reopened.get("state").asString()).isEqualTo("OPEN");
		assertThat(jdbc.sql("""
				select count(*) from audit_event where action = 'EVALUATION_PERIOD_REOPEN' and reason = :r""")
			.param("r", "测评数据录入有误，重新核算").query(Integer.class).single()).isEqualTo(1);
		// open again: the office reads it live, a leader no longer
		mvc.perform(get("/api/v1/scores").param("period", s.month()).with(logins.as(OFFICE))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/scores").param("period", s.month()).with(logins.as("xiantao.leader")))
			.andExpect(status().isNotFound());
		call(post("/api/v1/periods/{code}/reopen", s.month()), OFFICE, Map.of("reason", "再次")).andExpect(status().isConflict());
	}

	@Test
	void thePreviewShowsHowTheLastClosedPeriodWouldRankAndSavesNothing() throws Exception {
		Scenario s = scenario();
		long id = createScheme("MONTH", s.group(), List.of(src("INSPECTION", 100)));
		call(post("/api/v1/periods/{code}/close", s.month()), OFFICE, null).andExpect(status().isOk());
		// a stricter scheme: the minimum sample above every unit's makes nobody ranked
		Map<String, Object> edited = new java.util.HashMap<>(scheme("MONTH", s.group(), List.of(src("INSPECTION", 100))));
		edited.put("minSample", 100);
		JsonNode preview = read(call(post("/api/v1/score-schemes/{id}/preview", id), OFFICE, edited).andExpect(status().isOk()));
		JsonNode changes = preview.get("changes");
		assertThat(changes).hasSize(3);
		for (JsonNode c : changes) {
			assertThat(c.get("oldRank").isNull()).isFalse();
			assertThat(c.get("newRank").isNull()).isTrue();
		}
		JsonNode scheme = read(mvc.perform(get("/api/v1/score-schemes/{id}", id).with(logins.as(OFFICE))).andExpect(status().isOk()));
		assertThat(scheme.get("minSample").asInt()).isEqualTo(3);
		assertThat(scheme.get("version").asInt()).isEqualTo(1);
		// saving makes version 2, traced; a stale version is a conflict
		edited.put("version", 1);
		JsonNode saved = read(call(put("/api/v1/score-schemes/{id}", id), OFFICE, edited).andExpect(status().isOk()));
		assertThat(saved.get("version").asInt()).isEqualTo(2);
		call(put("/api/v1/score-schemes/{id}", id), OFFICE, edited).andExpect(status().isConflict());
		assertThat(jdbc.sql("select count(*) from evaluation_scheme_version where scheme_id = :id").param("id", id)
			.query(Integer.class).single()).isEqualTo(2);
	}

	@Test
	void readersSeeWhatTheirRoleAllowsAndUnitsOnlyTheirOwnPublishedLine() throws Exception {
		Scenario s = scenario();
		long id = createScheme("MONTH", s.group(), List.of(src("INSPECTION", 100)));
		call(post("/api/v1/periods/{code}/close", s.month()), OFFICE, null).andExpect(status().isOk());
		// a leader reads the closed period, a unit does not (not published), nor another city's office
		assertThat(read(mvc.perform(get("/api/v1/scores").param("period", s.month()).param("rankingGroup", s.group())
			.with(logins.as("xiantao.leader"))).andExpect(status().isOk()))).hasSize(3);
		mvc.perform(get("/api/v1/scores").param("period", s.month()).with(logins.as("xiantao.liaison")))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/score-schemes/{id}", id).with(logins.as("tianmen.office"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/score-schemes").with(logins.as("xiantao.liaison"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/scores").with(logins.as("xiantao.inspector"))).andExpect(status().isForbidden());
		// the province names the city
		mvc.perform(get("/api/v1/scores").param("period", s.month()).with(logins.as("hubei.office")))
			.andExpect(status().isBadRequest());
		assertThat(read(mvc.perform(get("/api/v1/scores").param("period", s.month()).param("rankingGroup", s.group())
			.param("cityCode", "xiantao").with(logins.as("hubei.office"))).andExpect(status().isOk()))).hasSize(3);
		// another city's office cannot close or edit xiantao's
		call(put("/api/v1/score-schemes/{id}", id), "tianmen.office",
				Map.of("name", "x", "periodKind", "MONTH", "rankingGroup", s.group(), "sources", List.of(src("INSPECTION", 100)),
						"bands", List.of(Map.of("name", "合格", "min", 0, "colour", "green")), "minSample", 0, "version", 1))
			.andExpect(status().isNotFound());
		// the open period's live scores are for the office only
		String open = EvaluationFixtures.freshMonth();
		mvc.perform(get("/api/v1/scores").param("period", open).with(logins.as(OFFICE))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/scores").param("period", open).with(logins.as("xiantao.leader"))).andExpect(status().isNotFound());
	}

	@Autowired
	Rewards rewards;

	@Test
	void closingProposesRewardsAndTheBottomConsequenceAndAConfirmationBeyondTheBudgetIsRefusedWithTheFigures()
			throws Exception {
		Scenario s = scenario();
		createScheme("MONTH", s.group(), List.of(src("INSPECTION", 100)));
		CurrentUser office = logins.principal(OFFICE);
		int year = PeriodCode.parse(s.month()).start().getYear();
		// other tests of the shared database may have confirmed rewards in the year: the budget leaves 25,000 beyond them
		java.math.BigDecimal used = rewards.year(office, null, year).used();
		rewards.setBudget(office, year, used.add(new java.math.BigDecimal("25000")));
		rewards.addRule(office, new RewardRule(PeriodCode.Kind.MONTH, s.group(), true, 1, new java.math.BigDecimal("20000"), null, null));
		rewards.addRule(office, new RewardRule(PeriodCode.Kind.MONTH, s.group(), true, 2, new java.math.BigDecimal("10000"), null, null));
		rewards.addRule(office, new RewardRule(PeriodCode.Kind.MONTH, s.group(), false, null, null, 1, "取消当年文明单位评选资格"));
		call(post("/api/v1/periods/{code}/close", s.month()), OFFICE, null).andExpect(status().isOk());
		JsonNode overview = read(mvc.perform(get("/api/v1/rewards").param("year", String.valueOf(year))
			.with(logins.as(OFFICE))).andExpect(status().isOk()));
		List<JsonNode> mine = new java.util.ArrayList<>();
		overview.get("proposals").forEach(p -> {
			if (p.get("rankingGroup").asString().equals(s.group())) {
				mine.add(p);
			}
		});
		assertThat(mine).hasSize(3);
		JsonNode first = mine.stream().filter(p -> p.get("rank").asInt() == 1).findFirst().orElseThrow();
		JsonNode second = mine.stream().filter(p -> p.get("rank").asInt() == 2).findFirst().orElseThrow();
		JsonNode bottom = mine.stream().filter(p -> p.get("kind").asString().equals("CONSEQUENCE")).findFirst().orElseThrow();
		assertThat(first.get("unitId").asLong()).isEqualTo(s.a().id());
		assertThat(bottom.get("unitId").asLong()).isEqualTo(s.c().id());
		assertThat(bottom.get("consequence").asString()).isEqualTo("取消当年文明单位评选资格");
		// a confirmation needs a reason
		call(post("/api/v1/rewards/proposals/{id}/confirm", first.get("id").asLong()), OFFICE, Map.of())
			.andExpect(status().isBadRequest());
		call(post("/api/v1/rewards/proposals/{id}/confirm", first.get("id").asLong()), OFFICE,
				Map.of("reason", "第一名，按办法奖励")).andExpect(status().isOk());
		String refused = call(post("/api/v1/rewards/proposals/{id}/confirm", second.get("id").asLong()), OFFICE,
				Map.of("reason", "第二名")).andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(refused).contains(used.add(new java.math.BigDecimal("25000")).stripTrailingZeros().toPlainString(),
				used.add(new java.math.BigDecimal("20000")).stripTrailingZeros().toPlainString(), "10000", "5000");
		JsonNode after = read(mvc.perform(get("/api/v1/rewards").param("year", String.valueOf(year))
			.with(logins.as("xiantao.leader"))).andExpect(status().isOk()));
		assertThat(after.get("used").decimalValue()).isEqualByComparingTo(used.add(new java.math.BigDecimal("20000")));
		assertThat(after.get("remaining").decimalValue()).isEqualByComparingTo("5000");
		// the consequence costs nothing; confirmed twice is a conflict
		call(post("/api/v1/rewards/proposals/{id}/confirm", bottom.get("id").asLong()), OFFICE,
				Map.of("reason", "末位")).andExpect(status().isOk());
		call(post("/api/v1/rewards/proposals/{id}/confirm", bottom.get("id").asLong()), OFFICE,
				Map.of("reason", "末位")).andExpect(status().isConflict());
		// with confirmed proposals the period is not reopened
		call(post("/api/v1/periods/{code}/reopen", s.month()), OFFICE, Map.of("reason", "复核"))
			.andExpect(status().isConflict());
		// units do not read rewards
		mvc.perform(get("/api/v1/rewards").with(logins.as("xiantao.liaison"))).andExpect(status().isForbidden());
		// the year-end file lists the unit's result of the period with its confirmed reward
		byte[] file = mvc.perform(get("/evaluation/rewards/results.xlsx").param("year", String.valueOf(year))
			.with(logins.as(OFFICE))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(file))) {
			boolean found = false;
			for (var row : book.getSheetAt(0)) {
				if (row.getRowNum() > 0 && row.getCell(2).getStringCellValue().equals(s.a().name())
						&& row.getCell(3).getStringCellValue().equals(s.month())) {
					assertThat(row.getCell(4).getNumericCellValue()).isEqualTo(90.0);
					assertThat(row.getCell(5).getNumericCellValue()).isEqualTo(1.0);
					assertThat(row.getCell(8).getNumericCellValue()).isEqualTo(20000.0);
					found = true;
				}
			}
			assertThat(found).as("the unit's row").isTrue();
		}
	}

	@Test
	void publishingMakesTheResultsPublicAndGivesEachUnitItsOwnLineOnly() throws Exception {
		Scenario s = scenario();
		createScheme("MONTH", s.group(), List.of(src("INSPECTION", 100)));
		// nothing to publish while open; nothing public before publication
		call(post("/api/v1/evaluation-periods/{code}/publish", s.month()), OFFICE, null).andExpect(status().isConflict());
		call(post("/api/v1/periods/{code}/close", s.month()), OFFICE, null).andExpect(status().isOk());
		mvc.perform(get("/public/evaluation/xiantao/{p}", s.month())).andExpect(status().isNotFound());
		JsonNode published = read(call(post("/api/v1/evaluation-periods/{code}/publish", s.month()), OFFICE, null)
			.andExpect(status().isOk()));
		assertThat(published.get("state").asString()).isEqualTo("PUBLISHED");
		call(post("/api/v1/evaluation-periods/{code}/publish", s.month()), OFFICE, null).andExpect(status().isConflict());
		// a published period is never reopened
		call(post("/api/v1/periods/{code}/reopen", s.month()), OFFICE, Map.of("reason", "更正"))
			.andExpect(status().isConflict());
		String page = mvc.perform(get("/public/evaluation/xiantao/{p}", s.month())).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains(s.group(), s.a().name(), s.c().name(), "红榜", "黑榜").doesNotContain("xiantao.office");
		// a unit of the group (a liaison of B, as a principal of its own) reads its own line only
		CurrentUser liaison = logins.principal("xiantao.liaison");
		UnitView own = s.b();
		CurrentUser ofB = new CurrentUser(liaison.id(), liaison.username(), liaison.displayName(), liaison.cityId(),
				liaison.cityCode(), liaison.cityName(), own.id(), own.name(), liaison.roles(), liaison.permissions(),
				new cn.chuangwen.organization.DataScope(cn.chuangwen.organization.DataScope.Kind.UNIT, liaison.cityId(),
						own.id(), own.path()),
				liaison.version());
		JsonNode lines = read(mvc.perform(get("/api/v1/scores").param("period", s.month()).with(Logins.signedIn(ofB)))
			.andExpect(status().isOk()));
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0).get("unitId").asLong()).isEqualTo(own.id());
	}

	@Test
	void theDemoHasAClosedPeriodPerCityWithRankedUnits() throws Exception {
		for (String city : List.of("xiantao", "tianmen", "qianjiang")) {
			assertThat(jdbc.sql("""
					select count(*) from evaluation_score s join evaluation_period p on p.id = s.period_id
					join city c on c.id = p.city_id where c.code = :c and s.rank_no is not null""")
				.param("c", city).query(Integer.class).single()).as(city).isPositive();
		}
		JsonNode schemes = read(mvc.perform(get("/api/v1/score-schemes").with(logins.as("qianjiang.office"))).andExpect(status().isOk()));
		assertThat(schemes).anySatisfy(s -> {
			assertThat(s.get("periodKind").asString()).isEqualTo("BIMONTH");
			assertThat(s.get("rankingGroup").asString()).isEqualTo("镇办");
		});
	}

}
