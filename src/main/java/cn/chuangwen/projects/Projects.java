package cn.chuangwen.projects;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.files.Upload;
import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.files.StoredFile;
import cn.chuangwen.organization.CommandBodies;
import cn.chuangwen.organization.CommandBody;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.ScopeSql;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.problems.ProblemView;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.projects.internal.ProjectStore;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.tasks.AssignmentView;
import cn.chuangwen.tasks.Assignments;

/**
 * Key projects (重点项目, issue 12 §2): a city leader, a lead unit and cooperating units, a state, a
 * budget that is its creation fund allocation of the current year and its spending (with an invoice
 * scan each, refused past the allocation; {@link Funds}), and milestones that
 * are the city's assignments and problems linked by id and read live from their modules. Reads are
 * scoped: the office and leaders their city, the province every city, a unit liaison the projects its
 * unit leads or cooperates on (others are 404). Writes are the office's, every one traced.
 */
@Service
public class Projects {

	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	public static final int MAX_NAME = 200;

	public static final int MAX_GOAL = 2000;

	public static final int MAX_NOTE = 500;

	public static final int MAX_LINKS = 200;

	public static final int MAX_UNITS = 50;

	/** Link kinds, as pages and the audit trail name them. */
	public enum LinkKind {
		ASSIGNMENT, PROBLEM
	}


	/** A stored spending entry and what it means for the budget. */
	public record SpendingAdded(ProjectView project, long spendingId, BudgetRule.Outcome outcome) {
	}

	private final ProjectStore store;

	private final Units units;

	private final Assignments assignments;

	private final Problems problems;

	private final EvidenceStore files;

	private final Funds funds;

	private final AuditTrail audit;

	private final Clock clock;

	private final CommandBodies bodies;

	public Projects(ProjectStore store, Units units, Assignments assignments, Problems problems, EvidenceStore files,
			Funds funds, AuditTrail audit, Clock clock, CommandBodies bodies) {
		this.bodies = bodies;
		this.store = store;
		this.units = units;
		this.assignments = assignments;
		this.problems = problems;
		this.files = files;
		this.funds = funds;
		this.audit = audit;
		this.clock = clock;
	}

	public LocalDate today() {
		return LocalDate.now(clock.withZone(ZONE));
	}

	// --- reading

	/** The projects in the reader's scope, by city and id. */
	@Transactional(readOnly = true)
	public Page<ProjectView> page(CurrentUser user, PageRequest page) {
		reader(user);
		ScopeSql scope = ScopeSql.of(user.scope());
		return Page.read(page, () -> store.page(scope, page, funds.year()), () -> store.count(scope)).mapAll(this::views);
	}

	/** One project in the reader's scope; 404 otherwise. */
	@Transactional(readOnly = true)
	public ProjectView get(CurrentUser user, long id) {
		reader(user);
		return views(List.of(find(user, id))).get(0);
	}

	/** One project with its linked work read live, its spending and its history. */
	@Transactional(readOnly = true)
	public ProjectDetail detail(CurrentUser user, long id) {
		ProjectView p = get(user, id);
		CommandBody taskForce = user.can(Permissions.COMMAND_READ) || user.can(Permissions.COMMAND_MANAGE)
				? store.taskForceId(id).map(b -> bodies.get(user, b)).orElse(null) : null;
		return new ProjectDetail(p, assignments.linkedIn(p.cityId(), p.linkedAssignmentIds()),
				problems.linkedIn(p.cityId(), p.linkedProblemIds()), taskForce, funds.projectSpending(id),
				audit.historyOf("project", String.valueOf(id), 100));
	}

	/** Overdue linked items per project (assignments overdue, problems open past their deadline). */
	@Transactional(readOnly = true)
	public long overdue(ProjectView p) {
		long a = assignments.linkedIn(p.cityId(), p.linkedAssignmentIds())
			.stream()
			.filter(v -> v.state() == cn.chuangwen.tasks.AssignmentState.OVERDUE)
			.count();
		long b = problems.linkedIn(p.cityId(), p.linkedProblemIds()).stream().filter(v -> v.status().overdue()).count();
		return a + b;
	}

	/** A spending entry's evidence file, for a reader of its project. */
	@Transactional(readOnly = true)
	public StoredFile evidence(CurrentUser user, long id, long fileId) {
		ProjectStore.Row p = find(user, id);
		if (!funds.projectHasEvidence(p.id(), fileId)) {
			throw new NotFoundException("file", fileId);
		}
		return files.find(fileId).orElseThrow(() -> new NotFoundException("file", fileId));
	}

