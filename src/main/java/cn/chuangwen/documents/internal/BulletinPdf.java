package cn.chuangwen.documents.internal;

import java.awt.Color;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import cn.chuangwen.documents.BulletinDocument;
import cn.chuangwen.documents.TableBulletin;

/**
 * Lays a results bulletin (通报) out on the official layout: why and how the units were scored,
 * one table per ranking group (rank, unit, announced, unannounced, composite, band), the units
 * not ranked, the main problems found and what the units are to do, the issuing body and date.
 * Always in Chinese, like every official document.
 */
@Component
public class BulletinPdf {

	static final Locale LANGUAGE = Locale.SIMPLIFIED_CHINESE;

	/** Relative column widths: rank, unit, announced, unannounced, composite, band. */
	static final float[] WIDTHS = { 8, 36, 14, 14, 14, 14 };

	/** Relative column widths of the findings: no, point type, item, findings, deduction. */
	static final float[] FINDING_WIDTHS = { 8, 14, 50, 12, 16 };

	static final float CELL_SIZE = 10.5f;

	private final OfficialPdf layout;

	private final MessageSource messages;

	public BulletinPdf(OfficialPdf layout, MessageSource messages) {
		this.layout = layout;
		this.messages = messages;
	}

	public void write(BulletinDocument b, OutputStream out) {
		layout.write(out, new OfficialPdf.Header(b.issuingBody(), b.number(), text("bulletin.pdf.title", b.periodLabel()),
				text("letter.pdf.page", "{0}")), b.issuingBody(), (document, base) -> {
					Font normal = new Font(base, 13);
					Font bold = new Font(base, 13, Font.BOLD);
					Paragraph addressee = new Paragraph(text("bulletin.pdf.addressee"), normal);
					addressee.setSpacingAfter(6);
					document.add(addressee);
					document.add(OfficialPdf.indented(text("bulletin.pdf.intro", b.periodLabel()), normal));
					document.add(OfficialPdf.indented(b.method(), normal));
					int section = 1;
					for (BulletinDocument.Group group : b.groups()) {
						document.add(OfficialPdf.section(text("bulletin.pdf.group", numeral(section++), group.name()), bold));
						if (group.lines().isEmpty()) {
							document.add(OfficialPdf.indented(text("bulletin.pdf.noneRanked"), normal));
						}
						else {
							document.add(ranking(base, group));
						}
						if (!group.notRanked().isEmpty()) {
							document.add(OfficialPdf.indented(
									text("bulletin.pdf.notRanked", String.join("、", group.notRanked())), normal));
						}
					}
					document.add(OfficialPdf.section(text("bulletin.pdf.findings", numeral(section++)), bold));
					if (b.findings().isEmpty()) {
						document.add(OfficialPdf.indented(text("bulletin.pdf.noFindings"), normal));
					}
					else {
						document.add(OfficialPdf.indented(text("bulletin.pdf.findingsIntro"), normal));
						document.add(findings(base, b));
					}
					document.add(OfficialPdf.section(text("bulletin.pdf.requirements", numeral(section)), bold));
					document.add(OfficialPdf.indented(text("bulletin.pdf.requirementsText"), normal));
					Paragraph issuer = new Paragraph(b.issuingBody(), normal);
					issuer.setAlignment(Element.ALIGN_RIGHT);
					issuer.setSpacingBefore(30);
					document.add(issuer);
					LocalDate issued = b.issuedAt().atZone(NoticePdf.ZONE).toLocalDate();
					Paragraph date = new Paragraph(text("letter.pdf.date", String.valueOf(issued.getYear()),
							String.valueOf(issued.getMonthValue()), String.valueOf(issued.getDayOfMonth())), normal);
					date.setAlignment(Element.ALIGN_RIGHT);
					document.add(date);
				});
	}

	/** Lays a {@link TableBulletin} out: the same header, addressee, sections and foot as the results bulletin. */
	public void write(TableBulletin b, OutputStream out) {
		layout.write(out, new OfficialPdf.Header(b.issuingBody(), b.number(), b.title(), text("letter.pdf.page", "{0}")),
				b.issuingBody(), (document, base) -> {
					Font normal = new Font(base, 13);
					Font bold = new Font(base, 13, Font.BOLD);
					Paragraph addressee = new Paragraph(text("bulletin.pdf.addressee"), normal);
					addressee.setSpacingAfter(6);
					document.add(addressee);
					document.add(OfficialPdf.indented(b.intro(), normal));
					int section = 1;
					for (TableBulletin.Section s : b.sections()) {
						document.add(OfficialPdf.section(numeral(section++) + "、" + s.heading(), bold));
						if (s.rows().isEmpty()) {
							document.add(OfficialPdf.indented(s.empty(), normal));
						}
						else {
							document.add(rows(base, s));
						}
						for (String note : s.notes()) {
							document.add(OfficialPdf.indented(note, normal));
						}
					}
					if (b.closing() != null && !b.closing().isBlank()) {
						document.add(OfficialPdf.indented(b.closing(), normal));
					}
					Paragraph issuer = new Paragraph(b.issuingBody(), normal);
					issuer.setAlignment(Element.ALIGN_RIGHT);
					issuer.setSpacingBefore(30);
					document.add(issuer);
					LocalDate issued = b.issuedAt().atZone(NoticePdf.ZONE).toLocalDate();
					Paragraph date = new Paragraph(text("letter.pdf.date", String.valueOf(issued.getYear()),
							String.valueOf(issued.getMonthValue()), String.valueOf(issued.getDayOfMonth())), normal);
					date.setAlignment(Element.ALIGN_RIGHT);
					document.add(date);
				});
	}

