package cn.chuangwen.documents;

import java.time.Instant;
import java.util.List;

/**
 * A bulletin (通报) of a period's inspection results as printed: the ranking of each group with
 * the scores, the units whose sample was too small, and the main problems found. The inspections
 * module owns the results; this is only their text, already in Chinese where it is data.
 */
public record BulletinDocument(String number, String issuingBody, String periodLabel, String method,
		Instant issuedAt, List<Group> groups, List<Finding> findings) {

	public BulletinDocument {
		groups = List.copyOf(groups);
		findings = List.copyOf(findings);
	}

	/** A ranking group: its ranked lines in rank order and the names of the units not ranked. */
	public record Group(String name, List<Line> lines, List<String> notRanked) {

		public Group {
			lines = List.copyOf(lines);
			notRanked = List.copyOf(notRanked);
		}

	}

	/** A ranked unit: scores as printed ("86.50", or "—"), and its band's Chinese name. */
	public record Line(int rank, String unitName, String announced, String unannounced, String composite, String band) {
	}

	/** A checklist item with many deductions: where, what, how often, how many points. */
	public record Finding(String pointType, String category, String item, int findings, String deduction) {
	}

}
