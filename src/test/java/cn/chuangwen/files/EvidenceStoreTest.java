package cn.chuangwen.files;

import static cn.chuangwen.files.EvidenceFixtures.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.unit.DataSize;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.files.internal.FileSettings;
import cn.chuangwen.files.internal.ImageInspector;
import cn.chuangwen.files.internal.LocalBlobStore;
import cn.chuangwen.files.internal.StoredFileRows;
import cn.chuangwen.files.internal.StoredFileRows.NewRow;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.GeoPoint;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.support.ExifJpeg;

/** The upload policy on a temporary root, with the database and the trace replaced by mocks. */
class EvidenceStoreTest {

	static final Instant NOW = Instant.parse("2026-11-26T02:00:00Z");

	@TempDir
	Path root;

	StoredFileRows rows;

	AuditTrail audit;

	EvidenceStore store;

	@BeforeEach
	void setUp() {
		store = store(FileSettings.defaults(root.toString()));
	}

	EvidenceStore store(FileSettings settings) {
		rows = mock(StoredFileRows.class);
		audit = mock(AuditTrail.class);
		AtomicLong ids = new AtomicLong();
		when(rows.insert(any())).thenAnswer(inv -> ids.incrementAndGet());
		return new EvidenceStore(new LocalBlobStore(Path.of(settings.root())), settings, rows, audit,
				TransactionOperations.withoutTransaction(), Clock.fixed(NOW, ZoneOffset.UTC));
	}

	StoredFile put(String name, byte[] content) {
		return store.store(7L, "town.liaison", name, new ByteArrayInputStream(content));
	}

	// --- accepted kinds ---

	static Stream<Arguments> accepted() {
		return Stream.of(Arguments.of("现场照片.jpg", EvidenceFixtures.jpeg(64, 48), FileKind.JPEG),
				Arguments.of("photo.JPEG", EvidenceFixtures.jpeg(64, 48), FileKind.JPEG),
				Arguments.of("map.png", EvidenceFixtures.png(64, 48), FileKind.PNG),
				Arguments.of("phone.webp", EvidenceFixtures.webp(), FileKind.WEBP),
				Arguments.of("lossy.webp", EvidenceFixtures.webpLossy(), FileKind.WEBP),
				Arguments.of("minimal.pdf", EvidenceFixtures.pdfHeader(), FileKind.PDF),
				Arguments.of("notice.pdf", EvidenceFixtures.pdf(), FileKind.PDF),
				Arguments.of("report.docx", EvidenceFixtures.docx(), FileKind.DOCX),
				Arguments.of("list.xlsx", EvidenceFixtures.xlsx(), FileKind.XLSX));
	}

	@ParameterizedTest
	@MethodSource("accepted")
	void acceptsEachKindByContent(String name, byte[] content, FileKind kind) throws Exception {
		StoredFile f = put(name, content);

		assertThat(f.kind()).isEqualTo(kind);
		assertThat(f.contentType()).isEqualTo(kind.contentType());
		assertThat(f.name()).isEqualTo(name);
		assertThat(f.size()).isEqualTo(content.length);
		assertThat(f.sha256()).isEqualTo(sha256(content));
		assertThat(f.cityId()).isEqualTo(7L);
		assertThat(f.uploadedBy()).isEqualTo("town.liaison");
		assertThat(f.uploadedAt()).isEqualTo(NOW);
		assertThat(f.thumbnail()).isEqualTo(kind.isImage());
		Path blob = root.resolve(f.sha256().substring(0, 2)).resolve(f.sha256().substring(2, 4)).resolve(f.sha256());
		assertThat(blob).hasBinaryContent(content);
		assertThat(scratchFiles()).isEmpty();
		verify(rows).insert(any());
	}

	@Test
	void kindAndContentTypeComeFromContentNotName() {
		byte[] png = EvidenceFixtures.png(20, 20);
		assertThat(put("scan", png).kind()).isEqualTo(FileKind.PNG);
		assertThat(put("scan", png).name()).isEqualTo("scan.png");
	}

