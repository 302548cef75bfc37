package cn.chuangwen.problems;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.files.Upload;
import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitDraft;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.TestClock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Issue 8 §4 and §6: the red/yellow/green list counts what happened to each unit's problems. */
@IntegrationTest
class ProblemListsIntegrationTest {

	static final Random RANDOM = new Random();

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	Units units;

	@Autowired
	Problems problems;

	@Autowired
	TestClock clock;

	@Autowired
	JsonMapper json;

	@Test
	void aUnitsOnTimeRateLateProblemsRejectionsAndBandComeFromItsProblems() throws Exception {
		CurrentUser office = logins.principal("xiantao.office");
		CurrentUser town = logins.principal("xiantao.liaison");
		String group = "测试组" + RANDOM.nextInt(1_000_000);
		UnitView good = unit(office, town, group);
		UnitView late = unit(office, town, group);
		UnitView quiet = unit(office, town, group);
		// good: two problems rectified in time; late: one in time after a rejection, one past its deadline
		for (int i = 0; i < 2; i++) {
			rectified(office, town, good, false);
		}
		rectified(office, town, late, true);
		problems.create(office, draft(late, clock.instant().plus(Duration.ofMinutes(5))), true);
		clock.advance(Duration.ofMinutes(10));

		String period = YearMonth.now(clock.withZone(Problems.ZONE)).toString();
		String answer = mvc.perform(get("/api/v1/problem-lists").param("period", period).param("rankingGroup", group)
			.with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		JsonNode lines = json.readTree(answer);
		assertThat(lines).hasSize(3);
		JsonNode first = lines.get(0);
		assertThat(first.get("unitId").asLong()).isIn(good.id(), quiet.id());
		JsonNode goodLine = line(lines, good.id());
		assertThat(goodLine.get("onTimeRate").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(100));
		assertThat(goodLine.get("band").asString()).isEqualTo("GREEN");
		JsonNode lateLine = line(lines, late.id());
		assertThat(lateLine.get("onTimeRate").decimalValue()).isEqualByComparingTo(new BigDecimal("50.0"));
		assertThat(lateLine.get("overdue").asLong()).isEqualTo(1);
		assertThat(lateLine.get("rejections").asLong()).isEqualTo(1);
		assertThat(lateLine.get("band").asString()).isEqualTo("RED");
		JsonNode quietLine = line(lines, quiet.id());
		assertThat(quietLine.get("onTimeRate").isNull()).isTrue();
		assertThat(quietLine.get("band").asString()).isEqualTo("GREEN");
		assertThat(lines.get(2).get("unitId").asLong()).isEqualTo(late.id());
	}

	@Test
	void onlyWholeCityReadersGetTheListAndABadPeriodIsRefused() throws Exception {
		mvc.perform(get("/api/v1/problem-lists").with(logins.as("xiantao.liaison"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/problem-lists").with(logins.as("xiantao.inspector"))).andExpect(status().isForbidden());
		for (String bad : List.of("2026-13", "November", "2026-Q5", "1899", "2026-11-01")) {
			mvc.perform(get("/api/v1/problem-lists").param("period", bad).with(logins.as("xiantao.office")))
				.andExpect(status().isBadRequest());
		}
		mvc.perform(get("/api/v1/problem-lists").param("period", "2026-Q4").with(logins.as("xiantao.leader")))
			.andExpect(status().isOk());
		mvc.perform(get("/api/v1/problem-lists").param("period", "2026").param("cityCode", "tianmen")
			.with(logins.as("hubei.office"))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/problem-lists").param("period", "2026").with(logins.as("hubei.office")))
			.andExpect(status().isBadRequest());
	}

	@Test
	void theStatisticsAddUpAndFollowANewProblem() throws Exception {
		String year = String.valueOf(YearMonth.now(clock.withZone(Problems.ZONE)).getYear());
		JsonNode before = statistics(year);
		long found = before.get("totals").get("found").asLong();
		assertThat(sum(before.get("byState"))).isEqualTo(found);
		assertThat(sum(before.get("bySource"))).isEqualTo(found);
		assertThat(sum(before.get("byCategory"))).isEqualTo(found);
		assertThat(sum(before.get("byMonth"))).isEqualTo(found);
		assertThat(before.get("totals").get("medianHoursToClose").asLong()).isPositive();
		assertThat(before.get("totals").get("onTimeRate").decimalValue()).isBetween(BigDecimal.ZERO, BigDecimal.valueOf(100));
		assertThat(before.get("byState").get(0).get("label").asString()).isNotBlank();

		CurrentUser office = logins.principal("xiantao.office");
		UnitView unit = unit(office, logins.principal("xiantao.liaison"), "统计组");
		problems.create(office, draft(unit, null), false);
		JsonNode after = statistics(year);
		assertThat(after.get("totals").get("found").asLong()).isEqualTo(found + 1);
		assertThat(count(after.get("byState"), "PENDING")).isEqualTo(count(before.get("byState"), "PENDING") + 1);
		mvc.perform(get("/api/v1/problem-statistics").with(logins.as("xiantao.liaison"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/problem-statistics").param("period", "2026-13").with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest());
	}

	@Test
	void theMapOfAListHasOnlyLocatedProblemsTheCallerMaySee() throws Exception {
		JsonNode office = json.readTree(mvc.perform(get("/problems/map.json").param("state", "RECTIFYING")
			.with(logins.as("xiantao.office"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(office.size()).isPositive();
		office.forEach(p -> assertThat(p.get("lat").asDouble()).isBetween(29.0, 32.0));
		JsonNode dept = json.readTree(mvc.perform(get("/problems/map.json").with(logins.as("xiantao.dept")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		long deptUnit = logins.principal("xiantao.dept").unitId();
		for (JsonNode p : dept) {
			assertThat(problems.get(logins.principal("xiantao.office"), p.get("id").asLong()).problem().unitId())
				.isEqualTo(deptUnit);
		}
		mvc.perform(get("/problems/map.json").with(logins.as("xiantao.supervisor"))).andExpect(status().isForbidden());
	}

	JsonNode statistics(String period) throws Exception {
		return json.readTree(mvc.perform(get("/api/v1/problem-statistics").param("period", period)
			.with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString());
	}

	static long sum(JsonNode counts) {
		long total = 0;
		for (JsonNode c : counts) {
			total += c.get("count").asLong();
		}
		return total;
	}

	static long count(JsonNode counts, String key) {
		for (JsonNode c : counts) {
			if (c.get("key").asString().equals(key)) {
				return c.get("count").asLong();
			}
		}
		return 0;
	}

	UnitView unit(CurrentUser office, CurrentUser town, String group) {
		return units.create(office, new UnitDraft("L" + Math.abs(RANDOM.nextLong() % 1_000_000_000L),
				"榜单社区" + RANDOM.nextInt(100000), UnitKind.COMMUNITY, town.unitId(), group, false, null, null, null));
	}

	ProblemDraft draft(UnitView unit, java.time.Instant deadline) {
		return new ProblemDraft(ProblemSource.OFFICE, "环境卫生", "垃圾堆放", null, ProblemSeverity.GENERAL, unit.id(), List.of(),
				null, deadline, null, null);
	}

	void rectified(CurrentUser office, CurrentUser liaison, UnitView unit, boolean rejectOnce) throws Exception {
		long id = problems.create(office, draft(unit, null), true).id();
		problems.sign(liaison, id);
		problems.rectify(liaison, id, "已整改", List.of(photo()));
		if (rejectOnce) {
			problems.verify(office, id, Problems.Decision.REJECT, "不彻底");
			problems.rectify(liaison, id, "已彻底整改", List.of(photo()));
		}
		problems.verify(office, id, Problems.Decision.PASS, null);
	}

	static Upload photo() throws Exception {
		byte[] png = ProblemsApiIntegrationTest.png(RANDOM.nextInt(100_000));
		return new Upload("p.png", new java.io.ByteArrayInputStream(png));
	}

	static JsonNode line(JsonNode lines, long unitId) {
		for (JsonNode l : lines) {
			if (l.get("unitId").asLong() == unitId) {
				return l;
			}
		}
		throw new AssertionError("no line for unit " + unitId);
	}

}
