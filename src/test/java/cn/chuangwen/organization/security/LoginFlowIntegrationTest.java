package cn.chuangwen.organization.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.internal.DemoData;
import cn.chuangwen.organization.testing.Browser;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.organization.testing.OrgFixtures.NewAccount;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.TestClock;

/**
 * Sign-in through the real filter chain (checklist A1, A3, A4, A6, A7, A9, A10, A12, B7): the form
 * login, the steps after it, the lockout, the session lifecycle.
 */
@IntegrationTest
class LoginFlowIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	Logins logins;

	@Autowired
	TestClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OrgFixtures fixtures;

	// --- A4 / A12: lockout and generic refusals

	@Test
	void fiveWrongPasswordsLockTheAccountForFifteenMinutesAndEveryFailureIsAudited() throws Exception {
		NewAccount account = fixtures.xiantaoLeader("lock");
		String id = String.valueOf(account.id());
		for (int i = 1; i <= 5; i++) {
			MvcResult wrong = new Browser(mvc).login(account.username(), "Wrong#Pass" + i);
			assertThat(wrong.getResponse().getRedirectedUrl()).as("attempt %d", i).isEqualTo("/login?error");
		}
		assertThat(fixtures.auditCount("ACCOUNT_LOCKED", id)).isEqualTo(1);

		MvcResult whileLocked = new Browser(mvc).login(account.username(), account.password());
		MvcResult unknown = new Browser(mvc).login("nobody." + OrgFixtures.unique(), account.password());
		assertSameRefusal(whileLocked, unknown);
		assertThat(fixtures.auditCount("LOGIN_FAILURE", id)).as("5 wrong passwords and 1 try while locked")
			.isGreaterThanOrEqualTo(6);
		int failuresSoFar = fixtures.auditCount("LOGIN_FAILURE", id);

		clock.advance(Duration.ofMinutes(14));
		assertThat(new Browser(mvc).login(account.username(), account.password()).getResponse().getRedirectedUrl())
			.as("still locked after 14 minutes")
			.isEqualTo("/login?error");
		assertThat(fixtures.auditCount("LOGIN_FAILURE", id)).isGreaterThan(failuresSoFar);

		clock.advance(Duration.ofMinutes(2));
		MvcResult afterLock = new Browser(mvc).login(account.username(), account.password());
		// a new account must change its initial password: that is the successful outcome
		assertThat(afterLock.getResponse().getRedirectedUrl()).isEqualTo("/account/password");
		assertThat(fixtures.failedAttempts(account.id())).isZero();
	}

	@Test
	void unknownUserAndWrongPasswordGetTheSameAnswer() throws Exception {
		NewAccount account = fixtures.activated(fixtures.xiantaoLeader("enum"));
		MvcResult wrongPassword = new Browser(mvc).login(account.username(), "Wrong#Pass1");
		MvcResult unknownUser = new Browser(mvc).login("nobody." + OrgFixtures.unique(), "Wrong#Pass1");
		assertSameRefusal(wrongPassword, unknownUser);
		assertThat(fixtures.auditCount("LOGIN_FAILURE", String.valueOf(account.id()))).isPositive();
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'LOGIN_FAILURE' and reason = 'unknown'")
			.query(Integer.class)
			.single()).isPositive();
	}

	@Test
	void eachWrongPasswordCountsOnceTowardsTheLockoutAndIsAuditedOnce() throws Exception {
		NewAccount account = fixtures.activated(fixtures.xiantaoLeader("count"));
		String id = String.valueOf(account.id());
		for (int i = 1; i <= 4; i++) {
			new Browser(mvc).login(account.username(), "Wrong#Pass" + i);
			assertThat(fixtures.auditCount("LOGIN_FAILURE", id)).as("audit rows after %d failures", i).isEqualTo(i);
			assertThat(fixtures.failedAttempts(account.id())).as("failed_attempts after %d failures", i).isEqualTo(i);
		}
		// four failures in a row leave the account open: the fifth would lock it
		assertThat(new Browser(mvc).login(account.username(), account.password()).getResponse().getRedirectedUrl())
			.isEqualTo("/");
	}

	private static void assertSameRefusal(MvcResult a, MvcResult b) {
		assertThat(a.getResponse().getStatus()).isEqualTo(302).isEqualTo(b.getResponse().getStatus());
		assertThat(a.getResponse().getRedirectedUrl()).isEqualTo("/login?error")
			.isEqualTo(b.getResponse().getRedirectedUrl());
		assertThat(new TreeSet<>(a.getResponse().getHeaderNames()))
			.isEqualTo(new TreeSet<>(b.getResponse().getHeaderNames()));
		assertThat(a.getResponse().getContentAsByteArray()).isEqualTo(b.getResponse().getContentAsByteArray());
		var ea = (AuthenticationException) Browser.sessionAttribute(a, WebAttributes.AUTHENTICATION_EXCEPTION);
		var eb = (AuthenticationException) Browser.sessionAttribute(b, WebAttributes.AUTHENTICATION_EXCEPTION);
		assertThat(ea).isNotNull();
		assertThat(ea.getClass()).isEqualTo(eb.getClass());
		assertThat(ea.getMessage()).isEqualTo(eb.getMessage());
	}

	// --- A7: session fixation, logout

	@Test
	void theSessionIdChangesAtSignInAndAgainAfterTheSecondFactor() throws Exception {
		NewAccount account = fixtures.activated(fixtures.xiantaoLeader("fixation"));
		Browser browser = new Browser(mvc);
		browser.perform(get("/login"));
		String before = browser.sessionId();
		MvcResult login = browser.login(account.username(), account.password());
		assertThat(login.getResponse().getRedirectedUrl()).isEqualTo("/");
		assertThat(browser.sessionId()).isNotEqualTo(before);
		assertThat(browser.perform(get("/units")).getResponse().getStatus()).isEqualTo(200);

		Browser office = new Browser(mvc);
		office.perform(get("/login"));
		String anonymous = office.sessionId();
		assertThat(office.login("xiantao.office", OrgFixtures.DEMO_PASSWORD).getResponse().getRedirectedUrl())
			.isEqualTo("/login/totp");
		String partial = office.sessionId();
		office.totp(logins.nextTotp());
		assertThat(partial).isNotEqualTo(anonymous);
		assertThat(office.sessionId()).isNotEqualTo(partial).isNotEqualTo(anonymous);
		assertThat(office.perform(get("/units")).getResponse().getStatus()).isEqualTo(200);
	}

	@Test
	void logoutEndsTheSessionAndClearsSiteData() throws Exception {
		NewAccount account = fixtures.activated(fixtures.xiantaoLeader("logout"));
		Browser browser = new Browser(mvc);
		browser.login(account.username(), account.password());
		var signedIn = browser.cookie();
		assertThat(browser.session()).isNotNull();
		assertThat(browser.perform(get("/units")).getResponse().getStatus()).isEqualTo(200);
		// Clear-Site-Data is only sent over HTTPS (ClearSiteDataHeaderWriter)
		MvcResult logout = browser.perform(post("/logout").secure(true).with(csrf()));
		assertThat(logout.getResponse().getRedirectedUrl()).isEqualTo("/login?logout");
		assertThat(logout.getResponse().getHeader("Clear-Site-Data")).contains("\"cache\"", "\"cookies\"", "\"storage\"");
		assertThat(browser.session()).as("the stored session is gone").isNull();
		MvcResult after = mvc.perform(get("/units").cookie(signedIn)).andReturn();
		assertThat(after.getResponse().getRedirectedUrl()).endsWith("/login");
	}

	// --- A1 / A3 / A12: forced and expired password change

	@Test
	void aNewAccountCanOnlyChangeItsPasswordUntilItHasDoneSo() throws Exception {
		NewAccount account = fixtures.xiantaoLeader("forced");
		Browser browser = new Browser(mvc);
		assertThat(browser.login(account.username(), account.password()).getResponse().getRedirectedUrl())
			.isEqualTo("/account/password");
		assertThat(browser.perform(get("/units")).getResponse().getStatus()).isEqualTo(403);
		assertThat(browser.perform(get("/")).getResponse().getStatus()).isEqualTo(403);
		assertThat(browser.perform(get("/account")).getResponse().getStatus()).isEqualTo(403);
		assertThat(browser.perform(get("/account/password")).getResponse().getStatus()).isEqualTo(200);

		// a policy-breaking new password is refused and nothing changes
		MvcResult weak = browser.perform(post("/account/password").param("currentPassword", account.password())
			.param("newPassword", "Passw0rd!")
			.param("confirmPassword", "Passw0rd!")
			.with(csrf()));
		assertThat(weak.getResponse().getStatus()).isEqualTo(200);
		assertThat(errors(weak).has("newPassword")).isTrue();
		assertThat(browser.perform(get("/units")).getResponse().getStatus()).isEqualTo(403);

		MvcResult changed = browser.perform(post("/account/password").param("currentPassword", account.password())
			.param("newPassword", OrgFixtures.OWN_PASSWORD)
			.param("confirmPassword", OrgFixtures.OWN_PASSWORD)
			.with(csrf()));
		assertThat(changed.getResponse().getRedirectedUrl()).isEqualTo("/");
		assertThat(browser.perform(get("/units")).getResponse().getStatus()).isEqualTo(200);
		assertThat(jdbc.sql("select must_change_password from app_user where id = :id")
			.param("id", account.id())
			.query(Boolean.class)
			.single()).isFalse();
		// the next sign-in goes straight in with the new password only
		assertThat(new Browser(mvc).login(account.username(), OrgFixtures.OWN_PASSWORD).getResponse().getRedirectedUrl())
			.isEqualTo("/");
		assertThat(new Browser(mvc).login(account.username(), account.password()).getResponse().getRedirectedUrl())
			.isEqualTo("/login?error");
	}

	@Test
	void changingThePasswordRequiresTheCurrentOne() throws Exception {
		NewAccount account = fixtures.xiantaoLeader("current");
		String hashBefore = passwordHash(account.id());
		Browser browser = new Browser(mvc);
		browser.login(account.username(), account.password());

		for (String current : new String[] { null, "", "Wrong#Pass1" }) {
			var request = post("/account/password").param("newPassword", OrgFixtures.OWN_PASSWORD)
				.param("confirmPassword", OrgFixtures.OWN_PASSWORD)
				.with(csrf());
			if (current != null) {
				request.param("currentPassword", current);
			}
			MvcResult refused = browser.perform(request);
			assertThat(refused.getResponse().getStatus()).as("current = %s", current).isEqualTo(200);
			assertThat(errors(refused).has("currentPassword")).isTrue();
			assertThat(passwordHash(account.id())).isEqualTo(hashBefore);
		}
		assertThat(browser.perform(get("/units")).getResponse().getStatus()).isEqualTo(403);
	}

	@Test
	void aPasswordOlderThanNinetyDaysMustBeChangedAtSignIn() throws Exception {
		NewAccount fresh = fixtures.activated(fixtures.xiantaoLeader("age89"));
		setPasswordAge(fresh, Duration.ofDays(89));
		assertThat(new Browser(mvc).login(fresh.username(), fresh.password()).getResponse().getRedirectedUrl())
			.isEqualTo("/");

		NewAccount old = fixtures.activated(fixtures.xiantaoLeader("age91"));
		setPasswordAge(old, Duration.ofDays(91));
		Browser browser = new Browser(mvc);
		assertThat(browser.login(old.username(), old.password()).getResponse().getRedirectedUrl())
			.isEqualTo("/account/password");
		assertThat(browser.perform(get("/units")).getResponse().getStatus()).isEqualTo(403);
		MvcResult changed = browser.perform(post("/account/password").param("currentPassword", old.password())
			.param("newPassword", "Fresh#Start2026")
			.param("confirmPassword", "Fresh#Start2026")
			.with(csrf()));
		assertThat(changed.getResponse().getRedirectedUrl()).isEqualTo("/");
		assertThat(browser.perform(get("/units")).getResponse().getStatus()).isEqualTo(200);
	}

	@Test
	void aRecentPasswordCannotBeUsedAgain() {
		NewAccount account = fixtures.activated(fixtures.xiantaoLeader("history"));
		var principal = fixtures.principal(account);
		for (String recent : new String[] { OrgFixtures.OWN_PASSWORD, OrgFixtures.INITIAL_PASSWORD }) {
			org.assertj.core.api.Assertions
				.assertThatThrownBy(() -> accounts.changeOwnPassword(principal, account.password(), recent))
				.isInstanceOfSatisfying(cn.chuangwen.shared.InvalidInputException.class,
						ex -> assertThat(ex.problems()).extracting(cn.chuangwen.shared.FieldProblem::messageKey)
							.containsExactly("password.error.reused"));
		}
		String hash = passwordHash(account.id());
		assertThat(hash).startsWith("{bcrypt}").doesNotContain(account.password());
		accounts.changeOwnPassword(principal, account.password(), "Brand#New2026");
		assertThat(passwordHash(account.id())).isNotEqualTo(hash);
	}

	private void setPasswordAge(NewAccount account, Duration age) {
		jdbc.sql("update app_user set password_changed_at = :t where id = :id")
			.param("t", clock.instant().minus(age).atOffset(ZoneOffset.UTC))
			.param("id", account.id())
			.update();
	}

	// --- A9 / A10: second factor

	@Test
	void theSecondFactorIsRequiredAndACodeWorksOnlyOnce() throws Exception {
		Browser browser = new Browser(mvc);
		assertThat(browser.login("xiantao.office", OrgFixtures.DEMO_PASSWORD).getResponse().getRedirectedUrl())
			.isEqualTo("/login/totp");
		assertThat(browser.perform(get("/units")).getResponse().getStatus()).isEqualTo(403);
		assertThat(browser.perform(get("/account/password")).getResponse().getStatus()).isEqualTo(403);
		assertThat(browser.perform(get("/login/totp")).getResponse().getStatus()).isEqualTo(200);

		MvcResult wrong = browser.totp(logins.wrongTotp(DemoData.TOTP_SECRET));
		assertThat(wrong.getResponse().getStatus()).isEqualTo(200);
		assertThat(wrong.getModelAndView().getViewName()).isEqualTo("login/totp");
		assertThat(wrong.getModelAndView().getModel()).containsEntry("error", true);
		assertThat(browser.perform(get("/units")).getResponse().getStatus()).isEqualTo(403);

		String code = logins.nextTotp();
		MvcResult right = browser.totp(code);
		assertThat(right.getResponse().getStatus()).isEqualTo(302);
		assertThat(right.getResponse().getRedirectedUrl()).isEqualTo("/");
		assertThat(browser.perform(get("/units")).getResponse().getStatus()).isEqualTo(200);
		assertThat(browser.perform(get("/units/new")).getResponse().getStatus()).isEqualTo(200);

		// the same code, still inside its 30 seconds, in a new sign-in: a replay
		Browser replay = new Browser(mvc);
		assertThat(replay.login("xiantao.office", OrgFixtures.DEMO_PASSWORD).getResponse().getRedirectedUrl())
			.isEqualTo("/login/totp");
		MvcResult replayed = replay.totp(code);
		assertThat(replayed.getResponse().getStatus()).isEqualTo(200);
		assertThat(replayed.getModelAndView().getModel()).containsEntry("error", true);
		assertThat(replay.perform(get("/units")).getResponse().getStatus()).isEqualTo(403);
	}

	@Test
	void thePasswordAloneCannotEnrolANewAuthenticatorForAnEnrolledAccount() throws Exception {
		NewAccount account = fixtures
			.activated(fixtures.account("mfa", "xiantao", null, Set.of(Role.CITY_OFFICE)));
		String secret = logins.enrolTotp(account.id());

		Browser attacker = new Browser(mvc);
		assertThat(attacker.login(account.username(), account.password()).getResponse().getRedirectedUrl())
			.isEqualTo("/login/totp");
		MvcResult enrolPage = attacker.perform(get("/login/totp/enrol"));
		String pending = (String) attacker.attribute("chuangwen.pendingTotpSecret");
		if (pending != null) {
			attacker.perform(post("/login/totp/enrol").param("code", logins.nextTotp(pending)).with(csrf()));
		}
		assertThat(attacker.perform(get("/units")).getResponse().getStatus()).isEqualTo(403);
		assertThat(jdbc.sql("select totp_secret from app_user where id = :id")
			.param("id", account.id())
			.query(String.class)
			.single()).isEqualTo(secret);
		assertThat(enrolPage.getResponse().getStatus()).isEqualTo(403);
	}

	@Test
	void gainingARoleThatNeedsASecondFactorDoesNotGrantItsPowersToAPasswordOnlySession() throws Exception {
		NewAccount account = fixtures.activated(fixtures.xiantaoLeader("promote"));
		Browser browser = new Browser(mvc);
		assertThat(browser.login(account.username(), account.password()).getResponse().getRedirectedUrl())
			.isEqualTo("/");
		assertThat(browser.perform(get("/units/new")).getResponse().getStatus()).isEqualTo(403);

		accounts.assignRoles(logins.principal("admin.security"), account.id(), Set.of(Role.CITY_OFFICE), "升任");

		MvcResult next = browser.perform(get("/units/new"));
		assertThat(next.getResponse().getStatus()).as("the new role's pages without a second factor").isNotEqualTo(200);
		// a new sign-in has to enrol a second factor first
		assertThat(new Browser(mvc).login(account.username(), account.password()).getResponse().getRedirectedUrl())
			.isEqualTo("/login/totp/enrol");
	}

	@Test
	void aRoleThatNeedsASecondFactorMustEnrolOneBeforeAnythingElse() throws Exception {
		NewAccount account = fixtures
			.activated(fixtures.account("enrol", "xiantao", null, Set.of(Role.CITY_OFFICE)));
		Browser browser = new Browser(mvc);
		assertThat(browser.login(account.username(), account.password()).getResponse().getRedirectedUrl())
			.isEqualTo("/login/totp/enrol");
		assertThat(browser.perform(get("/units")).getResponse().getStatus()).isEqualTo(403);
		assertThat(browser.perform(get("/login/totp/enrol")).getResponse().getStatus()).isEqualTo(200);
		String pending = (String) browser.attribute("chuangwen.pendingTotpSecret");
		assertThat(pending).isNotBlank();
		MvcResult bad = browser.perform(post("/login/totp/enrol").param("code", "abcdef").with(csrf()));
		assertThat(bad.getResponse().getStatus()).isEqualTo(200);
		assertThat(browser.perform(get("/units")).getResponse().getStatus()).isEqualTo(403);
		MvcResult good = browser.perform(post("/login/totp/enrol")
			.param("code", Totp.code(pending, Totp.step(clock.instant())))
			.with(csrf()));
		assertThat(good.getResponse().getRedirectedUrl()).isEqualTo("/");
		assertThat(browser.perform(get("/units")).getResponse().getStatus()).isEqualTo(200);
		assertThat(accounts.totpEnabled(account.id())).isTrue();
	}

	// --- A6 / A7 / B7: sessions end

	@Test
	void disablingAnAccountEndsItsOpenSession() throws Exception {
		NewAccount account = fixtures.activated(fixtures.xiantaoLeader("disable"));
		Browser browser = new Browser(mvc);
		assertThat(browser.login(account.username(), account.password()).getResponse().getRedirectedUrl())
			.isEqualTo("/");
		assertThat(browser.perform(get("/units")).getResponse().getStatus()).isEqualTo(200);

		accounts.setEnabled(logins.principal("admin.system"), account.id(), false, "离职");

		MvcResult next = browser.perform(get("/units"));
		assertThat(next.getResponse().getRedirectedUrl()).isEqualTo("/login?expired");
		assertThat(browser.perform(get("/units")).getResponse().getRedirectedUrl()).endsWith("/login");
		assertThat(new Browser(mvc).login(account.username(), account.password()).getResponse().getRedirectedUrl())
			.isEqualTo("/login?error");
		assertThat(fixtures.auditCount("USER_DISABLE", String.valueOf(account.id()))).isEqualTo(1);
	}

	@Test
	void aSessionEndsTwelveHoursAfterSignInWhateverTheActivity() throws Exception {
		NewAccount account = fixtures.activated(fixtures.xiantaoLeader("lifetime"));
		Browser browser = new Browser(mvc);
		browser.login(account.username(), account.password());
		for (int hour = 0; hour < 11; hour++) {
			clock.advance(Duration.ofHours(1));
			assertThat(browser.perform(get("/units")).getResponse().getStatus()).as("hour %d", hour + 1).isEqualTo(200);
		}
		clock.advance(Duration.ofMinutes(61));
		assertThat(browser.perform(get("/units")).getResponse().getRedirectedUrl()).isEqualTo("/login?expired");
	}

	private String passwordHash(long id) {
		return jdbc.sql("select password_hash from app_user where id = :id").param("id", id).query(String.class).single();
	}

	private static FormErrors errors(MvcResult result) {
		return (FormErrors) result.getModelAndView().getModel().get("errors");
	}

}
