package cn.chuangwen.documents.internal;

import java.awt.Color;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import cn.chuangwen.documents.FontMissing;
import cn.chuangwen.documents.LetterView;
import cn.chuangwen.tasks.Assignments;
import cn.chuangwen.tasks.Milestone;

/**
 * Lays a responsibility letter out on the official layout ({@link OfficialPdf}: red header,
 * number, title, page numbers): the addressee, the body with the assignments as a table and the
 * standard clauses, the signature and seal areas of both sides. Phone numbers never break across
 * lines: the responsible person's column is wide enough for a landline with area code, a phone
 * number is one unsplittable chunk, and an unusually long one is set smaller to fit.
 * <p>
 * The letter is always in Chinese: it is an official document signed by both sides, and must not
 * read differently depending on who downloads it. The words come from the documents bundle.
 */
@Component
public class LetterPdf {

	static final Locale LANGUAGE = Locale.SIMPLIFIED_CHINESE;

	static final Color GREY = new Color(0x6e, 0x77, 0x81);

	/** The clauses after the table, by section: the number of clauses each section has in the bundle. */
	static final String[] SECTIONS = { "requirements", "assessment", "other" };

	static final int[] CLAUSES = { 4, 2, 1 };

	/** Relative column widths: no, indicator, target, deadline, milestones, responsible. */
	static final float[] WIDTHS = { 6, 18, 20, 14, 21, 21 };

	static final float CELL_SIZE = 10.5f;

	static final float CELL_PADDING = OfficialPdf.CELL_PADDING;

	private final OfficialPdf layout;

	private final MessageSource messages;

	public LetterPdf(OfficialPdf layout, MessageSource messages) {
		this.layout = layout;
		this.messages = messages;
	}

	public boolean fontPresent() {
		return layout.fontPresent();
	}

	public Path fontFile() {
		return layout.fontFile();
	}

	/** Writes the letter as PDF to {@code out}, which stays open; {@link FontMissing} without the font. */
	public void write(LetterView letter, OutputStream out) {
		String title = text("letter.pdf.title", String.valueOf(letter.year()));
		layout.write(out, new OfficialPdf.Header(letter.issued().issuingBody(), letter.number(), title, text("letter.pdf.page", "{0}")),
				letter.issued().issuingBody(), (document, base) -> {
					Paragraph addressee = new Paragraph(text("letter.pdf.addressee", letter.unitName()), new Font(base, 14));
					addressee.setSpacingAfter(6);
					document.add(addressee);
					body(document, base, letter);
					signatures(document, base, letter);
				});
	}

	private void body(Document document, BaseFont base, LetterView letter) {
		Font normal = new Font(base, 13);
		Font bold = new Font(base, 13, Font.BOLD);
		document.add(OfficialPdf.indented(text("letter.pdf.intro", String.valueOf(letter.year()), letter.issued().issuingBody(),
				letter.unitName()), normal));
		document.add(OfficialPdf.section(text("letter.pdf.tasks.title"), bold));
		document.add(table(base, letter));
		for (int s = 0; s < SECTIONS.length; s++) {
			document.add(OfficialPdf.section(text("letter.pdf." + SECTIONS[s] + ".title"), bold));
			for (int c = 1; c <= CLAUSES[s]; c++) {
				document.add(OfficialPdf.indented(text("letter.pdf." + SECTIONS[s] + "." + c, String.valueOf(letter.year())),
						normal));
			}
		}
	}

