package cn.chuangwen.organization.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * "At most N a minute" per key (a client address, a partner's key): one Bucket4j bucket per key
 * and allowance, refilled greedily, timed by the application's {@link Clock} (so tests move it).
 * Bounded: many keys evict old buckets instead of filling the heap; an idle key's bucket is full
 * again after a minute, so forgetting it after two loses nothing. Buckets live on this node.
 */
public final class PerMinuteBuckets<K> {

	private record Key<K>(K key, int perMinute) {
	}

	private final Cache<Key<K>, Bucket> buckets;

	private final TimeMeter time;

	public PerMinuteBuckets(Clock clock, long maxKeys) {
		this.buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(2)).maximumSize(maxKeys).build();
		this.time = clockTime(clock);
	}

	/** Takes one token of the key's allowance: 0 when it was there, else the whole seconds to wait (at least 1). */
	public long take(K key, int perMinute) {
		ConsumptionProbe probe = buckets
			.get(new Key<>(key, perMinute), k -> Bucket.builder()
				.addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
				.withCustomTimePrecision(time)
				.build())
			.tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? 0 : seconds(probe.getNanosToWaitForRefill());
	}

	/** Whole seconds, rounded up, at least 1: what {@code Retry-After} says. */
	static long seconds(long nanos) {
		return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
	}

	/** Bucket4j's time source on the application's clock. */
	static TimeMeter clockTime(Clock clock) {
		return new TimeMeter() {
			@Override
			public long currentTimeNanos() {
				Instant now = clock.instant();
				return now.getEpochSecond() * 1_000_000_000L + now.getNano();
			}

			@Override
			public boolean isWallClockBased() {
				return true;
			}
		};
	}

}
