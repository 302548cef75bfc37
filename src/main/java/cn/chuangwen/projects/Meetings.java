package cn.chuangwen.projects;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.documents.BulletinDocuments;
import cn.chuangwen.documents.DocumentKind;
import cn.chuangwen.documents.DocumentNumbers;
import cn.chuangwen.documents.TableBulletin;
import cn.chuangwen.evaluation.ScoreLine;
import cn.chuangwen.evaluation.Scores;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.problems.ProblemDraft;
import cn.chuangwen.problems.ProblemLists;
import cn.chuangwen.problems.ProblemSeverity;
import cn.chuangwen.problems.ProblemSource;
import cn.chuangwen.problems.ProblemStatistics;
import cn.chuangwen.problems.ProblemView;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.projects.internal.MeetingStore;
import cn.chuangwen.projects.internal.MeetingStore.MeetingRow;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.tasks.AssignmentDraft;
import cn.chuangwen.tasks.AssignmentState;
import cn.chuangwen.tasks.AssignmentView;
import cn.chuangwen.tasks.Assignments;
import cn.chuangwen.tasks.TaskOverview;

/**
 * Joint meetings and consultations (联席会议, 会商; issue 12 §3, X5, T2). The office calls a meeting
 * with the units asked to attend; before it, the system drafts the agenda from data ({@link Agenda}),
 * which the office edits and saves; at the meeting units sign in; each decision becomes an
 * assignment or a problem of its owner with a deadline, linked back, so the next meeting's agenda
 * opens with the last meeting's decisions and their state. The office and city leaders read every
 * meeting of their city, a unit's accounts the meetings their unit is asked to; others get 404.
 * Writes are the office's (project:manage), a unit signs itself in; every change is traced.
 */
@Service
public class Meetings {

	public static final int MAX_TITLE = 200;

	public static final int MAX_PLACE = 200;

	public static final int MAX_AGENDA = 8000;

	public static final int MAX_TEXT = 1000;

	public static final int MAX_UNITS = 200;

	/** How far ahead a decision's deadline may lie. */
	public static final int MAX_DEADLINE_YEARS = 2;

	/** How many lines each part of the drafted agenda lists. */
	static final int AGENDA_LINES = 10;

	/** How many bottom units of each ranking group the agenda names. */
	static final int BOTTOM = 3;

	private final MeetingStore store;

	private final Units units;

	private final Assignments assignments;

	private final Problems problems;

	private final TaskOverview overview;

	private final ProblemStatistics statistics;

	private final ProblemLists lists;

	private final Scores scores;

	private final Projects projects;

	private final AuditTrail audit;

	private final Clock clock;

	private final DocumentNumbers numbers;

	private final BulletinDocuments documents;

	private final Cities cities;

	private final MessageSource messages;

	Meetings(MeetingStore store, Units units, Assignments assignments, Problems problems, TaskOverview overview,
			ProblemStatistics statistics, ProblemLists lists, Scores scores, Projects projects, AuditTrail audit,
			Clock clock, DocumentNumbers numbers, BulletinDocuments documents, Cities cities, MessageSource messages) {
		this.numbers = numbers;
		this.documents = documents;
		this.cities = cities;
		this.messages = messages;
		this.store = store;
		this.units = units;
		this.assignments = assignments;
		this.problems = problems;
		this.overview = overview;
		this.statistics = statistics;
		this.lists = lists;
		this.scores = scores;
		this.projects = projects;
		this.audit = audit;
		this.clock = clock;
	}

	// --- reading

	/** The caller's meetings, newest first (at most 200); none for an account without a city. */
	@Transactional(readOnly = true)
	public List<MeetingView> list(CurrentUser user) {
		reader(user);
		if (user.cityId() == null) {
			return List.of();
		}
		return store.meetings(user.cityId(), office(user) || user.unitId() == null ? null : user.unitId(), 200)
			.stream()
			.map(this::view)
			.toList();
	}

