package cn.chuangwen.participation.web;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import cn.chuangwen.organization.CityView;
import cn.chuangwen.participation.CitizenReports;
import cn.chuangwen.participation.ReportBoard;
import cn.chuangwen.participation.ReportState;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.shared.FilterOption;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

/**
 * The public list and map of a city's citizen reports (issue 11 §1), without an account: filters in
 * the address (category, state, town, dates), pages read in SQL, and the response time of each
 * report. A filter value the page does not know is ignored, so an edited address shows more, never
 * an error. Each row links to the report's follow page and the page to the report form (both the
 * citizen pages, {@code /public/reports/{cityCode}/new} and {@code /{code}}).
 */
@Controller
class PublicReportPages {

	static final int PAGE_SIZE = 20;

	private static final Map<ReportState, String> COLOURS = Map.of(ReportState.RECEIVED, "grey", ReportState.ACCEPTED,
			"blue", ReportState.RECTIFYING, "blue", ReportState.SOLVED, "green", ReportState.REJECTED, "amber");

	private final ReportBoard board;

	private final CitizenReports reports;

	private final MessageSource messages;

	private final String tileUrl;

	PublicReportPages(ReportBoard board, CitizenReports reports, MessageSource messages,
			@Value("${chuangwen.map.tile-url:}") String tileUrl) {
		this.board = board;
		this.reports = reports;
		this.messages = messages;
		this.tileUrl = tileUrl == null ? "" : tileUrl.strip();
	}

	/** A row ready to print: the response time already in words. */
	record Row(String code, String category, ReportState state, String colour, String place, String town,
			String date, int supporters, String responseTime, boolean answered) {
	}

	/** A marker of the map, as js/problem-map.js draws it. */
	record Point(String code, String title, String state, String colour, String url, double lat, double lng) {
	}

	@GetMapping("/public/reports/{cityCode}")
	String list(@PathVariable String cityCode, @RequestParam(required = false) String category,
			@RequestParam(required = false) String state, @RequestParam(required = false) String town,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) Integer page, Model model, Locale locale, HttpServletRequest request) {
		CityView city = reports.city(cityCode);
		List<Problems.Category> categories = reports.categories(city.id());
		List<ReportBoard.Town> towns = board.towns(city.id());
		ReportBoard.Filter filter = filter(category, state, town, from, to, categories, towns);
		Page<ReportBoard.Entry> result = board.page(city.id(), filter, PageRequest.lenient(page, PAGE_SIZE));
		String base = "/public/reports/" + city.code();
		model.addAttribute("city", city);
		model.addAttribute("result", result);
		model.addAttribute("rows", result.items().stream().map(e -> row(e, locale)).toList());
		model.addAttribute("base", base);
		model.addAttribute("categoryOptions", FilterOption.of(categories, c -> c.id(), Problems.Category::name,
				filter.categoryId() == null ? null : filter.categoryId().toString()));
		model.addAttribute("stateOptions", FilterOption.of(List.of(ReportState.values()), ReportState::name,
				s -> messages.getMessage(s.messageKey(), null, locale),
				filter.state() == null ? null : filter.state().name()));
		model.addAttribute("townOptions", FilterOption.of(towns, t -> t.id(), ReportBoard.Town::name,
				filter.townId() == null ? null : filter.townId().toString()));
		model.addAttribute("from", filter.from() == null ? "" : filter.from().toString());
		model.addAttribute("to", filter.to() == null ? "" : filter.to().toString());
		model.addAttribute("filtered", filter.categoryId() != null || filter.state() != null || filter.townId() != null
				|| filter.from() != null || filter.to() != null);
		model.addAttribute("tileUrl", tileUrl);
		String query = request.getQueryString();
		model.addAttribute("mapUrl", base + "/map.json" + (query == null ? "" : "?" + query));
		model.addAttribute("maxOnMap", ReportBoard.MAX_ON_MAP);
		return "public/reports";
	}

	/** The located reports of the filtered list, for the map (at most {@link ReportBoard#MAX_ON_MAP}). */
	@GetMapping(value = "/public/reports/{cityCode}/map.json", produces = "application/json")
	@ResponseBody
	List<Point> map(@PathVariable String cityCode, @RequestParam(required = false) String category,
			@RequestParam(required = false) String state, @RequestParam(required = false) String town,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to, Locale locale) {
		CityView city = reports.city(cityCode);
		ReportBoard.Filter filter = filter(category, state, town, from, to, reports.categories(city.id()),
				board.towns(city.id()));
		String base = "/public/reports/" + city.code() + "/";
		return board.located(city.id(), filter)
			.stream()
			.map(e -> new Point(e.code(), e.category(), messages.getMessage(e.state().messageKey(), null, locale),
					COLOURS.get(e.state()), base + e.code(), e.lat().doubleValue(), e.lng().doubleValue()))
			.toList();
	}

	private Row row(ReportBoard.Entry e, Locale locale) {
		String place = e.address() != null ? e.address()
				: e.located() ? e.lat().toPlainString() + ", " + e.lng().toPlainString() : "";
		Duration d = e.responseTime();
		String response = d == null ? messages.getMessage("reportBoard.response.none", null, locale)
				: responseTime(d, locale);
		return new Row(e.code(), e.category(), e.state(), COLOURS.get(e.state()), place, e.town(),
				e.createdAt().atZone(Problems.ZONE).toLocalDate().toString(), e.supporters(), response, d != null);
	}

	/** "2 天 3 小时", "5 小时", "不到 1 小时". */
	private String responseTime(Duration d, Locale locale) {
		long hours = Math.max(0, d.toHours());
		if (hours < 1) {
			return messages.getMessage("reportBoard.response.underHour", null, locale);
		}
		if (hours < 24) {
			return messages.getMessage("reportBoard.response.hours", new Object[] { hours }, locale);
		}
		return messages.getMessage("reportBoard.response.days", new Object[] { hours / 24, hours % 24 }, locale);
	}

	private static ReportBoard.Filter filter(String category, String state, String town, String from, String to,
			List<Problems.Category> categories, List<ReportBoard.Town> towns) {
		Long askedCategory = id(category);
		Long cat = askedCategory != null && categories.stream().anyMatch(c -> c.id() == askedCategory) ? askedCategory
				: null;
		Long askedTown = id(town);
		Long t = askedTown != null && towns.stream().anyMatch(x -> x.id() == askedTown) ? askedTown : null;
		ReportState s = null;
		if (state != null && !state.isBlank()) {
			try {
				s = ReportState.valueOf(state.trim());
			}
			catch (IllegalArgumentException ex) {
				s = null;
			}
		}
		return new ReportBoard.Filter(cat, s, t, date(from), date(to));
	}

	private static Long id(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Long.valueOf(text.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static LocalDate date(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			LocalDate d = LocalDate.parse(text.trim());
			// years a person means; a typed 20266 would overflow the database's timestamp
			return d.getYear() < 2000 || d.getYear() > 2100 ? null : d;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
