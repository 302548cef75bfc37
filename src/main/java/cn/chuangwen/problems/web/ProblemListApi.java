package cn.chuangwen.problems.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.problems.ProblemListPublications;
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

	private final ProblemListPublications publications;

	ProblemListApi(ProblemLists lists, ProblemStatistics statistics, ProblemListPublications publications) {
		this.lists = lists;
		this.statistics = statistics;
		this.publications = publications;
	}

	record PublishRequest(String period, String reason) {
	}

	/** A published list: the publication's fields and its lines. */
	record PublishedJson(long id, String period, int version, Instant publishedAt, String publishedBy, String reason,
			List<LineJson> lines) {

		static PublishedJson of(ProblemListPublications.PublishedList list) {
			ProblemListPublications.Publication p = list.publication();
			return new PublishedJson(p.id(), p.period(), p.version(), p.publishedAt(), p.publishedBy(), p.reason(),
					list.lines().stream().map(LineJson::of).toList());
		}

	}

	/** The office publishes an ended period's list (a correction needs a reason): 201 with the frozen lines. */
	@PostMapping("/api/v1/problem-lists/publications")
	@PreAuthorize("hasAuthority('problem:write')")
	ResponseEntity<PublishedJson> publish(@AuthenticationPrincipal CurrentUser user,
			@RequestBody(required = false) PublishRequest body) {
		PublishRequest request = body == null ? new PublishRequest(null, null) : body;
		PublishedJson published = PublishedJson
			.of(publications.publish(user, ProblemLists.Period.parse(request.period()), request.reason()));
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/v1/problem-lists/publications/" + published.period()))
			.body(published);
	}

	/** Every publication of the city, newest first; any account that reads problems. */
	@GetMapping("/api/v1/problem-lists/publications")
	@PreAuthorize("hasAuthority('problem:read')")
	List<ProblemListPublications.Publication> publications(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String cityCode) {
		return publications.all(user, cityCode);
	}

	/** The newest published version of a period's list, of one ranking group or all; 404 if never published. */
	@GetMapping("/api/v1/problem-lists/publications/{period}")
	@PreAuthorize("hasAuthority('problem:read')")
	PublishedJson published(@AuthenticationPrincipal CurrentUser user, @PathVariable String period,
			@RequestParam(required = false) String rankingGroup, @RequestParam(required = false) String cityCode) {
		return PublishedJson.of(publications.published(user, cityCode, ProblemLists.Period.parse(period), rankingGroup));
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
