package cn.chuangwen.inspections;

/** What an inspector found for one checklist item: in order (合格), a deduction (扣分) or not applicable (不适用). */
public enum ItemOutcome {

	OK, DEDUCT, NA;

	public String messageKey() {
		return "inspection.outcome." + name();
	}

}
