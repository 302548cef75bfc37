package cn.chuangwen.surveys.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.PagedResponse;
import cn.chuangwen.shared.web.QueryParams;
import cn.chuangwen.surveys.SurveyDraft;
import cn.chuangwen.surveys.SurveyResults;
import cn.chuangwen.surveys.SurveyView;
import cn.chuangwen.surveys.Surveys;

/**
 * Surveys as JSON (issue 10 §5): the office creates one ({@code POST}, the questionnaire, the round
 * and optionally the units); readers list them with each window unit's public answer link they may
 * see, and read the results (per unit and per question; {@code unitId} narrows to one unit).
 */
@RestController
@RequestMapping("/api/v1/surveys")
@PreAuthorize("hasAnyAuthority('survey:read', 'survey:manage')")
class SurveysApi {

	private final Surveys surveys;

	private final PublicLinks links;

	SurveysApi(Surveys surveys, PublicLinks links) {
		this.surveys = surveys;
		this.links = links;
	}

	record LinkJson(long unitId, String url) {
	}

	record SurveyJson(long id, String name, String round, List<LinkJson> links) {

		static SurveyJson of(SurveyView s, String base) {
			return new SurveyJson(s.id(), s.name(), s.round(),
					s.links().stream().map(l -> new LinkJson(l.unitId(), base + l.path())).toList());
		}

	}

	record UnitJson(long unitId, String unitName, long responses, BigDecimal score, boolean sampleTooSmall) {
	}

	record CountJson(String labelZh, String labelEn, long count) {
	}

	record TextJson(String text, Instant at) {
	}

	record QuestionJson(long id, int position, String kind, String labelZh, String labelEn, long answered,
			List<CountJson> counts, BigDecimal meanRating, List<TextJson> texts) {
	}

	record ResultsJson(long id, String name, String round, String state, int minResponses, Long unitId, long responses,
			List<UnitJson> units, List<QuestionJson> questions) {

		static ResultsJson of(SurveyResults r) {
			return new ResultsJson(r.survey().id(), r.survey().name(), r.survey().round(), r.survey().state().name(),
					r.minResponses(), r.unitId(), r.responses(),
					r.units().stream().map(u -> new UnitJson(u.unitId(), u.unitName(), u.responses(), u.score(),
							u.sampleTooSmall())).toList(),
					r.questions().stream().map(q -> new QuestionJson(q.questionId(), q.position(), q.kind().name(),
							q.labelZh(), q.labelEn(), q.answered(),
							q.options().stream().map(o -> new CountJson(o.labelZh(), o.labelEn(), o.count())).toList(),
							q.meanRating(), q.texts().stream().map(t -> new TextJson(t.text(), t.at())).toList()))
						.toList());
		}

	}

	@GetMapping
	ResponseEntity<List<SurveyJson>> list(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		List<FieldProblem> bad = new ArrayList<>();
		PageRequest request = QueryParams.page(page, size, bad);
		QueryParams.check(bad);
		String base = links.base();
		return PagedResponse.of(surveys.page(user, request).map(s -> SurveyJson.of(s, base)));
	}

	@PostMapping
	@PreAuthorize("hasAuthority('survey:manage')")
	ResponseEntity<SurveyJson> create(@AuthenticationPrincipal CurrentUser user,
			@RequestBody(required = false) SurveyDraft body) {
		SurveyView s = surveys.create(user, body == null ? new SurveyDraft(null, null, null, null) : body);
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/v1/surveys/" + s.id() + "/results"))
			.body(SurveyJson.of(s, links.base()));
	}

	@GetMapping("/{id}/results")
	ResultsJson results(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String unitId) {
		List<FieldProblem> bad = new ArrayList<>();
		Long unit = QueryParams.id("unitId", unitId, bad);
		QueryParams.check(bad);
		return ResultsJson.of(surveys.results(user, id, unit));
	}

}
