package cn.chuangwen.organization.security;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.organization.AccountChanged;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.internal.AccountStore;
import cn.chuangwen.organization.internal.AccountStore.Account;

/**
 * Checks passwords and second factors with lockout (等保 8.1.4.1b): after the configured number of
 * failures the account is locked for a while, and every refusal reads the same whatever the cause,
 * so the answer never tells whether a username exists.
 */
@Service
public class LoginService {

	/** Compared against when the username is unknown, so both paths take the same time. */
	private static final String DUMMY_HASH = "{bcrypt}$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z3fGIL2iVhZW4DPb6oGvd1e6";

	private final AccountStore accounts;

	private final PasswordEncoder encoder;

	private final AuditTrail audit;

	private final TransactionTemplate tx;

	private final SecuritySettings settings;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	public LoginService(AccountStore accounts, PasswordEncoder encoder, AuditTrail audit, TransactionTemplate tx,
			SecuritySettings settings, Clock clock, ApplicationEventPublisher events) {
		this.events = events;
		this.accounts = accounts;
		this.encoder = encoder;
		this.audit = audit;
		this.tx = tx;
		this.settings = settings;
		this.clock = clock;
	}

	/** The outcome of a password check: the principal and the step the sign-in has reached. */
	public record Verified(CurrentUser user, LoginStep step) {

		public List<GrantedAuthority> authorities() {
			List<GrantedAuthority> list = new ArrayList<>();
			list.add(new SimpleGrantedAuthority(step.authority()));
			if (step == LoginStep.FULL) {
				user.permissions().forEach(p -> list.add(new SimpleGrantedAuthority(p)));
				user.roles().forEach(r -> list.add(new SimpleGrantedAuthority("ROLE_" + r.name())));
			}
			return list;
		}

	}

	/**
	 * Checks a username and password. Throws {@link BadCredentialsException} with one generic
	 * message for an unknown user, a wrong password, a disabled or a locked account.
	 */
	public Verified checkPassword(String rawUsername, String password) {
		String username = normalise(rawUsername);
		Instant now = clock.instant();
		Optional<Account> found = username.isEmpty() ? Optional.empty() : accounts.findByUsername(username);
		if (found.isEmpty()) {
			encoder.matches(password == null ? "" : password, DUMMY_HASH);
			tx.executeWithoutResult(s -> audit
				.record(AuditEntry.of("LOGIN_FAILURE").failed().actor(loggable(rawUsername), null).reason("unknown")));
			throw refused();
		}
		Account a = found.get();
		boolean matches = encoder.matches(password == null ? "" : password, a.passwordHash());
		if (!a.enabled()) {
			failure(a, "disabled", false);
		}
		if (a.lockedUntil() != null && a.lockedUntil().isAfter(now)) {
			failure(a, "locked", false);
		}
		if (!matches) {
			failure(a, "password", true);
		}
		CurrentUser user = accounts.currentUser(a);
		LoginStep step = nextStep(a, user, now);
		tx.executeWithoutResult(s -> {
			// The failure count is cleared only when the whole sign-in passed: a right password followed
			// by wrong second-factor codes must keep counting towards the lockout.
			if (step == LoginStep.FULL) {
				accounts.recordSuccess(a.id(), now);
			}
			audit.record(AuditEntry.of("LOGIN_PASSWORD_OK")
				.city(a.cityId())
				.object("user", a.id())
				.actor(a.username(), a.unitId()));
		});
		return new Verified(user, step);
	}

	/** Checks a TOTP code against the enrolled secret; a used step is refused (no replay). */
	public void checkTotp(long userId, String code) {
		Account a = accounts.findById(userId).orElseThrow(this::refused);
		verifyCode(a, a.totpSecret(), code);
		tx.executeWithoutResult(s -> accounts.recordSuccess(a.id(), clock.instant()));
	}

