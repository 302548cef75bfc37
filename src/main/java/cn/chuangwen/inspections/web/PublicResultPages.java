package cn.chuangwen.inspections.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import cn.chuangwen.inspections.InspectionResults;
import cn.chuangwen.inspections.ResultBand;
import cn.chuangwen.inspections.ResultLine;
import cn.chuangwen.shared.NotFoundException;

/**
 * The published results of a period for anyone, without an account (issue 9 §4):
 * {@code /public/results/{cityCode}/{period}} and its bulletin. 404 for an unknown city or period
 * and before publication. Unit names and scores only: no person is named (not the publisher, no
 * liaison, no inspector).
 */
@Controller
class PublicResultPages {

	/** The {@code rankingGroup} of the units without one (a group's name is never just a dash). */
	static final String NO_GROUP = "-";

	private static final String DASH = "—";

	private final InspectionResults results;

	private final MessageSource messages;

	PublicResultPages(InspectionResults results, MessageSource messages) {
		this.results = results;
		this.messages = messages;
	}

	/** One ranking group of the page: its name, its link, and its rows ready to print. */
	record Group(String key, String name, String href, boolean shown, List<Row> rows) {
	}

	/**
	 * A unit's row with every cell already a string: the page prints a thousand of these, and a
	 * Thymeleaf expression per cell (null checks, band ternaries, message lookups) was most of its cost.
	 */
	record Row(String rank, String unitName, String composite, String announced, String unannounced, String band,
			String bandClass, boolean sampleTooSmall) {
	}

	/**
	 * {@code rankingGroup}: show only that group (its name as the office writes it; {@code -} for the
	 * units without one), for a reader on a phone; without it every group. An unknown group is 404.
	 */
	@GetMapping("/public/results/{cityCode}/{period}")
	String page(@PathVariable String cityCode, @PathVariable String period,
			@RequestParam(required = false) String rankingGroup, Model model, Locale locale) {
		InspectionResults.Results read = published(cityCode, period);
		String base = "/public/results/" + read.city().code() + "/" + read.period().text();
		Map<ResultBand, String> bandNames = new EnumMap<>(ResultBand.class);
		for (ResultBand b : ResultBand.values()) {
			bandNames.put(b, messages.getMessage(b.messageKey(), null, locale));
		}
		Map<String, List<Row>> rows = new LinkedHashMap<>();
		Map<String, String> names = new LinkedHashMap<>();
		for (ResultLine l : read.lines()) {
			String key = l.rankingGroup() == null || l.rankingGroup().isEmpty() ? NO_GROUP : l.rankingGroup();
			names.computeIfAbsent(key, k -> results.groupName(l.rankingGroup(), locale));
			rows.computeIfAbsent(key, k -> new ArrayList<>()).add(row(l, bandNames));
		}
		if (rankingGroup != null && !rankingGroup.isEmpty() && !rows.containsKey(rankingGroup)) {
			throw new NotFoundException("ranking_group", rankingGroup);
		}
		List<Group> groups = new ArrayList<>();
		rows.forEach((key, list) -> {
			boolean shown = rankingGroup == null || rankingGroup.isEmpty() || rankingGroup.equals(key);
			String href = UriComponentsBuilder.fromPath(base).queryParam("rankingGroup", key).encode().build().toUriString();
			groups.add(new Group(key, names.get(key), href, shown, shown ? list : List.of()));
		});
		model.addAttribute("results", read);
		model.addAttribute("groups", groups);
		model.addAttribute("oneGroup", rankingGroup != null && !rankingGroup.isEmpty());
		model.addAttribute("allUrl", base);
		model.addAttribute("periodLabel", results.periodLabel(read.period(), locale));
		model.addAttribute("method", results.method(read.rules(), locale));
		model.addAttribute("bulletinUrl", "/public/results/" + read.city().code() + "/" + read.period().text() + "/bulletin.pdf");
		return "public/results";
	}

	@GetMapping("/public/results/{cityCode}/{period}/bulletin.pdf")
	ResponseEntity<byte[]> bulletin(@PathVariable String cityCode, @PathVariable String period) {
		return ResultPages.pdf(results, published(cityCode, period));
	}

	private static Row row(ResultLine l, Map<ResultBand, String> bandNames) {
		return new Row(l.rank() == null ? DASH : l.rank().toString(), l.unitName(), text(l.composite()),
				text(l.announced()), text(l.unannounced()), l.band() == null ? null : bandNames.get(l.band()),
				l.band() == null ? null : "badge badge-" + l.band().colour(), l.sampleTooSmall());
	}

	private static String text(BigDecimal value) {
		return value == null ? DASH : value.toPlainString();
	}

	private InspectionResults.Results published(String cityCode, String period) {
		return results.published(cityCode, period)
			.orElseThrow(() -> new NotFoundException("inspection_publication", period));
	}

}
