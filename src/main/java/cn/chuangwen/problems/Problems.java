package cn.chuangwen.problems;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.files.Upload;
import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.files.StoredFile;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CareTeams;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.organization.UserView;
import cn.chuangwen.problems.ProblemState.Action;
import cn.chuangwen.problems.internal.ProblemScope;
import cn.chuangwen.problems.internal.ProblemStore;
import cn.chuangwen.problems.internal.ProblemStore.PhotoRow;
import cn.chuangwen.problems.internal.ProblemStore.PhotoUse;
import cn.chuangwen.problems.internal.ProblemStore.RectificationRow;
import cn.chuangwen.problems.internal.ProblemStore.Row;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.GeoPoint;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

/**
 * Problems (问题) and their rectification (整改): entered with a responsible unit and a deadline
 * from the city's rules, dispatched (交办), signed for (签收) or disputed, rectified with "after"
 * photos, verified by the office or an inspector (never by the unit that rectified), and closed
 * (销号) or returned. Leaders write instructions (批示) on them. Every change is traced in the
 * transaction that makes it; the events that other modules follow are published there too.
 */
@Service
public class Problems {

	/** Problem codes and deadlines count in Beijing time. */
	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	public static final int MAX_TEXT = 4000;

	public static final int MAX_REASON = 1000;

	public static final int MAX_INSTRUCTION = 2000;

	public static final int MAX_FILES = 10;

	/** A map shows at most this many problems; a filter narrows a bigger list. */
	public static final int MAX_ON_MAP = 2000;

	static final int MAX_COOPERATORS = 20;

	/** How far a camera's clock may be behind before an "after" photo counts as taken before the problem. */
	static final Duration CAMERA_DRIFT = Duration.ofMinutes(10);

	/** A deadline further than this is a typing error, not a plan. */
	static final long MAX_DEADLINE_DAYS = 366;

	public enum Decision {
		PASS, REJECT
	}


	public record Created(long id, String code, ProblemState state, Instant deadline) {
	}

	public record Submitted(long id, List<PhotoWarning> warnings) {
	}

	/** A leader's instruction with the problem it is on: for a unit's home. */
	public record InstructionNote(long problemId, String code, String title, String leaderName, String text,
			Instant at) {
	}

	private final ProblemStore store;

	private final Units units;

	private final Cities cities;

	private final Accounts accounts;

	private final EvidenceStore files;

	private final AuditTrail audit;

	private final MessageSource messages;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final CareTeams careTeams;

	public Problems(ProblemStore store, Units units, Cities cities, Accounts accounts, EvidenceStore files,
			AuditTrail audit, MessageSource messages, ApplicationEventPublisher events, Clock clock,
			CareTeams careTeams) {
		this.careTeams = careTeams;
		this.store = store;
		this.units = units;
		this.cities = cities;
		this.accounts = accounts;
		this.files = files;
		this.audit = audit;
		this.messages = messages;
		this.events = events;
		this.clock = clock;
	}

	// --- reading

	/** One page of the problems the caller may see; {@code cityId} null means every city in scope. */
	@Transactional(readOnly = true)
	public Page<ProblemView> page(CurrentUser user, Long cityId, ProblemFilter filter, PageRequest page) {
		Instant now = clock.instant();
		return store.page(reading(user), cityId, filter, now, page).map(r -> view(r, now));
	}

	/**
	 * Per unit among {@code unitIds}: its own open problems the caller may see and how many of them
	 * are overdue ({@code [open, overdue]}); units without any are absent (a leader's area, T1).
	 */
	@Transactional(readOnly = true)
	public Map<Long, long[]> openByUnit(CurrentUser user, Collection<Long> unitIds) {
		return store.openByUnit(ProblemScope.of(user), unitIds, clock.instant());
	}

	/** At most {@code max} of the newest problems of the list that have a place, for its map. */
	@Transactional(readOnly = true)
	public List<ProblemView> located(CurrentUser user, Long cityId, ProblemFilter filter, int max) {
		Instant now = clock.instant();
		return store.located(reading(user), cityId, filter, now, Math.max(1, Math.min(max, MAX_ON_MAP)))
			.stream()
			.map(r -> view(r, now))
			.toList();
	}

	@Transactional(readOnly = true)
	public ProblemDetail get(CurrentUser user, long id) {
		return detail(user, readable(user, id));
	}

	/** A photo of a problem the caller may see. */
	@Transactional(readOnly = true)
	public StoredFile photo(CurrentUser user, long problemId, long photoId) {
		readable(user, problemId);
		PhotoRow photo = store.photo(problemId, photoId).orElseThrow(() -> new NotFoundException("photo", photoId));
		return files.find(photo.fileId()).orElseThrow(() -> new NotFoundException("photo", photoId));
	}

	/** What the public may read of a problem the office chose to show: its unit and where it stands, no person. */
	public record PublicStatus(long id, String unitName, ProblemState state, Instant closedAt) {
	}

