package cn.chuangwen.problems.web;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.problems.ProblemLists;
import cn.chuangwen.problems.ProblemStatistics;

/**
 * The red/yellow/green list and the statistics as JSON (issue 8 §6): {@code GET /api/v1/problem-lists?period=2026-11&rankingGroup=};
 * without a period, the last month that has ended.
 */
@RestController
class ProblemListApi {

	private final ProblemLists lists;

	private final ProblemStatistics statistics;

	ProblemListApi(ProblemLists lists, ProblemStatistics statistics) {
		this.lists = lists;
		this.statistics = statistics;
	}

	/** One unit's line; the field names are the contract, the rest (name, counts) helps a reader. */
	record LineJson(long unitId, BigDecimal onTimeRate, long overdue, long rejections, long recurrences, String band,
			String unitName, long problems, long due) {

		static LineJson of(ProblemLists.Line l) {
			return new LineJson(l.unitId(), l.onTimeRate(), l.overdue(), l.rejections(), l.recurrences(), l.band().name(),
					l.unitName(), l.problems(), l.due());
		}

	}

	@GetMapping("/api/v1/problem-lists")
	@PreAuthorize("hasAuthority('problem:read')")
	List<LineJson> list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String period,
			@RequestParam(required = false) String rankingGroup, @RequestParam(required = false) String cityCode) {
		ProblemLists.Period wanted = period == null || period.isBlank() ? lists.lastMonth()
				: ProblemLists.Period.parse(period);
		return lists.of(user, cityCode, wanted, rankingGroup)
			.stream()
			.map(LineJson::of)
			.toList();
	}

	/** The statistics of a period (default: the running year): counts by source, category, state, unit, month; rates. */
	@GetMapping("/api/v1/problem-statistics")
	@PreAuthorize("hasAuthority('problem:read')")
	ProblemStatistics.Figures statistics(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String period, @RequestParam(required = false) String cityCode) {
		ProblemLists.Period wanted = period == null || period.isBlank() ? lists.currentYear()
				: ProblemLists.Period.parse(period);
		return statistics.of(user, cityCode, wanted);
	}

}
