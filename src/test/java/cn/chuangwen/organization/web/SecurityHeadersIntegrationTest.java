package cn.chuangwen.organization.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.support.Logins;

/** Security headers, actuator and API docs exposure (checklist G7, G8; used by A/B rows). */
@IntegrationTest
class SecurityHeadersIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Test
	void pagesAndApiAnswersCarryTheSecurityHeaders() throws Exception {
		List<MockHttpServletRequestBuilder> requests = List.of(get("/login"), get("/units").with(logins.as("xiantao.office")),
				get("/units/999999999").with(logins.as("xiantao.office")), get("/api/v1/me").with(logins.as("xiantao.office")),
				get("/api/v1/me"), get("/api/v1/units/999999999").with(logins.as("xiantao.office")), get("/units"));
		for (MockHttpServletRequestBuilder request : requests) {
			MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
			String what = response.getStatus() + " " + response.getContentType();
			assertThat(response.getHeader("Content-Security-Policy")).as(what)
				.contains("frame-ancestors 'none'")
				.contains("object-src 'none'")
				.contains("default-src 'self'");
			assertThat(response.getHeader("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
			assertThat(response.getHeader("Referrer-Policy")).as(what).isNotBlank();
			assertThat(response.getHeader("X-Frame-Options")).as(what).isEqualTo("DENY");
		}
	}

	@Test
	void healthIsPublicAndMetricsOnlyForSystemMonitoring() throws Exception {
		assertThat(status(get("/actuator/health"))).isEqualTo(200);
		assertThat(mvc.perform(get("/actuator/health")).andReturn().getResponse().getContentAsString())
			.contains("UP")
			.doesNotContain("components", "diskSpace", "db");
		assertThat(status(get("/actuator/metrics").with(logins.as("xiantao.office")))).isEqualTo(403);
		assertThat(status(get("/actuator/metrics").with(logins.as("admin.security")))).isEqualTo(403);
		assertThat(status(get("/actuator/metrics").with(logins.as("admin.system")))).isEqualTo(200);
		assertThat(status(get("/actuator/prometheus").with(logins.as("xiantao.office")))).isEqualTo(403);
		MockHttpServletResponse anonymous = mvc.perform(get("/actuator/metrics")).andReturn().getResponse();
		assertThat(anonymous.getStatus()).isEqualTo(302);
		assertThat(anonymous.getRedirectedUrl()).endsWith("/login");
		for (String hidden : new String[] { "/actuator/env", "/actuator/beans", "/actuator/heapdump",
				"/actuator/configprops" }) {
			assertThat(status(get(hidden).with(logins.as("admin.system")))).as(hidden).isEqualTo(404);
		}
	}

	@Test
	void apiDocsNeedASignIn() throws Exception {
		MockHttpServletResponse signedIn = mvc.perform(get("/v3/api-docs").with(logins.as("xiantao.leader")))
			.andReturn()
			.getResponse();
		assertThat(signedIn.getStatus()).isEqualTo(200);
		assertThat(signedIn.getContentAsString()).contains("/api/v1/units");
		MockHttpServletResponse anonymous = mvc.perform(get("/v3/api-docs")).andReturn().getResponse();
		assertThat(anonymous.getStatus()).isEqualTo(302);
		assertThat(anonymous.getRedirectedUrl()).endsWith("/login");
	}

	@Test
	void theLoginPageSpeaksChineseByDefaultAndEnglishOnRequest() throws Exception {
		assertThat(mvc.perform(get("/login")).andReturn().getResponse().getContentAsString()).contains("登录创文系统");
		MockHttpServletResponse english = mvc.perform(get("/login?lang=en")).andReturn().getResponse();
		assertThat(english.getContentAsString()).contains("Sign in to Chuangwen");
		assertThat(english.getCookie("CWLANG")).isNotNull();
	}

	@Test
	void aSignedOutUserCanSwitchTheLanguageFromTheLoginPage() throws Exception {
		MockHttpServletResponse response = mvc.perform(get("/language").param("lang", "en").param("back", "/login"))
			.andReturn()
			.getResponse();
		assertThat(response.getRedirectedUrl()).isEqualTo("/login");
		assertThat(response.getCookie("CWLANG")).isNotNull();
		assertThat(response.getCookie("CWLANG").getValue()).isEqualTo("en");
	}

	@Test
	void theLanguageSwitchOnlyGoesBackToThisSite() throws Exception {
		for (String back : new String[] { "https://evil.example/", "//evil.example", "/\\evil.example", "javascript:x" }) {
			MockHttpServletResponse response = mvc
				.perform(get("/language").param("lang", "en").param("back", back).with(logins.as("xiantao.leader")))
				.andReturn()
				.getResponse();
			assertThat(response.getRedirectedUrl()).as(back).isEqualTo("/");
		}
		assertThat(mvc.perform(get("/language").param("lang", "en").param("back", "/units?q=x").with(logins.as("xiantao.leader")))
			.andReturn()
			.getResponse()
			.getRedirectedUrl()).isEqualTo("/units?q=x");
	}

	private int status(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request).andReturn().getResponse().getStatus();
	}

}
