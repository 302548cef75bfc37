package cn.chuangwen.indicators;

import java.time.Instant;

/**
 * One version of a city's indicator system (测评体系). {@code basedOnId} names the version it was
 * copied from; {@code inUse} means assignments refer to it, so it is read-only.
 */
public record IndicatorSystemView(long id, long cityId, String cityCode, String name, Long basedOnId, boolean inUse,
		int leafCount, Instant createdAt, int version) {
}
