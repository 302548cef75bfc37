package cn.chuangwen.problems.web;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import jakarta.servlet.http.HttpServletResponse;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

import cn.chuangwen.files.Downloads;
import cn.chuangwen.files.FileKind;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.problems.ProblemFilter;
import cn.chuangwen.problems.ProblemListPublications;
import cn.chuangwen.problems.ProblemLists;
import cn.chuangwen.problems.ProblemStatistics;
import cn.chuangwen.problems.ProblemWorkbooks;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;

/**
 * The office's views over all problems: the red/yellow/green list of a period and ranking group
 * (page and Excel) and the statistics (charts with their tables). For whole-city readers.
 */
@Controller
class ProblemReportPages {

	private final ProblemLists lists;

	private final ProblemStatistics statistics;

	private final Units units;

	private final Cities cities;

	private final JsonMapper json;

	private final ProblemWorkbooks workbooks;

	private final Problems problems;

	private final MessageSource messages;

	private final ProblemListPublications publications;

	private final Clock clock;

	ProblemReportPages(ProblemLists lists, ProblemStatistics statistics, Units units, Cities cities, JsonMapper json,
			ProblemWorkbooks workbooks, MessageSource messages, Problems problems, ProblemListPublications publications,
			Clock clock) {
		this.publications = publications;
		this.clock = clock;
		this.problems = problems;
		this.cities = cities;
		this.workbooks = workbooks;
		this.messages = messages;
		this.lists = lists;
		this.statistics = statistics;
		this.units = units;
		this.json = json;
	}