	private PdfPTable table(BaseFont base, LetterView letter) {
		Font head = new Font(base, CELL_SIZE, Font.BOLD);
		Font cell = new Font(base, CELL_SIZE);
		PdfPTable table = new PdfPTable(WIDTHS);
		table.setWidthPercentage(100);
		table.setSpacingBefore(6);
		table.setSpacingAfter(6);
		table.setHeaderRows(1);
		for (String column : new String[] { "no", "indicator", "target", "deadline", "milestones", "responsible" }) {
			PdfPCell c = OfficialPdf.cell(text("letter.pdf.col." + column), head);
			c.setHorizontalAlignment(Element.ALIGN_CENTER);
			c.setBackgroundColor(new Color(0xf0, 0xf0, 0xf0));
			table.addCell(c);
		}
		for (LetterView.Item item : letter.items()) {
			PdfPCell no = OfficialPdf.cell(String.valueOf(item.no()), cell);
			no.setHorizontalAlignment(Element.ALIGN_CENTER);
			table.addCell(no);
			String indicator = item.indicatorCode() + "\n" + item.indicatorName()
					+ (item.role() == LetterView.Role.COOPERATING ? "\n" + text("letter.pdf.cooperating") : "");
			table.addCell(OfficialPdf.cell(indicator, cell));
			table.addCell(OfficialPdf.cell(dash(item.targetDescription()), cell));
			table.addCell(OfficialPdf.cell(date(item.deadline()), cell));
			StringBuilder ms = new StringBuilder();
			for (Milestone m : item.milestones()) {
				ms.append(ms.isEmpty() ? "" : "\n")
					.append(text("letter.pdf.milestone", m.date().toString(), String.valueOf(m.percent())));
			}
			table.addCell(OfficialPdf.cell(dash(ms.toString()), cell));
			table.addCell(person(item.responsible(), base, cell, columnWidth(5)));
		}
		return table;
	}

	/** The width inside a cell of the column, in points, on the A4 type area. */
	static float columnWidth(int column) {
		float total = 0;
		for (float w : WIDTHS) {
			total += w;
		}
		float area = PageSize.A4.getWidth() - OfficialPdf.LEFT - OfficialPdf.RIGHT;
		return area * WIDTHS[column] / total - 2 * CELL_PADDING - 1;
	}

	/** Name, post, and the phone on a line of its own that never breaks. */
	private static PdfPCell person(LetterView.Person r, BaseFont base, Font font, float width) {
		Phrase phrase = new Phrase(r.name(), font);
		if (r.post() != null && !r.post().isBlank()) {
			phrase.add(new Chunk("\n" + r.post(), font));
		}
		if (r.phone() != null && !r.phone().isBlank()) {
			String phone = r.phone().strip();
			phrase.add(new Chunk("\n", font));
			phrase.add(OfficialPdf.unbroken(phone, new Font(base, OfficialPdf.fitting(base, phone, CELL_SIZE, width))));
		}
		PdfPCell c = new PdfPCell(phrase);
		c.setPadding(CELL_PADDING);
		c.setLeading(0, 1.3f);
		c.setVerticalAlignment(Element.ALIGN_MIDDLE);
		return c;
	}

	private void signatures(Document document, BaseFont base, LetterView letter) {
		Font normal = new Font(base, 13);
		Font seal = new Font(base, 11, Font.NORMAL, GREY);
		PdfPTable table = new PdfPTable(2);
		table.setWidthPercentage(100);
		table.setSpacingBefore(30);
		table.setKeepTogether(true);
		table.addCell(OfficialPdf.plain(text("letter.pdf.sign.issuer"), normal));
		table.addCell(OfficialPdf.plain(text("letter.pdf.sign.unit"), normal));
		table.addCell(OfficialPdf.plain(letter.issued().issuingBody(), normal));
		table.addCell(OfficialPdf.plain(letter.unitName(), normal));
		PdfPCell sealA = OfficialPdf.plain(text("letter.pdf.seal"), seal);
		PdfPCell sealB = OfficialPdf.plain(text("letter.pdf.seal"), seal);
		for (PdfPCell c : new PdfPCell[] { sealA, sealB }) {
			c.setFixedHeight(90);
			c.setHorizontalAlignment(Element.ALIGN_CENTER);
			c.setVerticalAlignment(Element.ALIGN_MIDDLE);
			table.addCell(c);
		}
		table.addCell(OfficialPdf.plain(text("letter.pdf.sign.person"), normal));
		table.addCell(OfficialPdf.plain(text("letter.pdf.sign.person"), normal));
		LocalDate issued = letter.issued().at().atZone(Assignments.ZONE).toLocalDate();
		table.addCell(OfficialPdf.plain(text("letter.pdf.sign.date", chineseDate(issued)), normal));
		table.addCell(OfficialPdf.plain(letter.signed() == null ? text("letter.pdf.sign.dateBlank")
				: text("letter.pdf.sign.date", chineseDate(letter.signed().date())), normal));
		document.add(table);
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

}
