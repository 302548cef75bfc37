package cn.chuangwen.participation.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

/**
 * Each partner key's own allowance of Open311 requests per minute, on top of the per-address public
 * limit: a partner app sends for many citizens from one server, so its limit is the office's choice
 * per key. Buckets live on this node (with two nodes a key gets its limit on each).
 */
@Component
public class PartnerRateLimit {

	private record Key(long keyId, int perMinute) {
	}

	private final Cache<Key, Bucket> buckets;

	private final TimeMeter time;

	PartnerRateLimit(Clock clock) {
		// an idle key's bucket is full again after a minute, so forgetting it then loses nothing
		this.buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(2)).maximumSize(10_000).build();
		this.time = new TimeMeter() {
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

	public boolean tryAcquire(long keyId, int perMinute) {
		return bucket(keyId, perMinute).tryConsume(1);
	}

	public long secondsToWait(long keyId, int perMinute) {
		long nanos = bucket(keyId, perMinute).estimateAbilityToConsume(1).getNanosToWaitForRefill();
		return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
	}

	private Bucket bucket(long keyId, int perMinute) {
		return buckets.get(new Key(keyId, perMinute), k -> Bucket.builder()
			.addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
			.withCustomTimePrecision(time)
			.build());
	}

}
