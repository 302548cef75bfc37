package cn.chuangwen.problems;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The notice, list and statistics pages against bad and hostile input: clear answers, nothing changed, no 500. */
@IntegrationTest
class NoticePagesIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	Problems problems;

	@Autowired
	RectificationNotices notices;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestClock clock;

	long notices() {
		return jdbc.sql("select count(*) from problem_notice").query(Long.class).single();
	}

	@Test
	void badNoticeFormsShowTheirErrorsAndIssueNothing() throws Exception {
		CurrentUser office = logins.principal("xiantao.office");
		long town = logins.principal("xiantao.liaison").unitId();
		long dept = logins.principal("xiantao.dept").unitId();
		long mine = problems.create(office, NoticeJourneyBrowserTest.draft(town, "表单测试甲"), true).id();
		long theirs = problems.create(office, NoticeJourneyBrowserTest.draft(dept, "表单测试乙"), true).id();
		String due = LocalDate.ofInstant(clock.instant(), Problems.ZONE).plusDays(3).toString();
		long before = notices();
		mvc.perform(post("/problems/notices").with(csrf()).with(logins.as("xiantao.office")).param("unitId", Long.toString(town))
			.param("kind", "RECTIFICATION").param("problemId", Long.toString(mine), Long.toString(theirs)).param("deadline", due))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("不属于该单位")));
		mvc.perform(post("/problems/notices").with(csrf()).with(logins.as("xiantao.office")).param("unitId", Long.toString(town))
			.param("kind", "RECTIFICATION").param("problemId", Long.toString(mine)).param("deadline", "明天"))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("整改期限格式")));
		mvc.perform(post("/problems/notices").with(csrf()).with(logins.as("xiantao.office")).param("unitId", Long.toString(town))
			.param("kind", "<script>").param("deadline", due))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("<script>"))));
		mvc.perform(get("/problems/notices/new").param("unitId", "abc").with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/problems/notices/new").param("unitId", Long.toString(logins.principal("tianmen.liaison").unitId()))
			.with(logins.as("xiantao.office")))
			.andExpect(status().isNotFound());
		mvc.perform(post("/problems/notices").with(csrf()).with(logins.as("xiantao.liaison")).param("unitId", Long.toString(town)))
			.andExpect(status().isForbidden());
		assertThat(notices()).isEqualTo(before);
	}

	@Test
	void aNoticeIsSignedForOnceAndOtherUnitsAndCitiesCannotOpenIt() throws Exception {
		CurrentUser office = logins.principal("xiantao.office");
		long town = logins.principal("xiantao.liaison").unitId();
		long p = problems.create(office, NoticeJourneyBrowserTest.draft(town, "签收测试"), true).id();
		long id = notices.issue(office, RectificationNotices.Kind.SUPERVISION, town, List.of(p),
				clock.instant().plus(Duration.ofDays(3)), null).id();
		mvc.perform(get("/problems/notices/{id}", id).with(logins.as("xiantao.dept"))).andExpect(status().isNotFound());
		mvc.perform(get("/problems/notices/{id}/pdf", id).with(logins.as("tianmen.office"))).andExpect(status().isNotFound());
		mvc.perform(get("/problems/notices/{id}", Long.MAX_VALUE).with(logins.as("xiantao.office"))).andExpect(status().isNotFound());
		mvc.perform(post("/problems/notices/{id}/reply", id).with(csrf()).with(logins.as("xiantao.liaison")).param("text", ""))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("请填写内容")));
		mvc.perform(post("/problems/notices/{id}/receipt", id).with(csrf()).with(logins.as("xiantao.liaison")))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post("/problems/notices/{id}/receipt", id).with(csrf()).with(logins.as("xiantao.liaison")))
			.andExpect(status().isConflict());
		mvc.perform(post("/problems/notices/{id}/receipt", id).with(csrf()).with(logins.as("xiantao.office")))
			.andExpect(status().isForbidden());
		assertThat(notices.get(office, id).receivedBy()).isEqualTo("xiantao.liaison");
	}

	@Test
	void hostilePeriodsAndFiltersAreShownAsErrorsOrIgnored() throws Exception {
		mvc.perform(get("/problems/lists").param("period", "<script>alert(1)</script>").with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("期间须写作")))
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("<script>alert"))));
		mvc.perform(get("/problems/statistics").param("period", "99999-Q9").with(logins.as("xiantao.leader")))
			.andExpect(status().isOk());
		mvc.perform(get("/problems/statistics").param("city", "nowhere").with(logins.as("hubei.office")))
			.andExpect(status().isOk());
		mvc.perform(get("/problems/map.json").param("state", "'; drop table problem; --").param("unitId", "x")
			.with(logins.as("xiantao.office")))
			.andExpect(status().isOk());
		mvc.perform(get("/problems/export.xlsx").param("overdue", "perhaps").with(logins.as("xiantao.liaison")))
			.andExpect(status().isOk());
		mvc.perform(get("/problems/lists").with(logins.as("xiantao.liaison"))).andExpect(status().isForbidden());
		assertThat(jdbc.sql("select count(*) from problem").query(Long.class).single()).isPositive();
	}

}
