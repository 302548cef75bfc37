package cn.chuangwen.organization.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.springframework.context.event.EventListener;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import cn.chuangwen.organization.AccountChanged;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.RolePolicyChanged;

/**
 * The principal behind a bearer token, kept for a short while so that a read does not hit the
 * database: the account, its roles, permissions and data scope, and the token's expiry.
 * <p>
 * On this node an entry is dropped at once when the account, its roles, its tokens or a role
 * policy change ({@link AccountChanged}, {@link RolePolicyChanged}), both when the event is
 * published and again after the change commits, so a request that read the old rows in between
 * cannot keep them. Another node learns nothing of the change: there the entry lives at most
 * {@link SecuritySettings#principalCacheTtl()} (30 s by default), which bounds how long a revoked
 * token or a removed permission can still work on a second node.
 */
@Component
class BearerPrincipals {

	/** A live token's principal. {@code lastUsed} is when its use was last written to the token row. */
	record Entry(long tokenId, long userId, Instant expiresAt, Instant lockedUntil, CurrentUser user,
			List<GrantedAuthority> authorities, AtomicReference<Instant> lastUsed) {

		boolean usableAt(Instant now) {
			return expiresAt.isAfter(now) && (lockedUntil == null || !lockedUntil.isAfter(now));
		}

	}

	private final Cache<String, Entry> byTokenHash;

	BearerPrincipals(SecuritySettings settings) {
		this.byTokenHash = Caffeine.newBuilder()
			.expireAfterWrite(settings.principalCacheTtl())
			.maximumSize(10_000)
			.build();
	}

	/** The cached entry, or the loaded one (loaders return null for a dead token: nothing is cached). */
	Entry get(String tokenHash, Function<String, Entry> loader) {
		return byTokenHash.get(tokenHash, loader);
	}

	void forget(long userId) {
		byTokenHash.asMap().values().removeIf(e -> e.userId() == userId);
	}

	void forgetAll() {
		byTokenHash.invalidateAll();
	}

	@EventListener
	void on(AccountChanged event) {
		forget(event.userId());
		afterCommit(() -> forget(event.userId()));
	}

	@EventListener
	void on(RolePolicyChanged event) {
		forgetAll();
		afterCommit(this::forgetAll);
	}

	private static void afterCommit(Runnable action) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					action.run();
				}
			});
		}
	}

	/** How often a token's last use is written at most: reads stay reads. */
	static final Duration LAST_USE_RESOLUTION = Duration.ofMinutes(1);

}
