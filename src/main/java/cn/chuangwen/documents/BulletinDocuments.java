package cn.chuangwen.documents;

import java.io.OutputStream;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

import cn.chuangwen.documents.internal.BulletinPdf;

/**
 * The printed bulletin (通报) of a period's inspection results, on the city's official layout (red
 * header, number, page numbers). Its number comes from {@link DocumentNumbers} ({@link DocumentKind#BULLETIN}).
 */
@Service
public class BulletinDocuments {

	private final BulletinPdf pdf;

	private final MessageSource messages;

	public BulletinDocuments(BulletinPdf pdf, MessageSource messages) {
		this.pdf = pdf;
		this.messages = messages;
	}

	/** The issuing body of the city, always in Chinese. */
	public String issuingBody(String cityName) {
		return messages.getMessage("letter.issuingBody", new Object[] { cityName }, Locale.SIMPLIFIED_CHINESE);
	}

	/** Writes the bulletin as PDF to {@code out}, which stays open; {@link FontMissing} without the font. */
	public void write(BulletinDocument bulletin, OutputStream out) {
		pdf.write(bulletin, out);
	}

	/** Writes a {@link TableBulletin} as PDF to {@code out}, which stays open; {@link FontMissing} without the font. */
	public void write(TableBulletin bulletin, OutputStream out) {
		pdf.write(bulletin, out);
	}

	/** A file name for a {@link TableBulletin}'s download: its number and title. */
	public String fileName(TableBulletin bulletin) {
		return messages.getMessage("bulletin.pdf.tableFileName", new Object[] { bulletin.number(), bulletin.title() },
				Locale.SIMPLIFIED_CHINESE);
	}

	/** A file name for the download, e.g. 潜创通〔2026〕3号-实地测评结果通报.pdf. */
	public String fileName(BulletinDocument bulletin) {
		return messages.getMessage("bulletin.pdf.fileName", new Object[] { bulletin.number() }, Locale.SIMPLIFIED_CHINESE);
	}

}
