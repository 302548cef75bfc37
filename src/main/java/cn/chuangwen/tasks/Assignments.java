package cn.chuangwen.tasks;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.indicators.IndicatorView;
import cn.chuangwen.organization.CareTeams;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.tasks.internal.AssignmentStore;
import cn.chuangwen.tasks.internal.AssignmentStore.Row;

/**
 * Decomposition (指标分解, 任务分工): the office gives each leaf indicator to a lead unit with
 * cooperating units, a responsible person, a deadline and a roadmap of milestones; everyone sees
 * the assignments of the units in their scope, each with its state of the day.
 */
@Service
public class Assignments {

	/** Days are counted in the campaign's time zone. */
	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private final AssignmentStore store;

	private final IndicatorSystems indicators;

	private final Units units;

	private final AuditTrail audit;

	private final Clock clock;

	private final MessageSource messages;

	private final CareTeams careTeams;

	public Assignments(AssignmentStore store, IndicatorSystems indicators, Units units, AuditTrail audit, Clock clock,
			MessageSource messages, CareTeams careTeams) {
		this.careTeams = careTeams;
		this.messages = messages;
		this.store = store;
		this.indicators = indicators;
		this.units = units;
		this.audit = audit;
		this.clock = clock;
	}

	public LocalDate today() {
		return LocalDate.now(clock.withZone(ZONE));
	}

	/** A draft after validation: the resolved indicator, units and start, or the problems found. */
	public record Checked(IndicatorView indicator, UnitView lead, List<Long> cooperating, LocalDate start,
			BigDecimal share, List<FieldProblem> problems) {
	}

	/** An assignment saved, with the warnings the office should read (shares not adding up). */
	public record Saved(AssignmentView assignment, List<String> warnings) {
	}

	@Transactional
	public AssignmentView create(CurrentUser user, AssignmentDraft draft) {
		requireWrite(user);
		Checked checked = check(user, draft, null);
		if (!checked.problems().isEmpty()) {
			throw new InvalidInputException(checked.problems());
		}
		return get(user.scope(), insert(user, draft, checked));
	}

	/**
	 * Changes an assignment (units, responsible person, target share, dates, milestones) with a
	 * reason, if nobody saved it since {@code version}. The indicator stays: another indicator is
	 * another assignment. Each field changed goes to the trace with its old and new value.
	 */
	@Transactional
	public Saved update(CurrentUser user, long id, Integer version, AssignmentDraft draft, String reason) {
		requireWrite(user);
		AssignmentView before = get(user.scope(), id);
		List<FieldProblem> problems = new ArrayList<>();
		if (reason == null || reason.isBlank()) {
			problems.add(FieldProblem.of("reason", "unit.error.reason.required"));
		}
		else if (reason.trim().length() > 1000) {
			problems.add(FieldProblem.of("reason", "unit.error.text.long", 1000));
		}
		if (version == null) {
			problems.add(FieldProblem.of("version", "assignment.error.version.required"));
		}
		Checked c = check(user, draft, before);
		problems.addAll(c.problems());
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		if (before.withdrawn() || before.version() != version) {
			throw new ConflictException("error.conflict");
		}
		var r = draft.responsible();
		var responsible = new AssignmentView.Responsible(r.name().trim(), blank(r.post()), blank(r.phone()));
		List<Milestone> milestones = sorted(draft.milestones());
		if (!store.update(id, version, new AssignmentStore.Change(c.lead().id(), responsible,
				blank(draft.targetDescription()), c.share(), c.start(), draft.deadline()))) {
			throw new ConflictException("error.conflict");
		}
		store.replaceCooperators(id, c.cooperating());
		store.replaceMilestones(id, milestones);
		AssignmentView after = get(user.scope(), id);
		AuditEntry entry = AuditEntry.of("ASSIGNMENT_UPDATE").city(before.cityId()).object("assignment", id)
			.reason(reason.trim());
		changed(entry, "leadUnit", before.leadUnitName(), after.leadUnitName());
		changed(entry, "cooperatingUnits", before.cooperatingUnitNames(), after.cooperatingUnitNames());
		changed(entry, "responsible", person(before.responsible()), person(after.responsible()));
		changed(entry, "targetDescription", before.targetDescription(), after.targetDescription());
		changed(entry, "targetShare", plain(before.target().share()), plain(after.target().share()));
		changed(entry, "startDate", before.startDate(), after.startDate());
		changed(entry, "deadline", before.deadline(), after.deadline());
		changed(entry, "milestones", before.milestones(), after.milestones());
		audit.record(entry);
		return new Saved(after, shareWarnings(user, after));
	}

