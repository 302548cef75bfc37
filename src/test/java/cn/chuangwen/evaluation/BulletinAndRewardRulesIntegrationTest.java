package cn.chuangwen.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.documents.DocumentFixtures;
import cn.chuangwen.shared.PeriodCode;
import tools.jackson.databind.JsonNode;

/**
 * The numbered bulletin (通报) of a published evaluation period (issue 10 §4) and the editor of the
 * reward rules and budget (issue 10 §1).
 */
@IntegrationTest
class BulletinAndRewardRulesIntegrationTest extends EvaluationApiTest {

	@Test
	void publishingNumbersTheBulletinOnceAndItsPdfIsPublicOnlyFromThen() throws Exception {
		Scenario s = scenario();
		createScheme("MONTH", s.group(), List.of(src("INSPECTION", 100)));
		call(post("/api/v1/periods/{code}/close", s.month()), OFFICE, null).andExpect(status().isOk());
		// 404 before publication, and for an unknown city or a text that is no period
		mvc.perform(get("/public/evaluation/xiantao/{p}/bulletin.pdf", s.month())).andExpect(status().isNotFound());
		mvc.perform(get("/public/evaluation/nowhere/{p}/bulletin.pdf", s.month())).andExpect(status().isNotFound());
		mvc.perform(get("/public/evaluation/xiantao/xyz/bulletin.pdf")).andExpect(status().isNotFound());
		JsonNode published = read(call(post("/api/v1/evaluation-periods/{code}/publish", s.month()), OFFICE, null)
			.andExpect(status().isOk()));
		String number = published.get("bulletinNumber").asString();
		int year = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear();
		assertThat(number).matches("仙创考〔" + year + "〕\\d+号");
		// numbered once: a second publication is refused and the number stays
		call(post("/api/v1/evaluation-periods/{code}/publish", s.month()), OFFICE, null).andExpect(status().isConflict());
		assertThat(jdbc.sql("""
				select bulletin_number from evaluation_period p join city c on c.id = p.city_id
				where c.code = 'xiantao' and p.code = :p""").param("p", s.month()).query(String.class).single())
			.isEqualTo(number);
		assertThat(jdbc.sql("""
				select count(*) from audit_event a join evaluation_period p on a.object_id = cast(p.id as varchar(64))
				join city c on c.id = p.city_id
				where a.action = 'EVALUATION_PERIOD_PUBLISH' and a.changes like '%bulletin%' and c.code = 'xiantao' and p.code = :p""")
			.param("p", s.month()).query(Integer.class).single()).isEqualTo(1);
		// the public page and the office's periods page show the number and link the PDF
		String page = mvc.perform(get("/public/evaluation/xiantao/{p}", s.month())).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains(number, "/public/evaluation/xiantao/" + s.month() + "/bulletin.pdf");
		String office = mvc.perform(get("/evaluation/periods").with(logins.as(OFFICE))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(office).contains(number, "/public/evaluation/xiantao/" + s.month() + "/bulletin.pdf");
		DocumentFixtures.assumeFont();
		byte[] pdf = mvc.perform(get("/public/evaluation/xiantao/{p}/bulletin.pdf", s.month())).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		assertThat(new String(pdf, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF");
		String text = DocumentFixtures.pdfText(pdf).replaceAll("\\s+", "");
		assertThat(text).contains(number, "关于" + s.month() + "创文考核结果的通报", s.group() + "考核结果", s.a().name(),
				s.c().name(), "红榜：");
	}

	static Map<String, Object> rule(String group, String kind, Object rank, Object amount, Object bottomN, Object consequence) {
		Map<String, Object> m = new java.util.HashMap<>();
		m.put("periodKind", "MONTH");
		m.put("rankingGroup", group);
		m.put("kind", kind);
		m.put("rank", rank);
		m.put("amount", amount);
		m.put("bottomN", bottomN);
		m.put("consequence", consequence);
		return m;
	}

	int audits(String action, String like) {
		return jdbc.sql("select count(*) from audit_event where action = :a and changes like :l")
			.param("a", action).param("l", "%" + like + "%").query(Integer.class).single();
	}

	@Test
	void rewardRulesAndTheBudgetAreValidatedTracedAndTheNextClosingProposesByThem() throws Exception {
		Scenario s = scenario();
		createScheme("MONTH", s.group(), List.of(src("INSPECTION", 100)));
		int year = PeriodCode.parse(s.month()).start().getYear();
		java.math.BigDecimal used = read(mvc.perform(get("/api/v1/rewards").param("year", String.valueOf(year))
			.with(logins.as(OFFICE))).andExpect(status().isOk())).get("used").decimalValue();
		// bad input: 400 naming every bad field, nothing stored
		String bad = call(post("/api/v1/reward-rules"), OFFICE, rule(s.group(), "REWARD", 0, -5, null, null))
			.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(bad).contains("\"rank\"", "\"amount\"");
		bad = call(post("/api/v1/reward-rules"), OFFICE, rule(s.group(), "CONSEQUENCE", null, null, 0, "  "))
			.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(bad).contains("\"bottomN\"", "\"consequence\"");
		call(post("/api/v1/reward-rules"), OFFICE, rule(" ", "BONUS", 1, 1, null, null)).andExpect(status().isBadRequest());
		call(put("/api/v1/rewards/budget"), OFFICE, Map.of("year", year, "amount", -1)).andExpect(status().isBadRequest());
		assertThat(read(mvc.perform(get("/api/v1/reward-rules").with(logins.as(OFFICE))).andExpect(status().isOk())).toString())
			.doesNotContain(s.group());
		// the budget covers exactly what is used plus one first prize; the rules of the group
		java.math.BigDecimal budget = used.add(new java.math.BigDecimal("15000"));
		JsonNode set = read(call(put("/api/v1/rewards/budget"), OFFICE, Map.of("year", year, "amount", budget))
			.andExpect(status().isOk()));
		assertThat(set.get("budget").decimalValue()).isEqualByComparingTo(budget);
		call(post("/api/v1/reward-rules"), OFFICE, rule(s.group(), "REWARD", 1, 15000, null, null)).andExpect(status().isCreated());
		long bottomRule = read(call(post("/api/v1/reward-rules"), OFFICE, rule(s.group(), "CONSEQUENCE", null, null, 1, "通报批评"))
			.andExpect(status().isCreated())).get("id").asLong();
		JsonNode rules = read(mvc.perform(get("/api/v1/reward-rules").with(logins.as("xiantao.leader"))).andExpect(status().isOk()));
		List<JsonNode> mine = new java.util.ArrayList<>();
		rules.forEach(r -> {
			if (r.get("rankingGroup").asString().equals(s.group())) {
				mine.add(r);
			}
		});
		assertThat(mine).hasSize(2);
		assertThat(audits("EVALUATION_REWARD_RULE_ADD", s.group())).isEqualTo(2);
		assertThat(audits("EVALUATION_BUDGET_SET", budget.setScale(0, java.math.RoundingMode.HALF_UP).toPlainString()))
			.isPositive();
		// the next closing proposes by the new rules
		call(post("/api/v1/periods/{code}/close", s.month()), OFFICE, null).andExpect(status().isOk());
		JsonNode overview = read(mvc.perform(get("/api/v1/rewards").param("year", String.valueOf(year))
			.with(logins.as(OFFICE))).andExpect(status().isOk()));
		List<JsonNode> proposals = new java.util.ArrayList<>();
		overview.get("proposals").forEach(p -> {
			if (p.get("rankingGroup").asString().equals(s.group())) {
				proposals.add(p);
			}
		});
		assertThat(proposals).hasSize(2);
		JsonNode prize = proposals.stream().filter(p -> p.get("kind").asString().equals("REWARD")).findFirst().orElseThrow();
		JsonNode bottom = proposals.stream().filter(p -> p.get("kind").asString().equals("CONSEQUENCE")).findFirst().orElseThrow();
		assertThat(prize.get("unitId").asLong()).isEqualTo(s.a().id());
		assertThat(prize.get("amount").decimalValue()).isEqualByComparingTo("15000");
		assertThat(bottom.get("unitId").asLong()).isEqualTo(s.c().id());
		assertThat(bottom.get("consequence").asString()).isEqualTo("通报批评");
		call(post("/api/v1/rewards/proposals/{id}/confirm", prize.get("id").asLong()), OFFICE, Map.of("reason", "第一名"))
			.andExpect(status().isOk());
		// a budget below what is confirmed: 400 with both figures, the budget unchanged
		java.math.BigDecimal confirmed = used.add(new java.math.BigDecimal("15000"));
		String below = call(put("/api/v1/rewards/budget"), OFFICE, Map.of("year", year, "amount", confirmed.subtract(java.math.BigDecimal.ONE)))
			.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(below).contains(confirmed.subtract(java.math.BigDecimal.ONE).setScale(0).toPlainString(),
				confirmed.setScale(0).toPlainString());
		assertThat(read(mvc.perform(get("/api/v1/rewards").param("year", String.valueOf(year)).with(logins.as(OFFICE)))
			.andExpect(status().isOk())).get("budget").decimalValue()).isEqualByComparingTo(budget);
		// the page: errors beside the fields, a removal traced; units do not edit
		String page = mvc.perform(post("/evaluation/rewards/rules").param("periodKind", "MONTH").param("rankingGroup", s.group())
			.param("kind", "CONSEQUENCE").param("bottomN", "x").param("consequence", "").with(csrf()).with(logins.as(OFFICE)))
			.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("末位数须为1至1000的整数", "请填写处理内容", "field-error");
		mvc.perform(post("/evaluation/rewards/budget").param("year", String.valueOf(year)).param("amount", "-3")
			.with(csrf()).with(logins.as(OFFICE))).andExpect(status().isBadRequest());
		mvc.perform(post("/evaluation/rewards/rules/{id}/remove", bottomRule).with(csrf()).with(logins.as(OFFICE)))
			.andExpect(status().is3xxRedirection());
		assertThat(audits("EVALUATION_REWARD_RULE_REMOVE", "通报批评")).isPositive();
		mvc.perform(post("/evaluation/rewards/rules/{id}/remove", bottomRule).with(csrf()).with(logins.as(OFFICE)))
			.andExpect(status().isNotFound());
		call(post("/api/v1/reward-rules"), "xiantao.liaison", rule(s.group(), "REWARD", 1, 1, null, null))
			.andExpect(status().isForbidden());
	}

}