	// --- refused ---

	static Stream<Arguments> refused() {
		return Stream.of(Arguments.of("empty.jpg", new byte[0], "files.error.empty"),
				Arguments.of("setup.jpg", EvidenceFixtures.exe(), "files.error.type"),
				Arguments.of("page.html", EvidenceFixtures.html(), "files.error.type"),
				Arguments.of("x.jpg", EvidenceFixtures.html(), "files.error.type"),
				Arguments.of("<?php.jpg", "<?php system($_GET['c']); ?>".getBytes(StandardCharsets.UTF_8),
						"files.error.type"),
				Arguments.of("logo.svg", EvidenceFixtures.svg(), "files.error.type"),
				Arguments.of("logo.png", EvidenceFixtures.svg(), "files.error.type"),
				Arguments.of("archive.zip", EvidenceFixtures.zip("a.txt", "hello"), "files.error.type"),
				Arguments.of("list.xlsx", EvidenceFixtures.zip("a.txt", "hello"), "files.error.type"),
				Arguments.of("list.xlsx", EvidenceFixtures.zip("[Content_Types].xml", "<Types/>"), "files.error.type"),
				Arguments.of("report.docx",
						EvidenceFixtures.zip("[Content_Types].xml", "<Types/>", "word/document.xml", "<w:document/>"),
						"files.error.type"),
				Arguments.of("macro.xlsx", EvidenceFixtures.xlsm(), "files.error.type"),
				Arguments.of("old.doc", new byte[] { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1,
						(byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0 }, "files.error.type"),
				Arguments.of("plain.txt", "just text".getBytes(StandardCharsets.UTF_8), "files.error.type"),
				Arguments.of("map.pdf", EvidenceFixtures.png(20, 20), "files.error.extension"),
				Arguments.of("report.jpg", EvidenceFixtures.docx(), "files.error.extension"),
				Arguments.of("list.docx", EvidenceFixtures.xlsx(), "files.error.extension"),
				Arguments.of("a.jpg.php", EvidenceFixtures.jpeg(8, 8), "files.error.extension"),
				Arguments.of("a.php.jpg", EvidenceFixtures.jpeg(8, 8), "files.error.name"),
				Arguments.of("a.php\u0000.jpg", EvidenceFixtures.jpeg(8, 8), "files.error.name"),
				Arguments.of("a.php%00.jpg", EvidenceFixtures.jpeg(8, 8), "files.error.name"),
				Arguments.of("a.jsp;.jpg", EvidenceFixtures.jpeg(8, 8), "files.error.name"),
				Arguments.of("a.JPG.", EvidenceFixtures.jpeg(8, 8), "files.error.name"),
				Arguments.of("a.jpg ", EvidenceFixtures.jpeg(8, 8), "files.error.name"),
				Arguments.of("broken.jpg", concat(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0 },
						"not really a jpeg at all".getBytes(StandardCharsets.US_ASCII)), "files.error.image.unreadable"),
				Arguments.of("broken.png", java.util.Arrays.copyOf(EvidenceFixtures.png(40, 40), 40),
						"files.error.image.unreadable"),
				Arguments.of("broken.webp", java.util.Arrays.copyOf(EvidenceFixtures.webp(), 16),
						"files.error.image.unreadable"),
				Arguments.of("bomb.png", EvidenceFixtures.pngClaiming(50_000, 50_000), "files.error.image.tooManyPixels"),
				Arguments.of("cut.pdf", "%PDF-1.7\n1 0 obj\n<<".getBytes(StandardCharsets.US_ASCII),
						"files.error.document.unreadable"),
				Arguments.of("cut.docx", java.util.Arrays.copyOf(EvidenceFixtures.docx(), 100),
						"files.error.document.unreadable"));
	}

