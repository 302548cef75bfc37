package cn.chuangwen.problems;

import java.time.Instant;

/** A problem was sent to its unit (交办), or re-routed to another: the unit's liaisons should sign for it. */
public record ProblemDispatched(long problemId, long cityId, long unitId, String code, String title,
		Instant deadline, Instant at) {
}
