package cn.chuangwen.surveys;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** A survey as pages and the API show it: its round, state, questionnaire and the links the reader may see. */
public record SurveyView(long id, long cityId, String cityCode, String cityName, String name, String round,
		State state, String createdBy, Instant createdAt, Instant closedAt, List<Question> questions, List<Link> links) {

	public enum State {

		OPEN, CLOSED;

		public String messageKey() {
			return "survey.state." + name();
		}

	}

	public record Question(long id, int position, QuestionKind kind, boolean required, String labelZh, String labelEn,
			List<Option> options) {

		/** The label in the reader's language: English for an English reader, else Chinese. */
		public String label(Locale locale) {
			return english(locale) ? labelEn : labelZh;
		}

	}

	public record Option(long id, int position, String labelZh, String labelEn, BigDecimal score) {

		public String label(Locale locale) {
			return english(locale) ? labelEn : labelZh;
		}

	}

	/** A window unit's public answer link: {@code /s/{token}}. */
	public record Link(long unitId, String unitName, String token) {

		public String path() {
			return "/s/" + token;
		}

	}

	public boolean open() {
		return state == State.OPEN;
	}

	static boolean english(Locale locale) {
		return locale != null && "en".equals(locale.getLanguage());
	}

}
