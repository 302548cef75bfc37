package cn.chuangwen.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.Units;
import cn.chuangwen.tasks.AssignmentState;
import cn.chuangwen.tasks.ProgressTrend;
import cn.chuangwen.tasks.TaskOverview;
import tools.jackson.databind.json.JsonMapper;

/** The home page: who you are, what you can reach, where to go next. */
@Controller
class HomeController {

	private final Units units;

	private final Cities cities;

	private final TaskOverview tasks;

	private final JsonMapper json;

	private final MessageSource messages;

	HomeController(Units units, Cities cities, TaskOverview tasks, JsonMapper json, MessageSource messages) {
		this.units = units;
		this.cities = cities;
		this.tasks = tasks;
		this.json = json;
		this.messages = messages;
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
		tasks.city(user).ifPresent(o -> {
			model.addAttribute("overview", o);
			model.addAttribute("trendDays", TaskOverview.TREND_DAYS);
			if (!o.trend().isEmpty()) {
				model.addAttribute("trendJson", trendJson(o));
			}
		});
		tasks.unit(user).ifPresent(w -> model.addAttribute("work", w));
		model.addAttribute("states", AssignmentState.values());
		return "home";
	}

	/**
	 * The overview's trend as the JSON static/js/trend.js reads from the page (no inline script:
	 * CSP): days oldest first, a count series per state, the signed-off percent, each day's source,
	 * and the labels in the reader's language.
	 */
	private String trendJson(TaskOverview.CityOverview o) {
		Locale locale = LocaleContextHolder.getLocale();
		List<ProgressTrend.Point> trend = o.trend();
		Map<String, Object> out = new LinkedHashMap<>();
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
		// Safe inside <script type="application/json">: no "</script>" can end the block early.
		return json.writeValueAsString(out).replace("</", "<\\/");
	}

	private String message(String key, Locale locale, Object... args) {
		return messages.getMessage(key, args, key, locale);
	}

}
