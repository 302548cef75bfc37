package cn.chuangwen.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import cn.chuangwen.tasks.AssignmentState;
import cn.chuangwen.tasks.CityComparison;
import cn.chuangwen.tasks.ProgressTrend;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON static/js/trend.js reads from a page (no inline script: CSP), with every label in the
 * reader's language: one system's trend (assignments per state, day by day) or the province's
 * comparison of its cities (signed-off percent and overdue items per city, day by day).
 */
@Component
class TrendCharts {

	private final JsonMapper json;

	private final MessageSource messages;

	TrendCharts(JsonMapper json, MessageSource messages) {
		this.json = json;
		this.messages = messages;
	}

	/**
	 * One system's trend: days oldest first, a count series per state, the signed-off percent,
	 * each day's source.
	 */
	String states(List<ProgressTrend.Point> trend) {
		Locale locale = LocaleContextHolder.getLocale();
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("mode", "states");
		out.put("title", message("trend.chart", locale));
		out.put("xName", message("trend.axis.day", locale));
		out.put("yName", message("trend.axis.count", locale));
		out.put("percentName", message("trend.axis.percent", locale));
		out.put("estimatedLabel", message("trend.legend.estimated", locale));
		Map<String, String> states = new LinkedHashMap<>();
		Map<String, String> colours = new LinkedHashMap<>();
		Map<String, List<Long>> counts = new LinkedHashMap<>();
		// Bottom of the stack to top: done work first, the most urgent on top.
		for (AssignmentState s : List.of(AssignmentState.SIGNED_OFF, AssignmentState.ON_TRACK, AssignmentState.NOT_STARTED,
				AssignmentState.AT_RISK, AssignmentState.OVERDUE)) {
			states.put(s.name(), message(s.messageKey(), locale));
			colours.put(s.name(), s.colour());
			counts.put(s.name(), trend.stream().map(p -> p.count(s)).toList());
		}
		out.put("order", List.copyOf(states.keySet()));
		out.put("states", states);
		out.put("colours", colours);
		Map<String, String> sources = new LinkedHashMap<>();
		for (ProgressTrend.Source s : ProgressTrend.Source.values()) {
			sources.put(s.name(), message(s.messageKey(), locale));
		}
		out.put("sourceNames", sources);
		List<String> days = new ArrayList<>();
		trend.forEach(p -> days.add(p.day().toString()));
		out.put("days", days);
		out.put("counts", counts);
		out.put("signedOffPercent", trend.stream().map(ProgressTrend.Point::signedOffPercent).toList());
		out.put("sources", trend.stream().map(p -> p.source().name()).toList());
		return write(out);
	}

	/**
	 * The cities side by side: every day any city has a point, oldest first; per city its
	 * signed-off percent and overdue items that day (null where the city has no point).
	 */
	String cities(List<CityComparison.CityFigures> figures) {
		Locale locale = LocaleContextHolder.getLocale();
		TreeSet<LocalDate> allDays = new TreeSet<>();
		figures.forEach(f -> f.trend().forEach(p -> allDays.add(p.day())));
		List<Map<String, Object>> cities = new ArrayList<>();
		for (CityComparison.CityFigures f : figures) {
			Map<LocalDate, ProgressTrend.Point> byDay = new LinkedHashMap<>();
			f.trend().forEach(p -> byDay.put(p.day(), p));
			List<Integer> percent = new ArrayList<>();
			List<Long> overdue = new ArrayList<>();
			for (LocalDate d : allDays) {
				ProgressTrend.Point p = byDay.get(d);
				percent.add(p == null ? null : p.signedOffPercent());
				overdue.add(p == null ? null : p.count(AssignmentState.OVERDUE));
			}
			Map<String, Object> city = new LinkedHashMap<>();
			city.put("name", f.cityName());
			city.put("signedOffPercent", percent);
			city.put("overdue", overdue);
			cities.add(city);
		}
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("mode", "cities");
		out.put("title", message("province.trend.chart", locale));
		out.put("xName", message("trend.axis.day", locale));
		out.put("percentName", message("trend.axis.percent", locale));
		out.put("overdueName", message("province.trend.overdueAxis", locale));
		out.put("percentSuffix", message("province.trend.percentSeries", locale));
		out.put("overdueSuffix", message("province.trend.overdueSeries", locale));
		out.put("days", allDays.stream().map(LocalDate::toString).toList());
		out.put("cities", cities);
		return write(out);
	}

	/** One day of the cities' table: each city's point that day (null where it has none), in city order. */
	record CityDay(LocalDate day, List<ProgressTrend.Point> points) {
	}

	/** The cities' trend as table rows, newest day first (the table under the chart). */
	static List<CityDay> cityDays(List<CityComparison.CityFigures> figures) {
		TreeSet<LocalDate> allDays = new TreeSet<>();
		figures.forEach(f -> f.trend().forEach(p -> allDays.add(p.day())));
		List<CityDay> rows = new ArrayList<>();
		for (LocalDate d : allDays.descendingSet()) {
			List<ProgressTrend.Point> points = new ArrayList<>();
			for (CityComparison.CityFigures f : figures) {
				points.add(f.trend().stream().filter(p -> p.day().equals(d)).findFirst().orElse(null));
			}
			rows.add(new CityDay(d, java.util.Collections.unmodifiableList(points)));
		}
		return rows;
	}

	private String write(Map<String, Object> out) {
		// Safe inside <script type="application/json">: no "</script>" can end the block early.
		return json.writeValueAsString(out).replace("</", "<\\/");
	}

	private String message(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}

}
