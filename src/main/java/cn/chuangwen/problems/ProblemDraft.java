package cn.chuangwen.problems;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A problem as entered: by the office on its form or the API, or by another module (an inspection
 * finding, an accepted citizen report) naming itself in {@code originType}/{@code originId}.
 * {@code deadline} null means the city's rule for the severity; {@code verifier} is the username of
 * the inspector asked to verify the rectification (null: the office verifies).
 */
public record ProblemDraft(ProblemSource source, String category, String title, String description,
		ProblemSeverity severity, Long unitId, List<Long> cooperatingUnitIds, String address, BigDecimal lat,
		BigDecimal lng, Instant deadline, String verifier, String originType, Long originId) {

	public ProblemDraft {
		cooperatingUnitIds = cooperatingUnitIds == null ? List.of() : cooperatingUnitIds;
	}

}
