package cn.chuangwen.organization;

/**
 * An account's state that sign-in depends on changed: password, enabled, lockout, roles or the
 * policy of one of its roles. Cached principals of the account are dropped at once.
 */
public record AccountChanged(long userId) {
}
