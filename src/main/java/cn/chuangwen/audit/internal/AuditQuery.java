package cn.chuangwen.audit.internal;

import java.time.Instant;

/**
 * Filters for reading the trace; null means "any". {@code chainId} is the reader's data scope
 * (their city), {@code to} is exclusive.
 */
public record AuditQuery(Long chainId, String actor, Long unitId, String objectType, String objectId, String action,
		Instant from, Instant to) {

	public static AuditQuery all() {
		return new AuditQuery(null, null, null, null, null, null, null, null);
	}

}
