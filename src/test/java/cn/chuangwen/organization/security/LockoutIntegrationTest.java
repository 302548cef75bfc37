package cn.chuangwen.organization.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.testing.Browser;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.organization.testing.OrgFixtures.NewAccount;
import cn.chuangwen.support.Logins;

/** Guesses of the password and of the second factor count towards one lockout, atomically (A4). */
@IntegrationTest
class LockoutIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	LoginService loginService;

	@Autowired
	Logins logins;

	@Autowired
	OrgFixtures fixtures;

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
			MvcResult wrong = attacker.totp(logins.wrongTotp(account.secret()));
			assertThat(wrong.getModelAndView().getModel()).containsEntry("error", true);
		}
		assertThat(fixtures.auditCount("ACCOUNT_LOCKED", String.valueOf(account.id()))).isEqualTo(1);
		// locked: the right password and then the right code get nowhere
		Browser owner = new Browser(mvc);
		assertThat(owner.login(account.username(), account.password()).getResponse().getRedirectedUrl())
			.isEqualTo("/login?error");
		assertThatThrownBy(() -> loginService.checkTotp(account.id(), logins.nextTotp(account.secret())))
			.isInstanceOf(BadCredentialsException.class);
	}

	@Test
	void wrongCodesOnTheTokenEndpointLockTheAccount() throws Exception {
		Enrolled account = enrolled("apitotp");
		for (int i = 1; i <= 5; i++) {
			assertThat(requestToken(account, logins.wrongTotp(account.secret()))).as("guess %d", i).isEqualTo(401);
		}
		assertThat(fixtures.auditCount("ACCOUNT_LOCKED", String.valueOf(account.id()))).isEqualTo(1);
		assertThat(requestToken(account, logins.nextTotp(account.secret()))).isEqualTo(401);
		assertThat(fixtures.apiTokens(account.id())).isZero();
	}

	@Test
	void aCompleteSignInClearsTheCountButARightPasswordAloneDoesNot() throws Exception {
		Enrolled account = enrolled("clear");
		for (int i = 1; i <= 4; i++) {
			Browser attacker = new Browser(mvc);
			attacker.login(account.username(), account.password());
			attacker.totp(logins.wrongTotp(account.secret()));
		}
		assertThat(fixtures.failedAttempts(account.id())).isEqualTo(4);
		Browser owner = new Browser(mvc);
		owner.login(account.username(), account.password());
		assertThat(fixtures.failedAttempts(account.id())).as("after the right password only").isEqualTo(4);
		MvcResult signedIn = owner.totp(logins.nextTotp(account.secret()));
		assertThat(signedIn.getResponse().getRedirectedUrl()).isEqualTo("/");
		assertThat(fixtures.failedAttempts(account.id())).isZero();
	}

	record Enrolled(long id, String username, String password, String secret) {
	}

	/** A city office account (second factor required) with its own enrolled authenticator. */
	private Enrolled enrolled(String prefix) {
		NewAccount account = fixtures.activated(fixtures.account(prefix, "xiantao", null, Set.of(Role.CITY_OFFICE)));
		return new Enrolled(account.id(), account.username(), account.password(), logins.enrolTotp(account.id()));
	}

	private int requestToken(Enrolled account, String code) throws Exception {
		return logins.token(account.username(), account.password(), code).getStatus();
	}

}
