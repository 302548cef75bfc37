package cn.chuangwen.evaluation.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.chuangwen.evaluation.EvaluationPeriods;
import cn.chuangwen.evaluation.ManualItems;
import cn.chuangwen.evaluation.PeriodCalendar;
import cn.chuangwen.evaluation.PeriodView;
import cn.chuangwen.evaluation.Proposal;
import cn.chuangwen.evaluation.Rewards;
import cn.chuangwen.evaluation.ScoreLine;
import cn.chuangwen.evaluation.ScoreSchemes;
import cn.chuangwen.evaluation.Scores;
import cn.chuangwen.evaluation.SchemeDraft;
import cn.chuangwen.evaluation.SchemeView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.PeriodCode;

/**
 * The evaluation's JSON API (issue 10 §5): periods and their closing, score schemes with the
 * preview of a change, scores, and the office's bonus and penalty items. Who reads what: see the
 * services ({@link Scores}); a bad body is 400 with each field's problem, a state that forbids the
 * action 409.
 */
@RestController
class EvaluationApi {

	static final String READ = "hasAnyAuthority('evaluation:read', 'evaluation:manage')";

	static final String MANAGE = "hasAuthority('evaluation:manage')";

	private final EvaluationPeriods periods;

	private final ScoreSchemes schemes;

	private final Scores scores;

	private final ManualItems items;

	private final Rewards rewards;

	private final PeriodCalendar calendar;

	EvaluationApi(EvaluationPeriods periods, ScoreSchemes schemes, Scores scores, ManualItems items, Rewards rewards,
			PeriodCalendar calendar) {
		this.calendar = calendar;
		this.rewards = rewards;
		this.periods = periods;
		this.schemes = schemes;
		this.scores = scores;
		this.items = items;
	}

	record PeriodJson(String code, String kind, LocalDate start, LocalDate end, String state, Instant closedAt,
			String closedBy, String bulletinNumber) {

		static PeriodJson of(PeriodView p) {
			// end: the period's last day, as people read a period
			return new PeriodJson(p.code(), p.kind().name(), p.start(), p.end().minusDays(1), p.state().name(),
					p.closedAt(), p.closedBy(), p.bulletinNumber());
		}

	}

	record ReasonJson(String reason) {
	}

	record SourceJson(String source, BigDecimal weight, BigDecimal cap) {
	}

	record SchemeJson(long id, String name, String periodKind, String rankingGroup, List<SourceJson> sources,
			List<SchemeView.Band> bands, int minSample, int version, Instant updatedAt, String updatedBy) {

		static SchemeJson of(SchemeView s) {
			return new SchemeJson(s.id(), s.name(), s.periodKind().name(), s.rankingGroup(),
					s.sources().stream().map(p -> new SourceJson(p.source().name(), p.weight(), p.cap())).toList(),
					s.bands(), s.minSample(), s.version(), s.updatedAt(), s.updatedBy());
		}

	}

	record ScoreJson(long unitId, String rankingGroup, BigDecimal total, Map<String, BigDecimal> parts, Integer rank,
			String band, boolean sampleTooSmall, String unitName, String bandColour, int sample) {

		static ScoreJson of(ScoreLine l) {
			Map<String, BigDecimal> parts = new LinkedHashMap<>();
			l.parts().forEach((k, v) -> parts.put(k.name(), v));
			return new ScoreJson(l.unitId(), l.rankingGroup(), l.total(), parts, l.rank(),
					l.band() == null ? null : l.band().name(), l.sampleTooSmall(), l.unitName(),
					l.band() == null ? null : l.band().colour(), l.sample());
		}

	}

	@GetMapping("/api/v1/periods")
	@PreAuthorize(READ)
	List<PeriodJson> periods(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String cityCode,
			@RequestParam(required = false) String kind) {
		return periods.list(user, cityCode, kind).stream().map(PeriodJson::of).toList();
	}

	/** A kind of period and the days after its end it closes itself (null: the office closes it). */
	record CalendarJson(String kind, Integer closeAfterDays) {

		static CalendarJson of(PeriodCalendar.Entry e) {
			return new CalendarJson(e.kind().name(), e.closeAfterDays());
		}

	}

