package cn.chuangwen.problems;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.TestClock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The city settings of issue 8 (rectification times, recurrence, photo distance, escalation, bands,
 * categories): the office changes them without a release, each change is traced and takes effect,
 * and bad values change nothing. Tianmen's settings are used here so other tests keep Xiantao's.
 */
@IntegrationTest
class ProblemSettingsIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	Problems problems;

	@Autowired
	ProblemSettings settings;

	@Autowired
	TestClock clock;

	@Autowired
	JsonMapper json;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theOfficeChangesTheRulesAndANewProblemGetsTheNewTimeAndPrefix() throws Exception {
		JsonNode rules = json.readTree(mvc.perform(get("/api/v1/problem-rules").with(logins.as("tianmen.office")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString());
		String changed = rules.toString()
			.replace("\"generalHours\":" + rules.get("generalHours").asInt(), "\"generalHours\":120")
			.replace("\"codePrefix\":\"" + rules.get("codePrefix").asString() + "\"", "\"codePrefix\":\"TMS\"");
		mvc.perform(put("/api/v1/problem-rules").with(logins.as("tianmen.office")).contentType(MediaType.APPLICATION_JSON)
			.content(changed))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.generalHours").value(120))
			.andExpect(jsonPath("$.version").value(rules.get("version").asInt() + 1));
		// the same version again: someone changed them in between
		mvc.perform(put("/api/v1/problem-rules").with(logins.as("tianmen.office")).contentType(MediaType.APPLICATION_JSON)
			.content(changed)).andExpect(status().isConflict());

		CurrentUser office = logins.principal("tianmen.office");
		long unit = logins.principal("tianmen.liaison").unitId();
		Problems.Created created = problems.create(office, new ProblemDraft(ProblemSource.OFFICE,
				problems.categories(office.cityId()).get(0), "设置后新问题", null, ProblemSeverity.GENERAL, unit, List.of(),
				null, null, null, null), false);
		assertThat(created.code()).startsWith("TMS-");
		assertThat(Duration.between(clock.instant(), created.deadline())).isBetween(Duration.ofHours(119),
				Duration.ofHours(120));
		assertThat(jdbc.sql("""
				select count(*) from audit_event where action = 'PROBLEM_RULES_CHANGE' and changes like '%generalHours%120%'""")
			.query(Long.class).single()).isPositive();
		// back to Tianmen's own rules for the other tests of this context
		ProblemRules now = settings.rules(office);
		ProblemRules original = new ProblemRules(rules.get("codePrefix").asString(), rules.get("generalHours").asInt(),
				now.seriousHours(), now.criticalHours(), now.recurrenceMetres(), now.recurrenceDays(), now.mismatchMetres(),
				now.escalateDays(), now.letterDays(), now.greenRate(), now.redRate(), now.version());
		assertThat(settings.changeRules(office, original).codePrefix()).isEqualTo(rules.get("codePrefix").asString());
	}

	@Test
	void badRulesAreRefusedFieldByFieldAndChangeNothing() throws Exception {
		ProblemRules before = settings.rules(logins.principal("tianmen.office"));
		String bad = """
				{"codePrefix": "tm1", "generalHours": 0, "seriousHours": 500, "criticalHours": 24, "recurrenceMetres": 50,
				 "recurrenceDays": 90, "mismatchMetres": 5, "escalateDays": 3, "letterDays": 2, "greenRate": 60,
				 "redRate": 70, "version": %d}""".formatted(before.version());
		String answer = mvc.perform(put("/api/v1/problem-rules").with(logins.as("tianmen.office"))
			.contentType(MediaType.APPLICATION_JSON).content(bad))
			.andExpect(status().isBadRequest())
			.andReturn().getResponse().getContentAsString();
		List<String> fields = json.readTree(answer).get("errors").valueStream().map(e -> e.get("field").asString()).toList();
		assertThat(fields).containsExactlyInAnyOrder("codePrefix", "generalHours", "seriousHours", "mismatchMetres",
				"letterDays", "redRate");
		mvc.perform(put("/api/v1/problem-rules").with(logins.as("tianmen.office")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"codePrefix\": \"TM\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.length()").value(11));
		mvc.perform(put("/api/v1/problem-rules").with(logins.as("tianmen.office")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"generalHours\": \"many\"}")).andExpect(status().isBadRequest());
		mvc.perform(put("/api/v1/problem-rules").with(logins.as("tianmen.liaison")).contentType(MediaType.APPLICATION_JSON)
			.content(bad)).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/problem-rules").with(logins.as("tianmen.leader"))).andExpect(status().isForbidden());
		assertThat(settings.rules(logins.principal("tianmen.office"))).isEqualTo(before);
	}

	@Test
	void categoriesAreAddedRenamedAndTurnedOffAndOnlyActiveOnesAreOffered() throws Exception {
		CurrentUser office = logins.principal("qianjiang.office");
		String problemCategories = """
				select p.id, c.name from problem p join problem_category c on c.id = p.category_id
				join city ct on ct.id = p.city_id where ct.code = 'qianjiang' order by p.id""";
		List<String> before = jdbc.sql(problemCategories).query((rs, n) -> rs.getLong(1) + ":" + rs.getString(2)).list();
		String name = "噪音扰民" + System.nanoTime() % 10_000;
		JsonNode added = json.readTree(mvc.perform(post("/api/v1/problem-categories").with(logins.as("qianjiang.office"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"" + name + "\"}"))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString());
		assertThat(problems.categories(office.cityId())).contains(name);
		// the city's problems moved onto its own copies: the same names, and none left on a default category
		assertThat(jdbc.sql(problemCategories).query((rs, n) -> rs.getLong(1) + ":" + rs.getString(2)).list())
			.isEqualTo(before);
		assertThat(jdbc.sql("""
				select count(*) from problem p join problem_category c on c.id = p.category_id
				join city ct on ct.id = p.city_id where ct.code = 'qianjiang' and c.city_id is null""")
			.query(Long.class).single()).isZero();
		mvc.perform(post("/api/v1/problem-categories").with(logins.as("qianjiang.office"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"" + name + "\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("name"));
		mvc.perform(post("/api/v1/problem-categories").with(logins.as("qianjiang.office"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"" + "长".repeat(33) + "\"}"))
			.andExpect(status().isBadRequest());
		long id = added.get("id").asLong();
		mvc.perform(put("/api/v1/problem-categories/{id}", id).with(logins.as("qianjiang.office"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"" + name + "（夜间）\", \"active\": false}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.active").value(false));
		assertThat(problems.categories(office.cityId())).doesNotContain(name, name + "（夜间）");
		assertThat(settings.categories(office)).extracting(ProblemSettings.Category::name).contains(name + "（夜间）");
		// another city's category is not ours to change
		long tianmens = settings.categories(logins.principal("tianmen.office")).get(0).id();
		mvc.perform(put("/api/v1/problem-categories/{id}", tianmens).with(logins.as("qianjiang.office"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"改名\"}"))
			.andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/problem-categories").with(logins.as("qianjiang.liaison"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"越权\"}"))
			.andExpect(status().isForbidden());
	}

	@Test
	void theLastActiveCategoryStaysOn() {
		CurrentUser office = logins.principal("xiantao.office");
		// Xiantao's own list: turning all but one off is allowed, the last one is refused
		List<ProblemSettings.Category> active = settings.categories(office).stream()
			.filter(ProblemSettings.Category::active)
			.toList();
		assertThat(active).isNotEmpty();
		// Xiantao may still be on the installation's defaults: each change reads the ids afresh
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
			for (ProblemSettings.Category a : active) {
				ProblemSettings.Category now = byName(office, a.name());
				settings.changeCategory(office, now.id(), now.name(), false);
			}
		}).isInstanceOf(cn.chuangwen.shared.InvalidInputException.class);
		List<ProblemSettings.Category> left = settings.categories(office).stream()
			.filter(ProblemSettings.Category::active)
			.toList();
		assertThat(left).hasSize(1);
		// turned back on for the other tests of this context
		for (ProblemSettings.Category a : active) {
			settings.changeCategory(office, byName(office, a.name()).id(), a.name(), true);
		}
		assertThat(settings.categories(office).stream().filter(ProblemSettings.Category::active).count())
			.isEqualTo(active.size());
	}

	@Test
	void theOfficeSavesTheRulesOnTheSettingsPageAndSeesItsMistakes() throws Exception {
		String page = mvc.perform(get("/problems/settings").with(logins.as("qianjiang.office")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("问题整改设置").contains("一般问题整改时限（小时）");
		ProblemRules before = settings.rules(logins.principal("qianjiang.office"));
		String wrong = mvc.perform(post("/problems/settings/rules").with(csrf()).with(logins.as("qianjiang.office"))
			.param("codePrefix", "QJ").param("generalHours", "七天").param("seriousHours", "72").param("criticalHours", "24")
			.param("recurrenceMetres", "50").param("recurrenceDays", "90").param("mismatchMetres", "300")
			.param("escalateDays", "3").param("letterDays", "7").param("greenRate", "90").param("redRate", "70")
			.param("version", String.valueOf(before.version())))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(wrong).contains("请填写整数").contains("七天");
		assertThat(settings.rules(logins.principal("qianjiang.office"))).isEqualTo(before);
		mvc.perform(post("/problems/settings/rules").with(csrf()).with(logins.as("qianjiang.office"))
			.param("codePrefix", "qj").param("generalHours", "144").param("seriousHours", "72").param("criticalHours", "24")
			.param("recurrenceMetres", "50").param("recurrenceDays", "90").param("mismatchMetres", "300")
			.param("escalateDays", "3").param("letterDays", "7").param("greenRate", "90").param("redRate", "70")
			.param("version", String.valueOf(before.version())))
			.andExpect(status().is3xxRedirection());
		ProblemRules after = settings.rules(logins.principal("qianjiang.office"));
		assertThat(after.generalHours()).isEqualTo(144);
		assertThat(after.codePrefix()).isEqualTo("QJ");
		// a rename to a name another category has: the error stands at that row, which keeps what was typed
		List<ProblemSettings.Category> categories = settings.categories(logins.principal("qianjiang.office"));
		ProblemSettings.Category first = categories.get(0);
		String taken = categories.get(1).name();
		String renamed = mvc.perform(post("/problems/settings/categories/{id}", first.id()).with(csrf())
			.with(logins.as("qianjiang.office")).param("name", taken).param("active", "true"))
			.andReturn().getResponse().getContentAsString();
		ProblemSettings.Category mine = byName(logins.principal("qianjiang.office"), first.name());
		assertThat(renamed).contains("href=\"#category-" + mine.id() + "\"")
			.contains("id=\"category-" + mine.id() + "-error\"")
			.contains("<title>错误：");
		assertThat(mine.name()).isEqualTo(first.name());
		mvc.perform(get("/problems/settings").with(logins.as("qianjiang.liaison"))).andExpect(status().isForbidden());
	}


	ProblemSettings.Category byName(CurrentUser office, String name) {
		return settings.categories(office).stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
	}

}
