package cn.chuangwen.evaluation;

/**
 * Where a part of a unit's score comes from (issue 10 §1). Each is normalised to 0–100 by one rule
 * (see {@code evaluation.internal.rules}); {@link #MANUAL} is the exception: bonus and penalty points
 * (加分/扣分) added to the weighted total, capped, and weighing nothing.
 * <p>
 * A new source is a constant here, a rule in {@code evaluation.internal.rules} and a
 * {@code SourceReader} bean for it in {@code evaluation.internal} that reads the owning module.
 */
public enum ScoreSource {

	/** The inspections' composite of the period (e.g. Qianjiang's 40 announced / 60 unannounced). */
	INSPECTION,
	/** Problems rectified on time among those due (the red/yellow/green list's rate). */
	PROBLEM_ON_TIME,
	/** Problems that came back (反弹) among those dispatched. */
	PROBLEM_RECURRENCE,
	/** Assignment progress against the roadmap's milestones. */
	TASK_PROGRESS,
	/** Assignments due that were signed off. */
	TASK_SIGNOFF,
	/** Window units' satisfaction in the city's own surveys (群众满意度测评) of the period. */
	SURVEY,
	/** Targets of the unit's responsibility letter (责任状, T9) due by the period's end and met by their deadline. */
	LETTER_TARGETS,
	/** Citizen reports (随手拍, hotline, report box) that became the unit's problems: fixed on time, and the citizens' rating. */
	CITIZEN_REPORTS,
	/** Bonus and penalty items entered by the office, with a reason. */
	MANUAL;

	/** Whether the source weighs in percent (all but {@link #MANUAL}). */
	public boolean weighted() {
		return this != MANUAL;
	}

	public String messageKey() {
		return "evaluation.source." + name();
	}

	/** The source of a name, or null for a name that is none. */
	public static ScoreSource named(String name) {
		for (ScoreSource s : values()) {
			if (s.name().equals(name)) {
				return s;
			}
		}
		return null;
	}

}
