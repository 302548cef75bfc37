package cn.chuangwen.audit.internal;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import cn.chuangwen.audit.VerifyResult;

/**
 * Checks stored trace rows against their chain heads, one row at a time, so a caller can stream
 * millions of rows without holding them. Rows must come ordered by chain id, then sequence number.
 * For each chain it checks that sequence numbers run 1, 2, 3 ... without gaps, that each row
 * links to the previous row's hash, that each hash recomputes from the row's fields, and at the
 * end that the head names the last row and its hash (so a dropped tail shows). It stops at the
 * first break. No Spring, no database: feed it rows, then call {@link #finish()}.
 */
public final class ChainCheck {

	private final NavigableMap<Long, ChainHead> unvisitedHeads = new TreeMap<>();

	private Long chainId;

	private ChainHead head;

	private long expectedSeq;

	private String expectedPrev;

	private long checked;

	private VerifyResult broken;

	/** @param heads the heads of every chain in scope (a chain with rows but no head is broken) */
	public ChainCheck(Collection<ChainHead> heads) {
		for (ChainHead h : heads) {
			unvisitedHeads.put(h.chainId(), h);
		}
	}

	/** Checks a whole chain set at once. */
	public static VerifyResult verify(Iterable<ChainRecord> rows, Collection<ChainHead> heads) {
		ChainCheck check = new ChainCheck(heads);
		Iterator<ChainRecord> it = rows.iterator();
		while (it.hasNext() && check.accept(it.next())) {
			// keep reading until the first break
		}
		return check.finish();
	}

	/** Takes the next row; false once the chain is broken (further rows are ignored). */
	public boolean accept(ChainRecord r) {
		if (broken != null) {
			return false;
		}
		checked++;
		if (chainId == null || r.chainId() != chainId) {
			if (chainId != null) {
				if (r.chainId() < chainId) {
					return fail(r.chainId(), Math.max(1, r.seq()));
				}
				if (!closeChain()) {
					return false;
				}
			}
			if (!checkChainsWithoutRows(unvisitedHeads.headMap(r.chainId(), false))) {
				return false;
			}
			openChain(r.chainId());
		}
		long e = expectedSeq;
		if (r.seq() != e) {
			// a number seen again (inserted or reordered row) is the break; else the missing one
			return fail(chainId, (r.seq() < e && r.seq() >= 1) ? r.seq() : e);
		}
		if (e > head.lastSeq()) {
			return fail(chainId, e);
		}
		if (!expectedPrev.equals(r.prevHash())) {
			return fail(chainId, e);
		}
		String recomputed;
		try {
			recomputed = ChainHash.compute(r);
		}
		catch (RuntimeException ex) {
			return fail(chainId, e);
		}
		if (!recomputed.equals(r.hash())) {
			return fail(chainId, e);
		}
		expectedPrev = r.hash();
		expectedSeq = e + 1;
		return true;
	}

	/** The result once all rows have been fed. */
	public VerifyResult finish() {
		if (broken != null) {
			return broken;
		}
		if (chainId != null && !closeChain()) {
			return broken;
		}
		if (!checkChainsWithoutRows(unvisitedHeads)) {
			return broken;
		}
		return VerifyResult.ok(checked);
	}

	public long checked() {
		return checked;
	}

	private void openChain(long id) {
		chainId = id;
		ChainHead h = unvisitedHeads.remove(id);
		head = h != null ? h : ChainHead.empty(id);
		expectedSeq = 1;
		expectedPrev = ChainHash.GENESIS;
	}

	private boolean closeChain() {
		long lastSeq = expectedSeq - 1;
		if (head.lastSeq() > lastSeq) {
			return fail(chainId, lastSeq + 1);
		}
		if (!expectedPrev.equals(head.lastHash())) {
			return fail(chainId, Math.max(1, lastSeq));
		}
		return true;
	}

	/** A head without rows is fine only if it is still at genesis. */
	private boolean checkChainsWithoutRows(Map<Long, ChainHead> heads) {
		Iterator<ChainHead> it = heads.values().iterator();
		while (it.hasNext()) {
			ChainHead h = it.next();
			it.remove();
			if (h.lastSeq() != 0 || !ChainHash.GENESIS.equals(h.lastHash())) {
				return fail(h.chainId(), 1);
			}
		}
		return true;
	}

	private boolean fail(long chain, long seq) {
		broken = VerifyResult.broken(checked, chain, seq);
		return false;
	}

}
