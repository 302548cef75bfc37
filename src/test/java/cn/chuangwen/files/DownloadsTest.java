package cn.chuangwen.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionOperations;

import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.files.internal.FileSettings;
import cn.chuangwen.files.internal.LocalBlobStore;
import cn.chuangwen.files.internal.StoredFileRows;

/** The download headers: type from content, attachment by default, RFC 5987 names, nothing a browser runs. */
class DownloadsTest {

	@TempDir
	Path root;

	EvidenceStore store;

	@BeforeEach
	void setUp() {
		StoredFileRows rows = mock(StoredFileRows.class);
		when(rows.insert(any())).thenReturn(1L);
		store = new EvidenceStore(new LocalBlobStore(root), FileSettings.defaults(root.toString()), rows,
				mock(AuditTrail.class), TransactionOperations.withoutTransaction(),
				Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC));
	}

	StoredFile put(String name, byte[] content) {
		return store.store(1L, "u", name, new ByteArrayInputStream(content));
	}

	@Test
	void sendsAnAttachmentWithSafeHeaders() throws Exception {
		byte[] docx = EvidenceFixtures.docx();
		StoredFile f = put("整改报告.docx", docx);

		ResponseEntity<Resource> response = Downloads.file(f, store, true);

		HttpHeaders h = response.getHeaders();
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(h.getContentType()).hasToString(FileKind.DOCX.contentType());
		assertThat(h.getFirst("Content-Disposition")).isEqualTo(
				"attachment; filename=\"____.docx\"; filename*=UTF-8''%E6%95%B4%E6%94%B9%E6%8A%A5%E5%91%8A.docx");
		assertThat(h.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(h.getFirst("Content-Security-Policy")).isEqualTo("sandbox");
		assertThat(h.getFirst("Cache-Control")).isEqualTo("private, no-store");
		assertThat(h.getContentLength()).isEqualTo(docx.length);
		assertThat(bytes(response)).isEqualTo(docx);
		// A second read (a byte-range request) opens the content again instead of failing.
		assertThat(bytes(response)).isEqualTo(docx);
	}

	@Test
	void imagesAndPdfMayBeShownInlineWhenAsked() {
		StoredFile png = put("a.png", EvidenceFixtures.png(10, 10));
		StoredFile pdf = put("a.pdf", EvidenceFixtures.pdfHeader());
		StoredFile xlsx = put("a.xlsx", EvidenceFixtures.xlsx());

		assertThat(disposition(png, true)).startsWith("inline;");
		assertThat(disposition(pdf, true)).startsWith("inline;");
		assertThat(disposition(xlsx, true)).startsWith("attachment;");
		assertThat(disposition(png, false)).startsWith("attachment;");
	}

	@Test
	void contentTypeIsTheDetectedOneWhateverTheName() {
		StoredFile f = put("photo", EvidenceFixtures.jpeg(10, 10));
		ResponseEntity<Resource> response = Downloads.file(f, store, false);
		assertThat(response.getHeaders().getContentType()).hasToString("image/jpeg");
		assertThat(response.getHeaders().getFirst("Content-Disposition")).contains("filename=\"photo.jpg\"");
	}

	@Test
	void aHostileNameIsEncodedNotInterpreted() {
		assertThat(Downloads.contentDisposition("attachment", "\"<script>\".pdf")).isEqualTo(
				"attachment; filename=\"_<script>_.pdf\"; filename*=UTF-8''%22%3Cscript%3E%22.pdf");
		assertThat(Downloads.contentDisposition("attachment", "a;b%20c\\d.pdf"))
			.isEqualTo("attachment; filename=\"a_b_20c_d.pdf\"; filename*=UTF-8''a%3Bb%2520c%5Cd.pdf");
	}

	@Test
	void thumbnailIsSentInlineAsJpeg() throws Exception {
		StoredFile f = put("现场.png", EvidenceFixtures.png(400, 300));

		ResponseEntity<Resource> response = Downloads.thumbnail(f, store).orElseThrow();

		HttpHeaders h = response.getHeaders();
		assertThat(h.getContentType()).hasToString("image/jpeg");
		assertThat(h.getFirst("Content-Disposition")).startsWith("inline;").endsWith("%E7%8E%B0%E5%9C%BA-thumbnail.jpg");
		assertThat(h.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(h.getFirst("Content-Security-Policy")).isEqualTo("sandbox");
		assertThat(h.getFirst("Cache-Control")).isEqualTo("private, max-age=3600");
		assertThat(bytes(response)).startsWith((byte) 0xFF, (byte) 0xD8);

		StoredFile pdf = put("a.pdf", EvidenceFixtures.pdfHeader());
		assertThat(Downloads.thumbnail(pdf, store)).isEmpty();
	}

	@Test
	void missingContentFailsBeforeAnyResponse() {
		StoredFile ghost = new StoredFile(9, 1, "0".repeat(64), "a.pdf", FileKind.PDF, FileKind.PDF.contentType(), 10,
				null, false, "u", Instant.now(), null);
		assertThatThrownBy(() -> Downloads.file(ghost, store, false)).isInstanceOf(UncheckedIOException.class);
	}

	String disposition(StoredFile f, boolean inline) {
		return Downloads.file(f, store, inline).getHeaders().getFirst("Content-Disposition");
	}

	static byte[] bytes(ResponseEntity<Resource> response) throws IOException {
		try (InputStream in = response.getBody().getInputStream()) {
			return in.readAllBytes();
		}
	}

}
