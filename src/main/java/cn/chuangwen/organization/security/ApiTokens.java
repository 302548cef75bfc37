package cn.chuangwen.organization.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.organization.AccountChanged;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.internal.AccountStore;
import cn.chuangwen.organization.internal.AccountStore.TokenRow;
import cn.chuangwen.shared.Secrets;

/**
 * Personal API tokens for the JSON API. A token is shown once; only its SHA-256 is stored. Issuing
 * one needs the same factors as signing in to the web.
 */
@Service
public class ApiTokens {

	private final LoginService logins;

	private final AccountStore accounts;

	private final AuditTrail audit;

	private final SecuritySettings settings;

	private final Clock clock;

	private final TransactionTemplate tx;

	private final BearerPrincipals principals;

	private final ApplicationEventPublisher events;

	ApiTokens(LoginService logins, AccountStore accounts, AuditTrail audit, SecuritySettings settings, Clock clock,
			TransactionTemplate tx, BearerPrincipals principals, ApplicationEventPublisher events) {
		this.principals = principals;
		this.events = events;
		this.tx = tx;
		this.logins = logins;
		this.accounts = accounts;
		this.audit = audit;
		this.settings = settings;
		this.clock = clock;
	}

	public record Issued(String token, Instant expiresAt) {
	}

	/** Refusal of a token request, for a reason the caller may know (after a right password). */
	public static class PasswordChangeRequired extends RuntimeException {

		PasswordChangeRequired() {
			super("password change required");
		}

	}

	/**
	 * Issues a token after checking password and, where the account has or needs one, the TOTP
	 * code. Every refusal is a {@link BadCredentialsException}, except a due password change.
	 */
	public Issued issue(String username, String password, String totp) {
		var verified = logins.checkPassword(username, password);
		long userId = verified.user().id();
		switch (verified.step()) {
			case PASSWORD_CHANGE -> throw new PasswordChangeRequired();
			case TOTP -> logins.checkTotp(userId, totp);
			case TOTP_ENROL -> throw new BadCredentialsException("login.error");
			case FULL -> {
			}
		}
		return tx.execute(s -> store(verified.user()));
	}

	private Issued store(CurrentUser user) {
		String token = Secrets.newSecret("cw_");
		Instant now = clock.instant();
		Instant expires = now.plus(settings.apiTokenLifetime());
		accounts.insertToken(user.id(), hash(token), now, expires);
		audit.record(AuditEntry.of("TOKEN_ISSUE")
			.city(user.cityId())
			.object("user", user.id())
			.actor(user.username(), user.unitId())
			.change("expiresAt", null, expires));
		return new Issued(token, expires);
	}

	/** The account behind a live token. */
	public Optional<CurrentUser> authenticate(String token) {
		return resolve(token).map(BearerPrincipals.Entry::user);
	}

	/**
	 * The principal of a live token, from the short-lived cache when it can: a cached request reads
	 * nothing from the database, and the token's last use is written at most once a minute.
	 */
	Optional<BearerPrincipals.Entry> resolve(String token) {
		if (token == null || !token.startsWith("cw_") || token.length() > 100) {
			return Optional.empty();
		}
		Instant now = clock.instant();
		BearerPrincipals.Entry entry = principals.get(hash(token), this::load);
		if (entry == null || !entry.usableAt(now)) {
			return Optional.empty();
		}
		Instant last = entry.lastUsed().get();
		if ((last == null || !last.plus(BearerPrincipals.LAST_USE_RESOLUTION).isAfter(now))
				&& entry.lastUsed().compareAndSet(last, now)) {
			accounts.markTokenUsed(entry.tokenId(), now);
		}
		return Optional.of(entry);
	}

	private BearerPrincipals.Entry load(String tokenHash) {
		var live = accounts.liveToken(tokenHash, clock.instant()).orElse(null);
		if (live == null) {
			return null;
		}
		var account = accounts.findById(live.userId()).filter(AccountStore.Account::enabled).orElse(null);
		if (account == null) {
			return null;
		}
		CurrentUser user = accounts.currentUser(account);
		return new BearerPrincipals.Entry(live.id(), user.id(), live.expiresAt(), account.lockedUntil(), user,
				List.copyOf(new LoginService.Verified(user, LoginStep.FULL).authorities()),
				new AtomicReference<>(live.lastUsedAt()));
	}

	@Transactional(readOnly = true)
	public List<TokenRow> tokensOf(CurrentUser user) {
		return accounts.tokens(user.id());
	}

	@Transactional
	public boolean revoke(CurrentUser user, long tokenId) {
		boolean revoked = accounts.revokeToken(user.id(), tokenId, clock.instant());
		if (revoked) {
			events.publishEvent(new AccountChanged(user.id()));
			audit.record(AuditEntry.of("TOKEN_REVOKE").city(user.cityId()).object("api_token", tokenId));
		}
		return revoked;
	}

	static String hash(String token) {
		return Secrets.sha256Hex(token);
	}

}
