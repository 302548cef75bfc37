package cn.chuangwen.notify.internal;

/**
 * Personal addresses as logs, rows and pages may show them (PIPL): 138****1234, z***@example.cn.
 */
public final class Masks {

	private static final String STARS = "****";

	private Masks() {
	}

	/** The first three and last four digits of a mobile number; fewer for short numbers. */
	public static String phone(String phone) {
		if (phone == null || phone.isBlank()) {
			return null;
		}
		String digits = phone.replaceAll("[^0-9]", "");
		if (digits.length() > 11 && digits.startsWith("86")) {
			digits = digits.substring(2);
		}
		if (digits.length() >= 8) {
			return digits.substring(0, 3) + STARS + digits.substring(digits.length() - 4);
		}
		if (digits.length() >= 4) {
			return STARS + digits.substring(digits.length() - 2);
		}
		return STARS;
	}

	/** The first character of the local part and the domain. */
	public static String email(String email) {
		if (email == null || email.isBlank()) {
			return null;
		}
		int at = email.lastIndexOf('@');
		if (at <= 0) {
			return "***";
		}
		return email.charAt(0) + "***" + email.substring(at);
	}

	/**
	 * An error message fit to store and log: the given addresses masked wherever they appear,
	 * on one line, at most {@code max} characters.
	 */
	public static String scrub(String text, int max, String phone, String email) {
		if (text == null) {
			return null;
		}
		String out = text;
		if (phone != null && !phone.isBlank()) {
			out = out.replace(phone.trim(), phone(phone));
			String digits = phone.replaceAll("[^0-9]", "");
			if (digits.length() >= 4) {
				out = out.replace(digits, phone(phone));
			}
		}
		if (email != null && !email.isBlank()) {
			out = out.replace(email.trim(), email(email));
		}
		out = out.replaceAll("[\\r\\n\\t]+", " ").strip();
		return out.length() <= max ? out : out.substring(0, max - 1) + "…";
	}

}
