package cn.chuangwen.audit.internal;

/** Fits values into their columns before they are hashed, so what is stored is what was hashed. */
public final class Text {

	private Text() {
	}

	/** At most {@code max} chars, never splitting a surrogate pair. */
	public static String cap(String s, int max) {
		if (s == null || s.length() <= max) {
			return s;
		}
		int end = max;
		if (Character.isHighSurrogate(s.charAt(end - 1))) {
			end--;
		}
		return s.substring(0, end);
	}

}
