package cn.chuangwen.problems;

/** Where a problem came from (问题来源). */
public enum ProblemSource {

	/** 明查暗访: a field inspection's finding. */
	INSPECTION,
	/** 随手拍: a citizen's report. */
	CITIZEN,
	/** 特约监督员: a special supervisor's opinion. */
	SUPERVISOR,
	/** 热线: a hotline call. */
	HOTLINE,
	/** 领导交办: a leader's finding. */
	LEADER,
	/** 文明办: the office's own finding. */
	OFFICE,
	/** 媒体曝光: the media. */
	MEDIA;

	public String messageKey() {
		return "problem.source." + name();
	}

}
