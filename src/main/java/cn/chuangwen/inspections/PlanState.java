package cn.chuangwen.inspections;

/** A plan's round: open while its points are inspected, closed by the office (its findings then go out). */
public enum PlanState {

	OPEN, CLOSED;

	public String messageKey() {
		return "planState." + name();
	}

}