	/** The enabled city leaders of the office's city, as {username, display name}: the form's choices. */
	@Transactional(readOnly = true)
	public List<String[]> leaderChoices(CurrentUser user) {
		return store.leaders(city(user));
	}

	// --- writing

	@Transactional
	public ProjectView create(CurrentUser user, ProjectDraft draft) {
		long cityId = city(user);
		Checked c = check(user, cityId, draft, null);
		Instant now = now();
		long id = store.insert(cityId, c.fields(), user.username(), now);
		funds.setProjectBudget(user, cityId, id, c.budget());
		store.replaceUnits(id, c.cooperating().keySet());
		for (Long a : c.assignments()) {
			store.link(id, ProjectStore.ASSIGNMENT, a, user.username(), now);
		}
		for (Long p : c.problems()) {
			store.link(id, ProjectStore.PROBLEM, p, user.username(), now);
		}
		audit.record(AuditEntry.of("PROJECT_CREATE")
			.city(cityId)
			.object("project", id)
			.change("name", null, c.fields().name())
			.change("leader", null, c.leader())
			.change("leadUnit", null, c.leadUnitName())
			.change("cooperatingUnits", null, names(c.cooperating().values()))
			.change("state", null, c.fields().state())
			.change("budget", null, c.budget().toPlainString())
			.change("linkedAssignmentIds", null, ids(c.assignments()))
			.change("linkedProblemIds", null, ids(c.problems())));
		return get(user, id);
	}

	/** Replaces a project's fields and links (PUT); 400 naming each wrong field, nothing changed. */
	@Transactional
	public ProjectView update(CurrentUser user, long id, ProjectDraft draft) {
		long cityId = city(user);
		ProjectView before = views(List.of(find(user, id))).get(0);
		if (before.cityId() != cityId) {
			throw new NotFoundException("project", id);
		}
		Checked c = check(user, cityId, draft, before);
		store.lock(id);
		Instant now = now();
		store.update(id, c.fields(), now);
		funds.setProjectBudget(user, cityId, id, c.budget());
		store.replaceUnits(id, c.cooperating().keySet());
		AuditEntry entry = AuditEntry.of("PROJECT_UPDATE").city(cityId).object("project", id);
		changed(entry, "name", before.name(), c.fields().name());
		changed(entry, "goal", before.goal(), c.fields().goal());
		changed(entry, "leader", before.leaderName() + " (" + before.leaderUsername() + ")", c.leader());
		changed(entry, "leadUnit", before.leadUnitName(), c.leadUnitName());
		changed(entry, "cooperatingUnits", names(before.cooperating().stream().map(ProjectView.Unit::name).toList()),
				names(c.cooperating().values()));
		changed(entry, "state", before.state().name(), c.fields().state().name());
		if (before.budget().compareTo(c.budget()) != 0) {
			entry.change("budget", before.budget().toPlainString(), c.budget().toPlainString());
		}
		relink(id, ProjectStore.ASSIGNMENT, before.linkedAssignmentIds(), c.assignments(), user, now);
		relink(id, ProjectStore.PROBLEM, before.linkedProblemIds(), c.problems(), user, now);
		changed(entry, "linkedAssignmentIds", ids(before.linkedAssignmentIds()), ids(c.assignments()));
		changed(entry, "linkedProblemIds", ids(before.linkedProblemIds()), ids(c.problems()));
		audit.record(entry);
		return get(user, id);
	}

	/** The task forces (专班) of the office's city a project may name, by the command structure's order. */
	@Transactional(readOnly = true)
	public List<CommandBody> taskForceChoices(CurrentUser user) {
		return bodies.list(user, city(user)).stream().filter(b -> b.kind() == CommandBody.Kind.TASK_FORCE).toList();
	}

	/**
	 * Names the project's task force (专班): a TASK_FORCE body of the project's city (else 400 on
	 * {@code taskForceId}); null names none. Traced as a change of the project.
	 */
	@Transactional
	public ProjectView setTaskForce(CurrentUser user, long id, Long bodyId) {
		ProjectView p = managed(user, id);
		CommandBody after = bodyId == null ? null : taskForceChoices(user).stream()
			.filter(b -> b.id() == bodyId)
			.findFirst()
			.orElseThrow(() -> new InvalidInputException(FieldProblem.of("taskForceId", "project.error.taskForce")));
		store.lock(id);
		Long before = store.taskForceId(id).orElse(null);
		if (Objects.equals(before, bodyId)) {
			return p;
		}
		store.setTaskForce(id, bodyId, now());
		audit.record(AuditEntry.of("PROJECT_UPDATE")
			.city(p.cityId())
			.object("project", id)
			.change("taskForce", before == null ? null : bodies.get(user, before).name(),
					after == null ? null : after.name()));
		return get(user, id);
	}

