package cn.chuangwen.documents;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.documents.internal.NumberStore;
import cn.chuangwen.organization.CityView;

/**
 * Document numbers (发文字号): one sequence per city, document kind and year, starting at 1, e.g.
 * 仙创责〔2026〕1号 for the first responsibility letter of 仙桃市 in 2026. Every document the
 * city issues (letters, rectification notices, supervision letters, bulletins) takes its number
 * here and nowhere else.
 * <p>
 * The number is taken in the caller's transaction (it must have one): the counter row stays
 * locked until the document is stored, so two documents never share a number, and a document
 * whose transaction rolls back gives its number back instead of leaving a gap.
 */
@Service
public class DocumentNumbers {

	/** A number taken: its place in the sequence and the text printed on the document. */
	public record DocumentNumber(DocumentKind kind, int year, int seq, String text) {
	}

	private final NumberStore store;

	private final MessageSource messages;

	public DocumentNumbers(NumberStore store, MessageSource messages) {
		this.store = store;
		this.messages = messages;
	}

	/** Takes the next number of the city's sequence for the kind and year. */
	@Transactional(propagation = Propagation.MANDATORY)
	public DocumentNumber next(CityView city, DocumentKind kind, int year) {
		int seq = store.increment(city.id(), kind.name(), year);
		return new DocumentNumber(kind, year, seq, format(city, kind, year, seq));
	}

	/** The printed number: always Chinese, whoever issues the document. */
	String format(CityView city, DocumentKind kind, int year, int seq) {
		String abbreviation = messages.getMessage(kind.abbreviationKey(), null, Locale.SIMPLIFIED_CHINESE);
		return messages.getMessage("document.number",
				new Object[] { city.name().substring(0, 1), abbreviation, String.valueOf(year), String.valueOf(seq) },
				Locale.SIMPLIFIED_CHINESE);
	}

}
