package cn.chuangwen.participation;

/** How a report reached the office. */
public enum ReportChannel {

	/** 随手拍: the public report page. */
	WEB,
	/** 热线: a call the office entered. */
	HOTLINE,
	/** 意见箱: a report-box letter the office entered. */
	REPORT_BOX,
	/** A partner app through Open311 with its API key. */
	OPEN311;

	public String messageKey() {
		return "citizenReport.channel." + name();
	}

}
