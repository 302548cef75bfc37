package cn.chuangwen.organization.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.organization.AccountChanged;
import cn.chuangwen.organization.security.PasswordPolicy;

/**
 * The recovery command (三员): the only way to reset, disable, enable or unlock an administrator
 * account, run by the operator on the server, never reachable over HTTP:
 * <pre>java -jar chuangwen.jar --spring.main.web-application-type=none --chuangwen.recover=reset-password:admin.audit</pre>
 * Each action is recorded in the trace as {@code ADMIN_RECOVERY} with the operating-system user
 * who ran it, revokes the account's API tokens, and the process then exits.
 */
@Component
@Order(1)
public class AdministratorRecovery implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdministratorRecovery.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	/** What the command can do to an account. */
	public enum Action {

		/** A new initial password (given or generated), to be changed at the next sign-in; lifts a lockout. */
		RESET_PASSWORD,
		/** Removes the second factor: the next sign-in enrols a new authenticator. */
		RESET_TOTP,
		DISABLE, ENABLE,
		/** Lifts a lockout and clears the failure count. */
		UNLOCK;

		static Action parse(String text) {
			return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
		}

	}

	/** What the command did: the password is set only for {@link Action#RESET_PASSWORD}. */
	public record Outcome(long userId, Action action, String password) {
	}

	private final AccountStore accounts;

	private final JdbcClient jdbc;

	private final PasswordEncoder encoder;

	private final PasswordPolicy policy;

	private final AuditTrail audit;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final ApplicationContext context;

	private final String command;

	private final String givenPassword;

	AdministratorRecovery(AccountStore accounts, JdbcClient jdbc, PasswordEncoder encoder, PasswordPolicy policy,
			AuditTrail audit, TransactionTemplate tx, Clock clock, ApplicationEventPublisher events,
			ApplicationContext context, @Value("${chuangwen.recover:}") String command,
			@Value("${CHUANGWEN_RECOVER_PASSWORD:}") String givenPassword) {
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.encoder = encoder;
		this.policy = policy;
		this.audit = audit;
		this.tx = tx;
		this.clock = clock;
		this.events = events;
		this.context = context;
		this.command = command;
		this.givenPassword = givenPassword;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (command == null || command.isBlank()) {
			return;
		}
		int status = 0;
		try {
			int colon = command.indexOf(':');
			if (colon < 0) {
				throw new IllegalArgumentException("expected --chuangwen.recover=<action>:<username>");
			}
			Outcome outcome = recover(Action.parse(command.substring(0, colon)), command.substring(colon + 1).trim(),
					"recovery:" + System.getProperty("user.name", "unknown"),
					givenPassword.isBlank() ? null : givenPassword);
			// The operator needs the new password once; it is never stored or logged elsewhere.
			System.out.println("Recovery " + outcome.action() + " done for account " + outcome.userId()
					+ (outcome.password() == null ? "" : "; initial password (change at next sign-in): " + outcome.password()));
		}
		catch (RuntimeException ex) {
			log.error("Recovery refused: {}", ex.getMessage());
			status = 2;
		}
		int exit = status;
		System.exit(SpringApplication.exit(context, () -> exit));
	}

	/**
	 * Performs one recovery action on the named account, in one transaction with its trace event.
	 * Throws {@link IllegalArgumentException} for an unknown account or a password the policy refuses.
	 */
	public Outcome recover(Action action, String username, String operator, String password) {
		var account = accounts.findByUsername(username.trim().toLowerCase(Locale.ROOT))
			.orElseThrow(() -> new IllegalArgumentException("no account " + username));
		Instant now = clock.instant();
		String newPassword = null;
		if (action == Action.RESET_PASSWORD) {
			newPassword = password != null ? password : generated(account.username());
			var broken = policy.check(account.username(), newPassword);
			if (!broken.isEmpty()) {
				throw new IllegalArgumentException("the password breaks the policy: " + broken);
			}
		}
		String hash = newPassword == null ? null : encoder.encode(newPassword);
		tx.executeWithoutResult(s -> {
			switch (action) {
				case RESET_PASSWORD -> accounts.setPassword(account.id(), hash, true, now);
				case RESET_TOTP -> {
					accounts.setTotp(account.id(), null, false);
					bumpVersion(account.id());
				}
				case DISABLE -> accounts.setEnabled(account.id(), false);
				case ENABLE -> accounts.setEnabled(account.id(), true);
				case UNLOCK -> accounts.recordSuccessWithoutLogin(account.id());
			}
			int revoked = action == Action.ENABLE ? 0 : accounts.revokeTokens(account.id(), now);
			audit.record(AuditEntry.of("ADMIN_RECOVERY")
				.city(account.cityId())
				.object("user", account.id())
				.actor(operator, null)
				.reason(action.name())
				.change("tokensRevoked", null, revoked));
			events.publishEvent(new AccountChanged(account.id()));
		});
		return new Outcome(account.id(), action, newPassword);
	}

	private void bumpVersion(long id) {
		jdbc.sql("update app_user set version = version + 1 where id = :id").param("id", id).update();
	}

	/** 24 random characters plus one of each class, so any policy of this installation accepts it. */
	private String generated(String username) {
		for (;;) {
			byte[] bytes = new byte[18];
			RANDOM.nextBytes(bytes);
			String candidate = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "#7aZ";
			if (policy.acceptable(username, candidate)) {
				return candidate;
			}
		}
	}

}
