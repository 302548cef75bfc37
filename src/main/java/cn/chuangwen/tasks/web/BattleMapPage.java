package cn.chuangwen.tasks.web;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.LeaderAttachmentView;
import cn.chuangwen.organization.LeaderAttachments;
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.tasks.AssignmentState;
import cn.chuangwen.tasks.BattleMap;

/**
 * The battle map page: an ECharts heat map over a plain table that works without JavaScript.
 * Filters stay in the URL: {@code systemId}, {@code group}, {@code kind}, and {@code leader}, the
 * units a city leader is attached to (挂点) and those below them: {@code all}, {@code me} (a signed-in
 * city leader's own attachments) or a leader's account id. A city leader who opens the page without
 * {@code leader} sees their own attached units when those have assignments on the map.
 */
@Controller
@PreAuthorize("hasAuthority('assignment:read')")
class BattleMapPage {

	static final String ALL = "all";

	static final String ME = "me";

	static final String ONE = "id";

	private final BattleMap battleMap;

	private final IndicatorSystems indicators;

	private final BattleMapJson json;

	private final LeaderAttachments attachments;

	private final Cities cities;

	BattleMapPage(BattleMap battleMap, IndicatorSystems indicators, BattleMapJson json,
			LeaderAttachments attachments, Cities cities) {
		this.cities = cities;
		this.json = json;
		this.battleMap = battleMap;
		this.indicators = indicators;
		this.attachments = attachments;
	}

	@GetMapping("/battle-map")
	String page(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Long systemId,
			@RequestParam(required = false) String group, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String leader, @RequestParam(required = false) String city, Model model) {
		List<IndicatorSystemView> systems = indicators.list(user.scope());
		IndicatorSystemView system = (systemId == null && city != null && !city.isBlank()
				? indicators.currentOfCity(user.scope(), city.strip()) : indicators.current(user.scope(), systemId))
			.orElse(null);
		model.addAttribute("systems", systems);
		List<CityView> visible = cities.visible(user.scope());
		// Several cities' systems share a name: each option, and the top bar, name the city.
		model.addAttribute("cityNames", visible.stream().collect(java.util.stream.Collectors.toMap(CityView::code, CityView::name)));
		model.addAttribute("manyCities", visible.size() > 1);
		if (system != null && visible.size() > 1) {
			IndicatorSystemView shown = system;
			visible.stream().filter(c -> c.id() == shown.cityId()).findFirst()
				.ifPresent(c -> model.addAttribute("viewingCity", c.name()));
		}
		model.addAttribute("states", AssignmentState.values());
		model.addAttribute("kinds", UnitKind.values());
		model.addAttribute("group", group);
		model.addAttribute("kind", kind);
		if (system != null) {
			UnitKind unitKind = UnitKind.parse(kind).orElse(null);
			boolean isLeader = user.has(Role.CITY_LEADER) && user.cityId() != null && user.cityId() == system.cityId();
			var kindOfScope = user.scope().kind();
			List<LeaderAttachments.Leader> leaders = kindOfScope == DataScope.Kind.ALL
					|| kindOfScope == DataScope.Kind.CITY ? attachments.leaders(user, system.cityId()) : List.of();
			String choice = ALL;
			Long leaderUserId = null;
			String wanted = leader == null ? "" : leader.trim();
			if (wanted.equals(ME) && isLeader) {
				choice = ME;
				leaderUserId = user.id();
			}
			else if (wanted.matches("[0-9]{1,18}")) {
				long id = Long.parseLong(wanted);
				if (isLeader && id == user.id()) {
					choice = ME;
					leaderUserId = id;
				}
				else if (leaders.stream().anyMatch(l -> l.id() == id)) {
					choice = ONE;
					leaderUserId = id;
				}
			}
			BattleMap.Data map = null;
			if (wanted.isEmpty() && isLeader && !attachments.attachmentsOf(user, user.id()).isEmpty()) {
				// a leader's own area first, unless nothing there is on the map yet
				BattleMap.Data mine = battleMap.of(user, system.id(), group, unitKind, user.id());
				if (!mine.units().isEmpty()) {
					choice = ME;
					leaderUserId = user.id();
					map = mine;
				}
				else {
					model.addAttribute("leaderFallback", true);
				}
			}
			if (map == null) {
				map = battleMap.of(user, system.id(), group, unitKind, leaderUserId);
			}
			List<LeaderAttachmentView> leaderUnits = leaderUserId == null ? List.of()
					: attachments.attachmentsOf(user, leaderUserId);
			Long selected = leaderUserId;
			model.addAttribute("isLeader", isLeader);
			model.addAttribute("leaderOptions", leaders.stream().filter(l -> !isLeader || l.id() != user.id()).toList());
			model.addAttribute("leaderChoice", choice);
			model.addAttribute("leaderUserId", leaderUserId);
			model.addAttribute("leaderName", leaderUserId == null ? null
					: choice.equals(ME) ? user.displayName()
							: leaders.stream().filter(l -> l.id() == selected).map(LeaderAttachments.Leader::displayName)
								.findFirst().orElse(null));
			model.addAttribute("leaderUnits", leaderUnits);
			model.addAttribute("allGroups", indicators.groups(user.scope(), system.id()));
			model.addAttribute("map", map);
			model.addAttribute("battleJson", json.of(map));
		}
		return "tasks/battle-map";
	}

}