	/**
	 * Links one assignment or problem of the project's city (by id; a problem also by its code);
	 * 400 on field {@code ref} when there is none such or it is linked already.
	 */
	@Transactional
	public ProjectView link(CurrentUser user, long id, LinkKind kind, String ref) {
		ProjectView p = managed(user, id);
		Long target = resolve(user, p.cityId(), kind, ref);
		List<Long> linked = kind == LinkKind.ASSIGNMENT ? p.linkedAssignmentIds() : p.linkedProblemIds();
		if (linked.contains(target)) {
			throw new InvalidInputException(FieldProblem.of("ref", "project.error.link.already"));
		}
		if (linked.size() >= MAX_LINKS) {
			throw new InvalidInputException(FieldProblem.of("ref", "project.error.links.tooMany", MAX_LINKS));
		}
		Instant now = now();
		store.lock(id);
		store.link(id, kind.name(), target, user.username(), now);
		store.touch(id, now);
		audit.record(AuditEntry.of("PROJECT_LINK")
			.city(p.cityId())
			.object("project", id)
			.change(kind == LinkKind.ASSIGNMENT ? "assignment" : "problem", null, target));
		return get(user, id);
	}

	@Transactional
	public ProjectView unlink(CurrentUser user, long id, LinkKind kind, long target) {
		ProjectView p = managed(user, id);
		store.lock(id);
		if (store.unlink(id, kind.name(), target) != 1) {
			throw new NotFoundException(kind == LinkKind.ASSIGNMENT ? "assignment" : "problem", target);
		}
		store.touch(id, now());
		audit.record(AuditEntry.of("PROJECT_UNLINK")
			.city(p.cityId())
			.object("project", id)
			.change(kind == LinkKind.ASSIGNMENT ? "assignment" : "problem", target, null));
		return get(user, id);
	}

	/**
	 * A spending entry with its evidence (exactly one file: the invoice scan, checked by the files
	 * module), against the project's creation fund allocation of the entry's year ({@link Funds}). 400
	 * naming each wrong field; 400 with the figures when it would pass the allocation (an approved
	 * increase raises it); nothing stored then. A WARNING outcome when spending reaches 90 %.
	 */
	@Transactional
	public SpendingAdded addSpending(CurrentUser user, long id, String amountText, String noteText, String dateText,
			List<Upload> uploads) {
		ProjectView p = managed(user, id);
		Funds.Spent spent = funds.spendOnProject(user, p, new Funds.Entry(amountText, noteText, dateText, uploads));
		store.lock(id);
		store.touch(id, now());
		return new SpendingAdded(get(user, id), spent.spendingId(), spent.outcome());
	}

	// --- checks

	private record Checked(ProjectStore.Fields fields, BigDecimal budget, String leader, String leadUnitName,
			Map<Long, String> cooperating, List<Long> assignments, List<Long> problems) {
	}

