package cn.chuangwen.documents;

import java.time.Instant;
import java.util.List;

/**
 * A bulletin (通报) that is not an inspection bulletin: a title, an introductory paragraph, then one
 * section per heading with a table (its column headers and rows, already as printed) and the
 * paragraphs under it (e.g. the red and black lists), and a closing paragraph; issuing body and date
 * at the foot. Same official layout and numbering as {@link BulletinDocument}; the module issuing it
 * owns the data and writes the texts in Chinese.
 */
public record TableBulletin(String number, String issuingBody, String title, String intro, Instant issuedAt,
		List<Section> sections, String closing) {

	public TableBulletin {
		sections = List.copyOf(sections);
	}

	/**
	 * A section: its heading (numbered 一、二、… when printed), the table (no table without rows; then
	 * {@code empty} is printed instead) and the paragraphs after it. {@code widths}: relative column
	 * widths, one per column, or empty for equal columns.
	 */
	public record Section(String heading, List<String> columns, List<Integer> widths, List<List<String>> rows,
			String empty, List<String> notes) {

		public Section {
			columns = List.copyOf(columns);
			widths = List.copyOf(widths);
			rows = rows.stream().map(List::copyOf).toList();
			notes = List.copyOf(notes);
		}

	}

}
