package cn.chuangwen.indicators;

import java.util.Locale;
import java.util.Optional;

/** How an indicator is assessed (测评方法) in the national test. */
public enum AssessmentMethod {

	DOCUMENT_REVIEW("材料审核"), FIELD_CHECK("实地考察"), QUESTIONNAIRE("问卷调查"), ONLINE_DECLARATION("网上申报"),
	ONLINE_SURVEY("网络调查"), REPORT_HEARING("听取汇报"), OVERALL_OBSERVATION("整体观察");

	private final String chineseName;

	AssessmentMethod(String chineseName) {
		this.chineseName = chineseName;
	}

	/** The Chinese name as written in workbooks (材料审核); the UI uses the message bundles. */
	public String chineseName() {
		return chineseName;
	}

	/** Message key of the method's display name. */
	public String messageKey() {
		return "indicator.method." + name();
	}

	/** Accepts the Chinese name or the enum name in any case; empty for anything else. */
	public static Optional<AssessmentMethod> parse(String text) {
		if (text == null || text.isBlank()) {
			return Optional.empty();
		}
		String t = text.strip();
		for (AssessmentMethod method : values()) {
			if (method.chineseName.equals(t) || method.name().equals(t.toUpperCase(Locale.ROOT))) {
				return Optional.of(method);
			}
		}
		return Optional.empty();
	}

}