	/**
	 * Withdraws an assignment (撤销) with a reason: it leaves lists, the battle map, reminders and
	 * unit homes, and stays readable with its trace. {@code version}, when given, must be current.
	 */
	@Transactional
	public AssignmentView withdraw(CurrentUser user, long id, Integer version, String reason) {
		requireWrite(user);
		AssignmentView a = get(user.scope(), id);
		if (reason == null || reason.isBlank()) {
			throw new InvalidInputException(FieldProblem.of("reason", "unit.error.reason.required"));
		}
		if (reason.trim().length() > 1000) {
			throw new InvalidInputException(FieldProblem.of("reason", "unit.error.text.long", 1000));
		}
		if (a.withdrawn() || (version != null && version != a.version())) {
			throw new ConflictException("error.conflict");
		}
		var withdrawal = new AssignmentView.Withdrawal(clock.instant(), user.username(), reason.trim());
		if (!store.withdraw(id, a.version(), withdrawal)) {
			throw new ConflictException("error.conflict");
		}
		audit.record(AuditEntry.of("ASSIGNMENT_WITHDRAW")
			.city(a.cityId())
			.object("assignment", id)
			.reason(reason.trim())
			.change("withdrawn", null, withdrawal.at()));
		return get(user.scope(), id);
	}

	/**
	 * The city target of a numeric leaf indicator and its shares among the live assignments the
	 * caller can see; empty when the indicator has no numeric target.
	 */
	@Transactional(readOnly = true)
	public java.util.Optional<CityTarget> cityTarget(CurrentUser user, long indicatorId) {
		IndicatorView indicator = indicators.indicator(user.scope(), indicatorId);
		if (indicator.targetQuantity() == null) {
			return java.util.Optional.empty();
		}
		BigDecimal target = indicator.targetQuantity();
		List<CityTarget.Contribution> parts = new ArrayList<>();
		BigDecimal shares = BigDecimal.ZERO;
		BigDecimal reached = BigDecimal.ZERO;
		for (Row r : store.ofIndicator(user.scope(), indicatorId)) {
			BigDecimal share = r.target().share() != null ? r.target().share() : target;
			BigDecimal value = r.reached().value() == null ? BigDecimal.ZERO : r.reached().value();
			parts.add(new CityTarget.Contribution(r.id(), r.lead(), share, r.target().share() != null, value));
			shares = shares.add(share);
			reached = reached.add(value);
		}
		var kind = user.scope().kind();
		return java.util.Optional.of(new CityTarget(new AssignmentView.IndicatorRef(indicator.systemId(),
				indicator.id(), indicator.code(), indicator.name(), indicators.groupOf(user.scope(), indicator).id()), target,
				indicator.targetUnit(), parts, shares, reached,
				kind == DataScope.Kind.ALL || kind == DataScope.Kind.CITY));
	}

	/** The warning shown after a save when the shares of the assignment's city target do not add up. */
	List<String> shareWarnings(CurrentUser user, AssignmentView a) {
		if (a.target().cityValue() == null) {
			return List.of();
		}
		return cityTarget(user, a.indicatorId()).filter(t -> t.wholeCity() && !t.sharesMatch())
			.map(t -> List.of(messages.getMessage("assignment.share.mismatch",
					new Object[] { plain(t.sharesTotal()), plain(t.target()), t.unit() == null ? "" : t.unit() },
					LocaleContextHolder.getLocale())))
			.orElse(List.of());
	}

	private static void changed(AuditEntry entry, String field, Object before, Object after) {
		if (!java.util.Objects.equals(before, after)) {
			entry.change(field, before, after);
		}
	}

	private static String person(AssignmentView.Responsible r) {
		return r.name() + (r.post() == null ? "" : "（" + r.post() + "）") + (r.phone() == null ? "" : " " + r.phone());
	}

	static String plain(BigDecimal value) {
		return value == null ? null : value.stripTrailingZeros().toPlainString();
	}

