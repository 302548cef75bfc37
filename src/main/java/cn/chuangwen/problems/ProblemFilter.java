package cn.chuangwen.problems;

/**
 * What a problem list shows; every field null means "any". {@code attachedLeaderId} keeps the
 * problems of the units a city leader is attached to (挂点) and the units under them; {@code text}
 * matches the code or the title.
 */
public record ProblemFilter(Long unitId, ProblemState state, ProblemSource source, String category,
		ProblemSeverity severity, Boolean overdue, Long attachedLeaderId, String text) {

	public static ProblemFilter none() {
		return new ProblemFilter(null, null, null, null, null, null, null, null);
	}

}
