package cn.chuangwen.documents;

import java.time.Instant;
import java.util.List;

/**
 * A rectification notice (整改通知书) or supervision letter (督办函) as printed: what the office
 * sends a unit about its problems. The problems module owns the notice; this is only its text.
 */
public record NoticeDocument(DocumentKind kind, String number, String issuingBody, String unitName,
		Instant deadline, String requirements, Instant issuedAt, List<Item> items) {

	public NoticeDocument {
		items = List.copyOf(items);
	}

	/** One problem of the notice. */
	public record Item(String code, String title, String category, String place, Instant foundAt) {
	}

}
