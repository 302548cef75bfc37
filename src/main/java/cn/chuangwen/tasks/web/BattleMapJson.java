package cn.chuangwen.tasks.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import cn.chuangwen.tasks.AssignmentState;
import cn.chuangwen.tasks.BattleMap;
import tools.jackson.databind.json.JsonMapper;

/** The battle map as the JSON the chart script reads from the page (no inline script: CSP). */
@Component
class BattleMapJson {

	private final JsonMapper json;

	private final MessageSource messages;

	BattleMapJson(JsonMapper json, MessageSource messages) {
		this.json = json;
		this.messages = messages;
	}

	public String of(BattleMap.Data map) {
		var locale = LocaleContextHolder.getLocale();
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("systemId", map.system().id());
		out.put("groups", map.groups().stream().map(g -> Map.of("id", g.id(), "code", g.code(), "name", g.name())).toList());
		out.put("units", map.units().stream().map(u -> Map.of("id", u.id(), "name", u.name())).toList());
		Map<String, String> states = new LinkedHashMap<>();
		for (AssignmentState s : AssignmentState.values()) {
			states.put(s.name(), messages.getMessage(s.messageKey(), null, s.name(), locale));
		}
		out.put("states", states);
		out.put("title", messages.getMessage("battle.chart", null, "", locale));
		List<Map<String, Object>> cells = new ArrayList<>();
		for (BattleMap.Cell c : map.cells()) {
			Map<String, Object> cell = new LinkedHashMap<>();
			cell.put("unitId", c.unitId());
			cell.put("groupCode", c.groupCode());
			cell.put("worst", c.worst().name());
			cell.put("counts", c.counts());
			cells.add(cell);
		}
		out.put("cells", cells);
		// Safe inside <script type="application/json">: no "</script>" can end the block early.
		return json.writeValueAsString(out).replace("</", "<\\/");
	}

}
