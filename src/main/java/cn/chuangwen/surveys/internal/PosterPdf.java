package cn.chuangwen.surveys.internal;

import java.awt.Color;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfWriter;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import cn.chuangwen.documents.FontMissing;

/**
 * The A4 poster a window unit puts up by its counter: the question "请为我们的服务评价", the unit, the
 * survey and its round, and the QR code of the unit's answer link, drawn as vector squares (sharp at
 * any print size), with the address written under it for those who type it. One page per poster;
 * the posters of a round come as one PDF. Chinese is set in the documents' CJK font
 * ({@code chuangwen.documents.cjk-font}), embedded.
 */
@Component
public class PosterPdf {

	static final String DEFAULT_FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc,0";

	static final Color RED = new Color(0xCC, 0x00, 0x00);

	/** One poster: the city, the unit, the survey's name and round, the answer link's full address. */
	public record Poster(String cityName, String unitName, String surveyName, String round, String url) {
	}

	private final String font;

	private final MessageSource messages;

	public PosterPdf(@Value("${chuangwen.documents.cjk-font:" + DEFAULT_FONT + "}") String font, MessageSource messages) {
		this.font = font == null || font.isBlank() ? DEFAULT_FONT : font.strip();
		this.messages = messages;
	}

	/** Writes the posters, one A4 page each, to {@code out} (left open); {@link FontMissing} without the font. */
	public void write(List<Poster> posters, OutputStream out) {
		BaseFont base = baseFont();
		Document document = new Document(PageSize.A4, 56, 56, 56, 56);
		try {
			PdfWriter writer = PdfWriter.getInstance(document, new NonClosing(out));
			document.addTitle(text("survey.poster.pdfTitle"));
			document.addCreator("Chuangwen");
			document.open();
			for (int i = 0; i < posters.size(); i++) {
				if (i > 0) {
					document.newPage();
				}
				page(writer.getDirectContent(), base, posters.get(i));
			}
			document.close();
		}
		catch (DocumentException ex) {
			throw new IllegalStateException("survey posters could not be laid out", ex);
		}
	}

	private void page(PdfContentByte canvas, BaseFont base, Poster p) {
		float width = PageSize.A4.getWidth();
		float height = PageSize.A4.getHeight();
		float centre = width / 2;
		// a red band with the city's campaign, as the notices' red header
		canvas.setColorFill(RED);
		canvas.rectangle(0, height - 80, width, 80);
		canvas.fill();
		line(canvas, text("survey.poster.header", p.cityName()), new Font(base, 20, Font.NORMAL, Color.WHITE), centre,
				height - 50, width - 80, base);
		line(canvas, text("survey.poster.ask"), new Font(base, 34, Font.BOLD, Color.BLACK), centre, height - 150, width - 80, base);
		line(canvas, p.unitName(), new Font(base, 26, Font.NORMAL, RED), centre, height - 200, width - 80, base);
		line(canvas, p.surveyName() + "（" + p.round() + "）", new Font(base, 14, Font.NORMAL, Color.BLACK), centre, height - 232, width - 80, base);
		// the QR code, 300 points wide, centred
		float size = 300;
		float top = height - 262;
		qr(canvas, p.url(), centre - size / 2, top - size, size);
		line(canvas, text("survey.poster.scan"), new Font(base, 20, Font.BOLD, Color.BLACK), centre, top - size - 40, width - 80, base);
		line(canvas, p.url(), new Font(base, 11, Font.NORMAL, Color.BLACK), centre, top - size - 66, width - 60, base);
		line(canvas, text("survey.poster.privacy"), new Font(base, 13, Font.NORMAL, Color.DARK_GRAY), centre, top - size - 100, width - 80, base);
		line(canvas, text("survey.poster.once"), new Font(base, 13, Font.NORMAL, Color.DARK_GRAY), centre, top - size - 122, width - 80, base);
	}

	/** One centred line, made smaller when it would not fit. */
	private static void line(PdfContentByte canvas, String text, Font font, float x, float y, float maxWidth,
			BaseFont base) {
		float needed = base.getWidthPoint(text, font.getSize());
		if (needed > maxWidth) {
			font = new Font(base, font.getSize() * maxWidth / needed, font.getStyle(), font.getColor());
		}
		ColumnText.showTextAligned(canvas, Element.ALIGN_CENTER, new Phrase(text, font), x, y, 0);
	}

	/** The QR code of {@code text} as black squares in a white square at (x, y), {@code size} wide. */
	static void qr(PdfContentByte canvas, String text, float x, float y, float size) {
		BitMatrix m;
		try {
			m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
					Map.of(EncodeHintType.MARGIN, 2, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
		}
		catch (WriterException ex) {
			throw new IllegalStateException("a link this short always fits a QR code", ex);
		}
		float cell = size / m.getWidth();
		canvas.setColorFill(Color.WHITE);
		canvas.rectangle(x, y, size, size);
		canvas.fill();
		canvas.setColorFill(Color.BLACK);
		for (int row = 0; row < m.getHeight(); row++) {
			for (int col = 0; col < m.getWidth(); col++) {
				if (m.get(col, row)) {
					// PDF's y grows upwards: the matrix's first row is the top of the square
					canvas.rectangle(x + col * cell, y + size - (row + 1) * cell, cell, cell);
				}
			}
		}
		canvas.fill();
	}

	private String text(String key, Object... args) {
		return messages.getMessage(key, args, Locale.SIMPLIFIED_CHINESE);
	}

	private BaseFont baseFont() {
		int comma = font.lastIndexOf(',');
		boolean indexed = comma > 0 && font.substring(comma + 1).strip().matches("\\d+");
		Path file = Path.of(indexed ? font.substring(0, comma) : font);
		if (!Files.isReadable(file)) {
			throw new FontMissing(file.toString());
		}
		String spec = font.toLowerCase(Locale.ROOT).endsWith(".ttc") ? font + ",0" : font;
		try {
			return BaseFont.createFont(spec, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("the CJK font " + spec + " could not be read", ex);
		}
		catch (DocumentException ex) {
			throw new FontMissing(file.toString());
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
