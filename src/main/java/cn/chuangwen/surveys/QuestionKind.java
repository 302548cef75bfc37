package cn.chuangwen.surveys;

import java.util.Locale;
import java.util.Optional;

/** What a question asks for: one option, a rating 1 to 5, any number of options, or words. */
public enum QuestionKind {

	SINGLE, RATING, MULTIPLE, TEXT;

	/** Whether the question offers options to choose from. */
	public boolean choice() {
		return this == SINGLE || this == MULTIPLE;
	}

	public String messageKey() {
		return "survey.kind." + name();
	}

	/** The kind named by {@code text} in any case, or empty. */
	public static Optional<QuestionKind> parse(String text) {
		if (text == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(valueOf(text.strip().toUpperCase(Locale.ROOT)));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
