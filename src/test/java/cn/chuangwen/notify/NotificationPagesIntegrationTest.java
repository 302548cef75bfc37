package cn.chuangwen.notify;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.tasks.AssignmentView;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The notifications page, the bell, marking read, and the e-mail for reminders. */
@IntegrationTest
class NotificationPagesIntegrationTest extends ReminderTest {

	@Autowired
	MockMvc mvc;

	long idOf(ReminderFixtures.Community c, long assignmentId) {
		return jdbc.sql("select id from notification where user_id = :u and channel = 'IN_APP' and assignment_id = :a")
			.param("u", c.userId())
			.param("a", assignmentId)
			.query(Long.class)
			.single();
	}

	@Test
	void theRecipientSeesTheirNotificationsNewestFirstAndMarksThemRead() throws Exception {
		var c = fixtures.community();
		AssignmentView due3 = fixtures.assign(c, 3, null);
		AssignmentView late = fixtures.assign(c, -4, null);
		LocalDate day = assignments.today();
		reminders.runFor(day);
		long lateId = idOf(c, late.id());
		long due3Id = idOf(c, due3.id());

		String page = mvc.perform(get("/notifications").with(logins.as(c.username())))
			.andExpect(status().isOk())
			.andExpect(model().attribute("unreadNotifications", 2L))
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("我的通知", "共 2 条通知，2 条未读", "还有 3 天到期", "已逾期 4 天")
			.contains("<strong><a href=\"/assignments/" + late.id() + "\">" + late.indicatorCode())
			.contains("action=\"/notifications/" + due3Id + "/read?page=1\"")
			.contains("name=\"_csrf\"");
		// Newest day first; within a day the most urgent first.
		assertThat(page.indexOf("/assignments/" + late.id() + "\"")).isLessThan(page.indexOf("/assignments/" + due3.id() + "\""));
		assertThat(mvc.perform(get("/notifications/bell").header("HX-Request", "true").with(logins.as(c.username())))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString()).contains("2 条未读通知").contains(">2</span>");

		mvc.perform(post("/notifications/{id}/read", lateId).with(logins.as(c.username())).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/notifications?page=1"));
		page = mvc.perform(get("/notifications").with(logins.as(c.username())))
			.andExpect(model().attribute("unreadNotifications", 1L))
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("共 2 条通知，1 条未读")
			.doesNotContain("<strong><a href=\"/assignments/" + late.id() + "\"")
			.contains("<strong><a href=\"/assignments/" + due3.id() + "\"");

		mvc.perform(post("/notifications/read-all").with(logins.as(c.username())).with(csrf()))
			.andExpect(redirectedUrl("/notifications"));
		mvc.perform(get("/notifications").with(logins.as(c.username())))
			.andExpect(model().attribute("unreadNotifications", 0L));
		assertThat(jdbc.sql("select count(*) from notification where user_id = :u and read_at is null")
			.param("u", c.userId()).query(Long.class).single()).isZero();

		// In English too, from the bundle.
		assertThat(mvc.perform(get("/notifications").param("lang", "en").with(logins.as(c.username())))
			.andReturn().getResponse().getContentAsString()).contains("My notifications", "Overdue by 4 days");
	}

	@Test
	void twentyToAPageWithTheTotal() throws Exception {
		var c = fixtures.community();
		AssignmentView late = fixtures.assign(c, -30, null);
		LocalDate day = assignments.today();
		// An assignment overdue for 23 days has had a reminder every day: rows as the daily runs left them.
		for (int i = 0; i < 23; i++) {
			jdbc.sql("""
					insert into notification (city_id, user_id, channel, recipient, kind, assignment_id, remind_on, subject,
					    deadline, title, body, created_at, delivered)
					values (:city, :u, 'IN_APP', :name, 'OVERDUE', :a, :day, :subject, :deadline, 't', 'b', :now, true)
					""")
				.param("city", c.unit().cityId())
				.param("u", c.userId())
				.param("name", c.username())
				.param("a", late.id())
				.param("day", day.minusDays(i))
				.param("subject", late.indicatorCode() + " " + late.indicatorName())
				.param("deadline", late.deadline())
				.param("now", java.time.OffsetDateTime.now(clock))
				.update();
		}

		String first = mvc.perform(get("/notifications").with(logins.as(c.username())))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(first).contains("共 23 条通知，23 条未读", "第 1 页，共 2 页", "已逾期 30 天", "href=\"/notifications?page=2\"")
			.doesNotContain("已逾期 10 天");
		assertThat(first.split("/read\\?page=1\"", -1)).hasSize(21);
		String second = mvc.perform(get("/notifications").param("page", "2").with(logins.as(c.username())))
			.andReturn().getResponse().getContentAsString();
		assertThat(second).contains("第 2 页，共 2 页", "已逾期 10 天", "已逾期 8 天").doesNotContain("已逾期 30 天");
		assertThat(second.split("/read\\?page=2\"", -1)).hasSize(4);
		// A page past the end shows the last one.
		assertThat(mvc.perform(get("/notifications").param("page", "9").with(logins.as(c.username())))
			.andReturn().getResponse().getContentAsString()).contains("第 2 页，共 2 页");
	}

	@Test
	void nobodyElseReadsOrMarksThem() throws Exception {
		var c = fixtures.community();
		AssignmentView due1 = fixtures.assign(c, 1, null);
		reminders.runFor(assignments.today());
		long id = idOf(c, due1.id());

		mvc.perform(post("/notifications/{id}/read", id).with(logins.as("xiantao.office")).with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(post("/notifications/{id}/read", id).with(logins.as("xiantao.liaison")).with(csrf()))
			.andExpect(status().isNotFound());
		assertThat(mvc.perform(get("/notifications").with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString()).doesNotContain("/notifications/" + id + "/read");
		assertThat(jdbc.sql("select count(*) from notification where id = :id and read_at is not null").param("id", id)
			.query(Long.class).single()).isZero();
		// Without the CSRF token nothing changes either.
		mvc.perform(post("/notifications/{id}/read", id).with(logins.as(c.username())))
			.andExpect(status().isForbidden());
		// Signed out: to the sign-in page.
		mvc.perform(get("/notifications")).andExpect(status().is3xxRedirection());
	}

	@Test
	void aUserGivesAnEmailForRemindersAndBadOnesAreRefused() throws Exception {
		var c = fixtures.community();
		String page = mvc.perform(post("/notifications/email").param("email", "not-an-address")
				.with(logins.as(c.username())).with(csrf()))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("错误：", "请填写正确的电子邮箱", "value=\"not-an-address\"");
		assertThat(jdbc.sql("select count(*) from user_contact where user_id = :u").param("u", c.userId())
			.query(Long.class).single()).isZero();

		mvc.perform(post("/notifications/email").param("email", " Liaison.Test@Xiantao.gov.cn ")
				.with(logins.as(c.username())).with(csrf()))
			.andExpect(redirectedUrl("/notifications"));
		assertThat(jdbc.sql("select email from user_contact where user_id = :u").param("u", c.userId())
			.query(String.class).single()).isEqualTo("liaison.test@xiantao.gov.cn");
		assertThat(jdbc.sql("""
				select changes from audit_event where action = 'NOTIFY_EMAIL_CHANGE' and object_id = :id order by id desc
				""").param("id", String.valueOf(c.userId())).query(String.class).list().get(0))
			.contains("l***@xiantao.gov.cn").doesNotContain("liaison.test");

		mvc.perform(post("/notifications/email").param("email", "").with(logins.as(c.username())).with(csrf()))
			.andExpect(redirectedUrl("/notifications"));
		assertThat(jdbc.sql("select count(*) from user_contact where user_id = :u").param("u", c.userId())
			.query(Long.class).single()).isZero();
	}

}
