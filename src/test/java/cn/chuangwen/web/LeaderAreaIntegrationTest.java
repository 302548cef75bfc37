package cn.chuangwen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.problems.ProblemDraft;
import cn.chuangwen.problems.ProblemSeverity;
import cn.chuangwen.problems.ProblemSource;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.support.Logins;

/**
 * The leader's area (T1): a city leader sees its attached units and the units below them with their
 * overdue assignments, open and overdue problems counted from the data, and the last closed
 * period's scores; nobody else opens the page.
 */
@IntegrationTest
class LeaderAreaIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Problems problems;

	@SuppressWarnings("unchecked")
	List<LeaderAreaController.Line> lines(String account) throws Exception {
		MvcResult r = mvc.perform(get("/leader/area").with(logins.as(account))).andReturn();
		assertThat(r.getResponse().getStatus()).isEqualTo(200);
		return (List<LeaderAreaController.Line>) r.getModelAndView().getModel().get("lines");
	}

	@Test
	void aLeaderSeesTheAttachedUnitsWithTheirFiguresFromTheData() throws Exception {
		List<Long> attached = jdbc.sql("""
				select la.unit_id from leader_attachment la join app_user a on a.id = la.leader_user_id
				where a.username = 'xiantao.leader' order by la.unit_id""").query(Long.class).list();
		assertThat(attached).isNotEmpty();
		long unit = attached.get(0);
		problems.create(logins.principal("xiantao.office"), new ProblemDraft(ProblemSource.OFFICE, "环境卫生",
				"挂点社区垃圾堆放" + OrgFixtures.unique(), "小区门口", ProblemSeverity.GENERAL, unit, null, null, null, null, null),
				true);
		List<LeaderAreaController.Line> lines = lines("xiantao.leader");
		assertThat(lines).extracting(LeaderAreaController.Line::unitId).containsAll(attached);
		LeaderAreaController.Line line = lines.stream().filter(l -> l.unitId() == unit).findFirst().orElseThrow();
		long open = jdbc.sql("select count(*) from problem where unit_id = :u and state <> 'CLOSED'").param("u", unit)
			.query(Long.class).single();
		assertThat(line.openProblems()).isEqualTo(open).isPositive();
		// the page links each figure to its list and the home links the page
		String page = mvc.perform(get("/leader/area").with(logins.as("xiantao.leader"))).andReturn().getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(page).contains("/problems?unitId=" + unit, "/assignments?unitId=" + unit + "&amp;state=OVERDUE");
		assertThat(mvc.perform(get("/").with(logins.as("xiantao.leader"))).andReturn().getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("/leader/area");
	}

	@Test
	void onlyCityLeadersOpenTheArea() throws Exception {
		for (String account : List.of("xiantao.office", "xiantao.liaison", "hubei.office", "xiantao.inspector")) {
			assertThat(mvc.perform(get("/leader/area").with(logins.as(account))).andReturn().getResponse().getStatus())
				.as(account).isEqualTo(403);
		}
		assertThat(lines("qianjiang.leader")).isNotEmpty();
	}

}
