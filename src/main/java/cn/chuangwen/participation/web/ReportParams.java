package cn.chuangwen.participation.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import cn.chuangwen.participation.ReportChannel;
import cn.chuangwen.participation.ReportFilter;
import cn.chuangwen.participation.ReportState;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.web.QueryParams;

/** The report list's filters from text (the URL): each bad value is named in {@code bad} and left null. */
final class ReportParams {

	private ReportParams() {
	}

	static ReportFilter filter(String state, String channel, String categoryId, String townId, String from, String to,
			String q, List<FieldProblem> bad) {
		return new ReportFilter(named(ReportState.class, "state", state, bad),
				named(ReportChannel.class, "channel", channel, bad), QueryParams.id("categoryId", categoryId, bad),
				QueryParams.id("townId", townId, bad), day("from", from, bad), day("to", to, bad),
				QueryParams.text(q, bad));
	}

	/** A channel the office may enter; unknown or missing is null, which the facade refuses by field. */
	static ReportChannel channel(String text) {
		try {
			return text == null ? null : ReportChannel.valueOf(text.strip());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	static <E extends Enum<E>> E named(Class<E> type, String field, String text, List<FieldProblem> bad) {
		String t = QueryParams.blank(text);
		if (t == null) {
			return null;
		}
		try {
			return Enum.valueOf(type, t);
		}
		catch (IllegalArgumentException ex) {
			bad.add(FieldProblem.of(field, "citizenReport.filter.error." + field));
			return null;
		}
	}

	static LocalDate day(String field, String text, List<FieldProblem> bad) {
		String t = QueryParams.blank(text);
		if (t == null) {
			return null;
		}
		try {
			return LocalDate.parse(t);
		}
		catch (DateTimeParseException ex) {
			bad.add(FieldProblem.of(field, "citizenReport.filter.error.day"));
			return null;
		}
	}

}
