package cn.chuangwen.problems;

import java.time.Instant;

/** A unit sent its rectification: the verifier (or the office) should verify it. */
public record ProblemSubmitted(long problemId, long cityId, long unitId, String code, String title,
		String verifier, Instant at) {
}