	/** One meeting the caller may read; 404 otherwise. */
	@Transactional(readOnly = true)
	public MeetingView get(CurrentUser user, long id) {
		return view(readable(user, id));
	}

	/** The agenda drafted from today's data for the meeting (the office's). */
	@Transactional(readOnly = true)
	public Agenda agendaDraft(CurrentUser user, long id) {
		MeetingRow m = managed(user, id);
		MeetingView previous = store.previous(m).map(this::view).orElse(null);
		List<Agenda.Count> overdueAssignments = overview.city(user)
			.map(c -> c.topOverdue().stream().limit(AGENDA_LINES).map(u -> new Agenda.Count(u.unitName(), u.count())).toList())
			.orElse(List.of());
		List<Agenda.Count> overdueProblems = statistics.of(user, null, lists.currentYear())
			.byUnit()
			.stream()
			.filter(c -> c.overdue() > 0)
			.sorted(Comparator.comparingLong(ProblemStatistics.Count::overdue).reversed())
			.limit(AGENDA_LINES)
			.map(c -> new Agenda.Count(c.label(), c.overdue()))
			.toList();
		String period = null;
		List<Agenda.Bottom> bottom = new ArrayList<>();
		Optional<Scores.Result> last = scores.scores(user, null, null, null);
		if (last.isPresent()) {
			period = last.get().period().code();
			Map<String, List<ScoreLine>> byGroup = Scores.byGroup(last.get().lines());
			byGroup.forEach((group, lines) -> lines.stream()
				.filter(l -> l.rank() != null)
				.sorted(Comparator.comparing(ScoreLine::rank).reversed())
				.limit(BOTTOM)
				.forEach(l -> bottom.add(new Agenda.Bottom(group, l.unitName(), l.rank(), l.total()))));
		}
		List<Agenda.Instruction> instructions = problems.recentInstructions(user, AGENDA_LINES)
			.stream()
			.map(i -> new Agenda.Instruction(i.code(), i.title(), i.leaderName(), i.text()))
			.toList();
		List<Agenda.Count> behind = new ArrayList<>();
		for (ProjectView p : projects.page(user, PageRequest.first(PageRequest.MAX_SIZE)).items()) {
			long overdue = projects.overdue(p);
			if (overdue > 0) {
				behind.add(new Agenda.Count(p.name(), overdue));
			}
		}
		behind.sort(Comparator.comparingLong(Agenda.Count::count).reversed());
		return new Agenda(previous, overdueAssignments, overdueProblems, period, bottom, instructions,
				behind.stream().limit(AGENDA_LINES).toList());
	}

	// --- writing

	/**
	 * Calls a meeting (the office): a title, the day, a place (optional) and the units asked to
	 * attend (units of the city, at least one). Refused with 400 naming each bad field.
	 */
	@Transactional
	public MeetingView create(CurrentUser user, String title, LocalDate heldOn, String place, List<Long> unitIds) {
		long cityId = manager(user);
		List<FieldProblem> bad = new ArrayList<>();
		String t = text(title, MAX_TITLE, "title", true, bad);
		String p = text(place, MAX_PLACE, "place", false, bad);
		LocalDate today = today();
		if (heldOn == null || heldOn.isBefore(today.minusYears(1)) || heldOn.isAfter(today.plusYears(1))) {
			bad.add(FieldProblem.of("heldOn", "meeting.error.heldOn"));
		}
		List<Long> wanted = unitIds == null ? List.of() : new ArrayList<>(new LinkedHashSet<>(unitIds));
		if (wanted.isEmpty() || wanted.contains(null) || wanted.size() > MAX_UNITS) {
			bad.add(FieldProblem.of("unitIds", "meeting.error.units", MAX_UNITS));
		}
		else {
			Map<Long, UnitView> found = units.findAll(user.scope(), wanted)
				.stream()
				.filter(u -> u.cityId() == cityId && u.active())
				.collect(Collectors.toMap(UnitView::id, u -> u));
			if (found.size() != wanted.size()) {
				bad.add(FieldProblem.of("unitIds", "meeting.error.units", MAX_UNITS));
			}
		}
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
		long id = store.insert(cityId, t, heldOn, p, user.username(), clock.instant());
		store.insertUnits(id, wanted);
		audit.record(AuditEntry.of("MEETING_CREATE")
			.city(cityId)
			.object("joint_meeting", id)
			.change("title", null, t)
			.change("heldOn", null, heldOn)
			.change("units", null, wanted.size()));
		return get(user, id);
	}