	private static List<Milestone> sorted(List<Milestone> milestones) {
		return (milestones == null ? List.<Milestone>of() : milestones).stream()
			.sorted((a, b) -> a.date().compareTo(b.date()))
			.toList();
	}

	public static void requireWrite(CurrentUser user) {
		if (!user.can(Permissions.ASSIGNMENT_WRITE)) {
			throw new AccessDeniedException(Permissions.ASSIGNMENT_WRITE);
		}
	}

	/** Validates a new assignment's draft against the caller's scope without writing anything. */
	public Checked check(CurrentUser user, AssignmentDraft draft) {
		return check(user, draft, null);
	}

	/**
	 * Validates a draft against the caller's scope without writing anything; {@code existing} is
	 * the assignment being changed (its indicator stays), or null for a new one.
	 */
	public Checked check(CurrentUser user, AssignmentDraft draft, AssignmentView existing) {
		List<FieldProblem> problems = new ArrayList<>();
		IndicatorView indicator = null;
		if (existing != null && draft.indicatorId() != null && draft.indicatorId() != existing.indicatorId()) {
			problems.add(FieldProblem.of("indicatorId", "assignment.error.indicator.fixed"));
		}
		else if (existing != null) {
			indicator = indicators.indicator(user.scope(), existing.indicatorId());
		}
		else if (draft.indicatorId() == null) {
			problems.add(FieldProblem.of("indicatorId", "assignment.error.indicator.required"));
		}
		else {
			try {
				indicator = indicators.indicator(user.scope(), draft.indicatorId());
				if (!indicator.leaf()) {
					problems.add(FieldProblem.of("indicatorId", "assignment.error.indicator.leaf"));
				}
			}
			catch (NotFoundException ex) {
				problems.add(FieldProblem.of("indicatorId", "assignment.error.indicator.unknown"));
			}
		}
		UnitView lead = null;
		if (draft.leadUnitId() == null) {
			problems.add(FieldProblem.of("leadUnitId", "assignment.error.lead.required"));
		}
		else {
			lead = units.find(user.scope(), draft.leadUnitId()).orElse(null);
			if (lead == null || (indicator != null && lead.cityId() != indicator.cityId())) {
				problems.add(FieldProblem.of("leadUnitId", "assignment.error.unit.unknown"));
				lead = null;
			}
			else if (!lead.active()) {
				problems.add(FieldProblem.of("leadUnitId", "assignment.error.unit.inactive", lead.name()));
			}
		}
		List<Long> cooperating = new ArrayList<>(new LinkedHashSet<>(
				draft.cooperatingUnitIds() == null ? List.of() : draft.cooperatingUnitIds()));
		for (Long id : cooperating) {
			UnitView u = id == null ? null : units.find(user.scope(), id).orElse(null);
			if (u == null || (lead != null && u.cityId() != lead.cityId())) {
				problems.add(FieldProblem.of("cooperatingUnitIds", "assignment.error.unit.unknown"));
			}
			else if (lead != null && u.id() == lead.id()) {
				problems.add(FieldProblem.of("cooperatingUnitIds", "assignment.error.cooperator.lead"));
			}
		}
		var r = draft.responsible();
		if (r == null || r.name() == null || r.name().isBlank()) {
			problems.add(FieldProblem.of("responsible.name", "assignment.error.responsible.required"));
		}
		else if (r.name().trim().length() > 64 || (r.post() != null && r.post().length() > 64)) {
			problems.add(FieldProblem.of("responsible.name", "unit.error.text.long", 64));
		}
		if (r != null && r.phone() != null && !r.phone().isBlank() && !r.phone().trim().matches("[0-9+\\- ]{5,20}")) {
			problems.add(FieldProblem.of("responsible.phone", "unit.error.phone.format"));
		}
		if (draft.targetDescription() != null && draft.targetDescription().length() > 2000) {
			problems.add(FieldProblem.of("targetDescription", "unit.error.text.long", 2000));
		}
		BigDecimal share = draft.targetShare();
		if (share != null) {
			if (indicator != null && indicator.targetQuantity() == null) {
				problems.add(FieldProblem.of("targetShare", "assignment.error.share.notNumeric"));
			}
			else if (share.signum() <= 0) {
				problems.add(FieldProblem.of("targetShare", "assignment.error.share.positive"));
			}
			else if (share.scale() > 3 || share.precision() - share.scale() > 11) {
				problems.add(FieldProblem.of("targetShare", "assignment.error.share.format"));
			}
		}
		LocalDate start = draft.startDate() != null ? draft.startDate()
				: existing != null ? existing.startDate() : today();
		if (draft.deadline() == null) {
			problems.add(FieldProblem.of("deadline", "assignment.error.deadline.required"));
		}
		else if (draft.deadline().isBefore(start)) {
			problems.add(FieldProblem.of("deadline", "assignment.error.deadline.beforeStart"));
		}
		List<Milestone> milestones = draft.milestones() == null ? List.of() : draft.milestones();
		checkMilestones(milestones, start, draft.deadline(), problems);
		if (indicator != null && lead != null
				&& store.exists(indicator.id(), lead.id(), existing == null ? -1 : existing.id())) {
			problems.add(FieldProblem.of("leadUnitId", "assignment.error.duplicate", indicator.code(), lead.name()));
		}
		return new Checked(indicator, lead, cooperating, start, share, problems);
	}

