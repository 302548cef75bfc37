package cn.chuangwen.notify;

/**
 * Notifications that follow events rather than deadlines: a unit's report approved or returned,
 * the office's hourly digest of reports waiting for review (待审核汇总), and the steps of a
 * problem's rectification (交办, 退回, 待核查, 销号); an inspector's new inspection plan (检查任务).
 */
public enum NoticeKind {

	REPORT_APPROVED("green"), REPORT_RETURNED("amber"), REVIEW_DIGEST("blue"), PROBLEM_DISPATCHED("blue"),
	PROBLEM_RETURNED("amber"), PROBLEM_SUBMITTED("blue"), PROBLEM_CLOSED("green"), PROBLEM_DUE("amber"),
	PROBLEM_OVERDUE("red"), NOTICE_ISSUED("blue"), NOTICE_UNSIGNED("amber"),
	PROBLEM_LIST_RED("red"), PLAN_ASSIGNED("blue");

	private final String colour;

	NoticeKind(String colour) {
		this.colour = colour;
	}

	/** The state colour of docs/ui.md, always shown with the kind's words. */
	public String colour() {
		return colour;
	}

	public String messageKey() {
		return "notify.kind." + name();
	}

}