	private PdfPTable rows(BaseFont base, TableBulletin.Section s) {
		float[] widths = new float[s.columns().size()];
		for (int i = 0; i < widths.length; i++) {
			widths[i] = s.widths().size() == widths.length ? s.widths().get(i) : 1;
		}
		Font head = new Font(base, CELL_SIZE, Font.BOLD);
		PdfPTable table = new PdfPTable(widths);
		table.setWidthPercentage(100);
		table.setSpacingBefore(6);
		table.setSpacingAfter(6);
		table.setHeaderRows(1);
		for (String column : s.columns()) {
			PdfPCell c = OfficialPdf.cell(column, head);
			c.setHorizontalAlignment(Element.ALIGN_CENTER);
			c.setBackgroundColor(new Color(0xf0, 0xf0, 0xf0));
			table.addCell(c);
		}
		Font cell = new Font(base, CELL_SIZE);
		for (List<String> row : s.rows()) {
			for (int i = 0; i < widths.length; i++) {
				String value = i < row.size() && row.get(i) != null ? row.get(i) : "";
				table.addCell(i == 1 ? OfficialPdf.cell(value, cell) : centred(value, cell));
			}
		}
		return table;
	}

	private PdfPTable ranking(BaseFont base, BulletinDocument.Group group) {
		PdfPTable table = table(base, WIDTHS, "rank", "unit", "announced", "unannounced", "composite", "band");
		Font cell = new Font(base, CELL_SIZE);
		for (BulletinDocument.Line l : group.lines()) {
			table.addCell(centred(String.valueOf(l.rank()), cell));
			table.addCell(OfficialPdf.cell(l.unitName(), cell));
			table.addCell(centred(l.announced(), cell));
			table.addCell(centred(l.unannounced(), cell));
			table.addCell(centred(l.composite(), cell));
			table.addCell(centred(l.band(), cell));
		}
		return table;
	}

	private PdfPTable findings(BaseFont base, BulletinDocument b) {
		PdfPTable table = table(base, FINDING_WIDTHS, "no", "pointType", "item", "findings", "deduction");
		Font cell = new Font(base, CELL_SIZE);
		int no = 1;
		for (BulletinDocument.Finding f : b.findings()) {
			table.addCell(centred(String.valueOf(no++), cell));
			table.addCell(OfficialPdf.cell(f.pointType(), cell));
			table.addCell(OfficialPdf.cell(f.category() + "：" + f.item(), cell));
			table.addCell(centred(String.valueOf(f.findings()), cell));
			table.addCell(centred(f.deduction(), cell));
		}
		return table;
	}

	private PdfPTable table(BaseFont base, float[] widths, String... columns) {
		Font head = new Font(base, CELL_SIZE, Font.BOLD);
		PdfPTable table = new PdfPTable(widths);
		table.setWidthPercentage(100);
		table.setSpacingBefore(6);
		table.setSpacingAfter(6);
		table.setHeaderRows(1);
		for (String column : columns) {
			PdfPCell c = OfficialPdf.cell(text("bulletin.pdf.col." + column), head);
			c.setHorizontalAlignment(Element.ALIGN_CENTER);
			c.setBackgroundColor(new Color(0xf0, 0xf0, 0xf0));
			table.addCell(c);
		}
		return table;
	}

	private static PdfPCell centred(String text, Font font) {
		PdfPCell c = OfficialPdf.cell(text, font);
		c.setHorizontalAlignment(Element.ALIGN_CENTER);
		return c;
	}

	/** 一、二、三… for the section headings (a bulletin has a handful of sections). */
	static String numeral(int n) {
		String[] digits = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" };
		if (n <= 10) {
			return digits[n];
		}
		return n < 20 ? "十" + digits[n - 10] : String.valueOf(n);
	}

	private String text(String key, Object... args) {
		return messages.getMessage(key, args, LANGUAGE);
	}

}
