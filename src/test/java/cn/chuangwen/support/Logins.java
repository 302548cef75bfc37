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

	public Logins(AccountStore store, Accounts accounts, TestClock clock) {
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

	/** A fresh TOTP code for the demo secret: moves the clock to the next step so it was never used. */
	public String nextTotp() {
		clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
		return Totp.code(DemoData.TOTP_SECRET, Totp.step(clock.instant()));
	}

}
