package cn.chuangwen.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.PeriodCode;
import cn.chuangwen.support.Logins;

/**
 * The civilization index (issue 10 §2, X6): Xiantao's demo names its town scheme and publishes its
 * closed quarter, so the public page shows the city's index as the mean of the towns' frozen totals;
 * naming a scheme that is not a quarterly one of the city is refused and changes nothing; the
 * designation is traced.
 */
@IntegrationTest
class CivilizationIndexIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Scores scores;

	@Autowired
	CivilizationIndex index;

	String page(String path) throws Exception {
		return mvc.perform(get(path)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	@Test
	void thePublicPageShowsTheCityIndexAsTheMeanOfThePublishedTownTotals() throws Exception {
		CivilizationIndex.Published p = index.published("xiantao").orElseThrow();
		assertThat(p.history()).isNotEmpty();
		CivilizationIndex.Quarter last = p.last();
		assertThat(PeriodCode.parse(last.period()).kind()).isEqualTo(PeriodCode.Kind.QUARTER);
		// the same numbers from the published results of the quarter
		List<BigDecimal> towns = scores.published("xiantao", last.period()).orElseThrow().lines().stream()
			.filter(l -> "镇办".equals(l.rankingGroup()) && !l.sampleTooSmall())
			.map(ScoreLine::total)
			.filter(Objects::nonNull)
			.toList();
		assertThat(towns).isNotEmpty();
		BigDecimal mean = towns.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
			.divide(BigDecimal.valueOf(towns.size()), 2, RoundingMode.HALF_UP);
		assertThat(last.cityIndex()).isEqualByComparingTo(mean);
		assertThat(last.towns()).isEqualTo(towns.size());

		String html = page("/public/index/xiantao");
		assertThat(html).contains("仙桃市文明指数", last.period(), mean.toPlainString(), p.latest().get(0).unitName())
			.contains("id=\"index-chart\"").doesNotContain("xiantao.office");
		// a city without an index, and no city at all: 404
		assertThat(mvc.perform(get("/public/index/tianmen")).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(get("/public/index/{c}", "<script>")).andReturn().getResponse().getStatus()).isEqualTo(404);
	}

	@Test
	void onlyAQuarterlySchemeOfTheCityIsNamedAndTheChoiceIsTraced() throws Exception {
		CurrentUser tianmen = logins.principal("tianmen.office");
		long monthly = schemeId(tianmen.cityId(), "MONTH");
		long quarterly = schemeId(tianmen.cityId(), "QUARTER");
		long ofXiantao = schemeId(logins.principal("xiantao.office").cityId(), "QUARTER");
		for (String bad : new String[] { String.valueOf(monthly), String.valueOf(ofXiantao), "abc", "99999999999" }) {
			MockHttpServletResponse r = mvc.perform(post("/evaluation/index").param("schemeId", bad).with(csrf())
				.with(logins.as("tianmen.office"))).andReturn().getResponse();
			assertThat(r.getStatus()).as(bad).isEqualTo(400);
			assertThat(r.getContentAsString(StandardCharsets.UTF_8)).contains("请选择本市的一个季度计分方案");
			assertThat(designated(tianmen.cityId())).isZero();
		}
		long before = traced();
		MockHttpServletResponse ok = mvc.perform(post("/evaluation/index").param("schemeId", String.valueOf(quarterly))
			.with(csrf()).with(logins.as("tianmen.office"))).andReturn().getResponse();
		assertThat(ok.getStatus()).isEqualTo(302);
		assertThat(designated(tianmen.cityId())).isEqualTo(1);
		assertThat(traced()).isEqualTo(before + 1);
		// no quarter of Tianmen is published: the page says so
		assertThat(page("/public/index/tianmen")).contains("还没有发布的季度");
		// a blank choice clears it, traced as well; a leader may not choose at all
		mvc.perform(post("/evaluation/index").param("schemeId", "").with(csrf()).with(logins.as("tianmen.office")));
		assertThat(designated(tianmen.cityId())).isZero();
		assertThat(traced()).isEqualTo(before + 2);
		assertThat(mvc.perform(post("/evaluation/index").param("schemeId", String.valueOf(quarterly)).with(csrf())
			.with(logins.as("tianmen.leader"))).andReturn().getResponse().getStatus()).isEqualTo(403);
		assertThat(designated(tianmen.cityId())).isZero();
	}

	long schemeId(long cityId, String kind) {
		return jdbc.sql("select min(id) from evaluation_scheme where city_id = :c and period_kind = :k")
			.param("c", cityId).param("k", kind).query(Long.class).single();
	}

	int designated(long cityId) {
		return jdbc.sql("select count(*) from civilization_index where city_id = :c").param("c", cityId)
			.query(Integer.class).single();
	}

	long traced() {
		return jdbc.sql("select count(*) from audit_event where action = 'CIVILIZATION_INDEX_SET'").query(Long.class).single();
	}

}
