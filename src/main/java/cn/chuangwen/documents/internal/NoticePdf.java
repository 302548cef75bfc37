package cn.chuangwen.documents.internal;

import java.awt.Color;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;

import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import cn.chuangwen.documents.NoticeDocument;

/**
 * Lays a rectification notice or supervision letter out on the official layout: the addressee,
 * why it is sent, the problems as a table (code, problem, place, found), the deadline and what
 * evidence to send back, and the issuing body with the date. Always in Chinese, like every
 * official document.
 */
@Component
public class NoticePdf {

	static final Locale LANGUAGE = Locale.SIMPLIFIED_CHINESE;

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	/** Relative column widths: no, code, problem, place, found. */
	static final float[] WIDTHS = { 6, 20, 34, 24, 16 };

	static final float CELL_SIZE = 10.5f;

	private final OfficialPdf layout;

	private final MessageSource messages;

	public NoticePdf(OfficialPdf layout, MessageSource messages) {
		this.layout = layout;
		this.messages = messages;
	}

	public boolean fontPresent() {
		return layout.fontPresent();
	}

	public void write(NoticeDocument notice, OutputStream out) {
		String kind = notice.kind().name();
		layout.write(out, new OfficialPdf.Header(notice.issuingBody(), notice.number(), text("notice.pdf.title." + kind),
				text("letter.pdf.page", "{0}")), notice.issuingBody(), (document, base) -> {
					Font normal = new Font(base, 13);
					Font bold = new Font(base, 13, Font.BOLD);
					Paragraph addressee = new Paragraph(text("letter.pdf.addressee", notice.unitName()), normal);
					addressee.setSpacingAfter(6);
					document.add(addressee);
					document.add(OfficialPdf.indented(text("notice.pdf.intro." + kind, notice.items().size()), normal));
					document.add(table(base, notice));
					document.add(OfficialPdf.section(text("notice.pdf.requirements.title"), bold));
					document.add(OfficialPdf.indented(text("notice.pdf.deadline", dateTime(notice.deadline())), normal));
					if (notice.requirements() != null && !notice.requirements().isBlank()) {
						document.add(OfficialPdf.indented(notice.requirements().strip(), normal));
					}
					document.add(OfficialPdf.indented(text("notice.pdf.evidence." + kind), normal));
					Paragraph issuer = new Paragraph(notice.issuingBody(), normal);
					issuer.setAlignment(Element.ALIGN_RIGHT);
					issuer.setSpacingBefore(30);
					document.add(issuer);
					LocalDateTime issued = notice.issuedAt().atZone(ZONE).toLocalDateTime();
					Paragraph date = new Paragraph(text("letter.pdf.date", String.valueOf(issued.getYear()),
							String.valueOf(issued.getMonthValue()), String.valueOf(issued.getDayOfMonth())), normal);
					date.setAlignment(Element.ALIGN_RIGHT);
					document.add(date);
				});
	}

	private PdfPTable table(BaseFont base, NoticeDocument notice) {
		Font head = new Font(base, CELL_SIZE, Font.BOLD);
		Font cell = new Font(base, CELL_SIZE);
		PdfPTable table = new PdfPTable(WIDTHS);
		table.setWidthPercentage(100);
		table.setSpacingBefore(6);
		table.setSpacingAfter(6);
		table.setHeaderRows(1);
		for (String column : new String[] { "no", "code", "problem", "place", "found" }) {
			PdfPCell c = OfficialPdf.cell(text("notice.pdf.col." + column), head);
			c.setHorizontalAlignment(Element.ALIGN_CENTER);
			c.setBackgroundColor(new Color(0xf0, 0xf0, 0xf0));
			table.addCell(c);
		}
		int no = 1;
		for (NoticeDocument.Item item : notice.items()) {
			PdfPCell n = OfficialPdf.cell(String.valueOf(no++), cell);
			n.setHorizontalAlignment(Element.ALIGN_CENTER);
			table.addCell(n);
			PdfPCell code = new PdfPCell(new Phrase(OfficialPdf.unbroken(item.code(),
					new Font(base, OfficialPdf.fitting(base, item.code(), CELL_SIZE, 80), Font.NORMAL))));
			code.setPadding(OfficialPdf.CELL_PADDING);
			code.setVerticalAlignment(Element.ALIGN_MIDDLE);
			table.addCell(code);
			table.addCell(OfficialPdf.cell(item.category() + "：" + item.title(), cell));
			table.addCell(OfficialPdf.cell(item.place() == null || item.place().isBlank() ? "—" : item.place(), cell));
			table.addCell(OfficialPdf.cell(item.foundAt().atZone(ZONE).toLocalDate().toString(), cell));
		}
		return table;
	}

	private static String dateTime(Instant instant) {
		LocalDateTime t = instant.atZone(ZONE).toLocalDateTime();
		return "%d年%d月%d日%02d:%02d".formatted(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(),
				t.getMinute());
	}

	private String text(String key, Object... args) {
		return messages.getMessage(key, args, LANGUAGE);
	}

}
