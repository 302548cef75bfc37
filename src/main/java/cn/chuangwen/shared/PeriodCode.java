package cn.chuangwen.shared;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A period's code as the issues spell it: {@code 2026-W48} (ISO week), {@code 2026-11} (month),
 * {@code 2026-B6} (sixth bimonth, November and December), {@code 2026-Q4} (quarter), {@code 2026}
 * (year). {@code start} is the first day, {@code end} the day after the last, both calendar dates
 * (a city reads them in its own time zone).
 */
public record PeriodCode(String text, Kind kind, LocalDate start, LocalDate end) {

	public enum Kind {

		WEEK, MONTH, BIMONTH, QUARTER, YEAR

	}

	/** The years a code may name: wide enough for any campaign, narrow enough to refuse typos. */
	public static final int MIN_YEAR = 2000;

	public static final int MAX_YEAR = 2100;

	private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");

	private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");

	private static final Pattern BIMONTH = Pattern.compile("(\\d{4})-B([1-6])");

	private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

	private static final Pattern YEAR = Pattern.compile("(\\d{4})");

	/** Reads a code; anything else is refused on the field {@code period}. */
	public static PeriodCode parse(String text) {
		return parse(text, "period");
	}

	/** Reads a code; anything else is refused on {@code field}. */
	public static PeriodCode parse(String text, String field) {
		String t = text == null ? "" : text.trim();
		try {
			PeriodCode code = read(t);
			if (code != null && code.start.getYear() >= MIN_YEAR && code.start.getYear() <= MAX_YEAR) {
				return code;
			}
		}
		catch (DateTimeException | NumberFormatException ex) {
			// a month 13 or a week 54: refused below like any other text
		}
		throw new InvalidInputException(FieldProblem.of(field, "period.error.format", t));
	}

	private static PeriodCode read(String t) {
		Matcher m = WEEK.matcher(t);
		if (m.matches()) {
			int year = Integer.parseInt(m.group(1));
			int week = Integer.parseInt(m.group(2));
			LocalDate monday = LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
				.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
			if (monday.get(IsoFields.WEEK_BASED_YEAR) != year || week < 1) {
				return null;
			}
			return new PeriodCode(t, Kind.WEEK, monday, monday.plusWeeks(1));
		}
		m = MONTH.matcher(t);
		if (m.matches()) {
			LocalDate start = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 1);
			return new PeriodCode(t, Kind.MONTH, start, start.plusMonths(1));
		}
		m = BIMONTH.matcher(t);
		if (m.matches()) {
			LocalDate start = LocalDate.of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 2 + 1, 1);
			return new PeriodCode(t, Kind.BIMONTH, start, start.plusMonths(2));
		}
		m = QUARTER.matcher(t);
		if (m.matches()) {
			LocalDate start = LocalDate.of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 3 + 1, 1);
			return new PeriodCode(t, Kind.QUARTER, start, start.plusMonths(3));
		}
		if (YEAR.matcher(t).matches()) {
			LocalDate start = LocalDate.of(Integer.parseInt(t), 1, 1);
			return new PeriodCode(t, Kind.YEAR, start, start.plusYears(1));
		}
		return null;
	}

	/** The period of {@code kind} that holds {@code day}. */
	public static PeriodCode of(Kind kind, LocalDate day) {
		int year = day.getYear();
		return switch (kind) {
			case WEEK -> parse("%d-W%02d".formatted(day.get(IsoFields.WEEK_BASED_YEAR),
					day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
			case MONTH -> parse("%d-%02d".formatted(year, day.getMonthValue()));
			case BIMONTH -> parse("%d-B%d".formatted(year, (day.getMonthValue() + 1) / 2));
			case QUARTER -> parse("%d-Q%d".formatted(year, (day.getMonthValue() + 2) / 3));
			case YEAR -> parse(String.valueOf(year));
		};
	}

	/** Whether a period comes before this one: not for the first of {@link #MIN_YEAR}. */
	public boolean hasPrevious() {
		LocalDate day = start.minusDays(1);
		int year = kind == Kind.WEEK ? day.get(IsoFields.WEEK_BASED_YEAR) : day.getYear();
		return year >= MIN_YEAR;
	}

	/** The period of the same kind just before this one; see {@link #hasPrevious()}. */
	public PeriodCode previous() {
		return of(kind, start.minusDays(1));
	}

	/** The period of the same kind just after this one. */
	public PeriodCode next() {
		return of(kind, end);
	}

	/** Whether {@code day} lies in the period. */
	public boolean contains(LocalDate day) {
		return !day.isBefore(start) && day.isBefore(end);
	}

	/** The last day of the period. */
	public LocalDate lastDay() {
		return end.minusDays(1);
	}

	@Override
	public String toString() {
		return text;
	}

}
