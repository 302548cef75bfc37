package cn.chuangwen.organization.security;

import static cn.chuangwen.support.Logins.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.AccountChanged;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.RolePolicies;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.organization.testing.OrgFixtures.NewAccount;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.TestClock;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bearer tokens follow their account and open only the API: a reset, disable, lock or role change
 * stops them at once; they never open a page or form nor create a session; a read does not write
 * the token row more than once a minute, and a cached principal never outlives a change.
 */
@IntegrationTest
class BearerTokenIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	RolePolicies policies;

	@Autowired
	LoginService loginService;

	@Autowired
	Logins logins;

	@Autowired
	TestClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	OrgFixtures fixtures;

	@Test
	void aPasswordResetRevokesTheTokensAtOnce() throws Exception {
		NewAccount account = fixtures.activated(fixtures.xiantaoLeader("tokreset"));
		String token = logins.issueToken(account);
		assertThat(logins.me(token).getStatus()).isEqualTo(200);
		accounts.resetPassword(logins.principal("admin.system"), account.id(), "Reset#Pass2026");
		assertThat(logins.me(token).getStatus()).isEqualTo(401);
		assertThat(liveTokens(account.id())).isZero();
		assertThat(fixtures.auditCount("TOKEN_REVOKE", String.valueOf(account.id()))).isEqualTo(1);
	}

	@Test
	void aDisableRevokesTheTokensForGood() throws Exception {
		NewAccount account = fixtures.activated(fixtures.xiantaoLeader("tokoff"));
		String token = logins.issueToken(account);
		assertThat(logins.me(token).getStatus()).isEqualTo(200);
		accounts.setEnabled(logins.principal("admin.system"), account.id(), false, "离职");
		assertThat(logins.me(token).getStatus()).isEqualTo(401);
		accounts.setEnabled(logins.principal("admin.system"), account.id(), true, null);
		assertThat(logins.me(token).getStatus()).as("enabling again does not bring old tokens back").isEqualTo(401);
		assertThat(liveTokens(account.id())).isZero();
	}

	@Test
	void aRoleChangeRevokesTheTokensAtOnce() throws Exception {
		NewAccount account = fixtures.activated(fixtures.xiantaoLeader("tokrole"));
		String token = logins.issueToken(account);
		assertThat(logins.me(token).getStatus()).isEqualTo(200);
		accounts.assignRoles(logins.principal("admin.security"), account.id(), Set.of(Role.INSPECTOR), "调岗");
		assertThat(logins.me(token).getStatus()).isEqualTo(401);
		assertThat(liveTokens(account.id())).isZero();
	}

	@Test
	void aLockSuspendsTheTokensUntilItEnds() throws Exception {
		NewAccount account = fixtures.activated(fixtures.xiantaoLeader("toklock"));
		String token = logins.issueToken(account);
		assertThat(logins.me(token).getStatus()).isEqualTo(200);
		Instant before = clock.instant();
		try {
			for (int i = 0; i < 5; i++) {
				try {
					loginService.checkPassword(account.username(), "Wrong#Guess" + i);
				}
				catch (org.springframework.security.authentication.BadCredentialsException expected) {
					// counted
				}
			}
			assertThat(logins.me(token).getStatus()).as("while locked").isEqualTo(401);
			clock.advance(Duration.ofMinutes(16));
			assertThat(logins.me(token).getStatus()).as("after the lock").isEqualTo(200);
		}
		finally {
			clock.set(before);
		}
	}

	@Test
	void aTokenOpensNoPageNorFormAndCreatesNoSession() throws Exception {
		NewAccount account = fixtures.activated(fixtures.xiantaoLeader("tokweb"));
		String token = logins.issueToken(account);

		MvcResult api = mvc.perform(get("/api/v1/me").with(bearer(token))).andReturn();
		assertThat(api.getResponse().getStatus()).isEqualTo(200);
		assertThat(api.getRequest().getSession(false)).as("no session for a bearer request").isNull();
		assertThat(api.getResponse().getHeader(HttpHeaders.SET_COOKIE)).isNull();

		for (String page : new String[] { "/account", "/account/totp", "/units", "/" }) {
			MvcResult web = mvc.perform(get(page).with(bearer(token))).andReturn();
			assertThat(web.getResponse().getStatus()).as(page).isNotEqualTo(200);
		}
		String before = totpSecret(account.id());
		String secret = Totp.newSecret();
		MvcResult replace = mvc.perform(post("/account/totp").param("code", Totp.code(secret, Totp.step(clock.instant())))
			.with(bearer(token))
			.with(csrf())).andReturn();
		assertThat(replace.getResponse().getStatus()).isIn(302, 401, 403);
		assertThat(replace.getResponse().getRedirectedUrl()).isNotEqualTo("/account");
		assertThat(totpSecret(account.id())).isEqualTo(before);
	}

	@Test
	void twoReadsWithinAMinuteWriteTheTokenRowOnce() throws Exception {
		NewAccount account = fixtures.activated(fixtures.xiantaoLeader("toklast"));
		String token = logins.issueToken(account);
		assertThat(logins.me(token).getStatus()).isEqualTo(200);
		OffsetDateTime first = lastUsed(token);
		assertThat(first).isNotNull();
		clock.advance(Duration.ofSeconds(20));
		assertThat(logins.me(token).getStatus()).isEqualTo(200);
		assertThat(lastUsed(token)).as("a read 20 s later writes nothing").isEqualTo(first);
		clock.advance(Duration.ofSeconds(45));
		assertThat(logins.me(token).getStatus()).isEqualTo(200);
		assertThat(lastUsed(token).toInstant()).as("a read a minute later writes the new time")
			.isAfter(first.toInstant())
			.isCloseTo(clock.instant(), org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MILLIS));
	}

	@Test
	void aPolicyChangeTakesEffectOnTheVeryNextTokenRequest() throws Exception {
		CurrentUser security = logins.principal("admin.security");
		NewAccount account = fixtures.activated(fixtures.account("tokpol", "xiantao", null, Set.of(Role.INSPECTOR)));
		String token = logins.issueToken(account);
		assertThat(units(token)).isEqualTo(200);
		assertThat(units(token)).as("cached").isEqualTo(200);
		RolePolicies.RolePolicy original = policies.get(Role.INSPECTOR);
		try {
			Set<String> reduced = new TreeSet<>(original.permissions());
			reduced.remove(Permissions.UNIT_READ);
			policies.update(security, Role.INSPECTOR, original.version(), original.scope(), reduced, "测试：收回");
			assertThat(units(token)).isEqualTo(403);
		}
		finally {
			RolePolicies.RolePolicy now = policies.get(Role.INSPECTOR);
			policies.update(security, Role.INSPECTOR, now.version(), original.scope(), original.permissions(), "测试结束：恢复");
		}
		assertThat(units(token)).isEqualTo(200);
	}

	@Test
	void aCachedTokenRequestReadsNothingFromTheDatabaseUntilTheAccountChanges() throws Exception {
		NewAccount account = fixtures.activated(fixtures.xiantaoLeader("tokcache"));
		String token = logins.issueToken(account);
		assertThat(logins.me(token).getStatus()).isEqualTo(200);
		// disabled behind this node's back, as another node would: this node still answers from its cache
		jdbc.sql("update app_user set enabled = false where id = :id").param("id", account.id()).update();
		try {
			assertThat(logins.me(token).getStatus()).as("served from the cache, no database read").isEqualTo(200);
			// the event every change on this node publishes drops the entry at once
			events.publishEvent(new AccountChanged(account.id()));
			assertThat(logins.me(token).getStatus()).isEqualTo(401);
		}
		finally {
			jdbc.sql("update app_user set enabled = true where id = :id").param("id", account.id()).update();
		}
	}

	private int units(String token) throws Exception {
		return mvc.perform(get("/api/v1/units").param("size", "1").with(bearer(token)))
			.andReturn()
			.getResponse()
			.getStatus();
	}

	private OffsetDateTime lastUsed(String token) {
		return jdbc.sql("select last_used_at from api_token where token_hash = :h")
			.param("h", ApiTokens.hash(token))
			.query(OffsetDateTime.class)
			.single();
	}

	private int liveTokens(long userId) {
		return jdbc.sql("select count(*) from api_token where user_id = :u and revoked_at is null")
			.param("u", userId)
			.query(Integer.class)
			.single();
	}

	private String totpSecret(long userId) {
		return jdbc.sql("select coalesce(totp_secret, '-') from app_user where id = :id")
			.param("id", userId)
			.query(String.class)
			.single();
	}

}