	@ParameterizedTest
	@MethodSource("refused")
	void refusesAndStoresNothing(String name, byte[] content, String key) throws IOException {
		assertThatThrownBy(() -> put(name, content)).isInstanceOfSatisfying(InvalidInputException.class, ex -> {
			assertThat(ex.problems()).hasSize(1);
			FieldProblem p = ex.problems().get(0);
			assertThat(p.field()).isEqualTo("files");
			assertThat(p.messageKey()).isEqualTo(key);
			assertThat(p.args().get(0)).as("names the file").isInstanceOf(String.class);
		});
		assertThat(blobs()).isEmpty();
		assertThat(scratchFiles()).isEmpty();
		verify(rows, never()).insert(any());
		verify(audit, never()).record(any());
	}

	@Test
	void refusalNamesTheFileAndTheDetectedKind() {
		assertThatThrownBy(() -> put("C:\\Users\\wang\\map.pdf", EvidenceFixtures.png(20, 20)))
			.isInstanceOfSatisfying(InvalidInputException.class,
					ex -> assertThat(ex.problems().get(0).args()).containsExactly("map.pdf", "PNG"));
	}

	@Test
	void decompressionBombIsRefusedFromTheHeaderWithItsSize() {
		assertThatThrownBy(() -> put("bomb.png", EvidenceFixtures.pngClaiming(50_000, 50_000)))
			.isInstanceOfSatisfying(InvalidInputException.class,
					ex -> assertThat(ex.problems().get(0).args()).containsExactly("bomb.png", 50_000, 50_000,
							50_000_000L));
	}

	@Test
	void pixelLimitIsASetting() {
		store = store(FileSettings.defaults(root.toString()).withMaxPixels(100 * 100));
		assertThat(put("ok.png", EvidenceFixtures.png(100, 100)).kind()).isEqualTo(FileKind.PNG);
		assertThatThrownBy(() -> put("big.png", EvidenceFixtures.png(101, 100))).isInstanceOf(InvalidInputException.class);
	}

