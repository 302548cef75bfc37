package cn.chuangwen.organization.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.testing.Browser;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.organization.testing.OrgFixtures.NewAccount;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.TestClock;
import tools.jackson.databind.json.JsonMapper;

/** Guesses of the password and of the second factor count towards one lockout, atomically (A4). */
@IntegrationTest
class LockoutIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

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

	OrgFixtures fixtures;

	@BeforeEach
	void setUp() {
		fixtures = new OrgFixtures(accounts, logins, jdbc);
	}

	@Test
	void twentyParallelWrongPasswordsLockTheAccount() throws Exception {
		NewAccount account = fixtures.activated(fixtures.xiantaoLeader("race"));
		ExecutorService pool = Executors.newFixedThreadPool(20);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Boolean>> guesses = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				String guess = "Wrong#Guess" + i;
				guesses.add(pool.submit(() -> {
					start.await();
					try {
						loginService.checkPassword(account.username(), guess);
						return true;
					}
					catch (BadCredentialsException ex) {
						return false;
					}
				}));
			}
			start.countDown();
			for (Future<Boolean> guess : guesses) {
				assertThat(guess.get(60, TimeUnit.SECONDS)).isFalse();
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(fixtures.auditCount("LOGIN_FAILURE", String.valueOf(account.id()))).isEqualTo(20);
		assertThat(fixtures.auditCount("ACCOUNT_LOCKED", String.valueOf(account.id()))).isPositive();
		assertThatThrownBy(() -> loginService.checkPassword(account.username(), account.password()))
			.as("the right password after 20 parallel guesses")
			.isInstanceOf(BadCredentialsException.class);
		assertThat(new Browser(mvc).login(account.username(), account.password()).getResponse().getRedirectedUrl())
			.isEqualTo("/login?error");
	}

	@Test
	void wrongCodesAfterTheRightPasswordLockTheAccountInTheWebForm() throws Exception {
		Enrolled account = enrolled("webtotp");
		for (int i = 1; i <= 5; i++) {
			Browser attacker = new Browser(mvc);
			assertThat(attacker.login(account.username(), account.password()).getResponse().getRedirectedUrl())
				.as("password step %d", i)
				.isEqualTo("/login/totp");
			MvcResult wrong = attacker.perform(post("/login/totp").param("code", wrongCode(account.secret())).with(csrf()));
			assertThat(wrong.getModelAndView().getModel()).containsEntry("error", true);
		}
		assertThat(fixtures.auditCount("ACCOUNT_LOCKED", String.valueOf(account.id()))).isEqualTo(1);
		// locked: the right password and then the right code get nowhere
		Browser owner = new Browser(mvc);
		assertThat(owner.login(account.username(), account.password()).getResponse().getRedirectedUrl())
			.isEqualTo("/login?error");
		assertThatThrownBy(() -> loginService.checkTotp(account.id(), nextCode(account.secret())))
			.isInstanceOf(BadCredentialsException.class);
	}

	@Test
	void wrongCodesOnTheTokenEndpointLockTheAccount() throws Exception {
		Enrolled account = enrolled("apitotp");
		for (int i = 1; i <= 5; i++) {
			assertThat(requestToken(account, wrongCode(account.secret()))).as("guess %d", i).isEqualTo(401);
		}
		assertThat(fixtures.auditCount("ACCOUNT_LOCKED", String.valueOf(account.id()))).isEqualTo(1);
		assertThat(requestToken(account, nextCode(account.secret()))).isEqualTo(401);
		assertThat(jdbc.sql("select count(*) from api_token where user_id = :u")
			.param("u", account.id())
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void aCompleteSignInClearsTheCountButARightPasswordAloneDoesNot() throws Exception {
		Enrolled account = enrolled("clear");
		for (int i = 1; i <= 4; i++) {
			Browser attacker = new Browser(mvc);
			attacker.login(account.username(), account.password());
			attacker.perform(post("/login/totp").param("code", wrongCode(account.secret())).with(csrf()));
		}
		assertThat(failures(account.id())).isEqualTo(4);
		Browser owner = new Browser(mvc);
		owner.login(account.username(), account.password());
		assertThat(failures(account.id())).as("after the right password only").isEqualTo(4);
		MvcResult signedIn = owner.perform(post("/login/totp").param("code", nextCode(account.secret())).with(csrf()));
		assertThat(signedIn.getResponse().getRedirectedUrl()).isEqualTo("/");
		assertThat(failures(account.id())).isZero();
	}

	record Enrolled(long id, String username, String password, String secret) {
	}

	/** A city office account (second factor required) with its own enrolled authenticator. */
	private Enrolled enrolled(String prefix) {
		NewAccount account = fixtures.activated(fixtures.account(prefix, "xiantao", null, Set.of(Role.CITY_OFFICE)));
		String secret = Totp.newSecret();
		loginService.enrolTotp(account.id(), secret, Totp.code(secret, Totp.step(clock.instant())), false);
		return new Enrolled(account.id(), account.username(), account.password(), secret);
	}

	/** A valid code of a step not used yet. */
	private String nextCode(String secret) {
		clock.advance(java.time.Duration.ofSeconds(Totp.STEP_SECONDS));
		return Totp.code(secret, Totp.step(clock.instant()));
	}

	private String wrongCode(String secret) {
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

	private int failures(long id) {
		return jdbc.sql("select failed_attempts from app_user where id = :id").param("id", id).query(Integer.class).single();
	}

	private int requestToken(Enrolled account, String code) throws Exception {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("username", account.username());
		body.put("password", account.password());
		body.put("totp", code);
		return mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(body))).andReturn().getResponse().getStatus();
	}

}
