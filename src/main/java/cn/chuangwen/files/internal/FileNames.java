package cn.chuangwen.files.internal;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import cn.chuangwen.files.FileKind;

/**
 * The original file name, made safe to keep and show. It is never used as a path (blobs are
 * named by hash); it must still agree with the content, so a PNG called "x.pdf" or a "x.php.jpg"
 * is refused rather than passed on to someone who trusts the name.
 */
public final class FileNames {

	public static final int MAX_LENGTH = 200;

	/** Control and invisible format characters (bidi overrides that turn "gpj.exe" around, zero widths). */
	static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\p{Cf}]");

	static final Pattern LEADING_WORD = Pattern.compile("^[A-Za-z0-9]+");

	/** Inner extensions that make a name a classic double-extension trick ("a.php.jpg", "a.jsp;.jpg"). */
	static final Set<String> EXECUTABLE = Set.of("php", "php3", "php4", "php5", "php7", "php8", "phtml", "phar", "jsp",
			"jspx", "asp", "aspx", "ashx", "asmx", "cer", "exe", "dll", "bat", "cmd", "com", "scr", "msi", "ps1", "vbs",
			"vbe", "js", "mjs", "jse", "wsf", "hta", "jar", "war", "sh", "bash", "cgi", "pl", "py", "rb", "html", "htm",
			"xhtml", "shtml", "svg", "swf", "lnk");

	private FileNames() {
	}

	/** The last path segment without control or format characters, capped: good for messages and for display. */
	public static String display(String original) {
		if (original == null) {
			return "";
		}
		String name = original;
		int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
		if (slash >= 0) {
			name = name.substring(slash + 1);
		}
		name = INVISIBLE.matcher(name).replaceAll("").stripLeading();
		return cap(name, "");
	}

	/**
	 * The name to store for content of the given kind: {@link #display} of the original; a name
	 * without an extension gets the kind's. Refuses a NUL byte, a trailing dot or space, an
	 * extension that does not fit the content, and an executable inner extension.
	 */
	public static String checked(String original, FileKind kind) {
		if (original != null && original.indexOf('\0') >= 0) {
			throw new UploadRefused("files.error.name");
		}
		String name = display(original);
		if (name.isEmpty()) {
			name = "file";
		}
		char last = name.charAt(name.length() - 1);
		if (last == '.' || Character.isWhitespace(last)) {
			throw new UploadRefused("files.error.name");
		}
		int dot = name.lastIndexOf('.');
		if (dot < 0) {
			return cap(name, "." + kind.extension());
		}
		String extension = name.substring(dot + 1).toLowerCase(Locale.ROOT);
		if (!kind.extensions().contains(extension)) {
			throw new UploadRefused("files.error.extension", kind.name());
		}
		String[] parts = name.substring(0, dot).split("\\.");
		for (int i = 1; i < parts.length; i++) {
			var word = LEADING_WORD.matcher(parts[i]);
			if (word.find() && EXECUTABLE.contains(word.group().toLowerCase(Locale.ROOT))) {
				throw new UploadRefused("files.error.name");
			}
		}
		return cap(name.substring(0, dot), name.substring(dot));
	}

	/** The displayed name without its extension, other dots as dashes: the base for a derived file's name. */
	public static String stem(String stored) {
		String name = display(stored);
		int dot = name.lastIndexOf('.');
		String base = (dot < 0 ? name : name.substring(0, dot)).replace('.', '-');
		return base.isEmpty() ? "file" : base;
	}

	/** base + suffix in at most {@link #MAX_LENGTH} chars, cutting the base, never half a surrogate pair. */
	static String cap(String base, String suffix) {
		int room = MAX_LENGTH - suffix.length();
		if (room <= 0) {
			suffix = "";
			room = MAX_LENGTH;
		}
		if (base.length() > room) {
			int end = room;
			if (Character.isHighSurrogate(base.charAt(end - 1))) {
				end--;
			}
			base = base.substring(0, end);
		}
		return base + suffix;
	}

}
