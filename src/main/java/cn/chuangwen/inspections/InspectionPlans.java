package cn.chuangwen.inspections;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.inspections.internal.PlanStore;
import cn.chuangwen.inspections.internal.PlanWorkbook;
import cn.chuangwen.inspections.internal.PlanStore.Reader;
import cn.chuangwen.inspections.internal.SampleDraw;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.organization.UserView;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.PeriodCode;

/**
 * Inspection plans (检查计划, issue 9 §2): the office makes a round of announced (明查) or unannounced
 * (暗访) checks for a period, its points chosen by hand or drawn at random with a stored seed, and
 * closes it. Who sees a plan: the office (inspection:plan) every plan of its city; an inspector only
 * the plans it is on (another one's announced plan is refused, 403; another one's unannounced plan
 * does not exist for it, 404); a unit only announced or closed plans covering its points, and of
 * them only its points. An open unannounced plan is thus secret to everyone but the office and its
 * inspectors, in every list, count and page built on this facade. Every change is traced in the
 * caller's transaction; the trace of a plan names no unit.
 */
@Service
public class InspectionPlans {

	/** Plans' periods and days are Beijing's. */
	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	/** How a random sample is drawn, in words: see {@link SampleDraw}. */
	public static final String DRAW_RULE = SampleDraw.RULE;

	/** The most points one plan holds: a round is a few dozen, the national test a few hundred. */
	public static final int MAX_POINTS = 500;

	/** The most inspectors on one plan. */
	public static final int MAX_INSPECTORS = 50;

	static final int MAX_NAME = 200;

	/** The most towns or units a sample's scope names. */
	static final int MAX_SCOPE = 500;

	private final PlanStore store;

	private final InspectionSettings settings;

	private final Accounts accounts;

