package cn.chuangwen.inspections.web;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

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

import cn.chuangwen.inspections.DrawCheck;
import cn.chuangwen.inspections.InspectionPlans;
import cn.chuangwen.inspections.PlanDetail;
import cn.chuangwen.inspections.PlanDraft;
import cn.chuangwen.inspections.PlanFilter;
import cn.chuangwen.inspections.PlanView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.PagedResponse;
import cn.chuangwen.shared.web.QueryParams;

/**
 * Inspection plans as JSON (issue 9 §5, a contract): make one (points by hand or drawn at random),
 * list the plans the caller may see (paged, scoped as the plan secrecy says), read one with its
 * points, close its round, and redraw its sample to check it.
 */
@RestController
@RequestMapping("/api/v1/inspection-plans")
@PreAuthorize("hasAnyAuthority('inspection:plan', 'inspection:submit', 'fieldpoint:read')")
class PlansApi {

	private final InspectionPlans plans;

	PlansApi(InspectionPlans plans) {
		this.plans = plans;
	}

	/** The sample as sent: towns and units are unit ids. */
	record SampleRequest(List<String> pointTypes, List<Long> towns, List<Long> units, Integer size, Long seed) {
	}

	record CreateRequest(String kind, String name, String period, String startDate, String endDate,
			List<Long> fieldPointIds, SampleRequest sample, List<String> inspectors) {

		PlanDraft draft() {
			return new PlanDraft(kind, name, period, startDate, endDate, fieldPointIds,
					sample == null ? null
							: new PlanDraft.Sample(sample.pointTypes(), sample.towns(), sample.units(), sample.size(),
									sample.seed()),
					inspectors);
		}

	}

	record CreatedJson(long id, Long seed, List<Long> fieldPointIds) {
	}

	/** A plan in a list; the field names are the contract. */
	record PlanJson(long id, String kind, String name, String period, String state, LocalDate startDate,
			LocalDate endDate, List<String> inspectors) {

		static PlanJson of(PlanView p) {
			return new PlanJson(p.id(), p.kind().name(), p.name(), p.period(), p.state().name(), p.startDate(),
					p.endDate(), p.inspectorUsernames());
		}

	}

	record PointJson(long id, String code, String name, String pointType, long unitId, String unitName, long townId,
			String townName, boolean inspected) {

		static PointJson of(PlanDetail.PlanPoint p) {
			return new PointJson(p.id(), p.code(), p.name(), p.pointType().name(), p.unit().id(), p.unit().name(),
					p.town().id(), p.town().name(), p.inspected());
		}

	}

	record SampleJson(int size, long seed, int candidateCount, String candidateDigest, String rule) {
	}

	/** One plan: the list's fields, then its points, how many are inspected, its draw (the office only). */
	record DetailJson(long id, String kind, String name, String period, String state, LocalDate startDate,
			LocalDate endDate, List<String> inspectors, List<PointJson> points, int inspectedCount, SampleJson sample,
			Instant closedAt) {

		static DetailJson of(PlanDetail d) {
			PlanView p = d.plan();
			PlanDetail.Sample s = d.sample();
			return new DetailJson(p.id(), p.kind().name(), p.name(), p.period(), p.state().name(), p.startDate(),
					p.endDate(), p.inspectorUsernames(), d.points().stream().map(PointJson::of).toList(),
					p.inspectedCount(),
					s == null ? null
							: new SampleJson(s.size(), s.seed(), s.candidateCount(), s.digest(),
									InspectionPlans.DRAW_RULE),
					p.closedAt());
		}

	}

	record DrawJson(long seed, int size, int candidateCount, int candidatesNow, String candidateDigest,
			String digestNow, boolean registerChanged, boolean matches, List<Long> fieldPointIds,
			List<Long> redrawnFieldPointIds) {

		static DrawJson of(DrawCheck c) {
			return new DrawJson(c.stored().seed(), c.stored().size(), c.stored().candidateCount(), c.candidatesNow(),
					c.stored().digest(), c.digestNow(), c.registerChanged(), c.matches(), c.storedPoints(),
					c.redrawnPoints());
		}

	}

	@PostMapping
	@PreAuthorize("hasAuthority('inspection:plan')")
	ResponseEntity<CreatedJson> create(@AuthenticationPrincipal CurrentUser user, @RequestBody CreateRequest request) {
		InspectionPlans.Created created = plans.create(user, request.draft());
		return ResponseEntity.created(URI.create("/api/v1/inspection-plans/" + created.id()))
			.body(new CreatedJson(created.id(), created.seed(), created.fieldPointIds()));
	}

	@GetMapping
	ResponseEntity<List<PlanJson>> list(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) String kind, @RequestParam(required = false) String state,
			@RequestParam(required = false) String period, @RequestParam(required = false) String page,
			@RequestParam(required = false) String size) {
		List<FieldProblem> bad = new ArrayList<>();
		PlanFilter filter = PlanParams.filter(kind, state, period, bad);
		PageRequest request = QueryParams.page(page, size, bad);
		QueryParams.check(bad);
		return PagedResponse.of(plans.page(user, filter, request).map(PlanJson::of));
	}

	@GetMapping("/{id}")
	DetailJson get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return DetailJson.of(plans.get(user, id));
	}

	/** The redraw check: the stored seed over today's candidates; says whether it matches and whether the register changed. */
	@GetMapping("/{id}/draw")
	@PreAuthorize("hasAuthority('inspection:plan')")
	DrawJson draw(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return DrawJson.of(plans.redraw(user, id));
	}

	@PostMapping("/{id}/close")
	@PreAuthorize("hasAuthority('inspection:plan')")
	PlanJson close(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		PlanView closed = plans.close(user, id);
		return PlanJson.of(closed);
	}

}
