package cn.chuangwen.files;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import com.lowagie.text.Document;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbookType;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

import cn.chuangwen.support.ExifJpeg;

/** Small evidence files built in code: every accepted kind, and the tricks that must be refused. */
public final class EvidenceFixtures {

	/** A 1×1 lossless WEBP (VP8L), the image browsers use to probe WEBP support. */
	public static final String WEBP_LOSSLESS_1X1 = "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==";

	/** A 1×1 lossy WEBP (VP8). */
	public static final String WEBP_LOSSY_1X1 = "UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA";

	private EvidenceFixtures() {
	}

	public static BufferedImage picture(int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(new Color(0x2a6f97));
		g.fillRect(0, 0, width, height);
		g.setColor(Color.ORANGE);
		g.fillOval(width / 4, height / 4, width / 2, height / 2);
		g.dispose();
		return image;
	}

	public static byte[] png(int width, int height) {
		return encode(picture(width, height), "png");
	}

	public static byte[] jpeg(int width, int height) {
		return encode(picture(width, height), "jpeg");
	}

	public static byte[] webp() {
		return Base64.getDecoder().decode(WEBP_LOSSLESS_1X1);
	}

	public static byte[] webpLossy() {
		return Base64.getDecoder().decode(WEBP_LOSSY_1X1);
	}

	static byte[] encode(BufferedImage image, String format) {
		var out = new ByteArrayOutputStream();
		try {
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalStateException("no writer for " + format);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/**
	 * A JPEG with EXIF: Orientation, DateTimeOriginal ("yyyy:MM:dd HH:mm:ss") and, when given,
	 * OffsetTimeOriginal ("+02:00"). {@link ExifJpeg} writes more (GPS, a description).
	 */
	public static byte[] jpegWithExif(int width, int height, String dateTimeOriginal, String offsetTimeOriginal,
			int orientation) {
		return ExifJpeg.photo(width, height)
			.dateTimeOriginal(dateTimeOriginal)
			.offsetTimeOriginal(offsetTimeOriginal)
			.orientation(orientation)
			.bytes();
	}

	private static byte[] ascii(String s) {
		return (s + "\0").getBytes(StandardCharsets.US_ASCII);
	}

	/** A PNG whose header claims width × height; the pixel data is a few bytes (a decompression bomb). */
	public static byte[] pngClaiming(int width, int height) {
		var out = new ByteArrayOutputStream();
		out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A });
		ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
			.put((byte) 0).put((byte) 0).put((byte) 0);
		chunk(out, "IHDR", ihdr.array());
		Deflater deflater = new Deflater();
		deflater.setInput(new byte[1024]);
		deflater.finish();
		byte[] idat = new byte[64];
		int n = deflater.deflate(idat);
		chunk(out, "IDAT", java.util.Arrays.copyOf(idat, n));
		chunk(out, "IEND", new byte[0]);
		return out.toByteArray();
	}

	private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
		byte[] t = type.getBytes(StandardCharsets.US_ASCII);
		out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
		out.writeBytes(t);
		out.writeBytes(data);
		CRC32 crc = new CRC32();
		crc.update(t);
		crc.update(data);
		out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}

	/** The smallest thing a PDF reader accepts as a start and an end. */
	public static byte[] pdfHeader() {
		return ascii("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
	}

	/** A real PDF, written by OpenPDF. */
	public static byte[] pdf() {
		var out = new ByteArrayOutputStream();
		Document document = new Document();
		PdfWriter.getInstance(document, out);
		document.open();
		document.add(new Paragraph("Evidence"));
		document.close();
		return out.toByteArray();
	}

	public static byte[] docx() {
		try (XWPFDocument doc = new XWPFDocument(); var out = new ByteArrayOutputStream()) {
			doc.createParagraph().createRun().setText("Progress report");
			doc.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static byte[] xlsx() {
		return workbook(XSSFWorkbookType.XLSX);
	}

	/** A macro-enabled workbook: refused even when named .xlsx. */
	public static byte[] xlsm() {
		return workbook(XSSFWorkbookType.XLSM);
	}

	private static byte[] workbook(XSSFWorkbookType type) {
		try (XSSFWorkbook wb = new XSSFWorkbook(type); var out = new ByteArrayOutputStream()) {
			wb.createSheet("Sheet1").createRow(0).createCell(0).setCellValue("Progress");
			wb.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A ZIP of the given entries (name, content). */
	public static byte[] zip(String... namesAndContents) {
		var bytes = new ByteArrayOutputStream();
		try (var zip = new ZipOutputStream(bytes)) {
			for (int i = 0; i < namesAndContents.length; i += 2) {
				zip.putNextEntry(new ZipEntry(namesAndContents[i]));
				zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
				zip.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	public static byte[] html() {
		return "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
			.getBytes(StandardCharsets.UTF_8);
	}

	public static byte[] svg() {
		return """
				<?xml version="1.0" encoding="UTF-8"?>
				<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>
				""".getBytes(StandardCharsets.UTF_8);
	}

	/** The start of a Windows executable. */
	public static byte[] exe() {
		byte[] b = new byte[256];
		b[0] = 'M';
		b[1] = 'Z';
		b[2] = (byte) 0x90;
		return b;
	}

	public static byte[] concat(byte[] a, byte[] b) {
		byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, out, a.length, b.length);
		return out;
	}

	/** An endless stream of the prefix followed by zeros, counting what was read from it. */
	public static final class Endless extends InputStream {

		private final byte[] prefix;

		private long read;

		public Endless(byte[] prefix) {
			this.prefix = prefix;
		}

		@Override
		public int read() {
			int b = read < prefix.length ? prefix[(int) read] & 0xFF : 0;
			read++;
			return b;
		}

		@Override
		public int read(byte[] buffer, int off, int len) {
			for (int i = 0; i < len; i++) {
				buffer[off + i] = read + i < prefix.length ? prefix[(int) (read + i)] : 0;
			}
			read += len;
			return len;
		}

		public long bytesRead() {
			return read;
		}

	}

}
