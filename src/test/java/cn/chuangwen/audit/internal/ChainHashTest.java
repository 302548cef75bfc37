package cn.chuangwen.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ChainHashTest {

	private static ChainRecord row(String actor, String reason, String changes) {
		return new ChainRecord(7, 1, Instant.parse("2026-11-26T08:00:00.120Z"), actor, 3L, 7L, "UNIT_CREATE",
				"SUCCESS", "unit", "42", reason, changes, "127.0.0.1", "abc", ChainHash.GENESIS, null);
	}

	@Test
	void theSameRowHashesTheSame() {
		assertThat(ChainHash.compute(row("a", "r", null))).isEqualTo(ChainHash.compute(row("a", "r", null)))
			.hasSize(64)
			.matches("[0-9a-f]{64}");
	}

	@Test
	void nullDiffersFromEmpty() {
		assertThat(ChainHash.compute(row("a", null, null))).isNotEqualTo(ChainHash.compute(row("a", "", null)));
		assertThat(ChainHash.canonical(row("a", null, null))).isNotEqualTo(ChainHash.canonical(row("a", "", null)));
	}

	@Test
	void fieldBoundariesCannotShift() {
		assertThat(ChainHash.canonical(row("ab", "c", null))).isNotEqualTo(ChainHash.canonical(row("a", "bc", null)));
		assertThat(ChainHash.canonical(row("a", null, "x"))).isNotEqualTo(ChainHash.canonical(row("a", "x", null)));
	}

	@Test
	void timeIsWrittenAsUtcMillis() {
		assertThat(ChainHash.formatTime(Instant.parse("2026-11-26T08:00:00Z"))).isEqualTo("2026-11-26T08:00:00.000Z");
		assertThat(ChainHash.formatTime(Instant.parse("2026-01-02T03:04:05.006Z"))).isEqualTo("2026-01-02T03:04:05.006Z");
	}

	@Test
	void thePreviousHashIsPartOfTheHash() {
		ChainRecord a = row("a", "r", null);
		ChainRecord b = new ChainRecord(a.chainId(), a.seq(), a.occurredAt(), a.actor(), a.actorUnitId(), a.cityId(),
				a.action(), a.outcome(), a.objectType(), a.objectId(), a.reason(), a.changes(), a.clientIp(),
				a.requestId(), "1".repeat(64), null);
		assertThat(ChainHash.compute(a)).isNotEqualTo(ChainHash.compute(b));
	}

	@Test
	void aPreviousHashThatIsNotHexIsRefused() {
		ChainRecord a = row("a", "r", null);
		ChainRecord bad = new ChainRecord(a.chainId(), a.seq(), a.occurredAt(), a.actor(), a.actorUnitId(),
				a.cityId(), a.action(), a.outcome(), a.objectType(), a.objectId(), a.reason(), a.changes(),
				a.clientIp(), a.requestId(), "z".repeat(64), null);
		assertThatThrownBy(() -> ChainHash.compute(bad)).isInstanceOf(IllegalArgumentException.class);
	}

}