	private Checked check(CurrentUser user, long cityId, ProjectDraft d, ProjectView before) {
		List<FieldProblem> bad = new ArrayList<>();
		String name = trim(d.name());
		if (name == null) {
			bad.add(FieldProblem.of("name", "project.error.name.required"));
		}
		else if (name.length() > MAX_NAME) {
			bad.add(FieldProblem.of("name", "project.error.name.tooLong", MAX_NAME));
		}
		else if (store.nameTaken(cityId, name, before == null ? null : before.id())) {
			bad.add(FieldProblem.of("name", "project.error.name.taken"));
		}
		String goal = trim(d.goal());
		if (goal != null && goal.length() > MAX_GOAL) {
			bad.add(FieldProblem.of("goal", "project.error.goal.tooLong", MAX_GOAL));
		}
		String leaderName = trim(d.leaderUsername());
		Long leaderId = null;
		if (leaderName == null) {
			bad.add(FieldProblem.of("leaderUsername", "project.error.leader.required"));
		}
		else {
			leaderId = leaderName.length() > 64 ? null : store.leaderId(cityId, leaderName).orElse(null);
			if (leaderId == null) {
				bad.add(FieldProblem.of("leaderUsername", "project.error.leader.unknown"));
			}
		}
		String leadUnitName = null;
		if (d.leadUnitId() == null) {
			bad.add(FieldProblem.of("leadUnitId", "project.error.leadUnit.required"));
		}
		List<Long> coop = d.cooperatingUnitIds() == null ? List.of() : d.cooperatingUnitIds();
		Map<Long, String> cooperating = new java.util.LinkedHashMap<>();
		if (coop.stream().anyMatch(Objects::isNull)) {
			bad.add(FieldProblem.of("cooperatingUnitIds", "project.error.units.unknown"));
		}
		else if (coop.size() > MAX_UNITS) {
			bad.add(FieldProblem.of("cooperatingUnitIds", "project.error.units.tooMany", MAX_UNITS));
		}
		else {
			Set<Long> wanted = new LinkedHashSet<>(coop);
			if (d.leadUnitId() != null) {
				wanted.add(d.leadUnitId());
			}
			Map<Long, UnitView> found = units.findAll(user.scope(), wanted)
				.stream()
				.filter(u -> u.cityId() == cityId && u.active())
				.collect(Collectors.toMap(UnitView::id, u -> u));
			if (d.leadUnitId() != null) {
				UnitView lead = found.get(d.leadUnitId());
				if (lead == null) {
					bad.add(FieldProblem.of("leadUnitId", "project.error.leadUnit.unknown"));
				}
				else {
					leadUnitName = lead.name();
				}
			}
			List<Long> unknown = new ArrayList<>();
			for (Long u : new LinkedHashSet<>(coop)) {
				UnitView v = found.get(u);
				if (v == null) {
					unknown.add(u);
				}
				else {
					cooperating.put(u, v.name());
				}
			}
			if (!unknown.isEmpty()) {
				bad.add(FieldProblem.of("cooperatingUnitIds", "project.error.units.unknownIds", ids(unknown)));
			}
			else if (d.leadUnitId() != null && cooperating.containsKey(d.leadUnitId())) {
				bad.add(FieldProblem.of("cooperatingUnitIds", "project.error.units.lead"));
			}
		}
		ProjectState state = ProjectState.PLANNING;
		if (trim(d.state()) != null) {
			try {
				state = ProjectState.valueOf(trim(d.state()));
			}
			catch (IllegalArgumentException ex) {
				bad.add(FieldProblem.of("state", "project.error.state.invalid"));
			}
		}
		else if (before != null) {
			bad.add(FieldProblem.of("state", "project.error.state.required"));
		}
		BigDecimal budget = d.budget();
		if (budget == null) {
			bad.add(FieldProblem.of("budget", "project.error.budget.required"));
		}
		else if (budget.signum() < 0 || budget.compareTo(BudgetRule.MAX) > 0 || budget.stripTrailingZeros().scale() > 2) {
			bad.add(FieldProblem.of("budget", "project.error.budget.invalid"));
		}
		else if (before != null && budget.compareTo(before.spent()) < 0) {
			bad.add(FieldProblem.of("budget", "project.error.budget.belowSpent", before.spent().toPlainString()));
		}
		List<Long> a = linked(d.linkedAssignmentIds(), "linkedAssignmentIds", bad,
				ids -> assignments.linkedIn(cityId, ids).stream().map(AssignmentView::id).toList());
		List<Long> p = linked(d.linkedProblemIds(), "linkedProblemIds", bad,
				ids -> problems.linkedIn(cityId, ids).stream().map(ProblemView::id).toList());
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
		return new Checked(new ProjectStore.Fields(name, goal, leaderId, d.leadUnitId(), state),
				budget.setScale(2, java.math.RoundingMode.UNNECESSARY), leaderName.toLowerCase(java.util.Locale.ROOT),
				leadUnitName, cooperating, a, p);
	}

	private static List<Long> linked(List<Long> given, String field, List<FieldProblem> bad,
			java.util.function.Function<Collection<Long>, List<Long>> existing) {
		if (given == null || given.isEmpty()) {
			return List.of();
		}
		if (given.stream().anyMatch(Objects::isNull)) {
			bad.add(FieldProblem.of(field, "project.error.links.unknown", ""));
			return List.of();
		}
		List<Long> distinct = List.copyOf(new LinkedHashSet<>(given));
		if (distinct.size() > MAX_LINKS) {
			bad.add(FieldProblem.of(field, "project.error.links.tooMany", MAX_LINKS));
			return List.of();
		}
		Set<Long> found = Set.copyOf(existing.apply(distinct));
		List<Long> unknown = distinct.stream().filter(i -> !found.contains(i)).toList();
		if (!unknown.isEmpty()) {
			bad.add(FieldProblem.of(field, "project.error.links.unknown", ids(unknown)));
		}
		return distinct;
	}

