package cn.chuangwen.participation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import cn.chuangwen.participation.ReportChallenge;
import cn.chuangwen.support.TestClock;

/** The sender hash and the signed challenge: no server state, and no way round the signature. */
class SenderKeysTest {

	final TestClock clock = new TestClock();

	final SenderKeys keys = new SenderKeys("a shared secret of the installation", clock);

	static int sum(ReportChallenge c) {
		String[] parts = c.question().split(" ");
		return Integer.parseInt(parts[0]) + Integer.parseInt(parts[2]);
	}

	@Test
	void theSenderHashIsKeyedStableAndHidesTheAddress() {
		String hash = keys.senderHash("203.0.113.7");
		assertThat(hash).matches("[0-9a-f]{64}").isEqualTo(keys.senderHash("203.0.113.7"))
			.isNotEqualTo(keys.senderHash("203.0.113.8"));
		assertThat(new SenderKeys("another secret", clock).senderHash("203.0.113.7")).isNotEqualTo(hash);
		// unset: a random key per start, so two starts disagree
		assertThat(new SenderKeys("", clock).senderHash("203.0.113.7")).isNotEqualTo(new SenderKeys(null, clock).senderHash("203.0.113.7"));
	}

	@Test
	void aChallengeIsSolvedByItsSumForItsOwnSenderUntilItExpires() {
		clock.set(Instant.parse("2026-12-01T04:00:00Z"));
		String me = keys.senderHash("203.0.113.7");
		ReportChallenge c = keys.challenge(me);
		assertThat(c.question()).matches("\\d \\+ \\d = \\?");
		String answer = String.valueOf(sum(c));
		assertThat(keys.solved(me, c.token(), answer)).isTrue();
		assertThat(keys.solved(me, c.token(), " " + answer + " ")).isTrue();
		assertThat(keys.solved(me, c.token(), String.valueOf(sum(c) + 1))).isFalse();
		assertThat(keys.solved(keys.senderHash("198.51.100.1"), c.token(), answer)).as("another sender").isFalse();
		assertThat(new SenderKeys("another secret", clock).solved(me, c.token(), answer)).as("another key").isFalse();
		// the question changed by hand (its answer with it) no longer matches the signature
		String[] parts = c.token().split("\\.");
		assertThat(keys.solved(me, "1.1." + parts[2] + "." + parts[3], "2")).isFalse();
		assertThat(keys.solved(me, parts[0] + "." + parts[1] + ".99999999999." + parts[3], answer)).as("expiry moved").isFalse();
		for (String bad : new String[] { null, "", "x", "a.b.c.d", "1.2.3.!!!", "1.2.3.4.5" }) {
			assertThat(keys.solved(me, bad, answer)).as(String.valueOf(bad)).isFalse();
		}
		assertThat(keys.solved(me, c.token(), null)).isFalse();
		assertThat(keys.solved(me, c.token(), "sieben")).isFalse();
		clock.advance(SenderKeys.CHALLENGE_LIFETIME.plus(Duration.ofSeconds(1)));
		assertThat(keys.solved(me, c.token(), answer)).as("expired").isFalse();
	}

}
