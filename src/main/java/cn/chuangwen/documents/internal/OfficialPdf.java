package cn.chuangwen.documents.internal;

import java.awt.Color;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.SplitCharacter;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import com.lowagie.text.pdf.draw.LineSeparator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import cn.chuangwen.documents.FontMissing;

/**
 * The one layout of every official document the city issues as PDF (letters now; rectification
 * notices, supervision letters and bulletins next), after GB/T 9704: A4 with the official type
 * area, the red header (红头: the issuing body in red, the document number, a red rule), the title,
 * page numbers "— n —". Each document adds only its own body. Chinese text is set in the CJK
 * TrueType font named by {@code chuangwen.documents.cjk-font}, embedded (subset) so the document
 * prints the same anywhere.
 */
@Component
public class OfficialPdf {

	/** Debian's {@code fonts-wqy-zenhei}, face 0 of the collection. */
	public static final String DEFAULT_FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc,0";

	static final Color RED = new Color(0xCC, 0x00, 0x00);

	/** 28 mm left, 26 mm right, 37 mm top, 35 mm bottom: the official document's type area. */
	static final float LEFT = 79, RIGHT = 74, TOP = 105, BOTTOM = 99;

	/** Text that must stay on one line (phone numbers, document numbers): never split inside. */
	static final SplitCharacter NEVER = (start, current, end, chars, chunks) -> false;

	private static final Logger log = LoggerFactory.getLogger(OfficialPdf.class);

	/** What the red header shows; {@code pagePattern} has {0} for the page number ("— {0} —"). */
	public record Header(String issuingBody, String number, String title, String pagePattern) {
	}

	/** The document's own part, written below the header. */
	@FunctionalInterface
	public interface Body {

		void write(Document document, BaseFont font) throws DocumentException;

	}

	private final String font;

	public OfficialPdf(@Value("${chuangwen.documents.cjk-font:" + DEFAULT_FONT + "}") String font) {
		this.font = font == null || font.isBlank() ? DEFAULT_FONT : font.strip();
		if (!fontPresent()) {
			log.warn("The CJK font for PDF documents is missing: {} (install fonts-wqy-zenhei or set chuangwen.documents.cjk-font)",
					fontFile());
		}
	}

	/** The font setting: a .ttf/.otf path, or a .ttc path with {@code ,index}. */
	public String font() {
		return font;
	}

	/** The file part of the setting, without a collection index. */
	public Path fontFile() {
		int comma = font.lastIndexOf(',');
		boolean indexed = comma > 0 && font.substring(comma + 1).strip().matches("\\d+");
		return Path.of(indexed ? font.substring(0, comma) : font);
	}

	public boolean fontPresent() {
		return Files.isReadable(fontFile());
	}

	/**
	 * Writes the document to {@code out}, which stays open: header, then the body. Fails with
	 * {@link FontMissing} before writing anything when the font cannot be read.
	 */
	public void write(OutputStream out, Header header, String author, Body body) {
		if (!fontPresent()) {
			throw new FontMissing(fontFile().toString());
		}
		BaseFont base = baseFont();
		Document document = new Document(PageSize.A4, LEFT, RIGHT, TOP, BOTTOM);
		try {
			PdfWriter writer = PdfWriter.getInstance(document, new NonClosing(out));
			writer.setPageEvent(new PageNumbers(base, header.pagePattern()));
			document.addTitle(header.title());
			document.addSubject(header.number());
			document.addAuthor(author);
			document.addCreator("Chuangwen");
			document.open();
			redHeader(document, base, header);
			body.write(document, base);
			document.close();
		}
		catch (DocumentException ex) {
			throw new IllegalStateException("document " + header.number() + " could not be laid out", ex);
		}
	}