	/**
	 * The public status of a city's problems by id, read when a public page renders (so it is never a
	 * stale copy). Unscoped on purpose: only for problems a module has published (the exposure
	 * column); ids of another city are left out.
	 */
	@Transactional(readOnly = true)
	public Map<Long, PublicStatus> publicStatus(long cityId, Collection<Long> ids) {
		Map<Long, PublicStatus> out = new HashMap<>();
		for (ProblemStore.StatusRow r : store.publicStatus(cityId, Set.copyOf(ids))) {
			out.put(r.id(), new PublicStatus(r.id(), r.unitName(), r.state(), r.closedAt()));
		}
		return out;
	}

	/**
	 * The problems of one city among {@code ids}, as they stand now (a key project's linked
	 * milestones, read live, never copied); ids of another city or unknown are left out. The caller
	 * must have checked that the reader may see the city's item that links them.
	 */
	@Transactional(readOnly = true)
	public List<ProblemView> linkedIn(long cityId, Collection<Long> ids) {
		Instant now = clock.instant();
		return store.ofCity(cityId, Set.copyOf(ids)).stream().map(r -> view(r, now)).toList();
	}

	/** Whether the caller reads whole cities (the office, leaders, the province), not a unit's or an inspector's share. */
	public boolean readsWholeCities(CurrentUser user) {
		return user.can(Permissions.PROBLEM_READ) && ProblemScope.of(user).wholeCities();
	}

	/** The city's categories, in order. */
	@Transactional(readOnly = true)
	public List<String> categories(long cityId) {
		return store.categories(cityId).stream().map(ProblemStore.Category::name).toList();
	}

	/** A category of the city's list, with its id: for modules that keep a category of their own rows. */
	public record Category(long id, String name) {
	}

	/** The city's active categories with their ids, in order. */
	@Transactional(readOnly = true)
	public List<Category> categoryChoices(long cityId) {
		return store.categories(cityId).stream().map(c -> new Category(c.id(), c.name())).toList();
	}

	@Transactional(readOnly = true)
	public ProblemRules rules(long cityId) {
		return rulesOf(cityId);
	}

	/** The inspectors of the caller's city who may be asked to verify. */
	@Transactional(readOnly = true)
	public List<UserView> verifiers(CurrentUser user) {
		if (user.cityId() == null) {
			return List.of();
		}
		return accounts.holding(user, Permissions.PROBLEM_VERIFY)
			.stream()
			.filter(u -> u.roles().contains(Role.INSPECTOR) && user.cityId().equals(u.cityId()))
			.toList();
	}

	/** The newest instructions on open problems the caller may see: a unit's home shows them. */
	@Transactional(readOnly = true)
	public List<InstructionNote> recentInstructions(CurrentUser user, int limit) {
		return store.recentInstructions(ProblemScope.of(user), Math.max(1, Math.min(limit, 50)));
	}

	/**
	 * Problems of every city still waiting for their unit (dispatched, or signed and being
	 * rectified) whose deadline falls before {@code limit}: for the daily reminders, not for people.
	 */
	@Transactional(readOnly = true)
	public List<ProblemView> waitingForUnitsDueBefore(Instant limit) {
		Instant now = clock.instant();
		return store.waitingForUnitsDueBefore(limit).stream().map(r -> view(r, now)).toList();
	}

	// --- entering

