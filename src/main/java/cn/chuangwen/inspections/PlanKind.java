package cn.chuangwen.inspections;

/**
 * An inspection plan's kind: announced (明查, the unit knows the round is coming) or unannounced
 * (暗访, secret from the units until the office closes the round).
 */
public enum PlanKind {

	ANNOUNCED, UNANNOUNCED;

	public String messageKey() {
		return "planKind." + name();
	}

}
