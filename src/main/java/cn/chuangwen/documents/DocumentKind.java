package cn.chuangwen.documents;

/**
 * The kinds of official document the city issues. Each kind has its own number sequence per city
 * and year; its abbreviation ({@code document.kind.<KIND>.abbr}, e.g. 责) goes into the number
 * (仙创责〔2026〕1号).
 */
public enum DocumentKind {

	/** 责任状 */
	LETTER,
	/** 整改通知书 */
	RECTIFICATION_NOTICE,
	/** 督办函 */
	SUPERVISION_LETTER,
	/** 通报 */
	BULLETIN,
	/** 考核结果通报 (evaluation results, issue 10) */
	EVALUATION_BULLETIN,
	/** 会议纪要 (a joint meeting's minutes, issue 12) */
	MEETING_MINUTES;

	/** The bundle key of the one-character abbreviation in the number. */
	public String abbreviationKey() {
		return "document.kind." + name() + ".abbr";
	}

}