	/** Saves the agenda as the office settled it (text, at most {@value #MAX_AGENDA} characters). */
	@Transactional
	public MeetingView saveAgenda(CurrentUser user, long id, String agenda) {
		MeetingRow m = managed(user, id);
		List<FieldProblem> bad = new ArrayList<>();
		String text = text(agenda, MAX_AGENDA, "agenda", true, bad);
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
		store.setAgenda(id, text);
		audit.record(AuditEntry.of("MEETING_AGENDA")
			.city(m.cityId())
			.object("joint_meeting", id)
			.change("agenda", m.agenda() == null ? null : m.agenda().length() + " chars", text.length() + " chars"));
		return get(user, id);
	}

	/**
	 * Signs a unit in, from the meeting's day on: the office for any unit asked to the meeting, a
	 * unit's account for its own. 404 for a unit not asked (or not the caller's own), 409 before the
	 * day; signing in twice changes nothing.
	 */
	@Transactional
	public MeetingView signIn(CurrentUser user, long id, long unitId) {
		MeetingRow m = readable(user, id);
		if (!office(user) && (user.unitId() == null || user.unitId() != unitId)) {
			throw new NotFoundException("joint_meeting_unit", unitId);
		}
		boolean known = store.attendees(id).stream().anyMatch(a -> a.unitId() == unitId);
		if (!known) {
			throw new NotFoundException("joint_meeting_unit", unitId);
		}
		if (m.heldOn().isAfter(today())) {
			throw new ConflictException("meeting.error.signInEarly", m.heldOn().toString());
		}
		if (store.signIn(id, unitId, clock.instant(), user.username())) {
			audit.record(AuditEntry.of("MEETING_SIGN_IN").city(m.cityId()).object("joint_meeting", id)
				.change("unit", null, unitId));
		}
		return get(user, id);
	}

	/** A recorded decision and the id of what it became. */
	public record Decided(long id, String kind, long linkedId) {
	}

	/**
	 * Records a decision of the meeting (the office) and makes it an assignment or a problem of its
	 * owner, due on its deadline. 400 without text, owner or deadline, with a deadline in the past or
	 * over {@value #MAX_DEADLINE_YEARS} years ahead, a kind that is neither, an assignment without its
	 * indicator; what the tasks or problems module refuses is refused as it says.
	 */
	@Transactional
	public Decided decide(CurrentUser user, long id, DecisionDraft d) {
		return decide(user, id, d, List.of());
	}

