package cn.chuangwen.inspections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.shared.PeriodCode;
import cn.chuangwen.support.Logins;

/** Issue 9 §2, §8: the plan pages: the form with its errors, a plan with its draw check, closing the round, the list. */
@IntegrationTest
class PlanPagesIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	OrgFixtures fixtures;

	@Autowired
	InspectionPlans plans;

	@Autowired
	JdbcClient jdbc;

	static final String OFFICE = "qianjiang.office";

	MockHttpServletRequestBuilder form(String name, String... more) {
		PeriodCode p = plans.currentPeriod(fixtures.cityId("qianjiang"));
		MockHttpServletRequestBuilder r = post("/inspections/plans").with(csrf()).with(logins.as(OFFICE))
			.param("kind", "UNANNOUNCED")
			.param("name", name)
			.param("period", p.text())
			.param("startDate", p.start().toString())
			.param("endDate", p.lastDay().toString());
		for (int i = 0; i + 1 < more.length; i += 2) {
			r = r.param(more[i], more[i + 1]);
		}
		return r;
	}

	long count() {
		return jdbc.sql("select count(*) from inspection_plan").query(Long.class).single();
	}

	MockHttpServletResponse page(String path, String account) throws Exception {
		return mvc.perform(get(path).with(logins.as(account))).andReturn().getResponse();
	}

	@Test
	void theOfficeDrawsAPlanOnTheFormChecksTheDrawAndClosesTheRound() throws Exception {
		String newForm = page("/inspections/plans/new", OFFICE).getContentAsString();
		assertThat(newForm).contains("新建检查计划", "随机抽取", "手工选择", "qianjiang.inspector", "qianjiang.inspector2",
				"本市按双月考核");
		String name = "页面测试暗访" + OrgFixtures.unique().substring(0, 6);
		MockHttpServletResponse made = mvc.perform(form(name, "mode", "sample", "pointTypes", "MARKET", "size", "3", "seed",
				"4242", "inspectors", "qianjiang.inspector")).andReturn().getResponse();
		assertThat(made.getStatus()).isEqualTo(302);
		String location = made.getRedirectedUrl();
		assertThat(location).matches("/inspections/plans/\\d+");
		long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		String plan = page(location, OFFICE).getContentAsString();
		assertThat(plan).contains(name, "暗访", "4242", "用同一种子重新抽取核对", "已查 0 / 3 个点位", "结束这一轮检查",
				InspectionPlans.DRAW_RULE.replace("–", "–"), "集贸市场");

		// the redraw check: a fragment for htmx, the whole page without
		String fragment = mvc.perform(get(location + "/draw").header("HX-Request", "true").with(logins.as(OFFICE)))
			.andReturn().getResponse().getContentAsString();
		assertThat(fragment).contains("核对一致", "点位库自抽取后没有变化").doesNotContain("<html");
		assertThat(page(location + "/draw", OFFICE).getContentAsString()).contains("<html", name, "核对一致");

		// the list, filtered; an htmx filter gets the results only
		assertThat(page("/inspections/plans?kind=UNANNOUNCED&state=OPEN", OFFICE).getContentAsString()).contains(name);
		assertThat(page("/inspections/plans?kind=ANNOUNCED", OFFICE).getContentAsString()).doesNotContain(name);
		assertThat(page("/inspections/plans?kind=nonsense&period=x", OFFICE).getStatus()).isEqualTo(200);
		assertThat(mvc.perform(get("/inspections/plans").header("HX-Request", "true").with(logins.as(OFFICE)))
			.andReturn().getResponse().getContentAsString()).contains("plan-results", name).doesNotContain("<html");

		// closing: confirmed on the page, then done; a second close is refused with the reason
		MockHttpServletResponse closed = mvc.perform(post(location + "/close").with(csrf()).with(logins.as(OFFICE)))
			.andReturn().getResponse();
		assertThat(closed.getRedirectedUrl()).isEqualTo(location);
		assertThat(jdbc.sql("select state from inspection_plan where id = :id").param("id", id).query(String.class).single())
			.isEqualTo("CLOSED");
		MockHttpServletResponse again = mvc.perform(post(location + "/close").with(csrf()).with(logins.as(OFFICE)))
			.andReturn().getResponse();
		assertThat(again.getStatus()).isEqualTo(409);
		assertThat(again.getContentAsString()).contains("这一轮检查已经结束").doesNotContain("id=\"close-plan\"");
		// the inspector cannot close it
		assertThat(mvc.perform(post(location + "/close").with(csrf()).with(logins.as("qianjiang.inspector")))
			.andReturn().getResponse().getStatus()).isEqualTo(403);
	}

	@Test
	void aBadFormShowsEveryErrorBesideItsFieldKeepsWhatWasTypedAndStoresNothing() throws Exception {
		long before = count();
		MockHttpServletResponse bad = mvc.perform(form("保留的名称", "period", "2026-12", "mode", "sample", "size", "abc",
				"seed", "not-a-seed")).andReturn().getResponse();
		assertThat(bad.getStatus()).isEqualTo(400);
		String html = bad.getContentAsString();
		assertThat(html).contains("<title>错误：", "error-summary", "本市按双月考核", "请至少选择一种点位类型", "请填写抽取数量",
				"随机种子须是整数", "请至少选择一名督查员", "href=\"#inspectors\"", "href=\"#sample.size\"", "value=\"保留的名称\"",
				"value=\"not-a-seed\"");
		MockHttpServletResponse tooMany = mvc.perform(form("太多", "mode", "sample", "pointTypes", "PUBLIC_TOILET", "size",
				"499", "inspectors", "qianjiang.inspector")).andReturn().getResponse();
		assertThat(tooMany.getStatus()).isEqualTo(400);
		assertThat(tooMany.getContentAsString()).contains("超过了范围内的点位数");
		MockHttpServletResponse none = mvc.perform(form("手工", "mode", "hand", "inspectors", "qianjiang.inspector"))
			.andReturn().getResponse();
		assertThat(none.getStatus()).isEqualTo(400);
		assertThat(none.getContentAsString()).contains("请手工选择点位，或设置随机抽取");
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void pointsChosenByHandAreFoundBySearchWithAndWithoutJavaScript() throws Exception {
		List<String> two = jdbc.sql("""
				select f.id || '|' || f.code from field_point f join city c on c.id = f.city_id
				where c.code = 'qianjiang' and f.active = true order by f.code limit 2""").query(String.class).list();
		String code = two.get(1).split("\\|")[1];
		String chosen = two.get(0).split("\\|")[0];
		// htmx: the picker alone, the chosen point kept ticked above the matches
		String picker = mvc.perform(get("/inspections/plans/point-picker").param("q", code).param("fieldPointIds", chosen)
			.header("HX-Request", "true").with(logins.as(OFFICE))).andReturn().getResponse().getContentAsString();
		assertThat(picker).contains("point-picker", code, "value=\"" + chosen + "\" checked").doesNotContain("<html");
		// without JavaScript: the search button shows the form again with what was found
		String form = mvc.perform(form("手工计划", "mode", "hand", "q", code, "action", "search")).andReturn().getResponse()
			.getContentAsString();
		assertThat(form).contains(code, "value=\"手工计划\"");
		MockHttpServletResponse made = mvc.perform(form("手工计划", "mode", "hand", "fieldPointIds", chosen,
				"fieldPointIds", two.get(1).split("\\|")[0], "inspectors", "qianjiang.inspector2")).andReturn().getResponse();
		assertThat(made.getStatus()).as(made.getContentAsString()).isEqualTo(302);
		assertThat(page(made.getRedirectedUrl(), OFFICE).getContentAsString()).contains("手工计划", code, "已查 0 / 2 个点位")
			.doesNotContain("用同一种子重新抽取核对");
	}

}