	/**
	 * Enters a problem, {@code PENDING} or, with {@code dispatch}, sent to its unit at once. The
	 * deadline is the city's rule for the severity unless the draft names one; a problem of the same
	 * category closed near the same place within the city's recurrence window makes it a recurrence.
	 */
	@Transactional
	public Created create(CurrentUser user, ProblemDraft draft, boolean dispatch) {
		if (!user.can(Permissions.PROBLEM_WRITE) || user.cityId() == null) {
			throw new AccessDeniedException(Permissions.PROBLEM_WRITE);
		}
		long cityId = user.cityId();
		List<FieldProblem> problems = new ArrayList<>();
		if (draft.source() == null) {
			problems.add(FieldProblem.of("source", "problem.error.source"));
		}
		if (draft.severity() == null) {
			problems.add(FieldProblem.of("severity", "problem.error.severity"));
		}
		text("title", draft.title(), 200, true, problems);
		text("description", draft.description(), MAX_TEXT, false, problems);
		text("address", draft.address(), 300, false, problems);
		Optional<ProblemStore.Category> category = store.categories(cityId)
			.stream()
			.filter(c -> c.name().equals(trim(draft.category())))
			.findFirst();
		if (category.isEmpty()) {
			problems.add(FieldProblem.of("category", "problem.error.category"));
		}
		GeoPoint place = place(draft.lat(), draft.lng(), problems);
		Instant now = clock.instant();
		if (draft.deadline() != null) {
			checkDeadline(draft.deadline(), now, problems);
		}
		String verifier = trim(draft.verifier());
		if (verifier != null && verifiers(user).stream().noneMatch(u -> u.username().equals(verifier))) {
			problems.add(FieldProblem.of("verifier", "problem.error.verifier"));
		}
		if (draft.unitId() == null) {
			problems.add(FieldProblem.of("unitId", "problem.error.unit"));
		}
		if (draft.cooperatingUnitIds().size() > MAX_COOPERATORS) {
			problems.add(FieldProblem.of("cooperatingUnitIds", "problem.error.cooperators", MAX_COOPERATORS));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		UnitView unit = unit(user.scope(), cityId, draft.unitId());
		Set<Long> cooperators = new LinkedHashSet<>();
		for (Long id : draft.cooperatingUnitIds()) {
			if (id == null || id == unit.id()) {
				throw new InvalidInputException(FieldProblem.of("cooperatingUnitIds", "problem.error.cooperator"));
			}
			cooperators.add(unit(user.scope(), cityId, id).id());
		}
		ProblemRules rules = rulesOf(cityId);
		Instant deadline = draft.deadline() != null ? draft.deadline()
				: now.plus(rules.timeFor(draft.severity())).truncatedTo(ChronoUnit.SECONDS);
		Long recurrenceOf = recurrenceOf(store, cityId, category.get().id(), null, place, rules, now);
		int year = LocalDate.ofInstant(now, ZONE).getYear();
		String code = "%s-%d-%06d".formatted(rules.codePrefix(), year, store.nextSeq(cityId, year));
		ProblemState state = dispatch ? ProblemState.DISPATCHED : ProblemState.PENDING;
		long id = store.insert(new ProblemStore.NewProblem(cityId, code, draft.source(), category.get().id(),
				trim(draft.title()), trim(draft.description()), draft.severity(), trim(draft.address()), place, unit.id(),
				state, deadline, trim(draft.originType()), draft.originId(), recurrenceOf, user.username(), verifier, now));
		store.insertCooperators(id, cooperators);
		audit.record(AuditEntry.of("PROBLEM_CREATE")
			.city(cityId)
			.object("problem", id)
			.change("code", null, code)
			.change("source", null, draft.source())
			.change("category", null, category.get().name())
			.change("title", null, trim(draft.title()))
			.change("severity", null, draft.severity())
			.change("unit", null, unit.name())
			.change("cooperatingUnits", null, cooperators.isEmpty() ? null : cooperators)
			.change("deadline", null, deadline)
			.change("place", null, place == null ? null : place.latitude() + "," + place.longitude())
			.change("recurrenceOf", null, recurrenceOf)
			.change("state", null, state));
		if (dispatch) {
			events.publishEvent(new ProblemDispatched(id, cityId, unit.id(), code, trim(draft.title()), deadline, now));
		}
		return new Created(id, code, state, deadline);
	}

	/** Adds "before" photos: the office, or whoever found the problem, while it is open. */
	@Transactional
	public List<PhotoWarning> addPhotos(CurrentUser user, long id, List<Upload> uploads) {
		Row p = visible(user, id);
		if (!user.can(Permissions.PROBLEM_WRITE) && !user.username().equals(p.foundBy())) {
			throw new AccessDeniedException(Permissions.PROBLEM_WRITE);
		}
		if (p.state() == ProblemState.CLOSED) {
			throw new ConflictException("problem.error.closed");
		}
		List<Upload> given = given(uploads);
		if (given.isEmpty()) {
			throw new InvalidInputException(FieldProblem.of("files", "problem.error.photo.required"));
		}
		List<Long> photoIds = storePhotos(user, p, null, given);
		audit.record(AuditEntry.of("PROBLEM_PHOTO")
			.city(p.cityId())
			.object("problem", id)
			.change("photos", null, photoIds.size()));
		return warnings(user, p, photoIds);
	}

	/** A problem the caller may see, by id; empty when there is none or it is out of scope. */
	@Transactional(readOnly = true)
	public Optional<ProblemView> findById(CurrentUser user, long id) {
		return store.find(ProblemScope.of(user), id).map(r -> view(r, clock.instant()));
	}

	/** A problem the caller may see, by its code (XT-2026-000123); empty when there is none or it is out of scope. */
	@Transactional(readOnly = true)
	public Optional<ProblemView> findByCode(CurrentUser user, String code) {
		String c = trim(code);
		return c == null ? Optional.empty() : store.findByCode(ProblemScope.of(user), c).map(r -> view(r, clock.instant()));
	}

	/**
	 * Shows files another module already stored (a citizen report's original photos) as "before"
	 * photos of a problem the office may change, without storing them again: only images of the
	 * problem's city, each file once. Traced in the caller's transaction; the count added.
	 */
	@Transactional
	public int attachStoredPhotos(CurrentUser user, long id, List<Long> fileIds) {
		Row p = forOffice(user, id);
		if (p.state() == ProblemState.CLOSED) {
			throw new ConflictException("problem.error.closed");
		}
		if (fileIds == null || fileIds.isEmpty()) {
			return 0;
		}
		Set<Long> shown = new java.util.HashSet<>(store.photoFiles(id));
		Instant now = clock.instant();
		int added = 0;
		for (StoredFile file : files.findAll(fileIds)) {
			if (file.cityId() == p.cityId() && file.kind().isImage() && shown.add(file.id())) {
				store.insertPhoto(new ProblemStore.NewPhoto(id, p.cityId(), null, "BEFORE", file, user.username(), now));
				added++;
			}
		}
		if (added > 0) {
			audit.record(AuditEntry.of("PROBLEM_PHOTO")
				.city(p.cityId())
				.object("problem", id)
				.change("photos", null, added));
		}
		return added;
	}

	// --- the unit's side

	@Transactional
	public ProblemDetail sign(CurrentUser user, long id) {
		Row p = forUnit(user, id);
		Instant now = clock.instant();
		move(user, p, Action.SIGN, null, "signed_at = :at", Map.of("at", now));
		events.publishEvent(new ProblemSigned(id, p.cityId(), p.unitId(), p.code(), now));
		return get(user, id);
	}

	@Transactional
	public ProblemDetail dispute(CurrentUser user, long id, String reason) {
		Row p = forUnit(user, id);
		String why = reason(reason, true);
		move(user, p, Action.DISPUTE, why, "dispute_reason = :why", Map.of("why", why));
		return get(user, id);
	}

	/**
	 * The unit's rectification with "after" photos (at least one). Photos are checked like
	 * evidence; duplicates, photos taken before the problem was found and photos taken far from it
	 * come back as warnings, which the verifier sees too.
	 */
	@Transactional
	public Submitted rectify(CurrentUser user, long id, String text, List<Upload> uploads) {
		Row p = forUnit(user, id);
		List<FieldProblem> problems = new ArrayList<>();
		text("text", text, MAX_TEXT, true, problems);
		List<Upload> given = given(uploads);
		if (given.isEmpty()) {
			problems.add(FieldProblem.of("files", "problem.error.photo.required"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		requireAllowed(p, Action.SUBMIT);
		Instant now = clock.instant();
		long rectificationId = store.insertRectification(id, p.cityId(), p.unitId(), text.trim(), user.username(), now);
		List<Long> photoIds = storePhotos(user, p, rectificationId, given);
		move(user, p, Action.SUBMIT, null, "submitted_at = :at", Map.of("at", now));
		events.publishEvent(new ProblemSubmitted(id, p.cityId(), p.unitId(), p.code(), p.title(), p.verifier(), now));
		return new Submitted(rectificationId, warnings(user, p, photoIds));
	}

	// --- the office's side

	@Transactional
	public ProblemDetail dispatch(CurrentUser user, long id) {
		Row p = forOffice(user, id);
		Instant now = clock.instant();
		move(user, p, Action.DISPATCH, null, "dispatched_at = :at", Map.of("at", now));
		events.publishEvent(new ProblemDispatched(id, p.cityId(), p.unitId(), p.code(), p.title(), p.deadline(), now));
		return get(user, id);
	}

	/** Sends the problem to another unit of the city, which must sign for it again. */
	@Transactional
	public ProblemDetail reroute(CurrentUser user, long id, Long unitId, String reason) {
		Row p = forOffice(user, id);
		List<FieldProblem> bad = new ArrayList<>();
		String why = reason(reason, true, bad);
		if (unitId == null) {
			bad.add(FieldProblem.of("unitId", "problem.error.unit"));
		}
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
		UnitView unit = unit(user.scope(), p.cityId(), unitId);
		if (unit.id() == p.unitId()) {
			throw new InvalidInputException(FieldProblem.of("unitId", "problem.error.sameUnit"));
		}
		Instant now = clock.instant();
		Map<String, Object> binds = new HashMap<>();
		binds.put("unit", unit.id());
		binds.put("at", now);
		move(user, p, Action.REROUTE, why, "unit_id = :unit, dispatched_at = :at, dispute_reason = null", binds,
				entry -> entry.change("unit", p.unitName(), unit.name()));
		events.publishEvent(new ProblemDispatched(id, p.cityId(), unit.id(), p.code(), p.title(), p.deadline(), now));
		return get(user, id);
	}

	/** Refuses a dispute: the problem goes back to the same unit to sign for. */
	@Transactional
	public ProblemDetail insist(CurrentUser user, long id, String reason) {
		Row p = forOffice(user, id);
		String why = reason(reason, true);
		Instant now = clock.instant();
		move(user, p, Action.INSIST, why, "dispatched_at = :at", Map.of("at", now));
		events.publishEvent(new ProblemDispatched(id, p.cityId(), p.unitId(), p.code(), p.title(), p.deadline(), now));
		return get(user, id);
	}

	/** A new deadline, with a reason; never in the past. */
	@Transactional
	public ProblemDetail changeDeadline(CurrentUser user, long id, Instant deadline, String reason) {
		Row p = forOffice(user, id);
		List<FieldProblem> problems = new ArrayList<>();
		String why = reason(reason, true, problems);
		if (deadline == null) {
			problems.add(FieldProblem.of("deadline", "problem.error.deadline.required"));
		}
		else {
			checkDeadline(deadline, clock.instant(), problems);
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		if (p.state() == ProblemState.CLOSED) {
			throw new ConflictException("problem.error.closed");
		}
		if (!store.update(id, p.version(), "deadline = :d", Map.of("d", deadline))) {
			throw new ConflictException("problem.error.changed");
		}
		audit.record(AuditEntry.of("PROBLEM_DEADLINE")
			.city(p.cityId())
			.object("problem", id)
			.reason(why)
			.change("deadline", p.deadline(), deadline));
		return get(user, id);
	}

	/**
	 * The verdict on a submitted rectification: pass closes the problem (销号), reject returns it
	 * to the unit with a reason and counts a rejection. The unit that rectified never verifies its
	 * own work; of two verifiers at once, one wins and the other gets a conflict.
	 */
	@Transactional
	public ProblemDetail verify(CurrentUser user, long id, Decision decision, String reason) {
		if (!user.can(Permissions.PROBLEM_VERIFY)) {
			throw new AccessDeniedException(Permissions.PROBLEM_VERIFY);
		}
		Row p = visible(user, id);
		if (decision == null) {
			throw new InvalidInputException(FieldProblem.of("decision", "problem.error.decision"));
		}
		String why = reason(reason, decision == Decision.REJECT);
		Action action = decision == Decision.PASS ? Action.PASS : Action.REJECT;
		requireAllowed(p, action);
		RectificationRow open = store.rectifications(id)
			.stream()
			.filter(r -> r.decision() == null)
			.findFirst()
			.orElseThrow(() -> new ConflictException("problem.error.state"));
		if (!mayVerify(user, p, open)) {
			throw new AccessDeniedException(Permissions.PROBLEM_VERIFY);
		}
		Instant now = clock.instant();
		if (decision == Decision.PASS) {
			move(user, p, action, why, "closed_at = :at, closed_by = :by, hours_to_close = :hours",
					Map.of("at", now, "by", user.username(), "hours", Duration.between(p.createdAt(), now).toHours()));
		}
		else {
			move(user, p, action, why, "rejections = rejections + 1", Map.of());
		}
		store.decide(id, decision.name(), user.username(), now, why);
		if (decision == Decision.PASS) {
			List<Long> leaders = store.instructions(id)
				.stream()
				.map(ProblemStore.InstructionRow::leaderUserId)
				.distinct()
				.toList();
			events.publishEvent(new ProblemClosed(id, p.cityId(), p.unitId(), p.code(), p.title(), leaders, now));
		}
		else {
			events.publishEvent(new ProblemReturned(id, p.cityId(), p.unitId(), p.code(), p.title(), why, now));
		}
		return get(user, id);
	}

	/** A city leader's instruction (批示) on a problem of the city. */
	@Transactional
	public ProblemDetail instruct(CurrentUser user, long id, String text) {
		if (!mayInstruct(user)) {
			throw new AccessDeniedException(Permissions.INSTRUCTION_WRITE);
		}
		Row p = visible(user, id);
		if (p.state() == ProblemState.CLOSED) {
			throw new ConflictException("problem.error.closed");
		}
		List<FieldProblem> problems = new ArrayList<>();
		text("text", text, MAX_INSTRUCTION, true, problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		long instructionId = store.insertInstruction(id, p.cityId(), user.id(), user.displayName(), text.trim(),
				clock.instant());
		audit.record(AuditEntry.of("PROBLEM_INSTRUCT")
			.city(p.cityId())
			.object("problem", id)
			.change("instruction", null, instructionId)
			.change("text", null, text.trim()));
		return get(user, id);
	}

	/**
	 * Records a leader's instruction written in another module (a supervisor's opinion the leader on
	 * duty instructed, then made a problem by the office) as this problem's instruction by that
	 * leader, at the time the leader wrote it. The caller is the office, in its own transaction.
	 */
	@Transactional
	public void recordInstruction(CurrentUser user, long id, long leaderId, String leaderName, String text,
			Instant at) {
		if (!user.can(Permissions.PROBLEM_WRITE)) {
			throw new AccessDeniedException(Permissions.PROBLEM_WRITE);
		}
		Row p = visible(user, id);
		List<FieldProblem> problems = new ArrayList<>();
		text("text", text, MAX_INSTRUCTION, true, problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		long instructionId = store.insertInstruction(id, p.cityId(), leaderId, leaderName, text.trim(), at);
		audit.record(AuditEntry.of("PROBLEM_INSTRUCT")
			.city(p.cityId())
			.object("problem", id)
			.change("instruction", null, instructionId)
			.change("leader", null, leaderName)
			.change("text", null, text.trim()));
	}

	// --- rules of who may do what

	private static boolean mayInstruct(CurrentUser user) {
		return user.can(Permissions.INSTRUCTION_WRITE) && user.has(Role.CITY_LEADER);
	}

	private static boolean mayAddPhotos(CurrentUser user, Row p) {
		return p.state() != ProblemState.CLOSED && (user.can(Permissions.PROBLEM_WRITE)
				|| (user.can(Permissions.PROBLEM_VERIFY) && user.username().equals(p.foundBy())));
	}

	/** The responsible unit's own people (or a unit above it) act for it; a cooperating unit only reads. */
	private static boolean actsForUnit(CurrentUser user, Row p) {
		return user.can(Permissions.PROBLEM_RECTIFY) && user.unitId() != null
				&& user.scope().includesUnit(p.cityId(), p.unitPath());
	}

	private static boolean mayVerify(CurrentUser user, Row p, RectificationRow open) {
		if (!user.can(Permissions.PROBLEM_VERIFY) || user.username().equals(open.submittedBy())
				|| (user.unitId() != null && user.unitId() == open.unitId())) {
			return false;
		}
		return user.can(Permissions.PROBLEM_WRITE) || user.username().equals(p.verifier())
				|| user.username().equals(p.foundBy());
	}

	private Set<Action> actions(CurrentUser user, Row p, Optional<RectificationRow> open) {
		Set<Action> actions = EnumSet.noneOf(Action.class);
		for (Action a : Action.values()) {
			if (!a.allowedFrom(p.state())) {
				continue;
			}
			boolean may = switch (a) {
				case DISPATCH, REROUTE, INSIST -> user.can(Permissions.PROBLEM_WRITE);
				case SIGN, DISPUTE, SUBMIT -> actsForUnit(user, p);
				case PASS, REJECT -> open.isPresent() && mayVerify(user, p, open.get());
			};
			if (may) {
				actions.add(a);
			}
		}
		return actions;
	}

	// --- steps

	/**
	 * The caller's scope for reading only: a care team's department also reads its communities'
	 * problems (Q2). Every change goes through {@link #visible} and the caller's own scope instead.
	 */
	private ProblemScope reading(CurrentUser user) {
		return ProblemScope.of(user, careTeams.readScope(user));
	}

	private Row readable(CurrentUser user, long id) {
		return store.find(reading(user), id).orElseThrow(() -> new NotFoundException("problem", id));
	}

	private Row visible(CurrentUser user, long id) {
		return store.find(ProblemScope.of(user), id).orElseThrow(() -> new NotFoundException("problem", id));
	}

	private Row forUnit(CurrentUser user, long id) {
		if (!user.can(Permissions.PROBLEM_RECTIFY)) {
			throw new AccessDeniedException(Permissions.PROBLEM_RECTIFY);
		}
		Row p = visible(user, id);
		if (!actsForUnit(user, p)) {
			throw new AccessDeniedException(Permissions.PROBLEM_RECTIFY);
		}
		return p;
	}

	private Row forOffice(CurrentUser user, long id) {
		if (!user.can(Permissions.PROBLEM_WRITE)) {
			throw new AccessDeniedException(Permissions.PROBLEM_WRITE);
		}
		return visible(user, id);
	}

	private static void requireAllowed(Row p, Action action) {
		if (!action.allowedFrom(p.state())) {
			throw new ConflictException("problem.error.state");
		}
	}

	private void move(CurrentUser user, Row p, Action action, String reason, String columns, Map<String, Object> binds) {
		move(user, p, action, reason, columns, binds, entry -> entry);
	}

	/** One transition: checked against the state read, written only if nobody moved it since, and traced. */
	private void move(CurrentUser user, Row p, Action action, String reason, String columns, Map<String, Object> binds,
			Function<AuditEntry, AuditEntry> more) {
		requireAllowed(p, action);
		if (!store.move(p.id(), p.version(), action, columns, binds)) {
			throw new ConflictException("problem.error.changed");
		}
		audit.record(more.apply(AuditEntry.of(action.auditAction())
			.city(p.cityId())
			.object("problem", p.id())
			.reason(reason)
			.change("state", p.state(), action.to())));
	}

	private UnitView unit(DataScope scope, long cityId, long unitId) {
		return units.find(scope, unitId)
			.filter(u -> u.cityId() == cityId && u.active())
			.orElseThrow(() -> new NotFoundException("unit", unitId));
	}

	private ProblemRules rulesOf(long cityId) {
		return store.rules(cityId).orElseGet(() -> ProblemRules.defaults(defaultPrefix(cityId)));
	}

	/** Without a rule row, the city code's first two letters (XI for xiantao); demo cities have rows. */
	private String defaultPrefix(long cityId) {
		return cities.visible(DataScope.all())
			.stream()
			.filter(c -> c.id() == cityId)
			.map(CityView::code)
			.findFirst()
			.map(code -> code.substring(0, Math.min(2, code.length())).toUpperCase())
			.orElse("PR");
	}

	/**
	 * The most recent problem of the category closed within the recurrence window at the same field
	 * point (反弹 at a point, however far apart the two places were entered), else within the
	 * recurrence radius of {@code place}, if any. Both the point and the place may be null.
	 */
	static Long recurrenceOf(ProblemStore store, long cityId, long categoryId, Long fieldPointId, GeoPoint place,
			ProblemRules rules, Instant now) {
		Instant since = now.minus(rules.recurrenceDays(), ChronoUnit.DAYS);
		if (fieldPointId != null) {
			Optional<Long> atPoint = store.closedAtPoint(cityId, categoryId, fieldPointId, since);
			if (atPoint.isPresent()) {
				return atPoint.get();
			}
		}
		if (place == null) {
			return null;
		}
		return store.closedNear(cityId, categoryId, place.box(rules.recurrenceMetres()), since)
			.stream()
			.filter(r -> place.metresTo(new GeoPoint(r.lat(), r.lng())) <= rules.recurrenceMetres())
			.map(Row::id)
			.findFirst()
			.orElse(null);
	}

	/** Stores each photo (a refused file refuses them all: the transaction rolls back). */
	private List<Long> storePhotos(CurrentUser user, Row p, Long rectificationId, List<Upload> given) {
		if (given.size() > MAX_FILES) {
			throw new InvalidInputException(FieldProblem.of("files", "problem.error.files.tooMany", MAX_FILES));
		}
		List<FieldProblem> refused = new ArrayList<>();
		List<StoredFile> stored = new ArrayList<>();
		for (Upload upload : given) {
			try (InputStream in = upload.content()) {
				StoredFile f = files.store(p.cityId(), user.username(), upload.name(), in);
				if (!f.kind().isImage()) {
					refused.add(FieldProblem.of("files", "problem.error.photo.notImage", f.name()));
				}
				stored.add(f);
			}
			catch (InvalidInputException ex) {
				refused.addAll(ex.problems());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		if (!refused.isEmpty()) {
			throw new InvalidInputException(refused);
		}
		Instant now = clock.instant();
		List<Long> ids = new ArrayList<>();
		for (StoredFile f : stored) {
			ids.add(store.insertPhoto(new ProblemStore.NewPhoto(p.id(), p.cityId(), rectificationId,
					rectificationId == null ? "BEFORE" : "AFTER", f, user.username(), now)));
		}
		return ids;
	}

	/** The warnings of the given photos of a problem, as the viewer may see them. */
	private List<PhotoWarning> warnings(CurrentUser viewer, Row p, Collection<Long> photoIds) {
		List<PhotoRow> photos = store.photos(p.id()).stream().filter(ph -> photoIds.contains(ph.id())).toList();
		return warnings(viewer, p, photos, rulesOf(p.cityId()));
	}

	private List<PhotoWarning> warnings(CurrentUser viewer, Row p, List<PhotoRow> photos, ProblemRules rules) {
		if (photos.isEmpty()) {
			return List.of();
		}
		Map<String, PhotoUse> first = store.firstUses(p.cityId(),
				photos.stream().map(PhotoRow::sha256).collect(Collectors.toSet()));
		Set<Long> openable = Set.copyOf(store.visible(ProblemScope.of(viewer),
				first.values().stream().map(PhotoUse::problemId).collect(Collectors.toSet())));
		GeoPoint place = p.lat() == null || p.lng() == null ? null : new GeoPoint(p.lat(), p.lng());
		List<PhotoWarning> warnings = new ArrayList<>();
		for (PhotoRow ph : photos) {
			PhotoUse earlier = first.get(ph.sha256());
			if (earlier != null && earlier.photoId() < ph.id()) {
				warnings.add(openable.contains(earlier.problemId())
						? new PhotoWarning(ph.name(), "DUPLICATE_EVIDENCE",
								text("problem.warning.duplicate", ph.name(), earlier.problemCode()), earlier.problemId(),
								earlier.problemCode())
						: new PhotoWarning(ph.name(), "DUPLICATE_EVIDENCE",
								text("problem.warning.duplicateElsewhere", ph.name()), null, null));
			}
			// an "after" photo taken before the problem was entered cannot show its rectification
			if (ph.rectificationId() != null && ph.capturedAt() != null
					&& ph.capturedAt().isBefore(p.createdAt().minus(CAMERA_DRIFT))) {
				warnings.add(new PhotoWarning(ph.name(), "OLD_PHOTO", text("problem.warning.oldPhoto", ph.name()),
						null, null));
			}
			if (place != null && ph.lat() != null && ph.lng() != null) {
				long metres = Math.round(place.metresTo(new GeoPoint(ph.lat(), ph.lng())));
				if (metres > rules.mismatchMetres()) {
					warnings.add(new PhotoWarning(ph.name(), "LOCATION_MISMATCH",
							text("problem.warning.location", ph.name(), String.valueOf(metres),
							String.valueOf(rules.mismatchMetres())), null, null));
				}
			}
		}
		return warnings;
	}

	private ProblemDetail detail(CurrentUser user, Row p) {
		List<PhotoRow> photos = store.photos(p.id());
		List<RectificationRow> rectifications = store.rectifications(p.id());
		ProblemRules rules = rulesOf(p.cityId());
		Map<Long, StoredFile> stored = files.findAll(photos.stream().map(PhotoRow::fileId).toList())
			.stream()
			.collect(Collectors.toMap(StoredFile::id, Function.identity()));
		List<ProblemDetail.Photo> photoViews = photos.stream()
			.map(ph -> new ProblemDetail.Photo(ph.id(), ph.fileId(), ph.rectificationId(), ph.stage(), ph.name(),
					stored.containsKey(ph.fileId()) && stored.get(ph.fileId()).thumbnail(), ph.capturedAt(), ph.lat(),
					ph.lng()))
			.toList();
		List<ProblemDetail.Rectification> rectificationViews = new ArrayList<>();
		for (RectificationRow r : rectifications) {
			List<PhotoRow> own = photos.stream().filter(ph -> Long.valueOf(r.id()).equals(ph.rectificationId())).toList();
			rectificationViews.add(new ProblemDetail.Rectification(r.id(), r.unitId(), r.unitName(), r.text(),
					r.submittedBy(), r.submittedAt(), r.decision(), r.decidedBy(), r.decidedAt(), r.reason(),
					photoViews.stream().filter(v -> Long.valueOf(r.id()).equals(v.rectificationId())).toList(),
					warnings(user, p, own, rules)));
		}
		List<ProblemDetail.UnitRef> cooperating = units.findAll(DataScope.all(), store.cooperators(p.id()))
			.stream()
			.map(u -> new ProblemDetail.UnitRef(u.id(), u.name()))
			.toList();
		String recurrenceCode = p.recurrenceOf() == null ? null : store.codes(List.of(p.recurrenceOf())).get(p.recurrenceOf());
		Optional<RectificationRow> open = rectifications.stream().filter(r -> r.decision() == null).findFirst();
		return new ProblemDetail(view(p, clock.instant()), p.description(), cooperating,
				new ProblemDetail.People(p.foundBy(), p.verifier(), p.disputeReason(),
						new ProblemDraft.Origin(p.originType(), p.originId()), recurrenceCode),
				photoViews, rectificationViews,
				store.instructions(p.id())
					.stream()
					.map(i -> new ProblemDetail.Instruction(i.id(), i.leaderName(), i.text(), i.createdAt()))
					.toList(),
				// what was done to it; refused attempts (probing) stay in the audit pages, not on the problem
				audit.historyOf("problem", Long.toString(p.id()), 200).stream().filter(e -> !e.failed()).toList(),
				actions(user, p, open),
				mayInstruct(user) && p.state() != ProblemState.CLOSED, mayAddPhotos(user, p));
	}

	static ProblemView view(Row r, Instant now) {
		boolean overdue = r.state() != ProblemState.CLOSED && r.deadline().isBefore(now);
		return new ProblemView(r.id(), r.cityId(), r.code(), r.source(), r.category(), r.title(), r.severity(),
				new ProblemView.Unit(r.unitId(), r.unitName()),
				new ProblemView.Status(r.state(), overdue, r.deadline(), r.recurrenceOf(), r.rejections()),
				new ProblemDraft.Place(r.address(), r.lat(), r.lng()), new ProblemView.Times(r.createdAt(), r.closedAt()),
				r.version());
	}

	private static GeoPoint place(BigDecimal lat, BigDecimal lng, List<FieldProblem> problems) {
		if (lat == null && lng == null) {
			return null;
		}
		try {
			return GeoPoint.parse(lat, lng);
		}
		catch (InvalidInputException ex) {
			problems.addAll(ex.problems());
			return null;
		}
	}

	private static void checkDeadline(Instant deadline, Instant now, List<FieldProblem> problems) {
		if (!deadline.isAfter(now)) {
			problems.add(FieldProblem.of("deadline", "problem.error.deadline.past"));
		}
		else if (deadline.isAfter(now.plus(MAX_DEADLINE_DAYS, ChronoUnit.DAYS))) {
			problems.add(FieldProblem.of("deadline", "problem.error.deadline.far", MAX_DEADLINE_DAYS));
		}
	}

	private static void text(String field, String value, int max, boolean required, List<FieldProblem> problems) {
		if (value == null || value.isBlank()) {
			if (required) {
				problems.add(FieldProblem.of(field, "problem.error." + field + ".required"));
			}
		}
		else if (value.length() > max) {
			problems.add(FieldProblem.of(field, "problem.error.tooLong", max));
		}
	}

	private static String reason(String reason, boolean required) {
		List<FieldProblem> problems = new ArrayList<>();
		String why = reason(reason, required, problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return why;
	}

	/** The reason, trimmed; a missing or too long one adds to {@code problems}, so a form shows every error at once. */
	private static String reason(String reason, boolean required, List<FieldProblem> problems) {
		if (required && (reason == null || reason.isBlank())) {
			problems.add(FieldProblem.of("reason", "problem.error.reason.required"));
		}
		else if (reason != null && reason.length() > MAX_REASON) {
			problems.add(FieldProblem.of("reason", "problem.error.tooLong", MAX_REASON));
		}
		return trim(reason);
	}

	private static List<Upload> given(List<Upload> uploads) {
		return uploads == null ? List.of() : uploads.stream().filter(u -> u != null).toList();
	}

	private static String trim(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

	private String text(String key, Object... args) {
		return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
	}

}