	/**
	 * As {@link #decide(CurrentUser, long, DecisionDraft)}, refusing also for the problems the caller
	 * found already (a form's date that is no date): every problem of the form is named at once.
	 */
	@Transactional
	public Decided decide(CurrentUser user, long id, DecisionDraft d, List<FieldProblem> found) {
		MeetingRow m = managed(user, id);
		List<FieldProblem> bad = new ArrayList<>(found);
		String text = text(d == null ? null : d.text(), MAX_TEXT, "text", true, bad);
		String kind = d == null || d.kind() == null ? "" : d.kind().strip();
		if (!kind.equals("ASSIGNMENT") && !kind.equals("PROBLEM")) {
			bad.add(FieldProblem.of("kind", "meeting.error.kind"));
		}
		UnitView unit = null;
		if (d == null || d.unitId() == null) {
			bad.add(FieldProblem.of("unitId", "meeting.error.unit"));
		}
		else {
			unit = units.findAll(user.scope(), List.of(d.unitId()))
				.stream()
				.filter(u -> u.cityId() == m.cityId() && u.active())
				.findFirst()
				.orElse(null);
			if (unit == null) {
				bad.add(FieldProblem.of("unitId", "meeting.error.unit"));
			}
		}
		LocalDate today = today();
		LocalDate deadline = d == null ? null : d.deadline();
		boolean deadlineNamed = bad.stream().anyMatch(x -> x.field().equals("deadline"));
		if (!deadlineNamed && (deadline == null || deadline.isBefore(today)
				|| deadline.isAfter(today.plusYears(MAX_DEADLINE_YEARS)))) {
			bad.add(FieldProblem.of("deadline", "meeting.error.deadline", MAX_DEADLINE_YEARS));
		}
		if (kind.equals("ASSIGNMENT") && d.indicatorId() == null
				&& bad.stream().noneMatch(x -> x.field().equals("indicatorId"))) {
			bad.add(FieldProblem.of("indicatorId", "meeting.error.indicator"));
		}
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
		long linked;
		if (kind.equals("ASSIGNMENT")) {
			String person = unit.leaderName() != null ? unit.leaderName()
					: unit.liaisonName() != null ? unit.liaisonName() : unit.name();
			linked = assignments.create(user, new AssignmentDraft(d.indicatorId(), unit.id(), List.of(),
					new AssignmentView.Responsible(person, null, unit.liaisonPhone()), text, null, today, deadline, List.of()))
				.id();
		}
		else {
			String category = d.category() != null && !d.category().isBlank() ? d.category().strip()
					: problems.categoryChoices(m.cityId()).stream().findFirst().map(Problems.Category::name).orElse(null);
			linked = problems.create(user, new ProblemDraft(ProblemSource.OFFICE, category,
					text.length() > 60 ? text.substring(0, 60) : text, text, ProblemSeverity.GENERAL, unit.id(), List.of(),
					null, deadline.plusDays(1).atStartOfDay(Projects.ZONE).toInstant().minusSeconds(1), null,
					new ProblemDraft.Origin("joint_meeting", m.id())), true)
				.id();
		}
		long decision = store.insertDecision(new MeetingStore.NewDecision(m.id(), m.cityId(), text, kind, unit.id(), deadline,
				linked, user.username(), clock.instant()));
		audit.record(AuditEntry.of("MEETING_DECISION")
			.city(m.cityId())
			.object("joint_meeting", m.id())
			.change("decision", null, decision)
			.change("kind", null, kind)
			.change("unit", null, unit.id())
			.change("deadline", null, deadline)
			.change("linkedId", null, linked));
		return new Decided(decision, kind, linked);
	}

	/**
	 * Issues the minutes (会议纪要) of a meeting that has been held (the office): they take the next
	 * number of the city's minutes for the meeting's year, once. 409 before the meeting's day and
	 * for minutes issued already. Traced.
	 */
	@Transactional
	public MeetingView issueMinutes(CurrentUser user, long id) {
		MeetingRow m = managed(user, id);
		store.lock(id);
		m = store.find(id).orElseThrow();
		if (m.minutesNumber() != null) {
			throw new ConflictException("meeting.error.minutesIssued", m.minutesNumber());
		}
		if (m.heldOn().isAfter(today())) {
			throw new ConflictException("meeting.error.notHeld", m.heldOn().toString());
		}
		CityView city = cities.visible(user.scope()).stream().filter(c -> c.id() == user.cityId()).findFirst().orElseThrow();
		String number = numbers.next(city, DocumentKind.MEETING_MINUTES, m.heldOn().getYear()).text();
		store.issueMinutes(id, number, clock.instant());
		audit.record(AuditEntry.of("MEETING_MINUTES").city(m.cityId()).object("joint_meeting", id)
			.change("minutes", null, number));
		return get(user, id);
	}

