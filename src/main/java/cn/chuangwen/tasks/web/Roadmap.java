package cn.chuangwen.tasks.web;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import cn.chuangwen.tasks.AssignmentView;
import cn.chuangwen.tasks.Milestone;

/**
 * A roadmap drawn with CSS: assignments as bars on one date axis (start to deadline), each bar
 * filled to its progress, milestones as ticks, a line for today, and month labels on the axis.
 * Positions are percents of the span, so the drawing needs no JavaScript and fits any width.
 */
record Roadmap(LocalDate from, LocalDate to, double todayLeft, List<Tick> ticks, List<Bar> bars) {

	/** A date on the axis. */
	record Tick(double left, LocalDate date) {
	}

	/** A milestone on a bar: where, by when and how much. */
	record Point(double left, LocalDate date, int percent) {
	}

	/** One assignment's bar, positioned in percent of the span. */
	record Bar(AssignmentView assignment, double left, double width, List<Point> milestones) {
	}

	/** At most this many labelled dates on the axis, so they fit on a phone. */
	static final int MAX_TICKS = 6;

	static Roadmap of(List<AssignmentView> items, LocalDate today) {
		LocalDate from = items.stream().map(AssignmentView::startDate).min(LocalDate::compareTo).orElse(today);
		LocalDate to = items.stream().map(AssignmentView::deadline).max(LocalDate::compareTo).orElse(today);
		if (today.isBefore(from)) {
			from = today;
		}
		if (today.isAfter(to)) {
			to = today;
		}
		double span = Math.max(1, ChronoUnit.DAYS.between(from, to));
		List<Bar> bars = new ArrayList<>();
		for (AssignmentView a : items) {
			double left = ChronoUnit.DAYS.between(from, a.startDate()) * 100 / span;
			double width = Math.max(0.5, ChronoUnit.DAYS.between(a.startDate(), a.deadline()) * 100 / span);
			List<Point> points = new ArrayList<>();
			for (Milestone m : a.milestones()) {
				points.add(new Point(ChronoUnit.DAYS.between(from, m.date()) * 100 / span, m.date(), m.percent()));
			}
			bars.add(new Bar(a, left, width, points));
		}
		return new Roadmap(from, to, ChronoUnit.DAYS.between(from, today) * 100 / span, ticks(from, to, span), bars);
	}

	/** The first days of months inside the span, every n-th month so that at most MAX_TICKS remain. */
	static List<Tick> ticks(LocalDate from, LocalDate to, double span) {
		LocalDate first = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
		long months = first.isAfter(to) ? 0 : ChronoUnit.MONTHS.between(first, to) + 1;
		long step = Math.max(1, (months + MAX_TICKS - 1) / MAX_TICKS);
		List<Tick> ticks = new ArrayList<>();
		for (LocalDate d = first; !d.isAfter(to); d = d.plusMonths(step)) {
			ticks.add(new Tick(ChronoUnit.DAYS.between(from, d) * 100 / span, d));
		}
		return ticks;
	}

}