	/** Writes a draft that {@link #check} passed (the bulk import checks every row before writing any). */
	public long insert(CurrentUser user, AssignmentDraft draft, Checked c) {
		IndicatorView indicator = c.indicator();
		UnitView lead = c.lead();
		var r = draft.responsible();
		List<Milestone> milestones = draft.milestones() == null ? List.of() : draft.milestones();
		IndicatorView group = indicators.groupOf(user.scope(), indicator);
		long id = store.insert(new AssignmentStore.NewAssignment(lead.cityId(),
				new AssignmentView.IndicatorRef(indicator.systemId(), indicator.id(), indicator.code(), indicator.name(),
						group.id()),
				lead.id(), new AssignmentView.Responsible(r.name().trim(), blank(r.post()), blank(r.phone())),
				new AssignmentView.Target(blank(draft.targetDescription()), indicator.targetQuantity(), c.share(),
						indicator.targetUnit()),
				c.start(), draft.deadline(), clock.instant(), user.username()));
		store.insertCooperators(id, c.cooperating());
		store.insertMilestones(id, sorted(milestones));
		indicators.markInUse(user.scope(), indicator.systemId());
		audit.record(AuditEntry.of("ASSIGNMENT_CREATE")
			.city(lead.cityId())
			.object("assignment", id)
			.change("indicator", null, indicator.code())
			.change("leadUnit", null, lead.name())
			.change("cooperatingUnits", null, c.cooperating())
			.change("responsible", null, r.name().trim())
			.change("targetShare", null, plain(c.share()))
			.change("deadline", null, draft.deadline())
			.change("milestones", null, milestones));
		return id;
	}

	static void checkMilestones(List<Milestone> milestones, LocalDate start, LocalDate deadline,
			List<FieldProblem> problems) {
		Set<LocalDate> dates = new HashSet<>();
		for (int i = 0; i < milestones.size(); i++) {
			Milestone m = milestones.get(i);
			String field = "milestones[" + i + "]";
			if (m == null || m.date() == null) {
				problems.add(FieldProblem.of(field, "assignment.error.milestone.date"));
				continue;
			}
			if (m.percent() < 0 || m.percent() > 100) {
				problems.add(FieldProblem.of(field, "assignment.error.percent.range"));
			}
			if (deadline != null && m.date().isAfter(deadline)) {
				problems.add(FieldProblem.of(field, "assignment.error.milestone.afterDeadline", m.date()));
			}
			if (m.date().isBefore(start)) {
				problems.add(FieldProblem.of(field, "assignment.error.milestone.beforeStart", m.date()));
			}
			if (!dates.add(m.date())) {
				problems.add(FieldProblem.of(field, "assignment.error.milestone.duplicate", m.date()));
			}
		}
		List<Milestone> sorted = milestones.stream()
			.filter(m -> m != null && m.date() != null)
			.sorted((a, b) -> a.date().compareTo(b.date()))
			.toList();
		for (int i = 1; i < sorted.size(); i++) {
			if (sorted.get(i).percent() < sorted.get(i - 1).percent()) {
				problems.add(FieldProblem.of("milestones", "assignment.error.milestone.decreasing"));
				break;
			}
		}
	}

