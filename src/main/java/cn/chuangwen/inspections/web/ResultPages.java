package cn.chuangwen.inspections.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.chuangwen.files.Downloads;
import cn.chuangwen.files.FileKind;
import cn.chuangwen.inspections.InspectionResults;
import cn.chuangwen.inspections.ResultBand;
import cn.chuangwen.inspections.ResultLine;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.shared.ConflictException;

/**
 * The office's results page (issue 9 §4): a period's scores, ranks, changes and bands per ranking
 * group, live from the closed rounds until published; the publish button; the Excel export of the
 * table as shown; the bulletin once published.
 */
@Controller
class ResultPages {

	private final InspectionResults results;

	private final Cities cities;

	private final MessageSource messages;

	ResultPages(InspectionResults results, Cities cities, MessageSource messages) {
		this.results = results;
		this.cities = cities;
		this.messages = messages;
	}

	@GetMapping("/inspections/results")
	@PreAuthorize("hasAuthority('inspection:results')")
	String page(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String period,
			@RequestParam(required = false) String rankingGroup, @RequestParam(required = false) String city,
			Model model, Locale locale) {
		String cityCode = city(user, city, model);
		if (cityCode == null && user.cityId() == null) {
			return "inspections/results";
		}
		InspectionResults.Results read = results.results(user, cityCode, period, rankingGroup);
		List<String> periods = new ArrayList<>(results.periods(user, cityCode));
		if (!periods.contains(read.period().text())) {
			periods.add(0, read.period().text());
		}
		model.addAttribute("results", read);
		model.addAttribute("periods", periods);
		model.addAttribute("period", read.period().text());
		model.addAttribute("periodLabel", results.periodLabel(read.period(), locale));
		model.addAttribute("method", results.method(read.rules(), locale));
		model.addAttribute("group", rankingGroup == null ? "" : rankingGroup.strip());
		Map<String, String> groupNames = groupNames(read.groups(), locale);
		model.addAttribute("groupNames", groupNames);
		model.addAttribute("rows", rows(read.lines(), groupNames, locale));
		model.addAttribute("bands", bands(read.lines()));
		model.addAttribute("canPublish", user.can(Permissions.INSPECTION_PUBLISH) && user.cityId() != null);
		model.addAttribute("publicUrl", "/public/results/" + read.city().code() + "/" + read.period().text());
		return "inspections/results";
	}

	/** Publishes the period; a refusal (open rounds, published already, nothing closed) shows on the page with 409. */
	@PostMapping("/inspections/results/publish")
	@PreAuthorize("hasAuthority('inspection:publish')")
	String publish(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String period, Model model,
			Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
		try {
			InspectionResults.Results published = results.publish(user, period);
			redirect.addFlashAttribute("notice", messages.getMessage("results.published.done",
					new Object[] { published.publication().bulletinNumber() }, locale));
			return "redirect:/inspections/results?period=" + published.period().text();
		}
		catch (ConflictException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			model.addAttribute("publishError", messages.getMessage(ex.messageKey(), ex.args(), locale));
			return page(user, period, null, null, model, locale);
		}
	}

