package cn.chuangwen.files;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.files.internal.BlobStore;
import cn.chuangwen.files.internal.FileNames;
import cn.chuangwen.files.internal.FileSettings;
import cn.chuangwen.files.internal.ImageInspector;
import cn.chuangwen.files.internal.JpegCopy;
import cn.chuangwen.files.internal.KindDetector;
import cn.chuangwen.files.internal.StoredFileRows;
import cn.chuangwen.files.internal.StoredFileRows.NewRow;
import cn.chuangwen.files.internal.UploadRefused;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;

/**
 * Evidence files (佐证材料), stored by content hash outside the web root. Accepts JPEG, PNG, WEBP,
 * PDF, DOCX and XLSX, decided by content only; images must decode and get a thumbnail.
 * <p>
 * This module does no access checks: a file is served only through the module that owns the
 * evidence, after that module has checked the caller may see it (see {@link Downloads}).
 */
@Service
public class EvidenceStore {

	/** The field every refusal is reported on: the multipart field of the upload forms and API. */
	public static final String FIELD = "files";

	static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

	private static final int BUFFER = 64 * 1024;

	private static final Logger log = LoggerFactory.getLogger(EvidenceStore.class);

	private final BlobStore blobs;

	private final FileSettings settings;

	private final KindDetector detector;

	private final ImageInspector images;

	private final StoredFileRows rows;

	private final AuditTrail audit;

	private final TransactionOperations transactions;

	private final Clock clock;

	/** For work after a rollback: a new transaction when there is a manager to start one. */
	private final TransactionOperations independent;

	public EvidenceStore(BlobStore blobs, FileSettings settings, StoredFileRows rows, AuditTrail audit,
			TransactionOperations transactions, Clock clock) {
		this.blobs = blobs;
		this.settings = settings;
		this.detector = new KindDetector(settings);
		this.images = new ImageInspector(settings);
		this.rows = rows;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
		if (transactions instanceof TransactionTemplate template && template.getTransactionManager() != null) {
			TransactionTemplate requiresNew = new TransactionTemplate(template.getTransactionManager());
			requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
			this.independent = requiresNew;
		}
		else {
			this.independent = transactions;
		}
	}

	/**
	 * Checks and stores an upload. The content is streamed to a scratch file while hashed and
	 * counted, never held in memory. Refused with an {@link InvalidInputException} on field
	 * {@value #FIELD}, naming the file, when it is empty, larger than {@code chuangwen.files.max-size},
	 * not one of the accepted kinds (by content; the name and the client's Content-Type are never
	 * trusted), named with an extension that does not fit the content, an image that does not decode
	 * or has more than {@code chuangwen.files.max-pixels} pixels; nothing is stored then.
	 * <p>
	 * The row and the FILE_UPLOAD trace event join the caller's transaction. The blob is written
	 * before them; if that transaction rolls back (a refused report, say), the blobs this call wrote
	 * are removed again unless a committed row holds the same content. The caller closes
	 * {@code content}.
	 */
	public StoredFile store(long cityId, String uploadedBy, String originalName, InputStream content) {
		return store(cityId, uploadedBy, originalName, content, sha256 -> Optional.empty());
	}

	/**
	 * Like {@link #store(long, String, String, InputStream)}, unless the caller already holds the
	 * content: once the upload is hashed, {@code held} is asked for the id of a file of the caller's
	 * with that SHA-256, and when it answers one, that file is returned and nothing is stored (no blob,
	 * no row, no FILE_UPLOAD event). A client that retries an upload whose answer it lost then finds
	 * its first copy instead of storing a second. The returned file's id says which case it was.
	 */
	public StoredFile store(long cityId, String uploadedBy, String originalName, InputStream content,
			Function<String, Optional<Long>> held) {
		return record(prepare(cityId, originalName, content, held, false, 0, null), uploadedBy);
	}

	/** A photo as sent (for the office) and its public copy. */
	public record PublicPhoto(StoredFile original, StoredFile publicCopy) {
	}

	/**
	 * A photo checked and written with its thumbnail and public copy, not yet recorded: no row, no
	 * trace event, no lock taken. {@link #record(PreparedPhoto, String)} records it.
	 */
	public static final class PreparedPhoto {

		private final Prepared original;

		private final Prepared publicCopy;

		private PreparedPhoto(Prepared original, Prepared publicCopy) {
			this.original = original;
			this.publicCopy = publicCopy;
		}

	}