	private Long resolve(CurrentUser user, long cityId, LinkKind kind, String ref) {
		String r = trim(ref);
		if (r == null) {
			throw new InvalidInputException(FieldProblem.of("ref", "project.error.ref.required"));
		}
		Long id = null;
		if (r.matches("[0-9]{1,18}")) {
			id = Long.parseLong(r);
		}
		else if (kind == LinkKind.PROBLEM) {
			id = problems.findByCode(user, r).filter(v -> v.cityId() == cityId).map(ProblemView::id).orElse(null);
		}
		if (id != null) {
			List<Long> found = kind == LinkKind.ASSIGNMENT
					? assignments.linkedIn(cityId, List.of(id)).stream().map(AssignmentView::id).toList()
					: problems.linkedIn(cityId, List.of(id)).stream().map(ProblemView::id).toList();
			if (!found.isEmpty()) {
				return id;
			}
		}
		throw new InvalidInputException(FieldProblem.of("ref", "project.error.ref.unknown", r));
	}

	/** A positive amount in yuan with at most two decimals, at most {@link BudgetRule#MAX}. */
	static BigDecimal amount(String field, String text, boolean positive, List<FieldProblem> bad) {
		String t = trim(text);
		if (t == null) {
			bad.add(FieldProblem.of(field, "project.error.amount.required"));
			return null;
		}
		try {
			BigDecimal v = new BigDecimal(t);
			if ((positive ? v.signum() <= 0 : v.signum() < 0) || v.compareTo(BudgetRule.MAX) > 0
					|| v.stripTrailingZeros().scale() > 2) {
				bad.add(FieldProblem.of(field, "project.error.amount.invalid"));
				return null;
			}
			return v.setScale(2, java.math.RoundingMode.UNNECESSARY);
		}
		catch (NumberFormatException | ArithmeticException ex) {
			bad.add(FieldProblem.of(field, "project.error.amount.invalid"));
			return null;
		}
	}

	// --- helpers

	private void relink(long id, String kind, List<Long> before, List<Long> after, CurrentUser user, Instant now) {
		for (Long b : before) {
			if (!after.contains(b)) {
				store.unlink(id, kind, b);
			}
		}
		for (Long a : after) {
			if (!before.contains(a)) {
				store.link(id, kind, a, user.username(), now);
			}
		}
	}

	private ProjectView managed(CurrentUser user, long id) {
		long cityId = city(user);
		ProjectView p = views(List.of(find(user, id))).get(0);
		if (p.cityId() != cityId) {
			throw new NotFoundException("project", id);
		}
		return p;
	}

	private ProjectStore.Row find(CurrentUser user, long id) {
		return store.find(ScopeSql.of(user.scope()), id, funds.year()).orElseThrow(() -> new NotFoundException("project", id));
	}

	private List<ProjectView> views(List<ProjectStore.Row> rows) {
		List<Long> ids = rows.stream().map(ProjectStore.Row::id).toList();
		Map<Long, List<ProjectView.Unit>> coop = store.cooperating(ids);
		Map<Long, List<Long>> a = store.links(ids, ProjectStore.ASSIGNMENT);
		Map<Long, List<Long>> p = store.links(ids, ProjectStore.PROBLEM);
		return rows.stream()
			.map(r -> new ProjectView(r.id(), r.cityId(), r.cityName(), r.name(), r.goal(),
					new ProjectView.Who(r.leaderUsername(), r.leaderName(), r.leadUnitId(), r.leadUnitName(),
							coop.getOrDefault(r.id(), List.of())),
					r.state(), new ProjectView.Money(r.budget(), r.spent()),
					new ProjectView.Links(a.getOrDefault(r.id(), List.of()), p.getOrDefault(r.id(), List.of())),
					r.updatedAt(), r.version()))
			.toList();
	}

	private static void reader(CurrentUser user) {
		if (!user.can(Permissions.PROJECT_READ) && !user.can(Permissions.PROJECT_MANAGE)) {
			throw new AccessDeniedException("project:read");
		}
	}

	private static long city(CurrentUser user) {
		if (!user.can(Permissions.PROJECT_MANAGE) || user.cityId() == null) {
			throw new AccessDeniedException("project:manage");
		}
		return user.cityId();
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	private static void changed(AuditEntry entry, String field, Object before, Object after) {
		if (!Objects.equals(before, after)) {
			entry.change(field, before, after);
		}
	}

	private static String names(Collection<String> names) {
		return String.join("、", names);
	}

	private static String ids(Collection<Long> ids) {
		return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
	}

	static String trim(String s) {
		if (s == null) {
			return null;
		}
		String t = s.strip();
		return t.isEmpty() ? null : t;
	}

}