	@Test
	void officeZipLimitsAreSettings() {
		store = store(FileSettings.defaults(root.toString()).withZipLimits(3, DataSize.ofMegabytes(512)));
		assertThatThrownBy(() -> put("many.docx", EvidenceFixtures.docx()))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.problems().get(0).messageKey())
				.isEqualTo("files.error.document.tooLarge"));
		store = store(FileSettings.defaults(root.toString()).withZipLimits(10_000, DataSize.ofBytes(1000)));
		assertThatThrownBy(() -> put("big.xlsx", EvidenceFixtures.xlsx()))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.problems().get(0).messageKey())
				.isEqualTo("files.error.document.tooLarge"));
	}

	@Test
	void overTheDefaultLimitIsRefusedAfterReadingOneByteMore() throws IOException {
		long max = DataSize.ofMegabytes(20).toBytes();
		var endless = new EvidenceFixtures.Endless(EvidenceFixtures.png(10, 10));

		assertThatThrownBy(() -> store.store(7L, "u", "huge.png", endless))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> {
				assertThat(ex.problems().get(0).messageKey()).isEqualTo("files.error.tooLarge");
				assertThat(ex.problems().get(0).args()).containsExactly("huge.png", "20 MB");
			});
		assertThat(endless.bytesRead()).isEqualTo(max + 1);
		assertThat(scratchFiles()).isEmpty();
	}

	@Test
	void exactlyTheLimitIsAccepted() {
		byte[] png = EvidenceFixtures.png(30, 30);
		store = store(FileSettings.defaults(root.toString()).withMaxSize(DataSize.ofBytes(png.length)));
		assertThat(put("a.png", png).size()).isEqualTo(png.length);
		store = store(FileSettings.defaults(root.toString()).withMaxSize(DataSize.ofBytes(png.length - 1)));
		assertThatThrownBy(() -> put("a.png", png)).isInstanceOf(InvalidInputException.class);
	}

	// --- storage ---

	@Test
	void sameContentTwiceIsTwoRowsAndOneBlob() throws IOException {
		byte[] jpeg = EvidenceFixtures.jpeg(50, 50);

		StoredFile a = put("first.jpg", jpeg);
		StoredFile b = put("second.jpg", jpeg);

		assertThat(a.id()).isNotEqualTo(b.id());
		assertThat(a.sha256()).isEqualTo(b.sha256());
		assertThat(b.name()).isEqualTo("second.jpg");
		assertThat(blobs()).hasSize(1);
		assertThat(thumbnails()).hasSize(1);
		assertThat(b.thumbnail()).isTrue();
		verify(rows, times(2)).insert(any());
		verify(audit, times(2)).record(any());
	}

	@Test
	void rowAndTraceDescribeTheUpload() {
		StoredFile f = put("整改前.png", EvidenceFixtures.png(64, 32));

		ArgumentCaptor<NewRow> row = ArgumentCaptor.forClass(NewRow.class);
		verify(rows).insert(row.capture());
		assertThat(row.getValue().width()).isEqualTo(64);
		assertThat(row.getValue().height()).isEqualTo(32);
		assertThat(row.getValue().thumbnail()).isTrue();

		ArgumentCaptor<AuditEntry> entry = ArgumentCaptor.forClass(AuditEntry.class);
		verify(audit).record(entry.capture());
		assertThat(entry.getValue().action()).isEqualTo("FILE_UPLOAD");
		assertThat(entry.getValue().cityId()).isEqualTo(7L);
		assertThat(entry.getValue().objectType()).isEqualTo("file");
		assertThat(entry.getValue().objectId()).isEqualTo(String.valueOf(f.id()));
		assertThat(entry.getValue().changes()).extracting(AuditEntry.FieldChange::field)
			.contains("name", "kind", "size", "sha256");
	}

	@Test
	void pathInTheNameNeverBecomesAPath() throws IOException {
		StoredFile f = put("../../../etc/passwd.jpg", EvidenceFixtures.jpeg(8, 8));

		assertThat(f.name()).isEqualTo("passwd.jpg");
		List<Path> blobs = blobs();
		assertThat(blobs).hasSize(1);
		Path blob = blobs.get(0).normalize();
		assertThat(blob).startsWith(root);
		assertThat(blob.getFileName().toString()).isEqualTo(f.sha256());
		assertThat(root.resolve("../etc")).doesNotExist();
	}

	@Test
	void readsBackContentAndThumbnail() throws IOException {
		byte[] png = EvidenceFixtures.png(40, 30);
		StoredFile f = put("a.png", png);

		var out = new ByteArrayOutputStream();
		store.copyTo(f, out);
		assertThat(out.toByteArray()).isEqualTo(png);
		try (InputStream in = store.open(f)) {
			assertThat(in.readAllBytes()).isEqualTo(png);
		}
		try (InputStream in = store.openThumbnail(f).orElseThrow()) {
			assertThat(ImageIO.read(in)).isNotNull();
		}
		StoredFile pdf = put("a.pdf", EvidenceFixtures.pdfHeader());
		assertThat(store.openThumbnail(pdf)).isEmpty();
	}

	// --- thumbnails ---

	static Stream<Arguments> images() {
		return Stream.of(Arguments.of("a.jpg", EvidenceFixtures.jpeg(1600, 1200), 320, 240),
				Arguments.of("a.png", EvidenceFixtures.png(600, 900), 213, 320),
				Arguments.of("small.png", EvidenceFixtures.png(100, 50), 100, 50),
				Arguments.of("a.webp", EvidenceFixtures.webp(), 1, 1),
				Arguments.of("b.webp", EvidenceFixtures.webpLossy(), 1, 1));
	}

	@ParameterizedTest
	@MethodSource("images")
	void imagesGetAJpegThumbnailOfAtMost320Pixels(String name, byte[] content, int width, int height)
			throws IOException {
		StoredFile f = put(name, content);

		assertThat(f.thumbnail()).isTrue();
		Path thumb = root.resolve("thumbs").resolve(f.sha256().substring(0, 2)).resolve(f.sha256() + ".jpg");
		assertThat(thumb).exists();
		byte[] bytes = Files.readAllBytes(thumb);
		assertThat(bytes).startsWith((byte) 0xFF, (byte) 0xD8, (byte) 0xFF);
		BufferedImage image = ImageIO.read(thumb.toFile());
		assertThat(image.getWidth()).isEqualTo(width);
		assertThat(image.getHeight()).isEqualTo(height);
	}

	@Test
	void documentsGetNoThumbnail() throws IOException {
		assertThat(put("a.docx", EvidenceFixtures.docx()).thumbnail()).isFalse();
		assertThat(thumbnails()).isEmpty();
	}

	@Test
	void thumbnailOfAPolyglotCarriesNoPayload() throws IOException {
		byte[] polyglot = concat(EvidenceFixtures.jpeg(64, 64),
				"<script>alert(1)</script><?php echo 1; ?>".getBytes(StandardCharsets.US_ASCII));

		StoredFile f = put("poly.jpg", polyglot);

		byte[] thumb = Files.readAllBytes(thumbnails().get(0));
		String text = new String(thumb, StandardCharsets.ISO_8859_1);
		assertThat(text).doesNotContain("<script").doesNotContain("<?php");
		assertThat(f.kind()).isEqualTo(FileKind.JPEG);
	}

	@Test
	void thumbnailFollowsExifOrientation() throws IOException {
		StoredFile f = put("rotated.jpg", EvidenceFixtures.jpegWithExif(400, 200, "2026:11:20 09:30:00", null, 6));

		BufferedImage thumb = ImageIO.read(thumbnails().get(0).toFile());
		assertThat(thumb.getWidth()).isEqualTo(160);
		assertThat(thumb.getHeight()).isEqualTo(320);
		assertThat(f.capturedAt()).isEqualTo(Instant.parse("2026-11-20T01:30:00Z"));
	}

	@Test
	void aPreparedPhotoIsWrittenButRecordedOnlyWhenAsked() throws IOException {
		EvidenceStore.PreparedPhoto prepared = store.preparePhoto(7L, "rotated.jpg",
				new ByteArrayInputStream(EvidenceFixtures.jpegWithExif(400, 200, "2026:11:20 09:30:00", null, 6)));

		// the photo and its copy are written, not decoded (thumbnails come on first request), with no row and no trace yet
		assertThat(blobs()).hasSize(2);
		assertThat(thumbnails()).isEmpty();
		verify(rows, never()).insert(any());
		verify(audit, never()).record(any());

		EvidenceStore.PublicPhoto recorded = store.record(prepared, "XT-R-2026-000001");
		verify(rows, times(2)).insert(any());
		verify(audit, times(2)).record(any());
		assertThat(recorded.original().name()).isEqualTo("rotated.jpg");
		assertThat(recorded.original().capturedAt()).isEqualTo(Instant.parse("2026-11-20T01:30:00Z"));
		assertThat(recorded.publicCopy().name()).isEqualTo("public-rotated.jpg");
		assertThat(recorded.publicCopy().capturedAt()).isNull();
		assertThat(recorded.publicCopy().place()).isNull();
		assertThat(recorded.publicCopy().thumbnail()).isTrue();
		// the copy keeps the orientation: its thumbnail, made on first request, stands like the original's
		for (StoredFile f : List.of(recorded.original(), recorded.publicCopy())) {
			try (InputStream in = store.openThumbnail(f).orElseThrow()) {
				BufferedImage image = ImageIO.read(in);
				assertThat(image.getHeight()).isGreaterThan(image.getWidth());
			}
		}
		assertThat(thumbnails()).hasSize(2);
	}

	@Test
	void aPhotosPublicCopyHasItsPixelsWithoutTimeOrPlace() throws IOException {
		byte[] photo = ExifJpeg.photo(320, 240)
			.capturedAt(Instant.parse("2026-11-20T01:30:00Z"))
			.place(GeoPoint.of(30.402, 112.899))
			.description("camera note")
			.orientation(6)
			.bytes();
		// a "motion photo": a video after the end of the image
		byte[] withTrailer = concat(photo, "ftypmp42 the video".getBytes(StandardCharsets.US_ASCII));
		EvidenceStore.PublicPhoto recorded = store.record(
				store.preparePhoto(7L, "street.jpg", new ByteArrayInputStream(withTrailer)), "XT-R-2026-000002");
		byte[] copy;
		try (InputStream in = store.open(recorded.publicCopy())) {
			copy = in.readAllBytes();
		}
		String text = new String(copy, StandardCharsets.ISO_8859_1);
		assertThat(text).doesNotContain("camera note").doesNotContain("ftypmp42").doesNotContain("2026:11:20");
		Path file = Files.write(Files.createTempFile("copy", ".jpg"), copy);
		try {
			ImageInspector.Inspected read = new ImageInspector(FileSettings.defaults(root.toString())).inspect(file, FileKind.JPEG);
			assertThat(read.place()).isNull();
			assertThat(read.capturedAt()).isNull();
			assertThat(read.orientation()).isEqualTo(6);
			// the same pixels: nothing was decoded and encoded again
			BufferedImage before = ImageIO.read(new ByteArrayInputStream(photo));
			BufferedImage after = ImageIO.read(file.toFile());
			assertThat(after.getWidth()).isEqualTo(before.getWidth());
			for (int[] xy : new int[][] { { 0, 0 }, { 100, 50 }, { 319, 239 } }) {
				assertThat(after.getRGB(xy[0], xy[1])).isEqualTo(before.getRGB(xy[0], xy[1]));
			}
		}
		finally {
			Files.deleteIfExists(file);
		}
		assertThat(recorded.original().place()).isNotNull();
	}

	@Test
	void aPhotoThatIsNoWholeJpegIsRefused() {
		byte[] photo = EvidenceFixtures.jpeg(64, 64);
		// cut in the middle of the picture: the header reads, the structure does not
		byte[] cut = java.util.Arrays.copyOf(photo, photo.length / 2);
		assertThatThrownBy(() -> store.preparePhoto(7L, "cut.jpg", new ByteArrayInputStream(cut)))
			.isInstanceOfSatisfying(InvalidInputException.class,
					ex -> assertThat(ex.problems().get(0).messageKey()).isEqualTo("files.error.image.unreadable"));
		verify(rows, never()).insert(any());
	}

	@Test
	void aPreparedUploadThatIsNoPhotoIsRefusedAndNothingIsWritten() throws IOException {
		assertThatThrownBy(() -> store.preparePhoto(7L, "notice.pdf", new ByteArrayInputStream(EvidenceFixtures.pdf())))
			.isInstanceOfSatisfying(InvalidInputException.class,
					ex -> assertThat(ex.problems().get(0).messageKey()).isEqualTo("files.error.notPhoto"));
		assertThat(blobs()).isEmpty();
		assertThat(scratchFiles()).isEmpty();
		verify(rows, never()).insert(any());
	}

	// --- EXIF capture time ---

	@Test
	void exifCaptureTimeIsBeijingTimeWithoutAnOffsetTag() {
		StoredFile f = put("a.jpg", EvidenceFixtures.jpegWithExif(32, 32, "2026:10:01 08:15:30", null, 1));

		assertThat(f.capturedAt()).isEqualTo(Instant.parse("2026-10-01T00:15:30Z"));
		ArgumentCaptor<NewRow> row = ArgumentCaptor.forClass(NewRow.class);
		verify(rows).insert(row.capture());
		assertThat(row.getValue().capturedAt()).isEqualTo(f.capturedAt());
	}

	@Test
	void exifOffsetTagWins() {
		StoredFile f = put("a.jpg", EvidenceFixtures.jpegWithExif(32, 32, "2026:10:01 08:15:30", "+02:00", 1));

		assertThat(f.capturedAt()).isEqualTo(Instant.parse("2026-10-01T06:15:30Z"));
	}

	@Test
	void noExifNoCaptureTime() {
		assertThat(put("a.jpg", EvidenceFixtures.jpeg(32, 32)).capturedAt()).isNull();
		assertThat(put("a.png", EvidenceFixtures.png(32, 32)).capturedAt()).isNull();
		assertThat(put("a.pdf", EvidenceFixtures.pdf()).capturedAt()).isNull();
	}

	// --- EXIF GPS ---

	@Test
	void exifGpsIsKeptOnTheRow() {
		GeoPoint place = GeoPoint.of(30.402113, 112.899456);

		StoredFile f = put("a.jpg", ExifJpeg.with(Instant.parse("2026-11-20T01:30:00Z"), place));

		assertThat(f.place()).isEqualTo(place);
		assertThat(f.capturedAt()).isEqualTo(Instant.parse("2026-11-20T01:30:00Z"));
		ArgumentCaptor<NewRow> row = ArgumentCaptor.forClass(NewRow.class);
		verify(rows).insert(row.capture());
		assertThat(row.getValue().place()).isEqualTo(place);
	}

	@Test
	void noGpsNoPlace() {
		assertThat(put("a.jpg", EvidenceFixtures.jpeg(32, 32)).place()).isNull();
		assertThat(put("b.jpg", EvidenceFixtures.jpegWithExif(32, 32, "2026:10:01 08:15:30", null, 1)).place()).isNull();
		assertThat(put("a.png", EvidenceFixtures.png(32, 32)).place()).isNull();
		assertThat(put("a.pdf", EvidenceFixtures.pdf()).place()).isNull();
	}

	@Test
	void aPhotoWithBrokenGpsIsStillAcceptedWithoutPlace() {
		byte[] broken = ExifJpeg.photo().capturedAt(Instant.parse("2026-11-20T01:30:00Z"))
			.gpsRationals("N", new long[] { 30, 0, 24, 1, 0, 1 }, "E", new long[] { 400, 1, 0, 1, 0, 1 })
			.bytes();

		StoredFile f = put("broken.jpg", broken);

		assertThat(f.kind()).isEqualTo(FileKind.JPEG);
		assertThat(f.place()).isNull();
		assertThat(f.capturedAt()).isEqualTo(Instant.parse("2026-11-20T01:30:00Z"));
		assertThat(f.thumbnail()).isTrue();
	}

	// --- names ---

	@Test
	void namesAreSanitisedAndCapped() {
		byte[] jpeg = EvidenceFixtures.jpeg(8, 8);
		assertThat(put("line\nbreak\u202Egpj.jpg", jpeg).name()).isEqualTo("linebreakgpj.jpg");
		assertThat(put("a.JPG", jpeg).name()).isEqualTo("a.JPG");
		assertThat(put("", jpeg).name()).isEqualTo("file.jpg");
		assertThat(put(null, jpeg).name()).isEqualTo("file.jpg");
		String longName = "很".repeat(300) + ".jpg";
		String stored = put(longName, jpeg).name();
		assertThat(stored).hasSize(200).endsWith("很.jpg");
	}

	List<Path> blobs() throws IOException {
		return files(p -> !p.startsWith(root.resolve("tmp")) && !p.startsWith(root.resolve("thumbs")));
	}

	List<Path> thumbnails() throws IOException {
		return files(p -> p.startsWith(root.resolve("thumbs")));
	}

	List<Path> scratchFiles() throws IOException {
		return files(p -> p.startsWith(root.resolve("tmp")));
	}

	List<Path> files(java.util.function.Predicate<Path> filter) throws IOException {
		try (Stream<Path> walk = Files.walk(root)) {
			return walk.filter(Files::isRegularFile).filter(filter).toList();
		}
	}

	static String sha256(byte[] content) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
	}

}
