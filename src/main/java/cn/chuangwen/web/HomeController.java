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
import cn.chuangwen.participation.OpinionState;
import cn.chuangwen.participation.SupervisorOpinions;
import cn.chuangwen.problems.ProblemFilter;
import cn.chuangwen.problems.ProblemState;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.tasks.AssignmentState;
import cn.chuangwen.tasks.CityComparison;
import cn.chuangwen.tasks.TaskOverview;

/**
 * The home page, one per role: what waits for the caller first. The province compares its
 * cities; the office sees its review queue, overdue items, what falls due this week and the units
 * at risk; a city leader the attached units (挂点); a liaison the unit's own work, returned
 * reports first. Everyone who reads problems sees the leaders' newest instructions (批示); a liaison
 * also how many of its problems wait to be signed for and how many are overdue.
 */
@Controller
class HomeController {

	/** How many of the newest instructions the home lists. */
	static final int HOME_INSTRUCTIONS = 5;

	private final Units units;

	private final Cities cities;

	private final TaskOverview tasks;

	private final CityComparison comparison;

	private final TrendCharts charts;

	private final Problems problems;

	private final SupervisorOpinions opinions;

	HomeController(Units units, Cities cities, TaskOverview tasks, CityComparison comparison, TrendCharts charts,
			Problems problems, SupervisorOpinions opinions) {
		this.opinions = opinions;
		this.units = units;
		this.cities = cities;
		this.tasks = tasks;
		this.comparison = comparison;
		this.charts = charts;
		this.problems = problems;
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
		if (user.can(Permissions.PROBLEM_READ)) {
			model.addAttribute("instructions", problems.recentInstructions(user, HOME_INSTRUCTIONS));
		}
		if (user.can(Permissions.PROBLEM_RECTIFY) && user.cityId() != null) {
			// counts only: one row of each page is read, the totals come from the count
			model.addAttribute("problemsToSign", problems.page(user, user.cityId(), new ProblemFilter(null,
					ProblemState.DISPATCHED, null, null, null, null, null, null), PageRequest.first(1)).total());
			model.addAttribute("problemsOverdue", problems.page(user, user.cityId(),
					new ProblemFilter(null, null, null, null, null, true, null, null), PageRequest.first(1)).total());
		}
		if (user.cityId() != null && (user.can(Permissions.OPINION_FILE) || user.can(Permissions.OPINION_INSTRUCT)
				|| user.can(Permissions.OPINION_MANAGE))) {
			// the express's next step waits for: the leader (filed), the office (instructed); a supervisor's own count
			boolean instructs = user.can(Permissions.OPINION_INSTRUCT) && !user.can(Permissions.OPINION_MANAGE);
			OpinionState waiting = user.can(Permissions.OPINION_MANAGE) ? OpinionState.INSTRUCTED
					: instructs ? OpinionState.FILED : null;
			model.addAttribute("opinionsWaiting",
					opinions.page(user, waiting, instructs, PageRequest.first(1)).total());
			model.addAttribute("opinionsWaitingState", waiting == null ? null : waiting.name());
			model.addAttribute("opinionsQueue", instructs);
		}
		model.addAttribute("states", AssignmentState.values());
		model.addAttribute("isLeader", user.has(Role.CITY_LEADER));
		return "home";
	}

}
