package cn.chuangwen.audit.internal;

import java.time.Instant;

/**
 * One row of the trace exactly as stored: the fields that are hashed, plus the link to the
 * previous row and the row's own hash. {@code changes} is the stored JSON text, hashed verbatim.
 */
public record ChainRecord(long chainId, long seq, Instant occurredAt, String actor, Long actorUnitId, Long cityId,
		String action, String outcome, String objectType, String objectId, String reason, String changes,
		String clientIp, String requestId, String prevHash, String hash) {

	public ChainRecord withHash(String newHash) {
		return new ChainRecord(chainId, seq, occurredAt, actor, actorUnitId, cityId, action, outcome, objectType,
				objectId, reason, changes, clientIp, requestId, prevHash, newHash);
	}

	/** This row with its hash computed from its own fields and {@code prevHash}. */
	public ChainRecord sealed() {
		return withHash(ChainHash.compute(this));
	}

}
