package cn.chuangwen.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import cn.chuangwen.audit.VerifyResult;

/**
 * The chain check against every kind of tampering, at random positions (seeded, so a failure
 * reproduces): it must report exactly the first broken sequence number.
 */
class ChainCheckTest {

	private static final long CHAIN = 17;

	/** A tampering: changes the rows in place and answers the first seq that must be reported. */
	enum Tamper {

		/** Change one hashed field (or a stored hash) of a row. */
		MODIFY {
			@Override
			long apply(List<ChainRecord> rows, Random rnd) {
				int p = rnd.nextInt(rows.size());
				Field f = Field.values()[rnd.nextInt(Field.values().length)];
				rows.set(p, f.change.apply(rows.get(p)));
				return p + 1;
			}
		},

		/** Remove one row (the tail row too: then only the head shows it). */
		DELETE {
			@Override
			long apply(List<ChainRecord> rows, Random rnd) {
				int p = rnd.nextInt(rows.size());
				rows.remove(p);
				return p + 1;
			}
		},

		/** Exchange two rows. */
		SWAP {
			@Override
			long apply(List<ChainRecord> rows, Random rnd) {
				int i = rnd.nextInt(rows.size() - 1);
				int j = i + 1 + rnd.nextInt(rows.size() - i - 1);
				Collections.swap(rows, i, j);
				return i + 1;
			}
		},

		/**
		 * Insert a forged row that is internally perfect: the next seq, linked to the real previous
		 * row, with its own correct SM3 hash.
		 */
		INSERT_FORGED {
			@Override
			long apply(List<ChainRecord> rows, Random rnd) {
				int p = rnd.nextInt(rows.size() + 1);
				String prev = p == 0 ? ChainHash.GENESIS : rows.get(p - 1).hash();
				rows.add(p, ChainFixtures.event(CHAIN, p + 1, prev, rnd));
				return p + 1;
			}
		},

		/** Drop the newest rows. */
		TRUNCATE_TAIL {
			@Override
			long apply(List<ChainRecord> rows, Random rnd) {
				int keep = rnd.nextInt(rows.size());
				rows.subList(keep, rows.size()).clear();
				return keep + 1;
			}
		};

		abstract long apply(List<ChainRecord> rows, Random rnd);

	}

	/** Every stored column, changed as an attacker with UPDATE rights could. */
	enum Field {

		CHAIN_ID(r -> copy(r, b -> b.chainId = r.chainId() + 1)),
		SEQ(r -> copy(r, b -> b.seq = r.seq() + 100)),
		OCCURRED_AT(r -> copy(r, b -> b.occurredAt = r.occurredAt().plusMillis(1))),
		ACTOR(r -> copy(r, b -> b.actor = r.actor() + "x")),
		ACTOR_UNIT_ID(r -> copy(r, b -> b.actorUnitId = r.actorUnitId() == null ? 1L : null)),
		CITY_ID(r -> copy(r, b -> b.cityId = r.cityId() == null ? 1L : null)),
		ACTION(r -> copy(r, b -> b.action = "USER_DELETE")),
		OUTCOME(r -> copy(r, b -> b.outcome = "SUCCESS".equals(r.outcome()) ? "FAILURE" : "SUCCESS")),
		OBJECT_TYPE(r -> copy(r, b -> b.objectType = null)),
		OBJECT_ID(r -> copy(r, b -> b.objectId = r.objectId() + "0")),
		REASON(r -> copy(r, b -> b.reason = r.reason() == null ? "" : null)),
		CHANGES(r -> copy(r, b -> b.changes = r.changes() == null ? "[]" : null)),
		CLIENT_IP(r -> copy(r, b -> b.clientIp = "10.0.0.1")),
		REQUEST_ID(r -> copy(r, b -> b.requestId = null)),
		PREV_HASH(r -> copy(r, b -> b.prevHash = "f".repeat(64))),
		HASH(r -> copy(r, b -> b.hash = "0".repeat(64)));

		final UnaryOperator<ChainRecord> change;

		Field(UnaryOperator<ChainRecord> change) {
			this.change = change;
		}

	}

	static Stream<Arguments> tamperings() {
		return Stream.of(Tamper.values()).flatMap(t -> IntStream.range(0, 40).mapToObj(seed -> Arguments.of(t, seed)));
	}

	@ParameterizedTest(name = "{0} seed {1}")
	@MethodSource("tamperings")
	void reportsTheFirstBrokenSeq(Tamper tamper, int seed) {
		Random rnd = new Random(seed * 7919L + tamper.ordinal());
		int n = 2 + rnd.nextInt(40);
		List<ChainRecord> rows = ChainFixtures.chain(CHAIN, n, rnd);
		ChainHead head = ChainFixtures.headOf(CHAIN, rows);
		assertThat(ChainCheck.verify(rows, List.of(head))).isEqualTo(VerifyResult.ok(n));

		List<ChainRecord> tampered = new ArrayList<>(rows);
		long expected = tamper.apply(tampered, rnd);

		VerifyResult result = ChainCheck.verify(tampered, List.of(head));
		assertThat(result.ok()).isFalse();
		assertThat(result.chainId()).isEqualTo(CHAIN);
		assertThat(result.firstBrokenSeq()).isEqualTo(expected);
	}

