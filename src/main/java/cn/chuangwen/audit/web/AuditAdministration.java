package cn.chuangwen.audit.web;

import org.springframework.stereotype.Component;

import cn.chuangwen.audit.AuditChainVerifier;
import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.audit.VerifyResult;
import cn.chuangwen.audit.internal.CurrentActor;

/**
 * What the audit administrator does, each act itself recorded. A city's audit administrator
 * works on the city's chain; installation-level staff on all chains.
 */
@Component
class AuditAdministration {

	static final String VERIFY = "AUDIT_VERIFY";

	static final String QUERY = "AUDIT_QUERY";

	static final String EXPORT = "AUDIT_EXPORT";

	private final AuditTrail trail;

	private final AuditChainVerifier verifier;

	AuditAdministration(AuditTrail trail, AuditChainVerifier verifier) {
		this.trail = trail;
		this.verifier = verifier;
	}

	/** The chain the signed-in reader is limited to, or null for all. */
	Long scope() {
		return CurrentActor.scopeCity().orElse(null);
	}

	VerifyResult verify() {
		Long scope = scope();
		VerifyResult result = scope == null ? verifier.verify() : verifier.verify(scope);
		AuditEntry entry = AuditEntry.of(VERIFY)
			.city(scope)
			.object("audit_chain", scope == null ? "all" : scope.toString())
			.reason(result.ok() ? "ok; checked=" + result.checked()
					: "broken; chain=" + result.chainId() + "; seq=" + result.firstBrokenSeq() + "; checked="
							+ result.checked());
		if (!result.ok()) {
			entry.failed();
		}
		trail.record(entry);
		return result;
	}

	void recordQuery(String action, String filters) {
		trail.record(AuditEntry.of(action).city(scope()).object("audit_event", null).reason(filters));
	}

}