	private final Units units;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	public InspectionPlans(PlanStore store, InspectionSettings settings, Accounts accounts, Units units,
			AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.settings = settings;
		this.accounts = accounts;
		this.units = units;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/** The new plan: its id, the seed of its draw (null for points chosen by hand), its points in draw order. */
	public record Created(long id, Long seed, List<Long> fieldPointIds) {
	}

	// --- reading

	/** Whether the caller makes and closes plans (the office of a city). */
	public static boolean plans(CurrentUser user) {
		return user.can(Permissions.INSPECTION_PLAN) && user.cityId() != null;
	}

	/** One page of the plans the caller may see, open ones first. */
	@Transactional(readOnly = true)
	public Page<PlanView> page(CurrentUser user, PlanFilter filter, PageRequest page) {
		Reader reader = reader(user);
		boolean unit = reader instanceof Reader.Unit;
		Page<PlanStore.Row> rows = store.page(reader, filter, page);
		Map<Long, List<PlanView.Inspector>> inspectors = unit ? Map.of()
				: store.inspectors(rows.items().stream().map(r -> r.view().id()).toList());
		return rows.map(r -> r.view().withInspectors(inspectors.getOrDefault(r.view().id(), List.of())));
	}

	/** The most plans an export holds; a filter narrows a bigger list. */
	public static final int MAX_EXPORT = 10_000;

	/** The caller's filtered list (what {@link #page} shows, every page) as a workbook. */
	@Transactional(readOnly = true)
	public void export(CurrentUser user, PlanFilter filter, OutputStream out) throws IOException {
		Reader reader = reader(user);
		List<PlanView> rows = new ArrayList<>();
		store.each(reader, filter, MAX_EXPORT, r -> rows.add(r.view()));
		List<PlanView> named = new ArrayList<>();
		List<PlanView> slice = new ArrayList<>();
		// inspectors read 500 plans at a time, so an IN list stays short; a unit is not told who inspects
		for (int i = 0; i < rows.size(); i++) {
			slice.add(rows.get(i));
			if (slice.size() == 500 || i == rows.size() - 1) {
				Map<Long, List<PlanView.Inspector>> inspectors = reader instanceof Reader.Unit ? Map.of()
						: store.inspectors(slice.stream().map(PlanView::id).toList());
				slice.forEach(p -> named.add(p.withInspectors(inspectors.getOrDefault(p.id(), List.of()))));
				slice.clear();
			}
		}
		PlanWorkbook.write(named, out);
	}

	/**
	 * A plan with its points. Unknown, another city's, and any plan the caller may not know of: 404;
	 * an inspector's look at a plan it is not on that is announced (or closed): 403.
	 */
	@Transactional(readOnly = true)
	public PlanDetail get(CurrentUser user, long id) {
		Reader reader = reader(user);
		PlanStore.Row row = visible(user, reader, id);
		PlanView plan = row.view();
		PlanDetail.Made made = new PlanDetail.Made(row.createdAt(), row.createdBy(), row.closedBy());
		if (reader instanceof Reader.Unit u) {
			return new PlanDetail(plan, store.points(id, u.scope()), new PlanDetail.Scope(List.of(), List.of(), List.of()),
					null, made, false);
		}
		plan = plan.withInspectors(store.inspectors(List.of(id)).getOrDefault(id, List.of()));
		PlanStore.Scope scope = store.scope(id);
		PlanDetail.Scope named = new PlanDetail.Scope(scope.pointTypes(), store.unitNames(plan.cityId(), scope.towns()),
				store.unitNames(plan.cityId(), scope.units()));
		boolean office = reader instanceof Reader.Office;
		return new PlanDetail(plan, store.points(id, null), named, office ? row.sample() : null, made, office);
	}

	/**
	 * Redraws a plan's random sample with its stored seed over today's candidates (the office): the
	 * auditor's check that the points were drawn as the plan says. 404 for a plan chosen by hand.
	 */
	@Transactional(readOnly = true)
	public DrawCheck redraw(CurrentUser user, long id) {
		long cityId = office(user);
		PlanStore.Row row = store.findInCity(cityId, id).orElseThrow(() -> new NotFoundException("inspection_plan", id));
		PlanDetail.Sample sample = row.sample();
		if (sample == null) {
			throw new NotFoundException("inspection_plan", id);
		}
		List<Long> candidates = store.candidates(cityId, store.scope(id));
		String digest = SampleDraw.digest(candidates);
		List<Long> stored = store.pointIds(id);
		List<Long> redrawn = sample.size() <= candidates.size() ? SampleDraw.draw(candidates, sample.size(), sample.seed())
				: List.of();
		return new DrawCheck(sample, candidates.size(), digest, !digest.equals(sample.digest()),
				new HashSet<>(redrawn).equals(new HashSet<>(stored)) && redrawn.size() == stored.size(), stored, redrawn);
	}

	/** The accounts of the caller's city that may inspect (hold inspection:submit), for the plan form. */
	@Transactional(readOnly = true)
	public List<UserView> inspectorChoices(CurrentUser user) {
		office(user);
		return accounts.holding(user, Permissions.INSPECTION_SUBMIT)
			.stream()
			.filter(u -> user.cityId().equals(u.cityId()))
			.toList();
	}

	/** The period a new plan of the caller's city is for by default: the one of today. */
	@Transactional(readOnly = true)
	public PeriodCode currentPeriod(long cityId) {
		return PeriodCode.of(settings.rules(cityId).periodKind(), LocalDate.now(clock.withZone(ZONE)));
	}

	// --- changing

	/** Makes a plan; every bad value is reported at once (400) and nothing is stored. */
	@Transactional
	public Created create(CurrentUser user, PlanDraft draft) {
		return create(user, draft, List.of());
	}

	/**
	 * Makes a plan, refusing it with {@code earlier} (what the form could not read) together with
	 * everything found wrong here, so a form shows every problem at once.
	 */
	@Transactional
	public Created create(CurrentUser user, PlanDraft draft, List<FieldProblem> earlier) {
		long cityId = office(user);
		List<FieldProblem> problems = new ArrayList<>(earlier);
		PlanKind kind = kind(draft.kind(), problems);
		String name = trim(draft.name());
		if (name == null) {
			problems.add(FieldProblem.of("name", "plan.error.name.required"));
		}
		else if (name.length() > MAX_NAME) {
			problems.add(FieldProblem.of("name", "plan.error.tooLong", MAX_NAME));
		}
		PeriodCode period = period(cityId, draft.period(), problems);
		LocalDate start = date("startDate", draft.startDate(), problems);
		LocalDate end = date("endDate", draft.endDate(), problems);
		if (start != null && end != null && start.isAfter(end)) {
			problems.add(FieldProblem.of("endDate", "plan.error.dates.order"));
		}
		if (period != null) {
			inside(period, "startDate", start, problems);
			inside(period, "endDate", end, problems);
		}
		List<UserView> inspectors = inspectors(user, draft.inspectors(), problems);
		Points points = points(user, cityId, draft, problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		Instant now = clock.instant();
		long id = store.insert(new PlanStore.NewPlan(cityId, kind, name, period.text(), start, end, points.sample(), now,
				user.username()));
		store.insertScope(id, points.scope());
		store.insertPoints(id, points.ids());
		List<Long> inspectorIds = inspectors.stream().map(UserView::id).toList();
		store.insertInspectors(id, inspectorIds);
		PlanDetail.Sample s = points.sample();
		// in words and counts: a plan's trace names no unit and no point, so it tells nobody where the checks go
		audit.record(AuditEntry.of("PLAN_CREATE")
			.city(cityId)
			.object("inspection_plan", id)
			.change("planKind", null, words(kind))
			.change("name", null, name)
			.change("period", null, period.text())
			.change("dates", null, start + " – " + end)
			.change("points", null, points.ids().size())
			.change("pointTypes", null, points.scope().pointTypes().isEmpty() ? null
					: points.scope().pointTypes().stream().map(PointType::chineseName).collect(Collectors.joining("、")))
			.change("sample", null, s == null ? null
					: "seed " + s.seed() + ", " + s.size() + " / " + s.candidateCount() + ", SHA-256 " + s.digest())
			.change("inspectors", null, inspectors.stream().map(UserView::username).collect(Collectors.joining(", "))));
		events.publishEvent(new PlanAssigned(cityId, id, name, period.text(), start, end, points.ids().size(), inspectorIds,
				now));
		return new Created(id, s == null ? null : s.seed(), points.ids());
	}

	/**
	 * Closes a plan's round (the office): its findings then go to the units (the listeners of
	 * {@link InspectionRoundClosed}, in this transaction's commit) and an unannounced plan is no
	 * longer secret to the units whose points it covered. A closed round again: 409.
	 */
	@Transactional
	public PlanView close(CurrentUser user, long id) {
		long cityId = office(user);
		PlanStore.Row row = store.findInCity(cityId, id).orElseThrow(() -> new NotFoundException("inspection_plan", id));
		if (row.view().state() == PlanState.CLOSED || !store.close(id, clock.instant(), user.username())) {
			throw new ConflictException("plan.error.closed");
		}
		PlanView after = store.findInCity(cityId, id).orElseThrow().view();
		audit.record(AuditEntry.of("PLAN_CLOSE")
			.city(cityId)
			.object("inspection_plan", id)
			.change("planState", "进行中", "已结束")
			.change("inspected", null, after.inspectedCount() + " / " + after.pointCount()));
		events.publishEvent(new InspectionRoundClosed(cityId, id, row.view().kind()));
		return after;
	}

	// ---

	/** The caller's city when it is the office; 403 otherwise. */
	private static long office(CurrentUser user) {
		if (!plans(user)) {
			throw new AccessDeniedException(Permissions.INSPECTION_PLAN);
		}
		return user.cityId();
	}

	/** Which plans the caller reads: the office's, an inspector's own, a unit's; nobody else any. */
	private static Reader reader(CurrentUser user) {
		if (plans(user)) {
			return new Reader.Office(user.cityId());
		}
		if (user.can(Permissions.INSPECTION_SUBMIT) && user.cityId() != null) {
			return new Reader.Inspector(user.cityId(), user.id());
		}
		if (user.can(Permissions.FIELDPOINT_READ)) {
			return new Reader.Unit(user.scope());
		}
		throw new AccessDeniedException(Permissions.INSPECTION_PLAN);
	}

	private PlanStore.Row visible(CurrentUser user, Reader reader, long id) {
		var row = store.find(reader, id);
		if (row.isPresent()) {
			return row.get();
		}
		if (reader instanceof Reader.Inspector i) {
			// another inspector's plan: an announced (or closed) one is known to exist, so it is refused;
			// an open unannounced one does not exist for this inspector
			store.findInCity(i.cityId(), id)
				.filter(p -> p.view().kind() == PlanKind.ANNOUNCED || p.view().state() == PlanState.CLOSED)
				.ifPresent(p -> {
					throw new AccessDeniedException("not an inspector of plan " + id);
				});
		}
		throw new NotFoundException("inspection_plan", id);
	}

	private static PlanKind kind(String text, List<FieldProblem> problems) {
		String t = trim(text);
		if (t != null) {
			for (PlanKind k : PlanKind.values()) {
				if (k.name().equalsIgnoreCase(t)) {
					return k;
				}
			}
		}
		problems.add(FieldProblem.of("kind", "plan.error.kind"));
		return null;
	}

	/** A period code of the city's period kind (a month city plans by month, a bimonth city by bimonth). */
	private PeriodCode period(long cityId, String text, List<FieldProblem> problems) {
		if (trim(text) == null) {
			problems.add(FieldProblem.of("period", "plan.error.period.required"));
			return null;
		}
		PeriodCode code;
		try {
			code = PeriodCode.parse(text, "period");
		}
		catch (InvalidInputException ex) {
			problems.addAll(ex.problems());
			return null;
		}
		PeriodCode.Kind wanted = settings.rules(cityId).periodKind();
		if (code.kind() != wanted) {
			problems.add(FieldProblem.of("period", "plan.error.period.kind", code.text(),
					new DefaultMessageSourceResolvable("plan.periodKind." + wanted.name()), currentPeriod(cityId).text()));
			return null;
		}
		return code;
	}

	private static void inside(PeriodCode period, String field, LocalDate day, List<FieldProblem> problems) {
		if (day != null && !period.contains(day)) {
			problems.add(FieldProblem.of(field, "plan.error.dates.period", period.text(), period.start().toString(),
					period.lastDay().toString()));
		}
	}

	private static LocalDate date(String field, String text, List<FieldProblem> problems) {
		String t = trim(text);
		if (t == null) {
			problems.add(FieldProblem.of(field, "plan.error.date.required"));
			return null;
		}
		try {
			return LocalDate.parse(t);
		}
		catch (DateTimeParseException ex) {
			problems.add(FieldProblem.of(field, "plan.error.date.format"));
			return null;
		}
	}

	/** Enabled accounts of the caller's city that hold inspection:submit, at least one, none twice. */
	private List<UserView> inspectors(CurrentUser user, List<String> usernames, List<FieldProblem> problems) {
		List<String> given = usernames == null ? List.of()
				: usernames.stream().map(InspectionPlans::trim).filter(u -> u != null).toList();
		if (given.isEmpty()) {
			problems.add(FieldProblem.of("inspectors", "plan.error.inspectors.required"));
			return List.of();
		}
		if (given.size() > MAX_INSPECTORS) {
			problems.add(FieldProblem.of("inspectors", "plan.error.inspectors.tooMany", MAX_INSPECTORS));
			return List.of();
		}
		if (new HashSet<>(given).size() < given.size()) {
			problems.add(FieldProblem.of("inspectors", "plan.error.inspectors.twice"));
			return List.of();
		}
		Map<String, UserView> may = inspectorChoices(user).stream()
			.collect(Collectors.toMap(UserView::username, Function.identity()));
		List<UserView> found = new ArrayList<>();
		for (String u : given) {
			UserView v = may.get(u);
			if (v == null) {
				problems.add(FieldProblem.of("inspectors", "plan.error.inspector", u));
			}
			else {
				found.add(v);
			}
		}
		return found;
	}

	/** The plan's points, their scope and draw. */
	private record Points(List<Long> ids, PlanStore.Scope scope, PlanDetail.Sample sample) {
	}

	private Points points(CurrentUser user, long cityId, PlanDraft draft, List<FieldProblem> problems) {
		PlanStore.Scope none = new PlanStore.Scope(List.of(), List.of(), List.of());
		boolean byHand = draft.fieldPointIds() != null && !draft.fieldPointIds().isEmpty();
		if (byHand && draft.sample() != null) {
			problems.add(FieldProblem.of("fieldPointIds", "plan.error.points.both"));
			return new Points(List.of(), none, null);
		}
		if (draft.sample() != null) {
			return sample(user, cityId, draft.sample(), problems);
		}
		if (!byHand) {
			problems.add(FieldProblem.of("fieldPointIds", "plan.error.points.required"));
			return new Points(List.of(), none, null);
		}
		List<Long> ids = draft.fieldPointIds();
		if (ids.size() > MAX_POINTS) {
			problems.add(FieldProblem.of("fieldPointIds", "plan.error.points.tooMany", MAX_POINTS));
			return new Points(List.of(), none, null);
		}
		if (ids.stream().anyMatch(java.util.Objects::isNull) || new HashSet<>(ids).size() < ids.size()) {
			problems.add(FieldProblem.of("fieldPointIds", "plan.error.points.twice"));
			return new Points(List.of(), none, null);
		}
		Set<Long> active = new HashSet<>(store.activePoints(cityId, ids));
		List<Long> missing = ids.stream().filter(id -> !active.contains(id)).toList();
		if (!missing.isEmpty()) {
			problems.add(FieldProblem.of("fieldPointIds", "plan.error.points.unknown",
					missing.stream().map(String::valueOf).collect(Collectors.joining(", "))));
		}
		return new Points(List.copyOf(ids), none, null);
	}

	private Points sample(CurrentUser user, long cityId, PlanDraft.Sample s, List<FieldProblem> problems) {
		int before = problems.size();
		Set<PointType> types = new LinkedHashSet<>();
		for (String t : s.pointTypes() == null ? List.<String>of() : s.pointTypes()) {
			PointType.parse(t).ifPresentOrElse(types::add,
					() -> problems.add(FieldProblem.of("sample.pointTypes", "plan.error.sample.pointType", String.valueOf(t))));
		}
		if (types.isEmpty() && problems.size() == before) {
			problems.add(FieldProblem.of("sample.pointTypes", "plan.error.sample.pointTypes"));
		}
		List<Long> towns = scopeUnits(user, cityId, "sample.towns", s.towns(), true, problems);
		List<Long> scopeUnits = scopeUnits(user, cityId, "sample.units", s.units(), false, problems);
		Integer size = s.size();
		if (size == null || size < 1) {
			problems.add(FieldProblem.of("sample.size", "plan.error.sample.size"));
		}
		else if (size > MAX_POINTS) {
			problems.add(FieldProblem.of("sample.size", "plan.error.points.tooMany", MAX_POINTS));
		}
		PlanStore.Scope scope = new PlanStore.Scope(types.stream().sorted().toList(), towns, scopeUnits);
		if (problems.size() > before) {
			return new Points(List.of(), scope, null);
		}
		List<Long> candidates = store.candidates(cityId, scope);
		if (candidates.isEmpty()) {
			problems.add(FieldProblem.of("sample.size", "plan.error.sample.none"));
			return new Points(List.of(), scope, null);
		}
		if (size > candidates.size()) {
			problems.add(FieldProblem.of("sample.size", "plan.error.sample.tooBig", size, candidates.size()));
			return new Points(List.of(), scope, null);
		}
		long seed = s.seed() != null ? s.seed() : SampleDraw.newSeed();
		List<Long> drawn = SampleDraw.draw(candidates, size, seed);
		return new Points(drawn, scope,
				new PlanDetail.Sample(size, seed, candidates.size(), SampleDraw.digest(candidates)));
	}

	/** Active units of the city (towns: town-level ones), none twice; their ids in the given order. */
	private List<Long> scopeUnits(CurrentUser user, long cityId, String field, List<Long> ids, boolean towns,
			List<FieldProblem> problems) {
		if (ids == null || ids.isEmpty()) {
			return List.of();
		}
		if (ids.size() > MAX_SCOPE || ids.stream().anyMatch(java.util.Objects::isNull)
				|| new HashSet<>(ids).size() < ids.size()) {
			problems.add(FieldProblem.of(field, "plan.error.sample.scope"));
			return List.of();
		}
		Map<Long, UnitView> found = units.findAll(user.scope(), ids)
			.stream()
			.collect(Collectors.toMap(UnitView::id, Function.identity(), (a, b) -> a));
		for (Long id : ids) {
			UnitView u = found.get(id);
			if (u == null || u.cityId() != cityId || !u.active() || (towns && !u.kind().isTownLevel())) {
				problems.add(FieldProblem.of(field, towns ? "plan.error.sample.town" : "plan.error.sample.unit",
						String.valueOf(id)));
			}
		}
		return List.copyOf(ids);
	}

	/** The kind as the trace reads it (Chinese, like every trace value). */
	private static String words(PlanKind kind) {
		return kind == PlanKind.ANNOUNCED ? "明查" : "暗访";
	}

	static String trim(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

}
