package cn.chuangwen.tasks.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.tasks.AssignmentState;
import cn.chuangwen.tasks.CityComparison;

/** The city comparison as JSON (/api/v1/overview): the province gets all its cities, a city user its own. */
@RestController
@RequestMapping("/api/v1")
class OverviewApi {

	private final CityComparison comparison;

	OverviewApi(CityComparison comparison) {
		this.comparison = comparison;
	}

	/** {@code counts}: every state by name, zero included. */
	record CityJson(String cityCode, String cityName, int leaves, int assignedPercent, Map<String, Long> counts,
			long overdue, long signedOff) {

		static CityJson of(CityComparison.CityFigures f) {
			Map<String, Long> counts = new LinkedHashMap<>();
			for (AssignmentState s : AssignmentState.values()) {
				counts.put(s.name(), f.count(s));
			}
			return new CityJson(f.cityCode(), f.cityName(), f.leaves(), f.assignedPercent(), counts, f.overdue(),
					f.signedOff());
		}

	}

	@GetMapping("/overview")
	@PreAuthorize("hasAuthority('assignment:read')")
	List<CityJson> overview(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String cityCode) {
		return comparison.compare(user, cityCode).stream().map(CityJson::of).toList();
	}

}