	/** The table as shown (period and group), as an Excel workbook; labels in Chinese like the printouts. */
	@GetMapping("/inspections/results.xlsx")
	@PreAuthorize("hasAuthority('inspection:results')")
	void excel(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String period,
			@RequestParam(required = false) String rankingGroup, @RequestParam(required = false) String city,
			HttpServletResponse response) throws IOException {
		InspectionResults.Results read = results.results(user, city, period, rankingGroup);
		Locale zh = Locale.SIMPLIFIED_CHINESE;
		response.setContentType(FileKind.XLSX.contentType());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				Downloads.contentDisposition("attachment", "实地测评结果-" + read.period().text() + ".xlsx"));
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
			Sheet sheet = workbook.createSheet(read.period().text());
			String[] columns = { "排名分组", "单位", "明查得分", "明查点位数", "暗访得分", "暗访点位数", "综合得分", "名次", "名次变化", "等次", "样本不足" };
			Row header = sheet.createRow(0);
			for (int c = 0; c < columns.length; c++) {
				header.createCell(c).setCellValue(columns[c]);
				sheet.setColumnWidth(c, (c == 1 ? 28 : 12) * 256);
			}
			int r = 1;
			for (ResultLine l : read.lines()) {
				Row row = sheet.createRow(r++);
				row.createCell(0).setCellValue(results.groupName(l.rankingGroup(), zh));
				row.createCell(1).setCellValue(l.unitName());
				if (l.announced() != null) {
					row.createCell(2).setCellValue(l.announced().doubleValue());
				}
				row.createCell(3).setCellValue(l.announcedPoints());
				if (l.unannounced() != null) {
					row.createCell(4).setCellValue(l.unannounced().doubleValue());
				}
				row.createCell(5).setCellValue(l.unannouncedPoints());
				if (l.composite() != null) {
					row.createCell(6).setCellValue(l.composite().doubleValue());
				}
				if (l.rank() != null) {
					row.createCell(7).setCellValue(l.rank());
				}
				if (l.change() != null) {
					row.createCell(8).setCellValue(l.change());
				}
				if (l.band() != null) {
					row.createCell(9).setCellValue(messages.getMessage(l.band().messageKey(), null, zh));
				}
				row.createCell(10).setCellValue(l.sampleTooSmall() ? "是" : "");
			}
			workbook.write(response.getOutputStream());
			workbook.dispose();
		}
	}

	/** The bulletin of a published period (404 before publication). */
	@GetMapping("/inspections/results/bulletin.pdf")
	@PreAuthorize("hasAuthority('inspection:results')")
	ResponseEntity<byte[]> bulletin(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String period, @RequestParam(required = false) String city) {
		return pdf(results, results.results(user, city, period, null));
	}

	/** A bulletin as an inline PDF answer. */
	static ResponseEntity<byte[]> pdf(InspectionResults results, InspectionResults.Results read) {
		String name = results.bulletinFileName(read);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		results.writeBulletin(read, out);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, Downloads.contentDisposition("inline", name))
			.body(out.toByteArray());
	}

	/** How many ranked lines each band has, in band order. */
	static Map<ResultBand, Long> bands(List<ResultLine> lines) {
		Map<ResultBand, Long> bands = new LinkedHashMap<>();
		for (ResultBand b : ResultBand.values()) {
			bands.put(b, lines.stream().filter(l -> l.band() == b).count());
		}
		return bands;
	}

	/** Each group's shown name (未分组 for units without one), keyed by the stored value. */
	/**
	 * A unit's row with every cell already a string: a period can rank a thousand units, and the
	 * template's null checks and per-row message lookups (points, change of rank) were most of the
	 * page's cost.
	 */
	record ResultRow(long unitId, String group, String unitName, String announced, String unannounced, String composite,
			String points, String rank, String change, String band, String bandClass, boolean sampleTooSmall) {
	}

	private List<ResultRow> rows(List<ResultLine> lines, Map<String, String> groupNames, Locale locale) {
		Map<ResultBand, String> bandNames = new java.util.EnumMap<>(ResultBand.class);
		for (ResultBand b : ResultBand.values()) {
			bandNames.put(b, messages.getMessage(b.messageKey(), null, locale));
		}
		String same = messages.getMessage("results.change.same", null, locale);
		List<ResultRow> rows = new ArrayList<>(lines.size());
		for (ResultLine l : lines) {
			Integer c = l.change();
			String change = c == null ? DASH : c > 0 ? messages.getMessage("results.change.up", new Object[] { c }, locale)
					: c < 0 ? messages.getMessage("results.change.down", new Object[] { -c }, locale) : same;
			rows.add(new ResultRow(l.unitId(), groupNames.getOrDefault(l.rankingGroup(), l.rankingGroup()), l.unitName(),
					text(l.announced()), text(l.unannounced()), text(l.composite()),
					messages.getMessage("results.points", new Object[] { l.announcedPoints(), l.unannouncedPoints() }, locale),
					l.rank() == null ? DASH : l.rank().toString(), change, l.band() == null ? null : bandNames.get(l.band()),
					l.band() == null ? null : "badge badge-" + l.band().colour(), l.sampleTooSmall()));
		}
		return rows;
	}

	private static final String DASH = "—";

	private static String text(java.math.BigDecimal value) {
		return value == null ? DASH : value.toPlainString();
	}

	private Map<String, String> groupNames(List<String> groups, Locale locale) {
		Map<String, String> names = new LinkedHashMap<>();
		groups.forEach(g -> names.put(g, results.groupName(g, locale)));
		return names;
	}

	/** Province staff choose the city (the first visible by default); a city's accounts read their own. */
	private String city(CurrentUser user, String city, Model model) {
		if (user.cityId() != null) {
			return null;
		}
		var visible = cities.visible(user.scope());
		model.addAttribute("cities", visible);
		String chosen = city == null || city.isBlank() ? (visible.isEmpty() ? null : visible.get(0).code()) : city.strip();
		model.addAttribute("city", chosen);
		return chosen;
	}

}
