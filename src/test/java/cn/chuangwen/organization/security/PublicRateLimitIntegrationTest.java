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

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.organization.testing.OrgFixtures.NewAccount;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.TestClock;

/**
 * The anonymous public pages allow a few requests per client address a minute (three here); the
 * next one gets 429 with Retry-After and a short page (problem JSON when JSON was asked for), and
 * reaches no controller. Signing in and the office's own pages do not count and are not refused.
 * Its own context: the shared one lifts the limit.
 */
@IntegrationTest
@TestPropertySource(properties = "chuangwen.public.requests-per-minute=3")
class PublicRateLimitIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	TestClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OrgFixtures fixtures;

	String publishedPage() {
		String period = jdbc.sql("""
				select p.period from inspection_publication p join city c on c.id = p.city_id
				where c.code = 'xiantao' order by p.published_at desc limit 1""").query(String.class).single();
		return "/public/results/xiantao/" + period;
	}

	static String address() {
		return "10.21." + (int) (Math.random() * 250) + "." + (1 + (int) (Math.random() * 250));
	}

	@Test
	void theFourthPublicRequestOfAMinuteIsRefusedWithRetryAfter() throws Exception {
		String page = publishedPage();
		String address = address();
		for (int i = 1; i <= 2; i++) {
			assertThat(mvc.perform(get(page).with(from(address))).andReturn().getResponse().getStatus()).as("page %d", i)
				.isEqualTo(200);
		}
		assertThat(mvc.perform(get(page + "/bulletin.pdf").with(from(address))).andReturn().getResponse().getStatus())
			.isEqualTo(200);

		MockHttpServletResponse refused = mvc.perform(get(page).with(from(address)).locale(java.util.Locale.SIMPLIFIED_CHINESE))
			.andReturn()
			.getResponse();
		assertThat(refused.getStatus()).isEqualTo(429);
		assertThat(Long.parseLong(refused.getHeader(HttpHeaders.RETRY_AFTER))).isBetween(1L, 60L);
		assertThat(refused.getContentType()).startsWith(MediaType.TEXT_HTML_VALUE);
		assertThat(refused.getContentAsString()).contains("请求过于频繁").doesNotContain("bulletin");
		// nothing behind the filter ran: no view was rendered and no controller was called
		assertThat(refused.getForwardedUrl()).isNull();

		// a JSON client gets problem JSON
		MockHttpServletResponse json = mvc.perform(get(page).with(from(address)).accept(MediaType.APPLICATION_JSON))
			.andReturn()
			.getResponse();
		assertThat(json.getStatus()).isEqualTo(429);
		assertThat(json.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(json.getHeader(HttpHeaders.RETRY_AFTER)).isNotNull();

		// another address reads on
		assertThat(mvc.perform(get(page).with(from(address()))).andReturn().getResponse().getStatus()).isEqualTo(200);

		// the allowance refills with time
		clock.advance(Duration.ofSeconds(61));
		assertThat(mvc.perform(get(page).with(from(address))).andReturn().getResponse().getStatus()).isEqualTo(200);
	}

	@Test
	void signingInAndSignedInPagesAreNotLimitedFromARefusedAddress() throws Exception {
		String page = publishedPage();
		String address = address();
		for (int i = 1; i <= 3; i++) {
			mvc.perform(get(page).with(from(address)));
		}
		assertThat(mvc.perform(get(page).with(from(address))).andReturn().getResponse().getStatus()).isEqualTo(429);

		// the sign-in page and signing in, from the same address, many times over the public limit
		NewAccount account = fixtures.activated(fixtures.xiantaoLeader("publiclimit"));
		for (int i = 1; i <= 5; i++) {
			assertThat(mvc.perform(get("/login").with(from(address))).andReturn().getResponse().getStatus()).isEqualTo(200);
		}
		MockHttpServletResponse login = mvc
			.perform(post("/login").param("username", account.username())
				.param("password", account.password())
				.with(csrf())
				.with(from(address)))
			.andReturn()
			.getResponse();
		assertThat(login.getRedirectedUrl()).isEqualTo("/");

		// a signed-in page of the office, from the same address
		for (int i = 1; i <= 5; i++) {
			assertThat(mvc.perform(get("/inspections/results").with(logins.as("xiantao.office")).with(from(address)))
				.andReturn()
				.getResponse()
				.getStatus()).isEqualTo(200);
		}
	}


	/** Open311 clients are refused in the spec's errors document, XML or JSON as the path asks, never HTML. */
	@Test
	void open311IsRefusedInTheSpecsErrorFormat() throws Exception {
		String address = address();
		for (int i = 1; i <= 3; i++) {
			assertThat(mvc.perform(get("/open311/v2/discovery.json").with(from(address))).andReturn().getResponse()
				.getStatus()).isEqualTo(200);
		}
		MockHttpServletResponse json = mvc.perform(get("/open311/v2/discovery.json").with(from(address))).andReturn()
			.getResponse();
		json.setCharacterEncoding("UTF-8");
		assertThat(json.getStatus()).isEqualTo(429);
		assertThat(json.getHeader(HttpHeaders.RETRY_AFTER)).isNotNull();
		assertThat(json.getContentType()).startsWith(MediaType.APPLICATION_JSON_VALUE);
		assertThat(json.getContentAsString()).startsWith("[{\"code\":429,\"description\":\"").endsWith("\"}]");
		MockHttpServletResponse xml = mvc.perform(get("/open311/v2/services.xml").with(from(address))
			.accept(MediaType.TEXT_HTML)).andReturn().getResponse();
		xml.setCharacterEncoding("UTF-8");
		assertThat(xml.getStatus()).isEqualTo(429);
		assertThat(xml.getContentType()).startsWith(MediaType.TEXT_XML_VALUE);
		assertThat(xml.getContentAsString()).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><errors><error><code>429</code>")
			.doesNotContain("<html");
	}

}
