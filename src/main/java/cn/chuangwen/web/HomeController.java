package cn.chuangwen.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.Units;
import cn.chuangwen.tasks.AssignmentState;
import cn.chuangwen.tasks.TaskOverview;

/** The home page: who you are, what you can reach, where to go next. */
@Controller
class HomeController {

	private final Units units;

	private final Cities cities;

	private final TaskOverview tasks;

	HomeController(Units units, Cities cities, TaskOverview tasks) {
		this.units = units;
		this.cities = cities;
		this.tasks = tasks;
	}

	@GetMapping("/")
	String home(@AuthenticationPrincipal CurrentUser user, Model model) {
		model.addAttribute("user", user);
		if (user.can(Permissions.UNIT_READ)) {
			var visible = units.search(user.scope(), UnitQuery.everything(), 100_000);
			model.addAttribute("unitCount", visible.size());
			model.addAttribute("activeCount", visible.stream().filter(u -> u.active()).count());
			model.addAttribute("cities", cities.visible(user.scope()));
			var byKind = new java.util.EnumMap<cn.chuangwen.organization.UnitKind, Long>(cn.chuangwen.organization.UnitKind.class);
			visible.forEach(u -> byKind.merge(u.kind(), 1L, Long::sum));
			model.addAttribute("byKind", byKind);
		}
		if (user.unitId() != null) {
			units.find(user.scope(), user.unitId()).ifPresent(u -> model.addAttribute("myUnit", u));
		}
		tasks.city(user).ifPresent(o -> model.addAttribute("overview", o));
		tasks.unit(user).ifPresent(w -> model.addAttribute("work", w));
		model.addAttribute("states", AssignmentState.values());
		return "home";
	}

}
