package cn.chuangwen.problems;

import java.time.Instant;
import java.util.List;

/** The office published a period's red/yellow/green list; {@code redUnitIds} are the units on the red list. */
public record ProblemListPublished(long publicationId, long cityId, String period, int version,
		List<Long> redUnitIds, Instant at) {
}