	/**
	 * Confirms a new secret with a first code, and enables the second factor. During sign-in
	 * ({@code replacing} false) an account that already has one is refused: a password alone must
	 * never replace an enrolled authenticator.
	 */
	public void enrolTotp(long userId, String secret, String code, boolean replacing) {
		Account a = accounts.findById(userId).orElseThrow(this::refused);
		if (a.totpEnabled() && !replacing) {
			failure(a, "totp-enrolled", true);
		}
		verifyCode(a, secret, code);
		tx.executeWithoutResult(s -> {
			accounts.setTotp(a.id(), secret, true);
			accounts.useTotpStep(a.id(), Totp.step(clock.instant()));
			accounts.recordSuccess(a.id(), clock.instant());
			audit.record(AuditEntry.of("TOTP_ENROL").city(a.cityId()).object("user", a.id()).actor(a.username(),
					a.unitId()));
		});
	}

	private void verifyCode(Account a, String secret, String code) {
		if (!a.enabled() || (a.lockedUntil() != null && a.lockedUntil().isAfter(clock.instant()))) {
			failure(a, "locked", false);
		}
		var step = secret == null ? java.util.OptionalLong.empty() : Totp.matchingStep(secret, code, clock.instant());
		if (step.isEmpty() || !accounts.useTotpStep(a.id(), step.getAsLong())) {
			failure(a, "totp", true);
		}
	}

	/** The sign-in after a second factor: full authorities, recorded as a successful login. */
	public Verified completeLogin(long userId) {
		Account a = accounts.findById(userId).orElseThrow(this::refused);
		CurrentUser user = accounts.currentUser(a);
		tx.executeWithoutResult(s -> audit.record(
				AuditEntry.of("LOGIN_SUCCESS").city(a.cityId()).object("user", a.id()).actor(a.username(), a.unitId())));
		return new Verified(user, LoginStep.FULL);
	}

	/** The step a sign-in of this account must pass next. */
	public LoginStep nextStep(Account a, CurrentUser user, Instant now) {
		if (a.mustChangePassword() || a.passwordChangedAt().plus(settings.passwordMaxAge()).isBefore(now)) {
			return LoginStep.PASSWORD_CHANGE;
		}
		if (a.totpEnabled()) {
			return LoginStep.TOTP;
		}
		if (user.roles().stream().anyMatch(Role.TOTP_REQUIRED::contains)) {
			return LoginStep.TOTP_ENROL;
		}
		return LoginStep.FULL;
	}

	/** The step after a password change, for the same account. */
	public LoginStep stepAfterPasswordChange(long userId) {
		Account a = accounts.findById(userId).orElseThrow(this::refused);
		return nextStep(a, accounts.currentUser(a), clock.instant());
	}

	private void failure(Account a, String why, boolean counts) {
		Instant now = clock.instant();
		tx.executeWithoutResult(s -> {
			if (counts) {
				// Counted in SQL under the row lock, so parallel guesses cannot each read the same old count.
				Instant lockedUntil = now.plus(settings.lockoutDuration());
				if (accounts.countFailure(a.id(), settings.lockoutThreshold(), lockedUntil)) {
					audit.record(AuditEntry.of("ACCOUNT_LOCKED")
						.city(a.cityId())
						.object("user", a.id())
						.actor(a.username(), a.unitId())
						.change("lockedUntil", null, lockedUntil));
					events.publishEvent(new AccountChanged(a.id()));
				}
			}
			audit.record(AuditEntry.of("LOGIN_FAILURE")
				.failed()
				.city(a.cityId())
				.object("user", a.id())
				.actor(a.username(), a.unitId())
				.reason(why));
		});
		throw refused();
	}

	private BadCredentialsException refused() {
		return new BadCredentialsException("login.error");
	}

	static String normalise(String username) {
		return username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT);
	}

	/** A username as typed, safe to store and log: no line breaks, bounded length. */
	static String loggable(String username) {
		if (username == null) {
			return "";
		}
		String s = username.replace("\r", "\\r").replace("\n", "\\n");
		return s.length() > 64 ? s.substring(0, 64) : s;
	}

}