	@GetMapping("/api/v1/period-calendar")
	@PreAuthorize(READ)
	List<CalendarJson> calendar(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String cityCode) {
		return calendar.calendar(user, cityCode).stream().map(CalendarJson::of).toList();
	}

	/**
	 * Sets the kinds named, e.g. {@code {"MONTH": 3, "WEEK": null}} (null: by hand), all or nothing;
	 * a kind left out keeps its setting.
	 */
	@PutMapping("/api/v1/period-calendar")
	@PreAuthorize(MANAGE)
	List<CalendarJson> setCalendar(@AuthenticationPrincipal CurrentUser user, @RequestBody Map<String, Integer> body) {
		List<PeriodCalendar.Entry> entries = new ArrayList<>();
		(body == null ? Map.<String, Integer>of() : body).forEach((kind, days) -> entries.add(new PeriodCalendar.Entry(
				Arrays.stream(PeriodCode.Kind.values()).filter(k -> k.name().equals(kind)).findFirst().orElse(null), days)));
		return calendar.set(user, entries).stream().map(CalendarJson::of).toList();
	}

	@PostMapping("/api/v1/periods/{code}/close")
	@PreAuthorize(MANAGE)
	PeriodJson close(@AuthenticationPrincipal CurrentUser user, @PathVariable String code) {
		return PeriodJson.of(periods.close(user, code));
	}

	@PostMapping("/api/v1/periods/{code}/reopen")
	@PreAuthorize(MANAGE)
	PeriodJson reopen(@AuthenticationPrincipal CurrentUser user, @PathVariable String code,
			@RequestBody(required = false) ReasonJson body) {
		return PeriodJson.of(periods.reopen(user, code, body == null ? null : body.reason()));
	}

	/** Publishes a closed period (409 when open or published already). */
	@PostMapping("/api/v1/evaluation-periods/{code}/publish")
	@PreAuthorize(MANAGE)
	PeriodJson publish(@AuthenticationPrincipal CurrentUser user, @PathVariable String code) {
		return PeriodJson.of(periods.publish(user, code));
	}

	@GetMapping("/api/v1/score-schemes")
	@PreAuthorize(READ)
	List<SchemeJson> schemes(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String cityCode) {
		return schemes.list(user, cityCode).stream().map(SchemeJson::of).toList();
	}

	@PostMapping("/api/v1/score-schemes")
	@PreAuthorize(MANAGE)
	ResponseEntity<SchemeJson> create(@AuthenticationPrincipal CurrentUser user, @RequestBody SchemeDraft body) {
		SchemeView s = schemes.create(user, body);
		return ResponseEntity.created(URI.create("/api/v1/score-schemes/" + s.id())).body(SchemeJson.of(s));
	}

	@GetMapping("/api/v1/score-schemes/{id}")
	@PreAuthorize(READ)
	SchemeJson scheme(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String cityCode) {
		return SchemeJson.of(schemes.get(user, cityCode, id));
	}

	@PutMapping("/api/v1/score-schemes/{id}")
	@PreAuthorize(MANAGE)
	SchemeJson update(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody SchemeDraft body) {
		return SchemeJson.of(schemes.update(user, id, body));
	}

	@PostMapping("/api/v1/score-schemes/{id}/preview")
	@PreAuthorize(MANAGE)
	ScoreSchemes.Preview preview(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody SchemeDraft body) {
		return schemes.preview(user, id, body);
	}

	@GetMapping("/api/v1/scores")
	@PreAuthorize(READ)
	List<ScoreJson> scores(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String period,
			@RequestParam(required = false) String rankingGroup, @RequestParam(required = false) String cityCode) {
		return scores.scores(user, cityCode, period, rankingGroup)
			.map(r -> r.lines().stream().map(ScoreJson::of).toList())
			.orElse(List.of());
	}

	@GetMapping("/api/v1/manual-items")
	@PreAuthorize(MANAGE)
	List<ManualItems.Item> items(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String period) {
		return items.list(user, period);
	}