	/**
	 * Milestones scheduled backwards from the deadline (倒排工期): 25, 50, 75 % at even intervals
	 * between start and deadline, and 100 % on the deadline.
	 */
	public static List<Milestone> scheduleBackwards(LocalDate start, LocalDate deadline) {
		long days = java.time.temporal.ChronoUnit.DAYS.between(start, deadline);
		List<Milestone> list = new ArrayList<>();
		for (int q = 1; q <= 3; q++) {
			LocalDate date = deadline.minusDays(days * (4 - q) / 4);
			if (!date.isBefore(start) && date.isBefore(deadline)
					&& list.stream().noneMatch(m -> m.date().equals(date))) {
				list.add(new Milestone(date, 25 * q));
			}
		}
		list.add(new Milestone(deadline, 100));
		return list;
	}

	@Transactional(readOnly = true)
	public AssignmentView get(DataScope scope, long id) {
		Row row = store.find(scope, id).orElseThrow(() -> new NotFoundException("assignment", id));
		return views(List.of(row)).get(0);
	}

	/**
	 * The assignments of one city among {@code ids}, as they stand today (a key project's linked
	 * milestones, read live, never copied); ids of another city or unknown are left out. The caller
	 * must have checked that the reader may see the city's item that links them.
	 */
	@Transactional(readOnly = true)
	public List<AssignmentView> linkedIn(long cityId, java.util.Collection<Long> ids) {
		return views(store.ofCity(cityId, java.util.Set.copyOf(ids)));
	}

