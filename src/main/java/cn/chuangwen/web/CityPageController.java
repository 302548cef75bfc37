package cn.chuangwen.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.tasks.AssignmentState;
import cn.chuangwen.tasks.CityComparison;
import cn.chuangwen.tasks.TaskOverview;

/**
 * One city's overview (/cities/{code}): its figures, its trend and the way into its pages, each
 * link filtered to the city so the page names it. Another city's code, or an unknown one, is 404.
 */
@Controller
@PreAuthorize("hasAuthority('assignment:read')")
class CityPageController {

	private final CityComparison comparison;

	private final TrendCharts charts;

	CityPageController(CityComparison comparison, TrendCharts charts) {
		this.comparison = comparison;
		this.charts = charts;
	}

	@GetMapping("/cities/{code}")
	String city(@AuthenticationPrincipal CurrentUser user, @PathVariable String code, Model model) {
		CityComparison.CityFigures figures = comparison.city(user, code)
			.orElseThrow(() -> new NotFoundException("city", code));
		model.addAttribute("city", figures);
		model.addAttribute("viewingCity", figures.cityName());
		model.addAttribute("states", AssignmentState.values());
		model.addAttribute("trendDays", TaskOverview.TREND_DAYS);
		if (!figures.trend().isEmpty()) {
			model.addAttribute("trendJson", charts.states(figures.trend()));
		}
		return "cities/city";
	}

}
