package cn.chuangwen.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * An evidence file as a response a controller returns, after the controller of the module that
 * owns the file has checked the caller may see it; Spring MVC writes it. The headers keep a browser
 * from running anything in it: the type comes from the detected kind, {@code nosniff}, a sandboxing
 * CSP, an attachment unless an image or PDF is asked for inline, and no caching outside the user's
 * browser session.
 */
public final class Downloads {

	/** RFC 5987 attr-char: what may stand unencoded in {@code filename*}. */
	private static final String ATTR_CHAR = "!#$&+-.^_`|~";

	/** A thumbnail is shown in every list of a report's evidence: the browser may keep it for an hour. */
	static final String THUMBNAIL_CACHE = "private, max-age=3600";

	private Downloads() {
	}

	/**
	 * The file as a response. {@code inline} is honoured only for images and PDF. A file whose
	 * content is missing from the store fails here, before any response exists.
	 */
	public static ResponseEntity<Resource> file(StoredFile f, EvidenceStore store, boolean inline) {
		InputStream in = store.open(f);
		return ResponseEntity.ok()
			.headers(headers(f.kind().contentType(), f.name(), inline && f.kind().mayShowInline(), "private, no-store"))
			.contentLength(f.size())
			.body(new StoredContent(f, store, in));
	}

	/** The JPEG thumbnail of an image, inline; empty when there is none. */
	public static Optional<ResponseEntity<Resource>> thumbnail(StoredFile f, EvidenceStore store) {
		return store.openThumbnail(f).map(in -> {
			// A thumbnail is a few KB: read whole, so its length is known and nothing stays open.
			byte[] bytes;
			try (in) {
				bytes = in.readAllBytes();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return ResponseEntity.ok()
				.headers(headers("image/jpeg", baseName(f.name()) + "-thumbnail.jpg", true, THUMBNAIL_CACHE))
				.body(new ByteArrayResource(bytes));
		});
	}

	static HttpHeaders headers(String contentType, String name, boolean inline, String cacheControl) {
		HttpHeaders h = new HttpHeaders();
		h.setContentType(MediaType.parseMediaType(contentType));
		h.set(HttpHeaders.CONTENT_DISPOSITION, contentDisposition(inline ? "inline" : "attachment", name));
		h.set("X-Content-Type-Options", "nosniff");
		h.set("Content-Security-Policy", "sandbox");
		h.set(HttpHeaders.CACHE_CONTROL, cacheControl);
		return h;
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

	/**
	 * A stored file's bytes: the stream opened up front (so a missing file fails in the controller),
	 * then a fresh one per further read, which lets Spring answer a byte-range request (a PDF viewer's)
	 * from the store without reading the whole file.
	 */
	private static final class StoredContent extends AbstractResource {

		private final StoredFile file;

		private final EvidenceStore store;

		private InputStream opened;

		StoredContent(StoredFile file, EvidenceStore store, InputStream opened) {
			this.file = file;
			this.store = store;
			this.opened = opened;
		}

		@Override
		public synchronized InputStream getInputStream() {
			InputStream in = opened;
			opened = null;
			return in != null ? in : store.open(file);
		}

		@Override
		public long contentLength() {
			return file.size();
		}

		@Override
		public boolean exists() {
			return true;
		}

		@Override
		public String getDescription() {
			return "stored file " + file.id();
		}

	}

}
