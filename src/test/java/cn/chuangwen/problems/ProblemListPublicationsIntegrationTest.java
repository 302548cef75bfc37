package cn.chuangwen.problems;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitDraft;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.ReviewFixtures;
import cn.chuangwen.support.TestClock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 8 §4: the office publishes a period's red/yellow/green list; every account of the city then
 * reads the frozen list, a correction is a new version with a reason, and the red units are told.
 * Each test publishes its own long-past period, so they do not meet.
 */
@IntegrationTest
class ProblemListPublicationsIntegrationTest {

	static final Random RANDOM = new Random();

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	Units units;

	@Autowired
	TestClock clock;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Test
	void thePublishedListIsFrozenAndEveryUnitOfTheCityReadsIt() throws Exception {
		CurrentUser office = logins.principal("xiantao.office");
		String group = "发布组" + RANDOM.nextInt(1_000_000);
		UnitView ranked = units.create(office, new UnitDraft("P" + Math.abs(RANDOM.nextLong() % 1_000_000_000L),
				"榜单社区" + RANDOM.nextInt(100000), UnitKind.COMMUNITY, logins.principal("xiantao.liaison").unitId(), group, false, null, null, null));
		JsonNode published = json.readTree(publish("xiantao.office", "2011-03", null)
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/v1/problem-lists/publications/2011-03"))
			.andReturn().getResponse().getContentAsString());
		assertThat(published.get("version").asInt()).isEqualTo(1);
		assertThat(published.get("publishedBy").asString()).isEqualTo("xiantao.office");
		JsonNode line = line(published.get("lines"), ranked.id());
		assertThat(line.get("band").asString()).isEqualTo("GREEN");
		assertThat(line.get("unitName").asString()).isEqualTo(ranked.name());

		// the unit is renamed afterwards: the published list keeps the name it had
		units.update(office, ranked.id(), ranked.version(), new UnitDraft(ranked.code(), "改名社区" + RANDOM.nextInt(100000),
				UnitKind.COMMUNITY, ranked.parentId(), group, false, null, null, null));
		String read = mvc.perform(get("/api/v1/problem-lists/publications/2011-03").param("rankingGroup", group)
			.with(logins.as("xiantao.liaison")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		JsonNode lines = json.readTree(read).get("lines");
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0).get("unitName").asString()).isEqualTo(ranked.name());
		mvc.perform(get("/api/v1/problem-lists/publications").with(logins.as("xiantao.liaison")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.period == '2011-03')].version").value(1));
		// the province reads it by city; another city has no such publication
		mvc.perform(get("/api/v1/problem-lists/publications/2011-03").param("cityCode", "xiantao")
			.with(logins.as("hubei.office"))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/problem-lists/publications/2011-03").with(logins.as("tianmen.office")))
			.andExpect(status().isNotFound());
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'PROBLEM_LIST_PUBLISH' and object_id = :id")
			.param("id", published.get("id").asString())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aCorrectionNeedsAReasonAndBecomesTheNextVersion() throws Exception {
		publish("xiantao.office", "2011-04", null).andExpect(status().isCreated());
		long before = publications();
		publish("xiantao.office", "2011-04", "  ").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("reason"));
		publish("xiantao.office", "2011-04", "x".repeat(501)).andExpect(status().isBadRequest());
		assertThat(publications()).isEqualTo(before);
		publish("xiantao.office", "2011-04", "更正：补录一条逾期问题").andExpect(status().isCreated())
			.andExpect(jsonPath("$.version").value(2));
		mvc.perform(get("/api/v1/problem-lists/publications/2011-04").with(logins.as("xiantao.leader")))
			.andExpect(jsonPath("$.version").value(2))
			.andExpect(jsonPath("$.reason").value("更正：补录一条逾期问题"));
	}

	@Test
	void onlyTheOfficePublishesAnEndedPeriodAndBadInputChangesNothing() throws Exception {
		long before = publications();
		String running = YearMonth.now(clock.withZone(Problems.ZONE)).toString();
		publish("xiantao.office", running, null).andExpect(status().isConflict());
		publish("xiantao.liaison", "2011-05", null).andExpect(status().isForbidden());
		publish("xiantao.leader", "2011-05", null).andExpect(status().isForbidden());
		publish("hubei.office", "2011-05", null).andExpect(status().isForbidden());
		for (String bad : new String[] { "2011-13", "soon", "", "1899" }) {
			publish("xiantao.office", bad, null).andExpect(status().isBadRequest());
		}
		mvc.perform(post("/api/v1/problem-lists/publications").with(logins.as("xiantao.office"))
			.contentType(MediaType.APPLICATION_JSON).content("{not json")).andExpect(status().isBadRequest());
		assertThat(publications()).isEqualTo(before);
		mvc.perform(get("/api/v1/problem-lists/publications/2011-05").with(logins.as("xiantao.office")))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/problem-lists/publications/2011-99").with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest());
	}

	@Test
	void theLiaisonOfAUnitOnTheRedListIsTold() throws Exception {
		CurrentUser liaison = logins.principal("xiantao.liaison");
		// a problem of June 2011 left past its deadline: nothing rectified in time, the red list
		insertLateProblem(liaison, OffsetDateTime.of(2011, 6, 10, 2, 0, 0, 0, ZoneOffset.UTC));
		JsonNode published = json.readTree(publish("xiantao.office", "2011-06", null)
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString());
		assertThat(line(published.get("lines"), liaison.unitId()).get("band").asString()).isEqualTo("RED");
		ReviewFixtures.eventually(() -> jdbc.sql("""
				select count(*) from notification where recipient = 'xiantao.liaison' and kind = 'PROBLEM_LIST_RED'
				and link = '/problems/lists/published?period=2011-06'""").query(Long.class).single() == 1);
	}

	@Test
	void theOfficePublishesFromTheListPageAndTheLiaisonReadsThePublishedPage() throws Exception {
		mvc.perform(post("/problems/lists/publish").param("period", "2011-07").with(csrf())
			.with(logins.as("xiantao.office")))
			.andExpect(status().is3xxRedirection())
			.andExpect(header().string("Location", "/problems/lists/published?period=2011-07"));
		String again = mvc.perform(post("/problems/lists/publish").param("period", "2011-07").with(csrf())
			.with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(again).contains("重新发布须说明更正原因");
		String page = mvc.perform(get("/problems/lists/published").param("period", "2011-07")
			.with(logins.as("xiantao.liaison")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("红黄绿榜（2011-07，已发布）").contains("已发布第 1 版");
		mvc.perform(get("/problems/lists/published.xlsx").param("period", "2011-07").with(logins.as("xiantao.liaison")))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
		mvc.perform(post("/problems/lists/publish").param("period", "2011-07").with(csrf())
			.with(logins.as("xiantao.liaison"))).andExpect(status().isForbidden());
		// a hand-made URL or form: the error page names the period, never a 500
		String bad = mvc.perform(post("/problems/lists/publish").param("period", "<b>later</b>").with(csrf())
			.with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest())
			.andReturn().getResponse().getContentAsString();
		assertThat(bad).contains("期间须写作").doesNotContain("<b>later");
		mvc.perform(get("/problems/lists/published.xlsx").with(logins.as("xiantao.liaison")))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/problems/lists.xlsx").param("period", "2026-13").with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest());
	}

	ResultActions publish(String user, String period, String reason) throws Exception {
		String body = json.writeValueAsString(new java.util.LinkedHashMap<>(java.util.Map.of("period", period)));
		if (reason != null) {
			body = body.replace("}", ", \"reason\": " + json.writeValueAsString(reason) + "}");
		}
		return mvc.perform(post("/api/v1/problem-lists/publications").with(logins.as(user))
			.contentType(MediaType.APPLICATION_JSON).content(body));
	}

	long publications() {
		return jdbc.sql("select count(*) from problem_list_publication").query(Long.class).single();
	}

	void insertLateProblem(CurrentUser liaison, OffsetDateTime found) {
		long category = jdbc.sql("select min(id) from problem_category").query(Long.class).single();
		jdbc.sql("""
				insert into problem (city_id, code, source, category_id, title, severity, unit_id, state, deadline,
				    found_by, rejections, created_at, found_month, dispatched_at)
				values (:city, :code, 'OFFICE', :category, '逾期未整改', 'GENERAL', :unit, 'RECTIFYING', :deadline,
				    'xiantao.office', 0, :found, :month, :found)""")
			.param("city", liaison.cityId())
			.param("code", "XT-2011-" + RANDOM.nextInt(1_000_000))
			.param("category", category)
			.param("unit", liaison.unitId())
			.param("deadline", found.plusDays(7))
			.param("found", found)
			.param("month", YearMonth.from(found.atZoneSameInstant(Problems.ZONE)).toString())
			.update();
	}

	static JsonNode line(JsonNode lines, long unitId) {
		for (JsonNode l : lines) {
			if (l.get("unitId").asLong() == unitId) {
				return l;
			}
		}
		throw new AssertionError("no line for unit " + unitId + " in " + lines);
	}

}
