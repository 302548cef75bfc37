package cn.chuangwen.problems;

import java.time.Instant;

/** The responsible unit signed for a problem (签收): its rectification has begun. */
public record ProblemSigned(long problemId, long cityId, long unitId, String code, Instant at) {
}
