package cn.chuangwen.support;

import java.time.Duration;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.internal.AccountStore;
import cn.chuangwen.organization.internal.DemoData;
import cn.chuangwen.organization.security.LoginService;
import cn.chuangwen.organization.security.LoginStep;
import cn.chuangwen.organization.security.Totp;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

/** Signs in demo accounts for MockMvc and browser tests. */

public class Logins {

	private final AccountStore store;

	private final Accounts accounts;

	private final TestClock clock;

	private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

	public Logins(AccountStore store, Accounts accounts, TestClock clock,
			org.springframework.jdbc.core.simple.JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.store = store;
		this.accounts = accounts;
		this.clock = clock;
	}

	/** The real principal of an account, with full authorities, as a MockMvc post-processor. */
	public RequestPostProcessor as(String username) {
		CurrentUser user = principal(username);
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

}