	/**
	 * Checks a photo as {@link #store(long, String, String, InputStream)} does (anything but a photo is
	 * refused too) and writes it and its public copy. A JPEG, what phones send, is not decoded: its
	 * structure and size are checked from its markers, and the public copy is its own bytes without
	 * the metadata (EXIF with GPS and time, XMP, comments, trailers), the orientation written back
	 * ({@code JpegCopy}); thumbnails are made on first request ({@link #openThumbnail}). So a photo
	 * costs a copy of its bytes, not a tenth of a second of CPU. Other images are decoded once and
	 * their copy re-encoded as {@link #storePublicCopy} does. This takes no lock, so a caller prepares
	 * its photos before its own locking statements (a code counter, the trace) and records them after.
	 * The blobs are removed again if the caller's transaction rolls back.
	 */
	public PreparedPhoto preparePhoto(long cityId, String originalName, InputStream content) {
		Prepared original = prepare(cityId, originalName, content, sha256 -> Optional.empty(), true, HEADER_ONLY, null);
		if (original.image().preview() != null) {
			return new PreparedPhoto(original, prepareCopy(cityId, original.name(), original.image(), List.of()));
		}
		Path source = null;
		Path copy = null;
		try {
			source = blobs.scratch();
			copy = blobs.scratch();
			try (InputStream in = blobs.open(blobKey(original.sha256()))) {
				Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
			}
			ImageInspector.Inspected image = original.image();
			JpegCopy.withoutMetadata(source, copy, image.orientation());
			try (InputStream in = Files.newInputStream(copy)) {
				return new PreparedPhoto(original, prepare(cityId, "public-" + FileNames.stem(original.name()) + ".jpg", in,
						sha256 -> Optional.empty(), true, 0,
						new ImageInspector.Inspected(image.width(), image.height(), null, null, image.orientation(), null)));
			}
		}
		catch (UploadRefused refused) {
			throw new InvalidInputException(
					FieldProblem.of(FIELD, refused.messageKey(), FileNames.display(originalName)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			deleteQuietly(source);
			deleteQuietly(copy);
		}
	}

	/** {@code previewSide} of {@link #prepare} for a photo: a JPEG's header only, other images decoded for their copy. */
	private static final int HEADER_ONLY = -1;

	/** Records a prepared photo and its public copy: rows and FILE_UPLOAD events in the caller's transaction. */
	public PublicPhoto record(PreparedPhoto photo, String uploadedBy) {
		return new PublicPhoto(record(photo.original, uploadedBy), record(photo.publicCopy, uploadedBy));
	}

	/**
	 * An upload checked and its blobs written, with its decoded preview when it is an image;
	 * {@code kept} when the caller already held the same content (nothing written then).
	 */
	private record Prepared(long cityId, String sha256, String name, FileKind kind, long size,
			ImageInspector.Inspected image, boolean thumbnail, StoredFile kept) {
	}

	/**
	 * Spools, hashes and checks the content, decodes an image (unless {@code known} is its decoded
	 * preview already) and writes the blob and thumbnail. Refusals are an {@link InvalidInputException}
	 * on field {@value #FIELD} naming the file.
	 */
	private Prepared prepare(long cityId, String originalName, InputStream content,
			Function<String, Optional<Long>> held, boolean photoOnly, int previewSide, ImageInspector.Inspected known) {
		String display = FileNames.display(originalName);
		Path scratch = null;
		try {
			scratch = blobs.scratch();
			Spooled spooled = spool(content, scratch, display);
			// only a file of the same city and content stands in for the upload, whatever the caller answered
			Optional<StoredFile> kept = held.apply(spooled.sha256())
				.flatMap(rows::find)
				.filter(f -> f.cityId() == cityId && f.sha256().equals(spooled.sha256()));
			if (kept.isPresent()) {
				StoredFile f = kept.get();
				return new Prepared(cityId, f.sha256(), f.name(), f.kind(), f.size(), null, f.thumbnail(), f);
			}
			FileKind kind = detector.detect(scratch);
			if (photoOnly && !kind.isImage()) {
				throw new UploadRefused("files.error.notPhoto");
			}
			String name = FileNames.checked(originalName, kind);
			ImageInspector.Inspected image = !kind.isImage() ? null : known != null ? known : inspect(scratch, kind, previewSide);

			List<String> written = new ArrayList<>();
			if (blobs.putIfAbsent(blobKey(spooled.sha256()), scratch)) {
				written.add(blobKey(spooled.sha256()));
			}
			boolean thumbnail = image != null && thumbnail(spooled.sha256(), image, written);
			removeOnRollback(spooled.sha256(), written);
			return new Prepared(cityId, spooled.sha256(), name, kind, spooled.size(), image, thumbnail, null);
		}
		catch (UploadRefused refused) {
			List<Object> args = new ArrayList<>();
			args.add(display);
			args.addAll(refused.args());
			throw new InvalidInputException(FieldProblem.of(FIELD, refused.messageKey(), args.toArray()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			deleteQuietly(scratch);
		}
	}

	/** Reads an image as {@code previewSide} asks (see {@link #prepare}); a photo's JPEG only from its header. */
	private ImageInspector.Inspected inspect(Path scratch, FileKind kind, int previewSide) throws IOException {
		if (previewSide == HEADER_ONLY) {
			return kind == FileKind.JPEG ? images.inspectHeader(scratch, kind) : images.inspect(scratch, kind, PUBLIC_COPY_SIDE);
		}
		return previewSide > 0 ? images.inspect(scratch, kind, previewSide) : images.inspect(scratch, kind);
	}

	/** Records a prepared upload: its row and FILE_UPLOAD trace event join the caller's transaction. */
	private StoredFile record(Prepared p, String uploadedBy) {
		if (p.kept() != null) {
			return p.kept();
		}
		ImageInspector.Inspected image = p.image();
		NewRow row = new NewRow(p.cityId(), p.sha256(), p.name(), p.kind(), p.size(),
				image == null || image.capturedAt() == null ? null : image.capturedAt().truncatedTo(ChronoUnit.MILLIS),
				image == null ? null : image.width(), image == null ? null : image.height(), p.thumbnail(), uploadedBy,
				clock.instant().truncatedTo(ChronoUnit.MILLIS), image == null ? null : image.place());
		long id = transactions.execute(status -> {
			long newId = rows.insert(row);
			audit.record(AuditEntry.of("FILE_UPLOAD")
				.city(p.cityId())
				.object("file", newId)
				.change("name", null, p.name())
				.change("kind", null, p.kind())
				.change("size", null, p.size())
				.change("sha256", null, p.sha256())
				.change("uploadedBy", null, uploadedBy));
			return newId;
		});
		return new StoredFile(id, p.cityId(), row.sha256(), p.name(), p.kind(), p.kind().contentType(), row.size(),
				row.capturedAt(), p.thumbnail(), uploadedBy, row.uploadedAt(), row.place());
	}

	/** The longest side of a public copy: enough for a phone or a page, far less than a camera's. */
	public static final int PUBLIC_COPY_SIDE = 1600;

	/**
	 * Stores the copy of an image the public may see ({@code public-<name>.jpg}): upright, at most
	 * {@value #PUBLIC_COPY_SIDE} pixels on its longest side, {@code blurs} pixelated, re-encoded
	 * without any metadata, so no EXIF (GPS, camera, time) reaches a public page. The original stays
	 * as it was, for the office. Joins the caller's transaction like {@link #store}.
	 */
	public StoredFile storePublicCopy(StoredFile original, List<BlurRegion> blurs, String by) {
		if (!original.kind().isImage()) {
			throw new IllegalArgumentException("not an image: file " + original.id());
		}
		Path source = null;
		try {
			source = blobs.scratch();
			try (InputStream in = open(original)) {
				Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
			}
			return record(prepareCopy(original.cityId(), original.name(),
					images.inspect(source, original.kind(), PUBLIC_COPY_SIDE), blurs), by);
		}
		catch (UploadRefused refused) {
			throw new InvalidInputException(
					FieldProblem.of(FIELD, refused.messageKey(), FileNames.display(original.name())));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			deleteQuietly(source);
		}
	}

	/**
	 * Writes the public copy ({@code public-<name>.jpg}) of an image decoded with a preview of at least
	 * {@value #PUBLIC_COPY_SIDE} pixels: the one way both a photo sent now and one stored before get
	 * their copy. The copy is upright and carries no metadata, so the raster just written is its
	 * preview: its thumbnail needs no second decode.
	 */
	private Prepared prepareCopy(long cityId, String originalName, ImageInspector.Inspected image,
			List<BlurRegion> blurs) {
		Path copy = null;
		try {
			copy = blobs.scratch();
			BufferedImage written = images.writePublicCopy(image, blurs, PUBLIC_COPY_SIDE, copy);
			ImageInspector.Inspected copied = new ImageInspector.Inspected(written.getWidth(), written.getHeight(),
					written, null, 1, null);
			try (InputStream in = Files.newInputStream(copy)) {
				return prepare(cityId, "public-" + FileNames.stem(originalName) + ".jpg", in,
						sha256 -> Optional.empty(), true, 0, copied);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			deleteQuietly(copy);
		}
	}

	/** The file's row, or empty. No access check: the owning module decides who may see it. */
	@Transactional(readOnly = true)
	public Optional<StoredFile> find(long id) {
		return rows.find(id);
	}

	/** The rows of the ids that exist, ordered by id. No access check, as {@link #find}. */
	@Transactional(readOnly = true)
	public List<StoredFile> findAll(Collection<Long> ids) {
		return ids == null || ids.isEmpty() ? List.of() : rows.findAll(ids);
	}

	/** Copies the content to {@code out} (which stays open). */
	public void copyTo(StoredFile f, OutputStream out) {
		try (InputStream in = open(f)) {
			in.transferTo(out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The content, for the caller to read and close. A missing blob is an {@link UncheckedIOException}. */
	public InputStream open(StoredFile f) {
		try {
			return blobs.open(blobKey(f.sha256()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("content of file " + f.id() + " is missing", ex);
		}
	}

	/**
	 * The JPEG thumbnail of an image, for the caller to read and close; empty when there is none. A
	 * photo stored without decoding ({@link #preparePhoto}) gets it made here, on first request.
	 */
	public Optional<InputStream> openThumbnail(StoredFile f) {
		if (!f.thumbnail()) {
			return Optional.empty();
		}
		try {
			Optional<InputStream> thumbnail = blobs.openIfPresent(thumbnailKey(f.sha256()));
			if (thumbnail.isPresent() || !f.kind().isImage()) {
				return thumbnail;
			}
			Path source = blobs.scratch();
			try {
				try (InputStream in = open(f)) {
					Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
				}
				thumbnail(f.sha256(), images.inspect(source, f.kind()), new ArrayList<>());
			}
			catch (UploadRefused | UncheckedIOException ex) {
				return Optional.empty();
			}
			finally {
				deleteQuietly(source);
			}
			return blobs.openIfPresent(thumbnailKey(f.sha256()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** {@code ab/cd/<sha256>}: two directory levels keep directories small at millions of files. */
	static String blobKey(String sha256) {
		checkSha(sha256);
		return sha256.substring(0, 2) + "/" + sha256.substring(2, 4) + "/" + sha256;
	}

	static String thumbnailKey(String sha256) {
		checkSha(sha256);
		return "thumbs/" + sha256.substring(0, 2) + "/" + sha256 + ".jpg";
	}

	private static void checkSha(String sha256) {
		if (sha256 == null || !SHA256.matcher(sha256).matches()) {
			throw new IllegalArgumentException("not a SHA-256: " + sha256);
		}
	}

	record Spooled(String sha256, long size) {
	}

	/** Streams to the scratch file, hashing and counting; stops reading one byte past the limit. */
	private Spooled spool(InputStream content, Path scratch, String display) throws IOException {
		long max = settings.maxSize().toBytes();
		MessageDigest sha = sha256();
		long size = 0;
		byte[] buffer = new byte[BUFFER];
		try (OutputStream out = Files.newOutputStream(scratch)) {
			int n;
			while ((n = content.readNBytes(buffer, 0, (int) Math.min(buffer.length, max + 1 - size))) > 0) {
				sha.update(buffer, 0, n);
				out.write(buffer, 0, n);
				size += n;
				if (size > max) {
					throw new UploadRefused("files.error.tooLarge", readable(settings.maxSize()));
				}
			}
		}
		if (size == 0) {
			throw new UploadRefused("files.error.empty");
		}
		return new Spooled(HexFormat.of().formatHex(sha.digest()), size);
	}

	/**
	 * Writes the thumbnail unless the same content has one already; a failure only means no thumbnail.
	 * An image read without its pixels (a photo's header) gets its thumbnail on first request.
	 */
	private boolean thumbnail(String sha256, ImageInspector.Inspected image, List<String> written) throws IOException {
		String key = thumbnailKey(sha256);
		if (image.preview() == null || blobs.exists(key)) {
			return true;
		}
		Path scratch = blobs.scratch();
		try {
			images.writeThumbnail(image, scratch);
			if (blobs.putIfAbsent(key, scratch)) {
				written.add(key);
			}
			return true;
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
		finally {
			deleteQuietly(scratch);
		}
	}

	/**
	 * Content is addressed by hash, so a blob is removed only if no committed row holds it; that check
	 * runs in a transaction of its own, as Spring asks of work done after completion.
	 */
	private void removeOnRollback(String sha256, List<String> keys) {
		if (keys.isEmpty() || !TransactionSynchronizationManager.isSynchronizationActive()) {
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				if (status == STATUS_COMMITTED) {
					return;
				}
				try {
					if (!Boolean.TRUE.equals(independent.execute(s -> rows.referenced(sha256)))) {
						for (String key : keys) {
							blobs.delete(key);
						}
					}
				}
				catch (IOException | RuntimeException ex) {
					// Only wasted space: an unreferenced blob is never served.
					log.warn("Could not remove the blobs of rolled-back upload {}: {}", sha256, ex.toString());
				}
			}
		});
	}

	static String readable(DataSize size) {
		long bytes = size.toBytes();
		if (bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
			return size.toMegabytes() + " MB";
		}
		if (bytes % DataSize.ofKilobytes(1).toBytes() == 0) {
			return size.toKilobytes() + " KB";
		}
		return bytes + " B";
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void deleteQuietly(Path scratch) {
		if (scratch != null) {
			try {
				Files.deleteIfExists(scratch);
			}
			catch (IOException ex) {
				// A leftover scratch file under <root>/tmp is only wasted space.
			}
		}
	}

}