	@ParameterizedTest
	@EnumSource(Field.class)
	void everyStoredFieldIsCovered(Field field) {
		Random rnd = new Random(field.ordinal());
		List<ChainRecord> rows = new ArrayList<>(ChainFixtures.chain(CHAIN, 10, rnd));
		ChainHead head = ChainFixtures.headOf(CHAIN, rows);
		rows.set(4, field.change.apply(rows.get(4)));
		assertThat(ChainCheck.verify(rows, List.of(head))).isEqualTo(VerifyResult.broken(5, CHAIN, 5));
	}

	@Test
	void anUntamperedChainIsOkWithTheCount() {
		List<ChainRecord> rows = ChainFixtures.chain(CHAIN, 250, new Random(42));
		assertThat(ChainCheck.verify(rows, List.of(ChainFixtures.headOf(CHAIN, rows))))
			.isEqualTo(new VerifyResult(true, 250, null, null));
	}

	@Test
	void nothingStoredIsOk() {
		assertThat(ChainCheck.verify(List.of(), List.of())).isEqualTo(VerifyResult.ok(0));
		assertThat(ChainCheck.verify(List.of(), List.of(ChainHead.empty(3)))).isEqualTo(VerifyResult.ok(0));
	}

	@Test
	void severalChainsAreCheckedEachAgainstItsHead() {
		Random rnd = new Random(5);
		List<ChainRecord> zero = ChainFixtures.chain(0, 12, rnd);
		List<ChainRecord> five = ChainFixtures.chain(5, 30, rnd);
		List<ChainRecord> nine = ChainFixtures.chain(9, 7, rnd);
		List<ChainHead> heads = List.of(ChainFixtures.headOf(0, zero), ChainFixtures.headOf(5, five),
				ChainFixtures.headOf(9, nine));
		List<ChainRecord> all = new ArrayList<>();
		all.addAll(zero);
		all.addAll(five);
		all.addAll(nine);
		assertThat(ChainCheck.verify(all, heads)).isEqualTo(VerifyResult.ok(49));

		all.set(12 + 20, Field.REASON.change.apply(all.get(12 + 20)));
		VerifyResult broken = ChainCheck.verify(all, heads);
		assertThat(broken).isEqualTo(VerifyResult.broken(33, 5, 21));
	}

	@Test
	void aChainWhoseLastRowsAreAllGoneIsBrokenAtOne() {
		Random rnd = new Random(6);
		List<ChainRecord> one = ChainFixtures.chain(1, 4, rnd);
		List<ChainRecord> two = ChainFixtures.chain(2, 4, rnd);
		List<ChainHead> heads = List.of(ChainFixtures.headOf(1, one), ChainFixtures.headOf(2, two),
				new ChainHead(3, 9, "a".repeat(64)));
		List<ChainRecord> rows = new ArrayList<>(one);
		rows.addAll(two);
		assertThat(ChainCheck.verify(two, heads)).isEqualTo(VerifyResult.broken(1, 1, 1));
		assertThat(ChainCheck.verify(rows, heads)).isEqualTo(VerifyResult.broken(8, 3, 1));
	}

	@Test
	void rowsWithoutAHeadAreBrokenAtOne() {
		List<ChainRecord> rows = ChainFixtures.chain(4, 3, new Random(7));
		assertThat(ChainCheck.verify(rows, List.of())).isEqualTo(VerifyResult.broken(1, 4, 1));
	}

	@Test
	void aHeadThatNamesAnotherHashIsCaught() {
		List<ChainRecord> rows = ChainFixtures.chain(4, 3, new Random(8));
		assertThat(ChainCheck.verify(rows, List.of(new ChainHead(4, 3, "b".repeat(64)))))
			.isEqualTo(VerifyResult.broken(3, 4, 3));
	}

	@Test
	void aForgedRowAppendedPastTheHeadIsCaught() {
		Random rnd = new Random(9);
		List<ChainRecord> rows = new ArrayList<>(ChainFixtures.chain(4, 5, rnd));
		ChainHead head = ChainFixtures.headOf(4, rows);
		rows.add(ChainFixtures.event(4, 6, rows.get(4).hash(), rnd));
		assertThat(ChainCheck.verify(rows, List.of(head))).isEqualTo(VerifyResult.broken(6, 4, 6));
	}

	/** Mutable copy of a row, for the field tamperings above. */
	private static final class Builder {

		long chainId;

		long seq;

		java.time.Instant occurredAt;

		String actor;

		Long actorUnitId;

		Long cityId;

		String action;

		String outcome;

		String objectType;

		String objectId;

		String reason;

		String changes;

		String clientIp;

		String requestId;

		String prevHash;

		String hash;

	}

	private static ChainRecord copy(ChainRecord r, java.util.function.Consumer<Builder> edit) {
		Builder b = new Builder();
		b.chainId = r.chainId();
		b.seq = r.seq();
		b.occurredAt = r.occurredAt();
		b.actor = r.actor();
		b.actorUnitId = r.actorUnitId();
		b.cityId = r.cityId();
		b.action = r.action();
		b.outcome = r.outcome();
		b.objectType = r.objectType();
		b.objectId = r.objectId();
		b.reason = r.reason();
		b.changes = r.changes();
		b.clientIp = r.clientIp();
		b.requestId = r.requestId();
		b.prevHash = r.prevHash();
		b.hash = r.hash();
		edit.accept(b);
		return new ChainRecord(b.chainId, b.seq, b.occurredAt, b.actor, b.actorUnitId, b.cityId, b.action, b.outcome,
				b.objectType, b.objectId, b.reason, b.changes, b.clientIp, b.requestId, b.prevHash, b.hash);
	}

}