	/**
	 * The minutes of a meeting the caller may read, ready to print: the agenda as saved, the units
	 * and their sign-in, the decisions with owner, deadline and what each became. Empty before they
	 * are issued.
	 */
	@Transactional(readOnly = true)
	public Optional<TableBulletin> minutes(CurrentUser user, long id) {
		MeetingRow row = readable(user, id);
		MeetingView m = view(row);
		if (m.minutesNumber() == null) {
			return Optional.empty();
		}
		CityView city = cities.visible(DataScope.all()).stream().filter(c -> c.id() == m.cityId()).findFirst().orElseThrow();
		Locale zh = Locale.SIMPLIFIED_CHINESE;
		long signed = m.attendees().stream().filter(a -> a.signedInAt() != null).count();
		List<TableBulletin.Section> sections = new ArrayList<>();
		List<List<String>> agenda = m.agenda() == null ? List.of()
				: m.agenda().lines().filter(l -> !l.isBlank()).map(l -> List.of(l.strip())).toList();
		sections.add(new TableBulletin.Section(text("meeting.minutes.agenda", zh), List.of(text("meeting.agenda", zh)),
				List.of(), agenda, text("meeting.agenda.none", zh), List.of()));
		sections.add(new TableBulletin.Section(text("meeting.minutes.units", zh),
				List.of(text("meeting.field.unit", zh), text("meeting.minutes.signedIn", zh)), List.of(3, 2),
				m.attendees().stream().map(a -> List.of(a.unitName(), a.signedInAt() == null ? text("meeting.minutes.absent", zh)
						: DateTimeFormatter.ofPattern("HH:mm").withZone(Projects.ZONE).format(a.signedInAt()))).toList(),
				"", List.of()));
		List<List<String>> rows = new ArrayList<>();
		int no = 0;
		for (MeetingView.Decision d : m.decisions()) {
			rows.add(List.of(String.valueOf(++no), d.text(), d.unitName(), d.deadline().toString(),
					text("meeting.kind." + d.kind(), zh)));
		}
		sections.add(new TableBulletin.Section(text("meeting.decisions", zh),
				List.of(text("meeting.minutes.no", zh), text("meeting.field.text", zh), text("meeting.field.unit", zh),
						text("meeting.field.deadline", zh), text("meeting.field.kind", zh)),
				List.of(1, 6, 3, 2, 1), rows, text("meeting.decisions.none", zh), List.of()));
		String intro = messages.getMessage("meeting.minutes.intro", new Object[] { m.heldOn().toString(),
				m.place() == null ? "" : m.place(), m.title(), m.attendees().size(), signed }, zh);
		return Optional.of(new TableBulletin(m.minutesNumber(), documents.issuingBody(city.name()),
				messages.getMessage("meeting.minutes.title", new Object[] { m.title() }, zh), intro,
				row.minutesAt(), sections,
				text("meeting.minutes.closing", zh)));
	}

	/** Writes the minutes as PDF to {@code out}, which stays open. */
	public void writeMinutes(TableBulletin minutes, java.io.OutputStream out) {
		documents.write(minutes, out);
	}

	/** The download's file name: number and title. */
	public String minutesFileName(TableBulletin minutes) {
		return documents.fileName(minutes);
	}

	private String text(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}

	// --- helpers