	@GetMapping("/problems/lists")
	@PreAuthorize("hasAuthority('problem:read')")
	String lists(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String period,
			@RequestParam(required = false) String group, @RequestParam(required = false) String city, Model model) {
		ProblemLists.Period wanted = period(period, lists.lastMonth(), model);
		String cityCode = city(user, city, model);
		List<ProblemLists.Line> lines = lists.of(user, cityCode, wanted, group);
		model.addAttribute("lines", lines);
		model.addAttribute("period", wanted.text());
		model.addAttribute("group", group == null ? "" : group.trim());
		model.addAttribute("groups", groups(user));
		model.addAttribute("bands", bands(lines));
		model.addAttribute("publication", publications.latest(user, cityCode, wanted).orElse(null));
		model.addAttribute("canPublish", user.can(Permissions.PROBLEM_WRITE) && user.cityId() != null);
		model.addAttribute("ended", !wanted.to().isAfter(clock.instant()));
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", FormErrors.none());
		}
		return "problems/lists";
	}

	/** The office publishes the period's list; errors show on the list page, nothing is stored. */
	@PostMapping("/problems/lists/publish")
	@PreAuthorize("hasAuthority('problem:write')")
	String publish(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String period,
			@RequestParam(required = false) String reason, Model model, Locale locale, RedirectAttributes redirect) {
		ProblemLists.Period wanted = ProblemLists.Period.parse(period);
		try {
			publications.publish(user, wanted, reason);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.of(ex.problems(), messages, locale));
			model.addAttribute("reason", reason);
			return lists(user, wanted.text(), null, null, model);
		}
		redirect.addFlashAttribute("notice", "problemList.published.done");
		return "redirect:/problems/lists/published?period=" + wanted.text();
	}

	/**
	 * The published list of a period (by default the newest published), for every account of the
	 * city: what the office circulated, frozen at publication.
	 */
	@GetMapping("/problems/lists/published")
	@PreAuthorize("hasAuthority('problem:read')")
	String published(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String period,
			@RequestParam(required = false) String group, @RequestParam(required = false) String city, Model model) {
		String cityCode = city(user, city, model);
		List<ProblemListPublications.Publication> all = publications.all(user, cityCode);
		List<String> periods = all.stream().map(ProblemListPublications.Publication::period).distinct().toList();
		model.addAttribute("periods", periods);
		String chosen = period == null || period.isBlank() ? (periods.isEmpty() ? null : periods.get(0)) : period.trim();
		String wantedGroup = group == null || group.isBlank() ? null : group.trim();
		model.addAttribute("group", wantedGroup == null ? "" : wantedGroup);
		model.addAttribute("period", chosen);
		if (chosen == null) {
			model.addAttribute("lines", List.of());
			model.addAttribute("groups", List.of());
			return "problems/published";
		}
		ProblemListPublications.PublishedList list = publications.published(user, cityCode,
				ProblemLists.Period.parse(chosen), null);
		model.addAttribute("publication", list.publication());
		model.addAttribute("groups", list.lines().stream().map(ProblemLists.Line::rankingGroup).filter(Objects::nonNull)
			.distinct().sorted().toList());
		List<ProblemLists.Line> lines = list.lines().stream()
			.filter(l -> wantedGroup == null || wantedGroup.equals(l.rankingGroup()))
			.toList();
		model.addAttribute("lines", lines);
		model.addAttribute("bands", bands(lines));
		model.addAttribute("linkUnits", problems.readsWholeCities(user));
		return "problems/published";
	}

	@GetMapping("/problems/lists/published.xlsx")
	@PreAuthorize("hasAuthority('problem:read')")
	void publishedExcel(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String period,
			@RequestParam(required = false) String group, @RequestParam(required = false) String city,
			HttpServletResponse response) throws IOException {
		ProblemLists.Period wanted = ProblemLists.Period.parse(period);
		ProblemListPublications.PublishedList list = publications.published(user, city(user, city, null), wanted, group);
		writeList(response, "红黄绿榜-" + wanted.text() + "-第" + list.publication().version() + "版.xlsx", wanted.text(),
				list.lines());
	}

	@GetMapping("/problems/lists.xlsx")
	@PreAuthorize("hasAuthority('problem:read')")
	void listsExcel(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String period,
			@RequestParam(required = false) String group, @RequestParam(required = false) String city,
			HttpServletResponse response) throws IOException {
		ProblemLists.Period wanted = period == null || period.isBlank() ? lists.lastMonth()
				: ProblemLists.Period.parse(period);
		writeList(response, "红黄绿榜-" + wanted.text() + ".xlsx", wanted.text(),
				lists.of(user, city(user, city, null), wanted, group));
	}

	/** How many lines each band has, in band order. */
	private static Map<ProblemLists.Band, Long> bands(List<ProblemLists.Line> lines) {
		Map<ProblemLists.Band, Long> bands = new LinkedHashMap<>();
		for (ProblemLists.Band b : ProblemLists.Band.values()) {
			bands.put(b, lines.stream().filter(l -> l.band() == b).count());
		}
		return bands;
	}

	/** A list (live or published) as an Excel workbook. */
	private static void writeList(HttpServletResponse response, String fileName, String sheetName,
			List<ProblemLists.Line> lines) throws IOException {
		response.setContentType(FileKind.XLSX.contentType());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Downloads.contentDisposition("attachment", fileName));
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
			Sheet sheet = workbook.createSheet(sheetName);
			String[] columns = { "单位", "榜单", "问题数", "到期数", "按时整改率(%)", "逾期", "退回", "反弹" };
			Row header = sheet.createRow(0);
			for (int c = 0; c < columns.length; c++) {
				header.createCell(c).setCellValue(columns[c]);
				sheet.setColumnWidth(c, (c == 0 ? 24 : 12) * 256);
			}
			int r = 1;
			for (ProblemLists.Line l : lines) {
				Row row = sheet.createRow(r++);
				row.createCell(0).setCellValue(l.unitName());
				row.createCell(1).setCellValue(switch (l.band()) {
					case RED -> "红榜";
					case YELLOW -> "黄榜";
					case GREEN -> "绿榜";
				});
				row.createCell(2).setCellValue(l.problems());
				row.createCell(3).setCellValue(l.due());
				if (l.onTimeRate() != null) {
					row.createCell(4).setCellValue(l.onTimeRate().doubleValue());
				}
				row.createCell(5).setCellValue(l.overdue());
				row.createCell(6).setCellValue(l.rejections());
				row.createCell(7).setCellValue(l.recurrences());
			}
			workbook.write(response.getOutputStream());
			workbook.dispose();
		}
	}

	/** The list as filtered on its page (the same parameters), as an Excel workbook. */
	@GetMapping("/problems/export.xlsx")
	@PreAuthorize("hasAuthority('problem:read')")
	void export(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String state,
			@RequestParam(required = false) String source, @RequestParam(required = false) String category,
			@RequestParam(required = false) String severity, @RequestParam(required = false) String overdue,
			@RequestParam(required = false) String q, @RequestParam(required = false) String unitId,
			@RequestParam(required = false) String mine, HttpServletResponse response) throws IOException {
		ProblemFilter filter = filter(user, state, source, category, severity, overdue, q, unitId, mine);
		response.setContentType(FileKind.XLSX.contentType());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Downloads.contentDisposition("attachment", "问题清单.xlsx"));
		workbooks.export(user, filter, response.getOutputStream());
	}

	/** A located problem as the list's map draws it. */
	record Point(long id, String code, String title, double lat, double lng, String state, String colour,
			boolean overdue, String url) {
	}

	/** The located problems of the list as filtered on its page, newest first, for its map. */
	@GetMapping("/problems/map.json")
	@PreAuthorize("hasAuthority('problem:read')")
	@org.springframework.web.bind.annotation.ResponseBody
	List<Point> map(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String state,
			@RequestParam(required = false) String source, @RequestParam(required = false) String category,
			@RequestParam(required = false) String severity, @RequestParam(required = false) String overdue,
			@RequestParam(required = false) String q, @RequestParam(required = false) String unitId,
			@RequestParam(required = false) String mine, Locale locale) {
		return problems.located(user, user.cityId(), filter(user, state, source, category, severity, overdue, q, unitId, mine),
				Problems.MAX_ON_MAP)
			.stream()
			.map(p -> new Point(p.id(), p.code(), p.title(), p.lat().doubleValue(), p.lng().doubleValue(),
					messages.getMessage(p.state().messageKey(), null, locale), p.overdue() ? "red" : p.state().colour(),
					p.overdue(), "/problems/" + p.id()))
			.toList();
	}

	/** The list page's filter parameters; a value it does not know is no condition, as on the page. */
	private static ProblemFilter filter(CurrentUser user, String state, String source, String category,
			String severity, String overdue, String q, String unitId, String mine) {
		List<FieldProblem> ignored = new ArrayList<>();
		boolean attached = user.has(Role.CITY_LEADER) && "true".equals(mine);
		return new ProblemFilter(ProblemParams.id("unitId", unitId, ignored), ProblemParams.state(state, ignored),
				ProblemParams.source(source, ignored), ProblemParams.blank(category),
				ProblemParams.severity(severity, ignored), ProblemParams.bool("overdue", overdue, ignored),
				attached ? user.id() : null, ProblemParams.text(q, ignored));
	}

	@GetMapping("/problems/import")
	@PreAuthorize("hasAuthority('problem:write')")
	String importForm(Model model) {
		model.addAttribute("errors", FormErrors.none());
		return "problems/import";
	}

	@GetMapping("/problems/import-template.xlsx")
	@PreAuthorize("hasAuthority('problem:write')")
	void template(HttpServletResponse response) throws IOException {
		response.setContentType(FileKind.XLSX.contentType());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Downloads.contentDisposition("attachment", "问题清单导入模板.xlsx"));
		workbooks.writeTemplate(response.getOutputStream());
	}

	/** All rows or none; the page lists every bad row with its number. */
	@PostMapping("/problems/import")
	@PreAuthorize("hasAuthority('problem:write')")
	String importList(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) MultipartFile file,
			Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) throws IOException {
		try {
			if (file == null || file.isEmpty()) {
				throw new InvalidInputException(FieldProblem.of("file", "import.read.empty"));
			}
			int imported;
			try (var in = file.getInputStream()) {
				imported = workbooks.importProblems(user, in);
			}
			redirect.addFlashAttribute("notice", "problem.import.done");
			redirect.addFlashAttribute("noticeArg", imported);
			return "redirect:/problems";
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			model.addAttribute("errors", FormErrors.of(ex.problems(), messages, locale));
			return "problems/import";
		}
	}

	@GetMapping("/problems/statistics")
	@PreAuthorize("hasAuthority('problem:read')")
	String statistics(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String period,
			@RequestParam(required = false) String city, Model model) {
		ProblemLists.Period wanted = period(period, lists.currentYear(), model);
		ProblemStatistics.Figures figures = statistics.of(user, city(user, city, model), wanted);
		model.addAttribute("figures", figures);
		model.addAttribute("period", wanted.text());
		model.addAttribute("chartJson", json.writeValueAsString(figures));
		Map<String, List<ProblemStatistics.Count>> dimensions = new LinkedHashMap<>();
		dimensions.put("byMonth", figures.byMonth());
		dimensions.put("bySource", figures.bySource());
		dimensions.put("byCategory", figures.byCategory());
		dimensions.put("byState", figures.byState());
		dimensions.put("byUnit", figures.byUnit());
		model.addAttribute("dimensions", dimensions);
		return "problems/statistics";
	}

	/** Province staff read one city at a time: the one chosen, else the first they can see. */
	private String city(CurrentUser user, String code, Model model) {
		if (user.cityId() != null) {
			return null;
		}
		List<CityView> visible = cities.visible(user.scope());
		String chosen = code != null && visible.stream().anyMatch(c -> c.code().equals(code)) ? code
				: visible.isEmpty() ? null : visible.get(0).code();
		if (model != null) {
			model.addAttribute("cities", visible);
			model.addAttribute("city", chosen);
		}
		return chosen;
	}

	/** The period asked for, or the default with the error shown when the text is not one. */
	private static ProblemLists.Period period(String text, ProblemLists.Period fallback, Model model) {
		if (text == null || text.isBlank()) {
			return fallback;
		}
		try {
			return ProblemLists.Period.parse(text);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("periodError", true);
			return fallback;
		}
	}

	private List<String> groups(CurrentUser user) {
		if (user.cityId() == null) {
			return List.of();
		}
		return units.search(user.scope(), new UnitQuery(user.cityCode(), null, null, true, null), 100_000)
			.stream()
			.map(UnitView::rankingGroup)
			.filter(Objects::nonNull)
			.distinct()
			.sorted()
			.toList();
	}

}
