package cn.chuangwen.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Sends an evidence file from a controller of the module that owns it, after that controller has
 * checked the caller may see the file. The headers keep a browser from running anything in it:
 * the type comes from the detected kind, {@code nosniff}, a sandboxing CSP, an attachment unless
 * an image or PDF is asked for inline, and no caching outside the user's browser session.
 */
public final class Downloads {

	/** RFC 5987 attr-char: what may stand unencoded in {@code filename*}. */
	private static final String ATTR_CHAR = "!#$&+-.^_`|~";

	private Downloads() {
	}

	/**
	 * Writes the file to the response. {@code inline} is honoured only for images and PDF. A file
	 * whose content is missing from the store fails before any header is set.
	 */
	public static void send(StoredFile f, EvidenceStore store, HttpServletResponse response, boolean inline) {
		InputStream in = store.open(f);
		headers(response, f.kind().contentType(), f.name(), inline && f.kind().mayShowInline());
		response.setContentLengthLong(f.size());
		copy(in, response);
	}

	/**
	 * Writes the JPEG thumbnail of an image inline; false (and nothing written) when there is none.
	 */
	public static boolean sendThumbnail(StoredFile f, EvidenceStore store, HttpServletResponse response) {
		Optional<InputStream> in = store.openThumbnail(f);
		if (in.isEmpty()) {
			return false;
		}
		headers(response, "image/jpeg", baseName(f.name()) + "-thumbnail.jpg", true);
		copy(in.get(), response);
		return true;
	}

	static void headers(HttpServletResponse response, String contentType, String name, boolean inline) {
		response.setContentType(contentType);
		response.setHeader("Content-Disposition", contentDisposition(inline ? "inline" : "attachment", name));
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Content-Security-Policy", "sandbox");
		response.setHeader("Cache-Control", "private, no-store");
	}

	/**
	 * {@code attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>} (RFC 6266,
	 * RFC 5987): modern browsers use the UTF-8 name, old ones a readable ASCII approximation.
	 */
	public static String contentDisposition(String type, String name) {
		return type + "; filename=\"" + asciiFallback(name) + "\"; filename*=UTF-8''" + rfc5987(name);
	}

	static String asciiFallback(String name) {
		StringBuilder sb = new StringBuilder(name.length());
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			boolean plain = c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '%' && c != ';';
			sb.append(plain ? c : '_');
		}
		return sb.toString();
	}

	static String rfc5987(String name) {
		StringBuilder sb = new StringBuilder();
		for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xFF;
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || ATTR_CHAR.indexOf(c) >= 0) {
				sb.append((char) c);
			}
			else {
				sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
			}
		}
		return sb.toString();
	}

	static String baseName(String name) {
		int dot = name.lastIndexOf('.');
		return dot > 0 ? name.substring(0, dot) : name;
	}

	private static void copy(InputStream in, HttpServletResponse response) {
		try (in) {
			OutputStream out = response.getOutputStream();
			in.transferTo(out);
			out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