	private MeetingView view(MeetingRow m) {
		List<MeetingStore.DecisionRow> rows = store.decisions(m.id());
		Map<Long, AssignmentView> a = new HashMap<>();
		Map<Long, ProblemView> p = new HashMap<>();
		List<Long> aIds = rows.stream().filter(r -> r.kind().equals("ASSIGNMENT")).map(MeetingStore.DecisionRow::linkedId).toList();
		List<Long> pIds = rows.stream().filter(r -> r.kind().equals("PROBLEM")).map(MeetingStore.DecisionRow::linkedId).toList();
		if (!aIds.isEmpty()) {
			assignments.linkedIn(m.cityId(), aIds).forEach(v -> a.put(v.id(), v));
		}
		if (!pIds.isEmpty()) {
			problems.linkedIn(m.cityId(), pIds).forEach(v -> p.put(v.id(), v));
		}
		List<MeetingView.Decision> decisions = new ArrayList<>();
		for (MeetingStore.DecisionRow r : rows) {
			if (r.kind().equals("ASSIGNMENT") && a.containsKey(r.linkedId())) {
				AssignmentView v = a.get(r.linkedId());
				AssignmentState s = v.state();
				decisions.add(new MeetingView.Decision(r.id(), r.text(), r.kind(), r.unitId(), r.unitName(), r.deadline(),
						r.linkedId(), s.messageKey(), s.colour(), s == AssignmentState.SIGNED_OFF, s == AssignmentState.OVERDUE));
			}
			else if (p.containsKey(r.linkedId())) {
				ProblemView v = p.get(r.linkedId());
				decisions.add(new MeetingView.Decision(r.id(), r.text(), r.kind(), r.unitId(), r.unitName(), r.deadline(),
						r.linkedId(), v.status().state().messageKey(), v.status().state().colour(),
						v.status().state() == cn.chuangwen.problems.ProblemState.CLOSED, v.status().overdue()));
			}
			else {
				// withdrawn since: shown without a state
				decisions.add(new MeetingView.Decision(r.id(), r.text(), r.kind(), r.unitId(), r.unitName(), r.deadline(),
						r.linkedId(), "meeting.decision.gone", "grey", false, false));
			}
		}
		List<MeetingView.Attendee> attendees = store.attendees(m.id())
			.stream()
			.map(x -> new MeetingView.Attendee(x.unitId(), x.unitName(), x.signedInAt(), x.signedInBy()))
			.toList();
		return new MeetingView(m.id(), m.cityId(), m.title(), m.heldOn(), m.place(), m.agenda(), attendees, decisions,
				m.minutesNumber(), m.createdBy(), m.createdAt(), m.version());
	}

	/** Today in the campaign's zone, by the clock. */
	public LocalDate today() {
		return LocalDate.now(clock.withZone(Projects.ZONE));
	}

	private static boolean office(CurrentUser user) {
		return user.can(Permissions.PROJECT_MANAGE) && user.cityId() != null;
	}

	private static void reader(CurrentUser user) {
		if (!user.can(Permissions.PROJECT_READ) && !user.can(Permissions.PROJECT_MANAGE)) {
			throw new AccessDeniedException(Permissions.PROJECT_READ);
		}
	}

	private static long manager(CurrentUser user) {
		if (!office(user)) {
			throw new AccessDeniedException(Permissions.PROJECT_MANAGE);
		}
		return user.cityId();
	}

	/** The meeting if the caller may read it: its city's office and leaders, a unit asked to it. */
	private MeetingRow readable(CurrentUser user, long id) {
		reader(user);
		MeetingRow m = store.find(id).filter(r -> user.cityId() != null && r.cityId() == user.cityId())
			.orElseThrow(() -> new NotFoundException("joint_meeting", id));
		if (!office(user) && user.unitId() != null
				&& store.attendees(id).stream().noneMatch(a -> a.unitId() == user.unitId())) {
			throw new NotFoundException("joint_meeting", id);
		}
		return m;
	}

	private MeetingRow managed(CurrentUser user, long id) {
		long cityId = manager(user);
		return store.find(id).filter(r -> r.cityId() == cityId).orElseThrow(() -> new NotFoundException("joint_meeting", id));
	}

	private static String text(String value, int max, String field, boolean required, List<FieldProblem> bad) {
		String t = value == null ? null : value.strip();
		if (t == null || t.isEmpty()) {
			if (required) {
				bad.add(FieldProblem.of(field, "meeting.error.text", max));
			}
			return null;
		}
		if (t.length() > max) {
			bad.add(FieldProblem.of(field, "meeting.error.text", max));
		}
		return t;
	}

}
