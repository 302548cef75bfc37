package cn.chuangwen.problems;

import java.time.Instant;

/** A rectification was rejected: the problem is back with its unit, with the reason. */
public record ProblemReturned(long problemId, long cityId, long unitId, String code, String title, String reason,
		Instant at) {
}