	@PostMapping("/api/v1/manual-items")
	@PreAuthorize(MANAGE)
	ResponseEntity<ManualItems.Item> add(@AuthenticationPrincipal CurrentUser user, @RequestBody ManualItems.Draft body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(items.add(user, body));
	}

	record ProposalJson(long id, String period, String kind, long unitId, String unitName, String rankingGroup,
			int rank, BigDecimal amount, String consequence, String state, Proposal.Decision decision, int version) {

		static ProposalJson of(Proposal p) {
			return new ProposalJson(p.id(), p.period(), p.reward() ? "REWARD" : "CONSEQUENCE", p.unit().id(),
					p.unit().name(), p.unit().rankingGroup(), p.unit().rank(), p.amount(), p.consequence(), p.state(),
					p.decision(), p.version());
		}

	}

	record RewardsJson(int year, BigDecimal budget, BigDecimal used, BigDecimal remaining, List<ProposalJson> proposals) {
	}

	record ConfirmJson(String reason, Integer version) {
	}

	/** The year's budget, what confirmed rewards use of it, and every proposal (office, leaders, province). */
	@GetMapping("/api/v1/rewards")
	@PreAuthorize(READ)
	RewardsJson rewards(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Integer year,
			@RequestParam(required = false) String cityCode) {
		Rewards.Overview o = rewards.year(user, cityCode, year);
		return new RewardsJson(o.year(), o.budget(), o.used(), o.remaining(),
				o.proposals().stream().map(ProposalJson::of).toList());
	}

	/** Confirms a proposal with a reason; a reward beyond the remaining budget is 400 with the figures. */
	@PostMapping("/api/v1/rewards/proposals/{id}/confirm")
	@PreAuthorize(MANAGE)
	ProposalJson confirm(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestBody(required = false) ConfirmJson body) {
		return ProposalJson.of(rewards.confirm(user, id, body == null ? null : body.reason(), body == null ? null : body.version()));
	}

	record RuleJson(long id, String periodKind, String rankingGroup, String kind, Integer rank, BigDecimal amount,
			Integer bottomN, String consequence) {

		static RuleJson of(Rewards.RuleView v) {
			var r = v.rule();
			return new RuleJson(v.id(), r.periodKind().name(), r.rankingGroup(), r.reward() ? "REWARD" : "CONSEQUENCE",
					r.rank(), r.amount(), r.bottomN(), r.consequence());
		}

	}

	record RuleInput(String periodKind, String rankingGroup, String kind, Integer rank, BigDecimal amount, Integer bottomN,
			String consequence) {
	}

	record BudgetJson(Integer year, BigDecimal amount) {
	}

	/** The city's reward and consequence rules (office, leaders, province). */
	@GetMapping("/api/v1/reward-rules")
	@PreAuthorize(READ)
	List<RuleJson> rules(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String cityCode) {
		return rewards.rules(user, cityCode).stream().map(RuleJson::of).toList();
	}

	/** Adds a rule (REWARD: rank and amount; CONSEQUENCE: bottomN and consequence); 400 naming every bad field. */
	@PostMapping("/api/v1/reward-rules")
	@PreAuthorize(MANAGE)
	ResponseEntity<RuleJson> addRule(@AuthenticationPrincipal CurrentUser user, @RequestBody(required = false) RuleInput body) {
		RuleInput in = body == null ? new RuleInput(null, null, null, null, null, null, null) : body;
		Rewards.RuleView v = rewards.addRule(user, in.periodKind(), in.rankingGroup(), in.kind(), in.rank(), in.amount(),
				in.bottomN(), in.consequence());
		return ResponseEntity.created(URI.create("/api/v1/reward-rules/" + v.id())).body(RuleJson.of(v));
	}

	/** Sets the year's budget; 400 when negative or below what confirmed rewards of the year use (with both figures). */
	@PutMapping("/api/v1/rewards/budget")
	@PreAuthorize(MANAGE)
	RewardsJson setBudget(@AuthenticationPrincipal CurrentUser user, @RequestBody(required = false) BudgetJson body) {
		rewards.setBudget(user, body == null ? null : body.year(), body == null ? null : body.amount());
		return rewards(user, body.year(), null);
	}

}
