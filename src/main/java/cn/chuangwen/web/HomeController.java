package cn.chuangwen.web;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.Units;
import cn.chuangwen.tasks.AssignmentState;
import cn.chuangwen.tasks.CityComparison;
import cn.chuangwen.tasks.TaskOverview;

/**
 * The home page, one per role: what waits for the caller first. The province compares its
 * cities; the office sees its review queue, overdue items, what falls due this week and the units
 * at risk; a city leader the attached units (挂点); a liaison the unit's own work, returned
 * reports first.
 */
@Controller
class HomeController {

	private final Units units;

	private final Cities cities;

	private final TaskOverview tasks;

	private final CityComparison comparison;

	private final TrendCharts charts;

	HomeController(Units units, Cities cities, TaskOverview tasks, CityComparison comparison, TrendCharts charts) {
		this.units = units;
		this.cities = cities;
		this.tasks = tasks;
		this.comparison = comparison;
		this.charts = charts;
	}

	@GetMapping("/")
	String home(@AuthenticationPrincipal CurrentUser user, Model model) {
		model.addAttribute("user", user);
		if (user.can(Permissions.UNIT_READ)) {
			Units.Counts counts = units.counts(user.scope());
			model.addAttribute("unitCount", counts.total());
			model.addAttribute("activeCount", counts.active());
			model.addAttribute("cities", cities.visible(user.scope()));
			model.addAttribute("byKind", counts.byKind());
		}
		if (user.unitId() != null) {
			units.find(user.scope(), user.unitId()).ifPresent(u -> model.addAttribute("myUnit", u));
		}
		if (user.scope().allCities() && user.can(Permissions.ASSIGNMENT_READ)) {
			List<CityComparison.CityFigures> figures = comparison.compare(user, null);
			model.addAttribute("comparison", figures);
			model.addAttribute("comparisonDays", TrendCharts.cityDays(figures));
			model.addAttribute("trendDays", TaskOverview.TREND_DAYS);
			if (figures.stream().anyMatch(f -> !f.trend().isEmpty())) {
				model.addAttribute("trendJson", charts.cities(figures));
			}
		}
		var leader = tasks.leader(user);
		leader.ifPresent(l -> model.addAttribute("leaderWork", l));
		if (leader.isEmpty()) {
			// A leader's home is the attached units, not the office's page.
			tasks.city(user).ifPresent(o -> {
				model.addAttribute("overview", o);
				model.addAttribute("trendDays", TaskOverview.TREND_DAYS);
				model.addAttribute("dueDays", TaskOverview.DUE_THIS_WEEK_DAYS);
				model.addAttribute("reviewer", user.can(Permissions.REPORT_REVIEW));
				if (!o.trend().isEmpty()) {
					model.addAttribute("trendJson", charts.states(o.trend()));
				}
			});
		}
		tasks.unit(user).ifPresent(w -> model.addAttribute("work", w));
		model.addAttribute("states", AssignmentState.values());
		model.addAttribute("isLeader", user.has(Role.CITY_LEADER));
		return "home";
	}

}
