package cn.chuangwen.documents.internal;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names of folders and files inside the archive ZIP, safe to unpack on Windows, macOS and Linux:
 * no path separators or characters Windows refuses, no control characters, no trailing dot or
 * space, no reserved device names, at most {@link #MAX_LENGTH} characters (the extension kept),
 * and unique within their folder regardless of case.
 */
public final class ArchiveNames {

	public static final int MAX_LENGTH = 120;

	static final Pattern UNSAFE = Pattern.compile("[\\p{Cc}\\p{Cf}/\\\\:*?\"<>|]");

	static final Pattern RESERVED = Pattern.compile("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?");

	private final Set<String> used = new HashSet<>();

	/** The name made safe; "_" when nothing is left. */
	public static String safe(String name) {
		String s = UNSAFE.matcher(name == null ? "" : name).replaceAll("_").strip();
		s = s.replaceAll("[. ]+$", "");
		if (s.isEmpty() || s.chars().allMatch(c -> c == '.')) {
			return "_";
		}
		if (RESERVED.matcher(s).matches()) {
			s = "_" + s;
		}
		return cap(s);
	}

	/**
	 * The safe name, unique among the names this instance handed out: "a.jpg", then "a (2).jpg",
	 * "a (3).jpg", compared without case.
	 */
	public String unique(String name) {
		String safe = safe(name);
		if (used.add(safe.toLowerCase(Locale.ROOT))) {
			return safe;
		}
		int dot = safe.lastIndexOf('.');
		String base = dot > 0 ? safe.substring(0, dot) : safe;
		String extension = dot > 0 ? safe.substring(dot) : "";
		for (int n = 2;; n++) {
			String candidate = cap(base, " (" + n + ")" + extension);
			if (used.add(candidate.toLowerCase(Locale.ROOT))) {
				return candidate;
			}
		}
	}

	static String cap(String s) {
		int dot = s.lastIndexOf('.');
		boolean extension = dot > 0 && s.length() - dot <= 10;
		return extension ? cap(s.substring(0, dot), s.substring(dot)) : cap(s, "");
	}

	/** base + suffix in at most {@link #MAX_LENGTH} chars, cutting the base, never half a surrogate pair. */
	static String cap(String base, String suffix) {
		int room = Math.max(1, MAX_LENGTH - suffix.length());
		if (base.length() > room) {
			int end = room;
			if (Character.isHighSurrogate(base.charAt(end - 1))) {
				end--;
			}
			base = base.substring(0, end).strip();
		}
		return base + suffix;
	}

}
