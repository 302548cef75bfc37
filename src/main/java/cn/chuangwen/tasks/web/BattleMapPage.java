package cn.chuangwen.tasks.web;

import java.util.Comparator;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.tasks.AssignmentState;
import cn.chuangwen.tasks.BattleMap;

/** The battle map page: an ECharts heat map over a plain table that works without JavaScript. */
@Controller
@PreAuthorize("hasAuthority('assignment:read')")
class BattleMapPage {

	private final BattleMap battleMap;

	private final IndicatorSystems indicators;

	private final BattleMapJson json;

	BattleMapPage(BattleMap battleMap, IndicatorSystems indicators, BattleMapJson json) {
		this.json = json;
		this.battleMap = battleMap;
		this.indicators = indicators;
	}

	@GetMapping("/battle-map")
	String page(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Long systemId,
			@RequestParam(required = false) String group, @RequestParam(required = false) String kind, Model model) {
		List<IndicatorSystemView> systems = indicators.list(user.scope());
		IndicatorSystemView system = systems.stream()
			.filter(s -> systemId == null || s.id() == systemId)
			.max(Comparator.comparing(IndicatorSystemView::id))
			.orElse(null);
		model.addAttribute("systems", systems);
		model.addAttribute("states", AssignmentState.values());
		model.addAttribute("kinds", UnitKind.values());
		model.addAttribute("group", group);
		model.addAttribute("kind", kind);
		if (system != null) {
			model.addAttribute("allGroups", indicators.groups(user.scope(), system.id()));
			BattleMap.Data map = battleMap.of(user, system.id(), group, UnitKind.parse(kind).orElse(null));
			model.addAttribute("map", map);
			model.addAttribute("battleJson", json.of(map));
		}
		return "tasks/battle-map";
	}

}