	private static void redHeader(Document document, BaseFont base, Header header) {
		Paragraph issuer = new Paragraph(header.issuingBody(), new Font(base, 24, Font.NORMAL, RED));
		issuer.setAlignment(Element.ALIGN_CENTER);
		issuer.setSpacingAfter(18);
		document.add(issuer);

		Paragraph number = new Paragraph(unbroken(header.number(), new Font(base, 14)));
		number.setAlignment(Element.ALIGN_CENTER);
		document.add(number);

		Paragraph rule = new Paragraph(new Chunk(new LineSeparator(1.5f, 100, RED, Element.ALIGN_CENTER, -4)));
		rule.setSpacingAfter(24);
		document.add(rule);

		Paragraph heading = new Paragraph(header.title(), new Font(base, 20, Font.BOLD));
		heading.setAlignment(Element.ALIGN_CENTER);
		heading.setSpacingAfter(18);
		document.add(heading);
	}

	/** Padding inside a table cell of a document, in points. */
	public static final float CELL_PADDING = 4;

	/** A body paragraph: first line indented by two characters, 1.75 line spacing, set left. */
	public static Paragraph indented(String text, Font font) {
		Paragraph p = new Paragraph(text, font);
		p.setFirstLineIndent(font.getSize() * 2);
		p.setLeading(font.getSize() * 1.75f);
		// Left, not justified: CJK lines have no spaces, and OpenPDF spreads the characters of a justified line apart.
		p.setAlignment(Element.ALIGN_LEFT);
		return p;
	}

	/** A section heading (一、…), indented like the body. */
	public static Paragraph section(String text, Font font) {
		Paragraph p = new Paragraph(text, font);
		p.setFirstLineIndent(font.getSize() * 2);
		p.setSpacingBefore(8);
		p.setLeading(font.getSize() * 1.75f);
		return p;
	}

	/** A bordered table cell, vertically centred. */
	public static PdfPCell cell(String text, Font font) {
		PdfPCell c = new PdfPCell(new Phrase(text, font));
		c.setPadding(CELL_PADDING);
		c.setLeading(0, 1.3f);
		c.setVerticalAlignment(Element.ALIGN_MIDDLE);
		return c;
	}

	/** A cell without borders, for signature blocks. */
	public static PdfPCell plain(String text, Font font) {
		PdfPCell c = new PdfPCell(new Phrase(text, font));
		c.setBorder(Rectangle.NO_BORDER);
		c.setPaddingBottom(6);
		return c;
	}

	/** A chunk OpenPDF never splits across lines (it moves whole to the next line instead). */
	public static Chunk unbroken(String text, Font font) {
		Chunk chunk = new Chunk(text, font);
		chunk.setSplitCharacter(NEVER);
		return chunk;
	}

	/**
	 * The font size at which {@code text} fits on one line of {@code width} points: {@code size},
	 * or smaller for an unusually long text, so that it never has to break.
	 */
	public static float fitting(BaseFont base, String text, float size, float width) {
		float needed = base.getWidthPoint(text, size);
		return needed <= width ? size : size * width / needed;
	}

	private BaseFont baseFont() {
		String spec = font;
		if (spec.toLowerCase(Locale.ROOT).endsWith(".ttc")) {
			spec = spec + ",0";
		}
		try {
			return BaseFont.createFont(spec, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("the CJK font " + spec + " could not be read", ex);
		}
		catch (DocumentException ex) {
			throw new FontMissing(fontFile().toString());
		}
	}

	/** "— n —" centred under the type area of every page. */
	static final class PageNumbers extends PdfPageEventHelper {

		private final Font font;

		private final String pattern;

		PageNumbers(BaseFont base, String pattern) {
			this.font = new Font(base, 12);
			this.pattern = pattern;
		}

		@Override
		public void onEndPage(PdfWriter writer, Document document) {
			float x = (document.left() + document.right()) / 2;
			ColumnText.showTextAligned(writer.getDirectContent(), Element.ALIGN_CENTER,
					new Phrase(pattern.replace("{0}", String.valueOf(writer.getPageNumber())), font), x,
					document.bottom() - 36, 0);
		}

	}

	/** OpenPDF closes the stream it writes to; the caller owns it here. */
	static final class NonClosing extends FilterOutputStream {

		NonClosing(OutputStream out) {
			super(out);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			out.write(b, off, len);
		}

		@Override
		public void close() throws IOException {
			flush();
		}

	}

}