	/**
	 * Every assignment a unit leads or cooperates on that falls due in {@code year}, by deadline,
	 * within the caller's scope (a responsibility letter's items): not capped, the year bounds it.
	 * Empty when the city is not the caller's.
	 */
	@Transactional(readOnly = true)
	public List<AssignmentView> ofUnitDueIn(CurrentUser user, long cityId, long unitId, int year) {
		if (!user.scope().includesCity(cityId)) {
			return List.of();
		}
		return views(store.dueBetween(user.scope(), cityId, new AssignmentFilter(null, unitId, null, null, null),
				LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), today(), store.settings(cityId)));
	}

	/**
	 * The caller's assignments (of its own city) not signed off that fall due from today to the
	 * end of {@code days} days, soonest first, at most {@code limit}.
	 */
	@Transactional(readOnly = true)
	public List<AssignmentView> dueWithin(CurrentUser user, int days, int limit) {
		if (user.cityId() == null) {
			return List.of();
		}
		LocalDate today = today();
		return views(store.dueBetween(user.scope(), user.cityId(), today, today.plusDays(days), limit));
	}

	/** A unit's assignments (led or co-operated) counted by state, with their average progress. */
	public record UnitTally(java.util.Map<AssignmentState, Long> byState, long total, int averagePercent) {

		public long count(AssignmentState state) {
			return byState.getOrDefault(state, 0L);
		}

	}

	/**
	 * Every assignment a unit leads or co-operates on in the caller's scope, counted in SQL (the
	 * unit record's figures): no row is read into memory, so none is left out.
	 */
	@Transactional(readOnly = true)
	public UnitTally tallyOf(CurrentUser user, long cityId, long unitId) {
		var byState = new EnumMap<AssignmentState, Long>(AssignmentState.class);
		if (!user.scope().includesCity(cityId)) {
			return new UnitTally(byState, 0, 0);
		}
		long total = 0, percents = 0;
		AssignmentState[] states = AssignmentState.values();
		for (long[] row : store.countsByState(user.scope(), cityId, new AssignmentFilter(null, unitId, null, null, null),
				today(), store.settings(cityId))) {
			byState.put(states[(int) row[0]], row[1]);
			total += row[1];
			percents += row[2];
		}
		return new UnitTally(byState, total, total == 0 ? 0 : (int) Math.round((double) percents / total));
	}

	/** How many of the caller's assignments {@link #dueWithin} would list without a limit. */
	@Transactional(readOnly = true)
	public long countDueWithin(CurrentUser user, int days) {
		if (user.cityId() == null) {
			return 0;
		}
		LocalDate today = today();
		return store.countDueBetween(user.scope(), user.cityId(), today, today.plusDays(days));
	}

	/**
	 * Per unit of {@code unitIds}, the caller's assignments on one system led by it or by a unit
	 * below it, counted by state in SQL over every row (a leader's attached units, 挂点).
	 */
	@Transactional(readOnly = true)
	public Map<Long, Map<AssignmentState, Long>> countsUnder(CurrentUser user, long systemId, List<Long> unitIds) {
		Map<Long, Map<AssignmentState, Long>> counts = new HashMap<>();
		if (user.cityId() == null) {
			return counts;
		}
		AssignmentState[] states = AssignmentState.values();
		for (long[] row : store.countsUnder(user.scope(), user.cityId(), systemId, unitIds, today(),
				store.settings(user.cityId()))) {
			counts.computeIfAbsent(row[0], k -> new EnumMap<>(AssignmentState.class))
				.merge(states[(int) row[1]], row[2], Long::sum);
		}
		return counts;
	}

	/**
	 * One page of the caller's overdue and at-risk assignments on one system under any of
	 * {@code unitIds}, overdue first, then by deadline, each once, with the total.
	 */
	@Transactional(readOnly = true)
	public Page<AssignmentView> urgentUnder(CurrentUser user, long systemId, List<Long> unitIds, PageRequest page) {
		if (user.cityId() == null) {
			return Page.empty(page);
		}
		return store.urgentUnder(user.scope(), user.cityId(), systemId, unitIds, today(),
				store.settings(user.cityId()), page)
			.mapAll(this::views);
	}

	/**
	 * One page of the caller's assignments (of its own city) matching the filter that are not signed
	 * off and fall due from today to the end of {@code days} days, soonest first, with the total.
	 */
	@Transactional(readOnly = true)
	public Page<AssignmentView> pageDueWithin(CurrentUser user, AssignmentFilter filter, int days, PageRequest page) {
		if (user.cityId() == null) {
			return Page.empty(page);
		}
		return store.pageDueWithin(user.scope(), user.cityId(), filter, today(), days,
				store.settings(user.cityId()), page)
			.mapAll(this::views);
	}

	/**
	 * One page over several cities the caller sees (the province's list without a chosen city), by
	 * city then deadline; each city's state rules use its own settings. Cities outside the scope are left out.
	 */
	@Transactional(readOnly = true)
	public Page<AssignmentView> pageAcrossCities(CurrentUser user, List<Long> cityIds, AssignmentFilter filter,
			PageRequest page) {
		Map<Long, TaskSettings> settings = new LinkedHashMap<>();
		cityIds.stream().filter(user.scope()::includesCity).forEach(c -> settings.put(c, store.settings(c)));
		return store.pageAcrossCities(user.scope(), settings, filter, today(), page)
			.mapAll(this::views);
	}

	/** One page of the city's assignments, filtered and paged in the database; an empty page when the city is not the caller's. */
	@Transactional(readOnly = true)
	public Page<AssignmentView> page(CurrentUser user, Long cityId, AssignmentFilter filter, PageRequest page) {
		Long city = cityId != null ? cityId : user.cityId();
		if (city == null || !user.scope().includesCity(city)) {
			return Page.empty(page);
		}
		return store.page(careTeams.readScope(user), city, filter, today(), store.settings(city), page)
			.mapAll(this::views);
	}

	/**
	 * An assignment the caller may read: in its scope or, for a care team's department, of one of
	 * its communities (Q2). Read only: every change takes {@link #get} with the caller's own scope.
	 */
	@Transactional(readOnly = true)
	public AssignmentView read(CurrentUser user, long id) {
		return get(careTeams.readScope(user), id);
	}

	@Transactional
	public AssignmentView reopen(CurrentUser user, long id, int version, String reason) {
		if (!user.can(Permissions.REPORT_REVIEW)) {
			throw new AccessDeniedException(Permissions.REPORT_REVIEW);
		}
		AssignmentView a = get(user.scope(), id);
		if (reason == null || reason.isBlank()) {
			throw new InvalidInputException(FieldProblem.of("reason", "unit.error.reason.required"));
		}
		if (a.signedOffAt() == null) {
			throw new InvalidInputException(FieldProblem.of("reason", "assignment.error.notSignedOff"));
		}
		if (a.withdrawn()) {
			throw new ConflictException("assignment.error.withdrawn");
		}
		if (!store.reopen(id, version)) {
			throw new ConflictException("error.conflict");
		}
		audit.record(AuditEntry.of("ASSIGNMENT_REOPEN")
			.city(a.cityId())
			.object("assignment", id)
			.reason(reason.trim())
			.change("signedOffAt", a.signedOffAt(), null));
		return get(user.scope(), id);
	}

	/**
	 * A city's assignments not signed off whose deadline is 7, 3 or 1 days after the day, or before
	 * it: what the daily reminders go through, within the caller's scope (the reminder job reads as
	 * the city's system reader); empty for a city outside it.
	 */
	@Transactional(readOnly = true)
	public List<AssignmentView> dueOrOverdue(CurrentUser user, long cityId, LocalDate day) {
		if (!user.scope().includesCity(cityId)) {
			return List.of();
		}
		return views(store.dueOrOverdue(user.scope(), cityId, day));
	}

	/** A city's task settings; 404 for a city outside the caller's scope. */
	@Transactional(readOnly = true)
	public TaskSettings settings(DataScope scope, long cityId) {
		if (!scope.includesCity(cityId)) {
			throw new NotFoundException("city", cityId);
		}
		return store.settings(cityId);
	}

	@Transactional
	public TaskSettings saveSettings(CurrentUser user, TaskSettings settings) {
		if (!user.can(Permissions.ASSIGNMENT_WRITE) || user.cityId() == null) {
			throw new AccessDeniedException(Permissions.ASSIGNMENT_WRITE);
		}
		List<FieldProblem> problems = new ArrayList<>();
		if (settings.atRiskPoints() < 1 || settings.atRiskPoints() > 100) {
			problems.add(FieldProblem.of("atRiskPoints", "assignment.error.setting.range", 1, 100));
		}
		if (settings.atRiskDays() < 0 || settings.atRiskDays() > 90) {
			problems.add(FieldProblem.of("atRiskDays", "assignment.error.setting.range", 0, 90));
		}
		if (settings.oldPhotoDays() < 1 || settings.oldPhotoDays() > 3650) {
			problems.add(FieldProblem.of("oldPhotoDays", "assignment.error.setting.range", 1, 3650));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		TaskSettings before = store.settings(user.cityId());
		if (before.version() != settings.version()) {
			throw new ConflictException("error.conflict");
		}
		store.saveSettings(user.cityId(), settings);
		audit.record(AuditEntry.of("TASK_SETTINGS_CHANGE")
			.city(user.cityId())
			.object("task_setting", user.cityId())
			.change("atRiskPoints", before.atRiskPoints(), settings.atRiskPoints())
			.change("atRiskDays", before.atRiskDays(), settings.atRiskDays())
			.change("oldPhotoDays", before.oldPhotoDays(), settings.oldPhotoDays())
			.change("assessmentDate", before.assessmentDate(), settings.assessmentDate()));
		return store.settings(user.cityId());
	}

	/** Leaves of a system that no unit has been given yet. */
	@Transactional(readOnly = true)
	public List<IndicatorView> unassignedLeaves(DataScope scope, long systemId) {
		Set<Long> assigned = new HashSet<>(store.assignedIndicatorIds(systemId));
		return indicators.leaves(scope, systemId).stream().filter(l -> !assigned.contains(l.id())).toList();
	}

	List<AssignmentView> views(List<Row> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		List<Long> ids = rows.stream().map(Row::id).toList();
		Map<Long, List<Milestone>> milestones = store.milestones(ids);
		Map<Long, List<AssignmentView.UnitRef>> cooperators = store.cooperators(ids);
		LocalDate today = today();
		Map<Long, TaskSettings> settings = new HashMap<>();
		List<AssignmentView> views = new ArrayList<>();
		for (Row r : rows) {
			TaskSettings s = settings.computeIfAbsent(r.cityId(), store::settings);
			List<Milestone> ms = milestones.getOrDefault(r.id(), List.of());
			var reached = r.reached();
			var progress = new AssignmentView.Progress(reached.percent(), reached.value(),
					AssignmentState.compute(reached.signedOffAt() != null, reached.percent(), r.deadline(), ms, today, s),
					AssignmentState.expectedPercent(ms, today), reached.signedOffAt(), reached.signedOffBy());
			views.add(new AssignmentView(r.id(), r.cityId(), r.indicator(), r.lead(),
					cooperators.getOrDefault(r.id(), List.of()), r.responsible(), r.target(),
					new AssignmentView.Schedule(r.startDate(), r.deadline(), ms), progress, r.withdrawal(), r.version()));
		}
		return views;
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

}
