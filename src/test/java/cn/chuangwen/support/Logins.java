package cn.chuangwen.support;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.internal.AccountStore;
import cn.chuangwen.organization.internal.DemoData;
import cn.chuangwen.organization.security.LoginService;
import cn.chuangwen.organization.security.LoginStep;
import cn.chuangwen.organization.security.Totp;
import cn.chuangwen.organization.testing.OrgFixtures;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Signs in for MockMvc and browser tests: demo accounts as a ready principal, and any account the
 * way a client does it (the sign-in form, the token endpoint, a second-factor code), so the
 * security tests share one copy of each step. A bean of every {@code @IntegrationTest} context.
 */
public class Logins {

	private final AccountStore store;

	private final Accounts accounts;

	private final TestClock clock;

	private final JdbcClient jdbc;

	private final MockMvc mvc;

	private final JsonMapper json;

	private final LoginService loginService;

	public Logins(AccountStore store, Accounts accounts, TestClock clock, JdbcClient jdbc, MockMvc mvc,
			JsonMapper json, LoginService loginService) {
		this.loginService = loginService;
		this.jdbc = jdbc;
		this.store = store;
		this.accounts = accounts;
		this.clock = clock;
		this.mvc = mvc;
		this.json = json;
	}

	/** The real principal of an account, with full authorities, as a MockMvc post-processor. */
	public RequestPostProcessor as(String username) {
		return signedIn(principal(username));
	}

	/**
	 * Any principal, fully signed in with the authorities a real sign-in gives it: for slice tests,
	 * which have no accounts to load.
	 */
	public static RequestPostProcessor signedIn(CurrentUser user) {
		var verified = new LoginService.Verified(user, LoginStep.FULL);
		return authentication(UsernamePasswordAuthenticationToken.authenticated(user, null, verified.authorities()));
	}

	public CurrentUser principal(String username) {
		long id = store.findByUsername(username).orElseThrow().id();
		return accounts.principal(id);
	}

	/**
	 * A fresh TOTP code for the demo secret: moves the clock to the next step, and past every step
	 * already used by a demo account (tests that put the clock back would otherwise replay one).
	 */
	public String nextTotp() {
		clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
		Long used = jdbc.sql("select max(totp_last_step) from app_user where totp_secret = :s")
			.param("s", DemoData.TOTP_SECRET)
			.query(Long.class)
			.optional()
			.orElse(null);
		long step = Totp.step(clock.instant());
		if (used != null && step <= used) {
			clock.set(java.time.Instant.ofEpochSecond((used + 1) * Totp.STEP_SECONDS + 1));
			step = used + 1;
		}
		return Totp.code(DemoData.TOTP_SECRET, step);
	}

	/** The sign-in form as the login page posts it, with the CSRF token. */
	public static MockHttpServletRequestBuilder form(String username, String password) {
		return post("/login").param("username", username).param("password", password).with(csrf());
	}

	/** The second sign-in step: the authenticator's code, as the code page posts it. */
	public static MockHttpServletRequestBuilder totp(String code) {
		return post("/login/totp").param("code", code).with(csrf());
	}

	/** A request as if from another client address (the throttle counts per address). */
	public static RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	/** An API call with a bearer token. */
	public static RequestPostProcessor bearer(String token) {
		return request -> {
			request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
			return request;
		};
	}

	/**
	 * The token endpoint's answer to the user's factors ({@code totp} null: none sent), from the
	 * given post-processors' client (e.g. {@link #from(String)}).
	 */
	public MockHttpServletResponse token(String username, String password, String totp, RequestPostProcessor... client)
			throws Exception {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("username", username);
		body.put("password", password);
		if (totp != null) {
			body.put("totp", totp);
		}
		MockHttpServletRequestBuilder request = post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(body));
		for (RequestPostProcessor p : client) {
			request.with(p);
		}
		return mvc.perform(request).andReturn().getResponse();
	}

	/** A new API token of an account that needs no second factor. */
	public String issueToken(String username, String password) throws Exception {
		MockHttpServletResponse issued = token(username, password, null);
		assertThat(issued.getStatus()).as("token issued").isEqualTo(200);
		return json.readTree(issued.getContentAsString()).get("token").asString();
	}

	/** A new API token of a new account (see {@link OrgFixtures}) that needs no second factor. */
	public String issueToken(OrgFixtures.NewAccount account) throws Exception {
		return issueToken(account.username(), account.password());
	}

	/** {@code GET /api/v1/me} with the token. */
	public MockHttpServletResponse me(String token) throws Exception {
		return mvc.perform(MockMvcRequestBuilders.get("/api/v1/me")
			.with(bearer(token))).andReturn().getResponse();
	}

	/** Enrols a new authenticator for the account, as its owner would; its secret. */
	public String enrolTotp(long userId) {
		String secret = Totp.newSecret();
		loginService.enrolTotp(userId, secret, Totp.code(secret, Totp.step(clock.instant())), false);
		return secret;
	}

	/** A valid code of an authenticator with this secret, of a step not used yet (moves the clock one step). */
	public String nextTotp(String secret) {
		clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
		return Totp.code(secret, Totp.step(clock.instant()));
	}

	/** A six-digit code that matches none of the steps the server accepts now for this secret. */
	public String wrongTotp(String secret) {
		long step = Totp.step(clock.instant());
		Set<String> valid = new HashSet<>();
		for (long s = step - 1; s <= step + 2; s++) {
			valid.add(Totp.code(secret, s));
		}
		for (int i = 0;; i++) {
			String candidate = String.format("%06d", (123457 + i * 7919) % 1_000_000);
			if (!valid.contains(candidate)) {
				return candidate;
			}
		}
	}

}
