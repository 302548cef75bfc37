package cn.chuangwen.tasks.internal;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
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
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import com.lowagie.text.pdf.draw.LineSeparator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import cn.chuangwen.tasks.LetterView;
import cn.chuangwen.tasks.Milestone;
import cn.chuangwen.tasks.ResponsibilityLetters;

/**
 * Lays a responsibility letter out as an official document on A4 (docs/ui.md, after GB/T 9704):
 * the issuing body in red over a red rule, the number, the title, the addressee, the body with
 * the assignments as a table and the standard clauses, the signature and seal areas of both
 * sides, page numbers "— n —". Chinese text is set in the CJK TrueType font named by
 * {@code chuangwen.documents.cjk-font}, embedded (subset) so the letter prints the same anywhere.
 * <p>
 * The letter is always in Chinese: it is an official document signed by both sides, and must not
 * read differently depending on who downloads it. The words come from the documents bundle.
 */
@Component
public class LetterPdf {

	/** Debian's {@code fonts-wqy-zenhei}, face 0 of the collection. */
	public static final String DEFAULT_FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc,0";

	static final Locale LANGUAGE = Locale.SIMPLIFIED_CHINESE;

	static final Color RED = new Color(0xCC, 0x00, 0x00);

	static final Color GREY = new Color(0x6e, 0x77, 0x81);

	/** 28 mm left, 26 mm right, 37 mm top, 35 mm bottom: the official document's type area. */
	static final float LEFT = 79, RIGHT = 74, TOP = 105, BOTTOM = 99;

	/** The clauses after the table, by section: the number of clauses each section has in the bundle. */
	static final String[] SECTIONS = { "requirements", "assessment", "other" };

	static final int[] CLAUSES = { 4, 2, 1 };

	private static final Logger log = LoggerFactory.getLogger(LetterPdf.class);

	private final String font;

	private final MessageSource messages;

