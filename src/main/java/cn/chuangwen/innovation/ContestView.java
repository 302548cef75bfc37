package cn.chuangwen.innovation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A contest as its readers see it: the rubric, the judges (names only; a judge's scores are never
 * part of it) and how many cases it has.
 */
public record ContestView(long id, long cityId, String cityCode, String cityName, String title, String description,
		LocalDate deadline, ContestState state, long caseCount, Instant createdAt, List<Criterion> criteria,
		List<Judge> judges) {

	/** One criterion of the rubric: its weight is out of 100. */
	public record Criterion(long id, int position, String name, int weight) {
	}

	public record Judge(long userId, String username, String displayName) {
	}

	public boolean judgedBy(long userId) {
		return judges.stream().anyMatch(j -> j.userId() == userId);
	}

}
