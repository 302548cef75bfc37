package cn.chuangwen.inspections.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import cn.chuangwen.inspections.InspectionResults;
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

	private final InspectionResults results;

	PublicResultPages(InspectionResults results) {
		this.results = results;
	}

	@GetMapping("/public/results/{cityCode}/{period}")
	String page(@PathVariable String cityCode, @PathVariable String period, Model model, Locale locale) {
		InspectionResults.Results read = published(cityCode, period);
		Map<String, List<ResultLine>> byGroup = new LinkedHashMap<>();
		read.lines().forEach(l -> byGroup.computeIfAbsent(results.groupName(l.rankingGroup(), locale),
				g -> new java.util.ArrayList<>()).add(l));
		model.addAttribute("results", read);
		model.addAttribute("byGroup", byGroup);
		model.addAttribute("periodLabel", results.periodLabel(read.period(), locale));
		model.addAttribute("method", results.method(read.rules(), locale));
		model.addAttribute("bulletinUrl", "/public/results/" + read.city().code() + "/" + read.period().text() + "/bulletin.pdf");
		return "public/results";
	}

	@GetMapping("/public/results/{cityCode}/{period}/bulletin.pdf")
	ResponseEntity<byte[]> bulletin(@PathVariable String cityCode, @PathVariable String period) {
		return ResultPages.pdf(results, published(cityCode, period));
	}

	private InspectionResults.Results published(String cityCode, String period) {
		return results.published(cityCode, period)
			.orElseThrow(() -> new NotFoundException("inspection_publication", period));
	}

}
