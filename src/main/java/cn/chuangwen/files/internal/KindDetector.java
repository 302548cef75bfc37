package cn.chuangwen.files.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import cn.chuangwen.files.FileKind;

/**
 * Decides a file's kind from its bytes alone: magic numbers, and for DOCX/XLSX the entries of the
 * ZIP container. Anything else (HTML, SVG, executables, a ZIP of something else, macro-enabled
 * Office files) is refused.
 */
public class KindDetector {

	static final byte[] JPEG = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF };

	static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A };

	static final byte[] RIFF = { 'R', 'I', 'F', 'F' };

	static final byte[] WEBP = { 'W', 'E', 'B', 'P' };

	static final byte[] PDF = { '%', 'P', 'D', 'F', '-' };

	static final byte[] PDF_END = "%%EOF".getBytes(StandardCharsets.US_ASCII);

	/** A PDF reader looks for the end marker within the last 1024 bytes. */
	static final int PDF_TAIL = 1024;

	static final byte[] ZIP = { 'P', 'K', 3, 4 };

	static final String CONTENT_TYPES = "[Content_Types].xml";

	/** [Content_Types].xml is small; reading more than this of it is an attack, not a document. */
	static final int CONTENT_TYPES_MAX = 1 << 20;

	/** The main part's type: the plain document and workbook, not templates or macro-enabled files. */
	static final String DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";

	static final String XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";

	private final int maxZipEntries;

	private final long maxUnzippedBytes;

	public KindDetector(FileSettings settings) {
		this.maxZipEntries = settings.maxZipEntries();
		this.maxUnzippedBytes = settings.maxUnzippedSize().toBytes();
	}

	/** The kind of the (non-empty) file; {@link UploadRefused} when it is none of the accepted kinds. */
	public FileKind detect(Path file) throws IOException {
		byte[] head = head(file, 16);
		if (startsWith(head, JPEG)) {
			return FileKind.JPEG;
		}
		if (startsWith(head, PNG)) {
			return FileKind.PNG;
		}
		if (startsWith(head, RIFF) && head.length >= 12 && Arrays.equals(head, 8, 12, WEBP, 0, 4)) {
			return FileKind.WEBP;
		}
		if (startsWith(head, PDF)) {
			checkPdfEnd(file);
			return FileKind.PDF;
		}
		if (startsWith(head, ZIP)) {
			return office(file);
		}
		throw new UploadRefused("files.error.type");
	}

	/** A PDF cut short (an interrupted upload, a broken scanner) has no end marker. */
	static void checkPdfEnd(Path file) throws IOException {
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = ch.size();
			int n = (int) Math.min(size, PDF_TAIL);
			ByteBuffer buf = ByteBuffer.allocate(n);
			ch.position(size - n);
			while (buf.hasRemaining() && ch.read(buf) >= 0) {
				// keep reading
			}
			if (indexOf(buf.array(), PDF_END) < 0) {
				throw new UploadRefused("files.error.document.unreadable");
			}
		}
	}

	/** DOCX or XLSX: a ZIP with [Content_Types].xml naming the main part, within the entry and size limits. */
	FileKind office(Path file) throws IOException {
		boolean contentTypes = false;
		boolean word = false;
		boolean excel = false;
		try (ZipFile zip = new ZipFile(file.toFile())) {
			int count = 0;
			long unzipped = 0;
			Enumeration<? extends ZipEntry> entries = zip.entries();
			while (entries.hasMoreElements()) {
				ZipEntry e = entries.nextElement();
				if (++count > maxZipEntries) {
					throw new UploadRefused("files.error.document.tooLarge");
				}
				if (e.getSize() < 0) {
					throw new UploadRefused("files.error.document.unreadable");
				}
				unzipped += e.getSize();
				if (unzipped > maxUnzippedBytes) {
					throw new UploadRefused("files.error.document.tooLarge");
				}
				String name = e.getName();
				if (name.toLowerCase(Locale.ROOT).endsWith("vbaproject.bin")) {
					throw new UploadRefused("files.error.type");
				}
				contentTypes |= CONTENT_TYPES.equals(name);
				word |= "word/document.xml".equalsIgnoreCase(name);
				excel |= "xl/workbook.xml".equalsIgnoreCase(name);
			}
			if (!contentTypes || word == excel) {
				throw new UploadRefused("files.error.type");
			}
			String types = contentTypes(zip);
			if (word && types.contains(DOCX_MAIN)) {
				return FileKind.DOCX;
			}
			if (excel && types.contains(XLSX_MAIN)) {
				return FileKind.XLSX;
			}
			throw new UploadRefused("files.error.type");
		}
		catch (ZipException ex) {
			throw new UploadRefused("files.error.document.unreadable");
		}
	}

	static String contentTypes(ZipFile zip) throws IOException {
		ZipEntry entry = zip.getEntry(CONTENT_TYPES);
		try (InputStream in = zip.getInputStream(entry)) {
			byte[] bytes = in.readNBytes(CONTENT_TYPES_MAX + 1);
			if (bytes.length > CONTENT_TYPES_MAX) {
				throw new UploadRefused("files.error.document.tooLarge");
			}
			return new String(bytes, StandardCharsets.UTF_8);
		}
	}

	static byte[] head(Path file, int n) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return in.readNBytes(n);
		}
	}

	static boolean startsWith(byte[] data, byte[] prefix) {
		return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
	}

	static int indexOf(byte[] data, byte[] needle) {
		outer: for (int i = 0; i <= data.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (data[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
