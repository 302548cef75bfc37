package cn.chuangwen.publicity;

/**
 * An outlet in a month's compliance list: its report, or none. An outlet that did not report is a
 * shortfall like one that ran less than a third.
 */
public record ComplianceRow(OutletView outlet, OutletReport report) {

	public boolean reported() {
		return report != null;
	}

	public boolean compliant() {
		return report != null && report.compliant();
	}

	public boolean shortfall() {
		return !compliant();
	}

}
