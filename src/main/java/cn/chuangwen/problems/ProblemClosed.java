package cn.chuangwen.problems;

import java.time.Instant;
import java.util.List;

/**
 * A problem was verified and closed (销号). {@code instructingLeaderIds} are the accounts of the
 * leaders who wrote instructions on it: they are told.
 */
public record ProblemClosed(long problemId, long cityId, long unitId, String code, String title,
		List<Long> instructingLeaderIds, Instant at) {
}
