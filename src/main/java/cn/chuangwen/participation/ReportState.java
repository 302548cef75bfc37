package cn.chuangwen.participation;

/**
 * Where a citizen report stands, as the citizen sees it: received (待受理), accepted (已受理, a
 * problem exists or it joined one), rectifying (整改中, the unit signed for the problem), solved
 * (已解决, the problem was verified and closed), rejected (不予受理, with a public reason).
 */
public enum ReportState {

	RECEIVED, ACCEPTED, RECTIFYING, SOLVED, REJECTED;

	public String messageKey() {
		return "citizenReport.state." + name();
	}

	/** Open311's two statuses: a report is closed once solved or rejected. */
	public String open311Status() {
		return this == SOLVED || this == REJECTED ? "closed" : "open";
	}

}
