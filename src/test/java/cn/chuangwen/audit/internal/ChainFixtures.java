package cn.chuangwen.audit.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Builds valid chains of random-looking events for the pure chain tests. */
final class ChainFixtures {

	static final Instant START = Instant.parse("2026-11-26T00:00:00Z");

	private ChainFixtures() {
	}

	static List<ChainRecord> chain(long chainId, int n, Random rnd) {
		List<ChainRecord> rows = new ArrayList<>();
		String prev = ChainHash.GENESIS;
		for (int seq = 1; seq <= n; seq++) {
			ChainRecord r = event(chainId, seq, prev, rnd);
			rows.add(r);
			prev = r.hash();
		}
		return rows;
	}

	static ChainRecord event(long chainId, long seq, String prevHash, Random rnd) {
		String changes = rnd.nextBoolean() ? null
				: ChangesJson.write(List.of(new cn.chuangwen.audit.AuditEntry.FieldChange("name", "旧名" + rnd.nextInt(9),
						"新名\"" + rnd.nextInt(9))));
		return new ChainRecord(chainId, seq, START.plusMillis(seq * 1000L + rnd.nextInt(1000)),
				"user" + rnd.nextInt(5), rnd.nextBoolean() ? null : (long) rnd.nextInt(100),
				chainId == 0 ? null : chainId, "ACTION_" + rnd.nextInt(3), rnd.nextInt(4) == 0 ? "FAILURE" : "SUCCESS",
				"unit", Integer.toString(rnd.nextInt(1000)), rnd.nextBoolean() ? null : "理由 " + rnd.nextInt(),
				changes, "127.0.0." + rnd.nextInt(255), "req" + rnd.nextLong(), prevHash, null)
			.sealed();
	}

	static ChainHead headOf(long chainId, List<ChainRecord> rows) {
		if (rows.isEmpty()) {
			return ChainHead.empty(chainId);
		}
		ChainRecord last = rows.get(rows.size() - 1);
		return new ChainHead(chainId, last.seq(), last.hash());
	}

}
