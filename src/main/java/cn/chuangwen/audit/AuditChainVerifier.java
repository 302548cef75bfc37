package cn.chuangwen.audit;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.internal.AuditEventStore;
import cn.chuangwen.audit.internal.ChainCheck;

/**
 * Recomputes the trace's hash chains from genesis and reports the first break. Reads one
 * consistent snapshot (repeatable read) and streams the rows, so it runs over millions of rows in
 * little memory. Without an external checkpoint, an attacker who can rewrite both the rows and the
 * head of a chain is not detected: export the heads regularly.
 */
@Service
public class AuditChainVerifier {

	private final AuditEventStore store;

	public AuditChainVerifier(AuditEventStore store) {
		this.store = store;
	}

	/** Every chain of the installation. */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public VerifyResult verify() {
		ChainCheck check = new ChainCheck(store.heads());
		store.streamChain(null, check::accept);
		return check.finish();
	}

	/** One chain (a city's, or 0 for installation-level events). */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public VerifyResult verify(long chainId) {
		ChainCheck check = new ChainCheck(store.head(chainId).map(List::of).orElse(List.of()));
		store.streamChain(chainId, check::accept);
		VerifyResult result = check.finish();
		return result.ok() ? new VerifyResult(true, result.checked(), null, chainId) : result;
	}

}
