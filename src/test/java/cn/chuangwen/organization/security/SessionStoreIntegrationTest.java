package cn.chuangwen.organization.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.testing.Browser;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.organization.testing.OrgFixtures.NewAccount;
import cn.chuangwen.support.Logins;

/**
 * Sessions live in the database (Spring Session JDBC), so any node can serve any user: a sign-in
 * writes a row indexed by the username with the idle timeout of server.servlet.session.timeout,
 * the cookie keeps its name, another "node" (a request carrying only the cookie) is signed in,
 * and logout deletes the row.
 */
@IntegrationTest
class SessionStoreIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OrgFixtures fixtures;

	@Test
	void aSignInIsStoredInTheDatabaseAndLogoutRemovesIt() throws Exception {
		NewAccount account = fixtures.activated(fixtures.xiantaoLeader("stored"));
		Browser browser = new Browser(mvc);
		assertThat(browser.login(account.username(), account.password()).getResponse().getRedirectedUrl())
			.isEqualTo("/");
		assertThat(browser.cookie().getName()).isEqualTo("CWSESSION");

		assertThat(rows(account.username())).isEqualTo(1);
		assertThat(jdbc.sql("select max_inactive_interval from spring_session where principal_name = :u")
			.param("u", account.username())
			.query(Integer.class)
			.single()).as("server.servlet.session.timeout=30m").isEqualTo(1800);
		// Only the cookie travels: the session itself comes from the database.
		assertThat(mvc.perform(get("/units").cookie(browser.cookie())).andReturn().getResponse().getStatus())
			.isEqualTo(200);

		browser.perform(post("/logout").with(csrf()));
		assertThat(rows(account.username())).isZero();
	}

	private long rows(String username) {
		return jdbc.sql("select count(*) from spring_session where principal_name = :u")
			.param("u", username)
			.query(Long.class)
			.single();
	}

}
