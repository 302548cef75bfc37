package cn.chuangwen.documents;

import java.io.OutputStream;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

import cn.chuangwen.documents.internal.NoticePdf;

/**
 * The printed form of rectification notices and supervision letters on the city's official
 * layout (red header, number, page numbers). Numbers come from {@link DocumentNumbers}.
 */
@Service
public class NoticeDocuments {

	private final NoticePdf pdf;

	private final MessageSource messages;

	public NoticeDocuments(NoticePdf pdf, MessageSource messages) {
		this.pdf = pdf;
		this.messages = messages;
	}

	/** The body that issues notices in the city, always in Chinese (e.g. 仙桃市创建全国文明城市工作指挥部). */
	public String issuingBody(String cityName) {
		return messages.getMessage("letter.issuingBody", new Object[] { cityName }, Locale.SIMPLIFIED_CHINESE);
	}

	public boolean fontPresent() {
		return pdf.fontPresent();
	}

	/** Writes the notice as PDF to {@code out}, which stays open; {@link FontMissing} without the font. */
	public void write(NoticeDocument notice, OutputStream out) {
		pdf.write(notice, out);
	}

	/** A file name for the download, e.g. 仙创整〔2026〕3号-整改通知书.pdf. */
	public String fileName(NoticeDocument notice) {
		return messages.getMessage("notice.pdf.fileName",
				new Object[] { notice.number(), messages.getMessage("notice.pdf.title." + notice.kind().name(), null,
						Locale.SIMPLIFIED_CHINESE) },
				Locale.SIMPLIFIED_CHINESE);
	}

}
