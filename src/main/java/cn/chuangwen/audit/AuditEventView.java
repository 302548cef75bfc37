package cn.chuangwen.audit;

import java.time.Instant;
import java.util.List;

/** One event of the trace as read back: who did what to which object, when, from where. */
public record AuditEventView(long id, long chainId, long seq, Instant occurredAt, String actor, Long actorUnitId,
		Long cityId, String action, String outcome, String objectType, String objectId, String reason,
		List<AuditEntry.FieldChange> changes, String clientIp, String requestId) {

	public AuditEventView {
		changes = changes == null ? List.of() : List.copyOf(changes);
	}

	public boolean failed() {
		return AuditEntry.Outcome.FAILURE.name().equals(outcome);
	}

}