	public LetterPdf(@Value("${chuangwen.documents.cjk-font:" + DEFAULT_FONT + "}") String font,
			MessageSource messages) {
		this.font = font == null || font.isBlank() ? DEFAULT_FONT : font.strip();
		this.messages = messages;
		if (!fontPresent()) {
			log.warn("The CJK font for PDF letters is missing: {} (install fonts-wqy-zenhei or set chuangwen.documents.cjk-font)",
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

	/** Fails with {@link ResponsibilityLetters.FontMissing} when the font cannot be read. */
	public void requireFont() {
		if (!fontPresent()) {
			throw new ResponsibilityLetters.FontMissing(fontFile().toString());
		}
	}

	/** Writes the letter as PDF to {@code out}, which stays open. */
	public void write(LetterView letter, OutputStream out) {
		requireFont();
		BaseFont base = baseFont();
		Document document = new Document(PageSize.A4, LEFT, RIGHT, TOP, BOTTOM);
		try {
			PdfWriter writer = PdfWriter.getInstance(document, new NonClosing(out));
			writer.setPageEvent(new PageNumbers(base, text("letter.pdf.page", "{0}")));
			String title = text("letter.pdf.title", String.valueOf(letter.year()));
			document.addTitle(title);
			document.addSubject(letter.number());
			document.addAuthor(letter.issuingBody());
			document.addCreator("Chuangwen");
			document.open();
			header(document, base, letter, title);
			body(document, base, letter);
			signatures(document, base, letter);
			document.close();
		}
		catch (DocumentException ex) {
			throw new IllegalStateException("letter " + letter.id() + " could not be laid out", ex);
		}
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
			throw new ResponsibilityLetters.FontMissing(fontFile().toString());
		}
	}

	private void header(Document document, BaseFont base, LetterView letter, String title) {
		Paragraph issuer = new Paragraph(letter.issuingBody(), new Font(base, 24, Font.NORMAL, RED));
		issuer.setAlignment(Element.ALIGN_CENTER);
		issuer.setSpacingAfter(18);
		document.add(issuer);

		Paragraph number = new Paragraph(letter.number(), new Font(base, 14));
		number.setAlignment(Element.ALIGN_CENTER);
		document.add(number);

		Paragraph rule = new Paragraph(new Chunk(new LineSeparator(1.5f, 100, RED, Element.ALIGN_CENTER, -4)));
		rule.setSpacingAfter(24);
		document.add(rule);

		Paragraph heading = new Paragraph(title, new Font(base, 20, Font.BOLD));
		heading.setAlignment(Element.ALIGN_CENTER);
		heading.setSpacingAfter(18);
		document.add(heading);

		Paragraph addressee = new Paragraph(text("letter.pdf.addressee", letter.unitName()), new Font(base, 14));
		addressee.setSpacingAfter(6);
		document.add(addressee);
	}

	private void body(Document document, BaseFont base, LetterView letter) {
		Font normal = new Font(base, 13);
		Font bold = new Font(base, 13, Font.BOLD);
		document.add(indented(text("letter.pdf.intro", String.valueOf(letter.year()), letter.issuingBody(),
				letter.unitName()), normal));
		document.add(section(text("letter.pdf.tasks.title"), bold));
		document.add(table(base, letter));
		for (int s = 0; s < SECTIONS.length; s++) {
			document.add(section(text("letter.pdf." + SECTIONS[s] + ".title"), bold));
			for (int c = 1; c <= CLAUSES[s]; c++) {
				document.add(indented(text("letter.pdf." + SECTIONS[s] + "." + c, String.valueOf(letter.year())),
						normal));
			}
		}
	}

	private PdfPTable table(BaseFont base, LetterView letter) {
		Font head = new Font(base, 10.5f, Font.BOLD);
		Font cell = new Font(base, 10.5f);
		PdfPTable table = new PdfPTable(new float[] { 7, 18, 20, 15, 23, 17 });
		table.setWidthPercentage(100);
		table.setSpacingBefore(6);
		table.setSpacingAfter(6);
		table.setHeaderRows(1);
		for (String column : new String[] { "no", "indicator", "target", "deadline", "milestones", "responsible" }) {
			PdfPCell c = cell(text("letter.pdf.col." + column), head);
			c.setHorizontalAlignment(Element.ALIGN_CENTER);
			c.setBackgroundColor(new Color(0xf0, 0xf0, 0xf0));
			table.addCell(c);
		}
		for (LetterView.Item item : letter.items()) {
			PdfPCell no = cell(String.valueOf(item.no()), cell);
			no.setHorizontalAlignment(Element.ALIGN_CENTER);
			table.addCell(no);
			String indicator = item.indicatorCode() + "\n" + item.indicatorName()
					+ (item.role() == LetterView.Role.COOPERATING ? "\n" + text("letter.pdf.cooperating") : "");
			table.addCell(cell(indicator, cell));
			table.addCell(cell(dash(item.targetDescription()), cell));
			table.addCell(cell(date(item.deadline()), cell));
			StringBuilder ms = new StringBuilder();
			for (Milestone m : item.milestones()) {
				ms.append(ms.isEmpty() ? "" : "\n")
					.append(text("letter.pdf.milestone", m.date().toString(), String.valueOf(m.percent())));
			}
			table.addCell(cell(dash(ms.toString()), cell));
			var r = item.responsible();
			StringBuilder person = new StringBuilder(r.name());
			if (r.post() != null) {
				person.append('\n').append(r.post());
			}
			if (r.phone() != null) {
				person.append('\n').append(r.phone());
			}
			table.addCell(cell(person.toString(), cell));
		}
		return table;
	}

	private void signatures(Document document, BaseFont base, LetterView letter) {
		Font normal = new Font(base, 13);
		Font seal = new Font(base, 11, Font.NORMAL, GREY);
		PdfPTable table = new PdfPTable(2);
		table.setWidthPercentage(100);
		table.setSpacingBefore(30);
		table.setKeepTogether(true);
		table.addCell(plain(text("letter.pdf.sign.issuer"), normal));
		table.addCell(plain(text("letter.pdf.sign.unit"), normal));
		table.addCell(plain(letter.issuingBody(), normal));
		table.addCell(plain(letter.unitName(), normal));
		PdfPCell sealA = plain(text("letter.pdf.seal"), seal);
		PdfPCell sealB = plain(text("letter.pdf.seal"), seal);
		for (PdfPCell c : new PdfPCell[] { sealA, sealB }) {
			c.setFixedHeight(90);
			c.setHorizontalAlignment(Element.ALIGN_CENTER);
			c.setVerticalAlignment(Element.ALIGN_MIDDLE);
			table.addCell(c);
		}
		table.addCell(plain(text("letter.pdf.sign.person"), normal));
		table.addCell(plain(text("letter.pdf.sign.person"), normal));
		LocalDate issued = letter.issuedAt().atZone(cn.chuangwen.tasks.Assignments.ZONE).toLocalDate();
		table.addCell(plain(text("letter.pdf.sign.date", chineseDate(issued)), normal));
		table.addCell(plain(letter.signedDate() == null ? text("letter.pdf.sign.dateBlank")
				: text("letter.pdf.sign.date", chineseDate(letter.signedDate())), normal));
		document.add(table);
	}

	private static Paragraph indented(String text, Font font) {
		Paragraph p = new Paragraph(text, font);
		p.setFirstLineIndent(font.getSize() * 2);
		p.setLeading(font.getSize() * 1.75f);
		// Left, not justified: CJK lines have no spaces, and OpenPDF spreads the characters of a justified line apart.
		p.setAlignment(Element.ALIGN_LEFT);
		return p;
	}

	private static Paragraph section(String text, Font font) {
		Paragraph p = new Paragraph(text, font);
		p.setFirstLineIndent(font.getSize() * 2);
		p.setSpacingBefore(8);
		p.setLeading(font.getSize() * 1.75f);
		return p;
	}

	private static PdfPCell cell(String text, Font font) {
		PdfPCell c = new PdfPCell(new Phrase(text, font));
		c.setPadding(4);
		c.setLeading(0, 1.3f);
		c.setVerticalAlignment(Element.ALIGN_MIDDLE);
		return c;
	}

	private static PdfPCell plain(String text, Font font) {
		PdfPCell c = new PdfPCell(new Phrase(text, font));
		c.setBorder(Rectangle.NO_BORDER);
		c.setPaddingBottom(6);
		return c;
	}

	private String chineseDate(LocalDate date) {
		return text("letter.pdf.date", String.valueOf(date.getYear()), String.valueOf(date.getMonthValue()),
				String.valueOf(date.getDayOfMonth()));
	}

	private static String date(LocalDate date) {
		return date == null ? "—" : date.toString();
	}

	private static String dash(String s) {
		return s == null || s.isBlank() ? "—" : s;
	}

	private String text(String key, Object... args) {
		return messages.getMessage(key, args, LANGUAGE);
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
	static final class NonClosing extends java.io.FilterOutputStream {

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
