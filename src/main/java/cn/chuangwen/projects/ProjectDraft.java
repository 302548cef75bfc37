package cn.chuangwen.projects;

import java.math.BigDecimal;
import java.util.List;

/**
 * A key project as the office sends it (create, or replace on PUT): the links are the whole set of
 * linked assignments and problems by id; null lists mean none.
 */
public record ProjectDraft(String name, String goal, String leaderUsername, Long leadUnitId,
		List<Long> cooperatingUnitIds, BigDecimal budget, String state, List<Long> linkedAssignmentIds,
		List<Long> linkedProblemIds) {
}
