package cn.chuangwen.problems;

import java.time.Duration;

/**
 * A city's rules for problems: the tracking code's prefix, the rectification time per severity,
 * what counts as a recurrence (反弹), how far an "after" photo may lie from the problem before the
 * verifier is warned, when an overdue problem is escalated, and the bands of the red/yellow/green
 * list.
 */
public record ProblemRules(String codePrefix, int generalHours, int seriousHours, int criticalHours,
		int recurrenceMetres, int recurrenceDays, int mismatchMetres, int escalateDays, int letterDays, int greenRate,
		int redRate, int version) {

	/**
	 * The defaults: 7 days, 3 days, 24 hours; 50 m within 90 days; 300 m; 3 and 7 days
	 * overdue; green from 90 % on time, red below 70 %.
	 */
	public static ProblemRules defaults(String codePrefix) {
		return new ProblemRules(codePrefix, 168, 72, 24, 50, 90, 300, 3, 7, 90, 70, 0);
	}

	/** The same rules one version on: what a change stores. */
	public ProblemRules nextVersion() {
		return new ProblemRules(codePrefix, generalHours, seriousHours, criticalHours, recurrenceMetres, recurrenceDays,
				mismatchMetres, escalateDays, letterDays, greenRate, redRate, version + 1);
	}

	public Duration timeFor(ProblemSeverity severity) {
		return Duration.ofHours(switch (severity) {
			case GENERAL -> generalHours;
			case SERIOUS -> seriousHours;
			case CRITICAL -> criticalHours;
		});
	}

}
