package cn.chuangwen.inspections.web;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.chuangwen.inspections.InspectionResults;
import cn.chuangwen.inspections.ResultLine;
import cn.chuangwen.organization.CurrentUser;

/**
 * A period's inspection results as JSON (issue 9 §5): {@code GET /api/v1/inspection-results?period=&rankingGroup=}
 * and publishing, {@code POST /api/v1/periods/{period}/publish}. Who reads what: see {@link InspectionResults}.
 */
@RestController
class ResultsApi {

	private final InspectionResults results;

	ResultsApi(InspectionResults results) {
		this.results = results;
	}

	/** One unit's results: the fields, then the unit's name and group and the change of rank. */
	record LineJson(long unitId, BigDecimal announced, BigDecimal unannounced, BigDecimal composite, int points,
			Integer rank, String band, boolean sampleTooSmall, String unitName, String rankingGroup,
			int announcedPoints, int unannouncedPoints, Integer change) {

		static LineJson of(ResultLine l) {
			return new LineJson(l.unitId(), l.announced(), l.unannounced(), l.composite(), l.points(), l.rank(),
					l.band() == null ? null : l.band().name(), l.sampleTooSmall(), l.unitName(), l.rankingGroup(),
					l.announcedPoints(), l.unannouncedPoints(), l.change());
		}

	}

	/** A publication: the period, the bulletin's number, when, by whom, and every frozen line. */
	record PublishedJson(long id, String period, String bulletinNumber, Instant publishedAt, String publishedBy,
			int inspections, List<LineJson> lines) {
	}

	/** Signed in: the office and province read any period, others only published ones (404 before). */
	@GetMapping("/api/v1/inspection-results")
	@PreAuthorize("isAuthenticated()")
	List<LineJson> results(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String period,
			@RequestParam(required = false) String rankingGroup, @RequestParam(required = false) String cityCode) {
		return results.results(user, cityCode, period, rankingGroup).lines().stream().map(LineJson::of).toList();
	}

	/** 201 with the frozen lines; 409 with open rounds (named), when published already, or with nothing closed. */
	@PostMapping("/api/v1/periods/{period}/publish")
	@PreAuthorize("hasAuthority('inspection:publish')")
	ResponseEntity<PublishedJson> publish(@AuthenticationPrincipal CurrentUser user, @PathVariable String period) {
		InspectionResults.Results published = results.publish(user, period);
		InspectionResults.Publication p = published.publication();
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/v1/inspection-results?period=" + p.period()))
			.body(new PublishedJson(p.id(), p.period(), p.bulletinNumber(), p.publishedAt(), p.publishedBy(),
					p.inspections(), published.lines().stream().map(LineJson::of).toList()));
	}

}
