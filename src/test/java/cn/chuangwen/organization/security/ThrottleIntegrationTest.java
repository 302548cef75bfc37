package cn.chuangwen.organization.security;

import static cn.chuangwen.support.Logins.from;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.organization.throttle.AddressThrottle;
import cn.chuangwen.organization.testing.OrgFixtures.NewAccount;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.TestClock;
import tools.jackson.databind.json.JsonMapper;

/**
 * At most ten failures per client address a minute on sign-in and the token endpoint; then 429
 * with Retry-After, one trace event, and nothing else happens (A4, G9). Its own context: the
 * shared one lifts the limit so other tests can fail sign-ins from one address.
 */
@IntegrationTest
@TestPropertySource(properties = "chuangwen.security.throttle-failures=10")
class ThrottleIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	TestClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	OrgFixtures fixtures;

	@Test
	void theEleventhFailedSignInFromOneAddressIsRefusedWithoutCheckingAnything() throws Exception {
		String address = "10.11.0." + (1 + (int) (Math.random() * 250));
		NewAccount account = fixtures.activated(fixtures.xiantaoLeader("throttle"));
		for (int i = 1; i <= 10; i++) {
			MvcResult wrong = login(address, "nobody." + OrgFixtures.unique(), "Wrong#Pass" + i);
			assertThat(wrong.getResponse().getRedirectedUrl()).as("failure %d", i).isEqualTo("/login?error");
		}
		int auditRows = auditRows();

		// the right password of a real account: refused before it is checked
		MvcResult throttled = login(address, account.username(), account.password());
		assertThat(throttled.getResponse().getStatus()).isEqualTo(429);
		assertThat(Long.parseLong(throttled.getResponse().getHeader(HttpHeaders.RETRY_AFTER))).isBetween(1L, 60L);
		assertThat(throttled.getResponse().getForwardedUrl()).isEqualTo("/login/throttled");
		assertThat(throttled.getRequest().getSession(false) == null
				|| throttled.getRequest().getSession(false).getAttribute("SPRING_SECURITY_CONTEXT") == null).isTrue();
		// a wrong password for the account is not counted against it either
		login(address, account.username(), "Wrong#Pass");
		assertThat(failures(account.id())).isZero();
		assertThat(fixtures.auditCount("LOGIN_PASSWORD_OK", String.valueOf(account.id()))).isZero();
		assertThat(fixtures.auditCount("LOGIN_FAILURE", String.valueOf(account.id()))).isZero();
		assertThat(fixtures.auditCount("THROTTLED", address)).as("one event per address and window").isEqualTo(1);
		assertThat(auditRows()).isEqualTo(auditRows + 1);

		// another address is not affected
		assertThat(login("10.12.0.1", account.username(), account.password()).getResponse().getRedirectedUrl())
			.isEqualTo("/");

		// a minute later the address may try again
		clock.advance(Duration.ofSeconds(61));
		assertThat(login(address, account.username(), account.password()).getResponse().getRedirectedUrl())
			.isEqualTo("/");
	}

	@Test
	void theThrottledPageSaysInChineseHowLongToWait() throws Exception {
		MockHttpServletResponse page = mvc.perform(post("/login/throttled")
			.requestAttr(AddressThrottle.RETRY_AFTER_SECONDS, 42L)
			.with(csrf())).andReturn().getResponse();
		assertThat(page.getStatus()).isEqualTo(429);
		assertThat(page.getContentAsString()).contains("尝试次数过多").contains("42 秒后再试");
	}

	@Test
	void theTokenEndpointIsThrottledWithProblemJson() throws Exception {
		String address = "10.13.0." + (1 + (int) (Math.random() * 250));
		for (int i = 1; i <= 10; i++) {
			assertThat(token(address, "nobody." + OrgFixtures.unique()).getStatus()).as("failure %d", i).isEqualTo(401);
		}
		MockHttpServletResponse throttled = token(address, "xiantao.leader");
		assertThat(throttled.getStatus()).isEqualTo(429);
		assertThat(throttled.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(json.readTree(throttled.getContentAsString()).get("status").asInt()).isEqualTo(429);
		assertThat(throttled.getHeader(HttpHeaders.RETRY_AFTER)).isNotBlank();
		assertThat(fixtures.auditCount("THROTTLED", address)).isEqualTo(1);
		// signed-in API use from the same address is not throttled: only the anonymous endpoint is
		assertThat(mvc.perform(get("/api/v1/me").with(from(address)).with(logins.as("xiantao.leader")))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
	}

	private MvcResult login(String address, String username, String password) throws Exception {
		return mvc.perform(Logins.form(username, password).with(from(address))).andReturn();
	}

	private MockHttpServletResponse token(String address, String username) throws Exception {
		return logins.token(username, "Wrong#Pass1", null, from(address));
	}

	private int failures(long id) {
		return jdbc.sql("select failed_attempts from app_user where id = :id").param("id", id).query(Integer.class).single();
	}

	private int auditRows() {
		return jdbc.sql("select count(*) from audit_event").query(Integer.class).single();
	}

}
