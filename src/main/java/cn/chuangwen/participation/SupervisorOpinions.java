package cn.chuangwen.participation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.files.Upload;
import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.files.StoredFile;
import cn.chuangwen.inspections.FieldPoints;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.UserView;
import cn.chuangwen.participation.OpinionState.Action;
import cn.chuangwen.participation.internal.OpinionStore;
import cn.chuangwen.participation.internal.OpinionStore.DutyRow;
import cn.chuangwen.problems.ProblemDraft;
import cn.chuangwen.problems.ProblemSource;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.GeoPoint;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

/**
 * Special supervisors' opinions (特约监督员意见, issue 11 §2), the "public-opinion express": a
 * supervisor files an opinion with up to three photos; it goes to the city leader on duty that day
 * (值班领导, from the office's roster), who writes an instruction (批示); the office makes the
 * instructed opinion a problem for a unit (source SUPERVISOR, carrying the instruction as the
 * leader's) or declines it with a reason; the supervisor follows every step and the problem's state.
 * <p>
 * Who sees an opinion: the supervisor who filed it, the city's leaders and the city office; any
 * other caller of the city, or anyone of another city, is told it does not exist.
 */
@Service
public class SupervisorOpinions {

	public static final int MAX_TEXT = 4000;

	public static final int MAX_ADDRESS = 300;

	public static final int MAX_PHOTOS = 3;

	public static final int MAX_REASON = 1000;

	/** The roster page shows this many entries, newest start first. */
	public static final int ROSTER_ROWS = 60;

	/** A problem's title is at most 200 characters; the default takes the opinion's first words. */
	static final int TITLE_WORDS = 30;

	public static final String ORIGIN = "supervisor_opinion";

	/** A duty start further than this from today is a typing error. */
	static final long MAX_DUTY_DAYS = 366;

	private final OpinionStore store;

	private final Problems problems;

	private final FieldPoints fieldPoints;

	private final Accounts accounts;

	private final EvidenceStore files;

	private final AuditTrail audit;

	private final MessageSource messages;

	private final Clock clock;

	public SupervisorOpinions(OpinionStore store, Problems problems, FieldPoints fieldPoints, Accounts accounts,
			EvidenceStore files, AuditTrail audit, MessageSource messages, Clock clock) {
		this.messages = messages;
		this.store = store;
		this.problems = problems;
		this.fieldPoints = fieldPoints;
		this.accounts = accounts;
		this.files = files;
		this.audit = audit;
		this.clock = clock;
	}

	// --- reading

	/** The categories an opinion may choose: the city's problem categories. */
	@Transactional(readOnly = true)
	public List<Problems.Category> categories(CurrentUser user) {
		return problems.categoryChoices(city(user));
	}

	/**
	 * One page of the opinions the caller may see: a supervisor their own, a leader the city's (or,
	 * with {@code queue}, those waiting for them), the office the city's. {@code state} null: any.
	 */
	@Transactional(readOnly = true)
	public Page<OpinionView> page(CurrentUser user, OpinionState state, boolean queue, PageRequest page) {
		OpinionStore.Filter filter = filter(user, state, queue);
		return Page.read(page, () -> store.page(filter, page), () -> store.count(filter));
	}

	/** One opinion with its photos; 404 unless the caller may see it. */
	@Transactional(readOnly = true)
	public OpinionView get(CurrentUser user, long id) {
		OpinionView o = visible(user, id);
		return o.withPhotos(store.photos(id));
	}

	/** A photo of an opinion the caller may see; 404 unless it is one of the opinion's. */
	@Transactional(readOnly = true)
	public StoredFile photo(CurrentUser user, long id, long fileId) {
		visible(user, id);
		return store.photos(id)
			.stream()
			.filter(f -> f == fileId)
			.findFirst()
			.flatMap(files::find)
			.orElseThrow(() -> new NotFoundException("opinionPhoto", fileId));
	}

	/** What the caller may do with the opinion now. */
	public boolean mayInstruct(CurrentUser user, OpinionView o) {
		return isLeader(user) && Action.INSTRUCT.allowedFrom(o.state());
	}

	public boolean mayForward(CurrentUser user, OpinionView o) {
		return user.can(Permissions.OPINION_MANAGE) && Action.FORWARD.allowedFrom(o.state());
	}

	public boolean mayDecline(CurrentUser user, OpinionView o) {
		return user.can(Permissions.OPINION_MANAGE) && Action.DECLINE.allowedFrom(o.state());
	}

	// --- the supervisor

	/**
	 * Files an opinion. Every wrong field is named at once and nothing is stored: a category not in
	 * the city's list, no text or one over {@value #MAX_TEXT} characters (kept as text, shown
	 * escaped), an address over {@value #MAX_ADDRESS}, coordinates outside the city's area, more than
	 * {@value #MAX_PHOTOS} photos, a file that is not a photo (by content). It goes to the leader on
	 * duty today (Beijing date); with nobody on the roster, to every leader of the city.
	 */
	@Transactional
	public OpinionView file(CurrentUser user, OpinionDraft draft, List<CitizenReports.Photo> photos) {
		if (!user.can(Permissions.OPINION_FILE)) {
			throw new AccessDeniedException(Permissions.OPINION_FILE);
		}
		long cityId = city(user);
		List<FieldProblem> wrong = new ArrayList<>();
		Optional<Problems.Category> category = DraftChecks.category(problems, cityId, draft.category(),
				"opinion.error.category", wrong);
		String text = DraftChecks.text("text", draft.text(), MAX_TEXT, "opinion.error.text.required",
				"opinion.error.text.long", wrong);
		String address = DraftChecks.text("address", draft.address(), MAX_ADDRESS, null, "opinion.error.address.long",
				wrong);
		GeoPoint place = DraftChecks.place(fieldPoints, cityId, draft.lat(), draft.lng(), "opinion.error.outside", wrong);
		if (photos.size() > MAX_PHOTOS) {
			wrong.add(FieldProblem.of(EvidenceStore.FIELD, "opinion.error.photos", MAX_PHOTOS));
		}
		if (!wrong.isEmpty()) {
			throw new InvalidInputException(wrong);
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		Optional<DutyRow> duty = store.onDuty(cityId, LocalDate.ofInstant(now, Problems.ZONE));
		long id = store.insert(new OpinionStore.NewOpinion(cityId, user.id(), category.get().id(), text, address, place,
				duty.map(DutyRow::leaderId).orElse(null), now));
		int position = 0;
		for (CitizenReports.Photo photo : photos) {
			StoredFile stored = files.store(cityId, user.username(), photo.name(), photo.content());
			if (!stored.kind().isImage()) {
				throw new InvalidInputException(
						FieldProblem.of(EvidenceStore.FIELD, "opinion.error.notPhoto", stored.name()));
			}
			store.insertPhoto(id, cityId, stored.id(), ++position);
		}
		audit.record(AuditEntry.of("OPINION_FILE")
			.city(cityId)
			.object("supervisorOpinion", id)
			.change("category", null, category.get().name())
			.change("text", null, text)
			.change("address", null, address)
			.change("place", null, place == null ? null : place.latitude() + "," + place.longitude())
			.change("photos", null, position == 0 ? null : position)
			.change("dutyLeader", null, duty.map(DutyRow::leaderName).orElse(null))
			.change("state", null, OpinionState.FILED));
		return get(user, id);
	}

	// --- the leader

	/** The leader's instruction (批示), once, on a filed opinion of the city. */
	@Transactional
	public OpinionView instruct(CurrentUser user, long id, String text) {
		if (!isLeader(user)) {
			throw new AccessDeniedException(Permissions.OPINION_INSTRUCT);
		}
		OpinionView o = visible(user, id);
		String words = CitizenReports.trim(text);
		if (words == null) {
			throw new InvalidInputException(FieldProblem.of("text", "opinion.error.instruction.required"));
		}
		if (words.length() > Problems.MAX_INSTRUCTION) {
			throw new InvalidInputException(
					FieldProblem.of("text", "opinion.error.instruction.long", Problems.MAX_INSTRUCTION));
		}
		allowed(Action.INSTRUCT, o);
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		if (store.instruct(id, o.state(), words, user.id(), now) != 1) {
			throw new ConflictException("opinion.error.changed");
		}
		audit.record(AuditEntry.of(Action.INSTRUCT.auditAction())
			.city(o.cityId())
			.object("supervisorOpinion", id)
			.change("instruction", null, words)
			.change("state", o.state(), Action.INSTRUCT.to()));
		return get(user, id);
	}

	// --- the office

	/**
	 * Makes an instructed opinion a problem for a unit through the problems module: source
	 * SUPERVISOR, origin {@value #ORIGIN}, dispatched at once, with the opinion's words, place and
	 * photos, and the leader's instruction recorded as that leader's on the problem.
	 */
	@Transactional
	public OpinionView forward(CurrentUser user, long id, OpinionForward how) {
		manager(user);
		OpinionView o = visible(user, id);
		List<FieldProblem> wrong = new ArrayList<>();
		if (how.unitId() == null) {
			wrong.add(FieldProblem.of("unitId", "opinion.error.unit"));
		}
		if (how.severity() == null) {
			wrong.add(FieldProblem.of("severity", "opinion.error.severity"));
		}
		String title = CitizenReports.trim(how.title());
		if (title != null && title.length() > 200) {
			wrong.add(FieldProblem.of("title", "opinion.error.title", 200));
		}
		if (!wrong.isEmpty()) {
			throw new InvalidInputException(wrong);
		}
		allowed(Action.FORWARD, o);
		Problems.Created made = problems.create(user,
				new ProblemDraft(ProblemSource.SUPERVISOR, o.category(), title != null ? title : defaultTitle(o), o.text(),
						how.severity(), how.unitId(), List.of(),
						new ProblemDraft.Place(o.place().address(), o.place().lat(), o.place().lng()), how.deadline(), null,
						new ProblemDraft.Origin(ORIGIN, id)),
				true);
		problems.recordInstruction(user, made.id(), o.instruction().leader().id(), o.instruction().leader().name(),
				o.instruction().text(), o.instruction().at());
		List<Long> photoIds = store.photos(id);
		if (!photoIds.isEmpty()) {
			List<InputStream> opened = new ArrayList<>();
			try {
				List<Upload> uploads = new ArrayList<>();
				for (StoredFile f : files.findAll(photoIds)) {
					InputStream in = files.open(f);
					opened.add(in);
					uploads.add(new Upload(f.name(), in));
				}
				problems.addPhotos(user, made.id(), uploads);
			}
			finally {
				for (InputStream in : opened) {
					try {
						in.close();
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				}
			}
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		if (store.forward(id, o.state(), made.id(), user.username(), now) != 1) {
			throw new ConflictException("opinion.error.changed");
		}
		audit.record(AuditEntry.of(Action.FORWARD.auditAction())
			.city(o.cityId())
			.object("supervisorOpinion", id)
			.change("problem", null, made.code())
			.change("state", o.state(), Action.FORWARD.to()));
		return get(user, id);
	}

	/** Declines an opinion (filed or instructed) with a reason the supervisor reads. */
	@Transactional
	public OpinionView decline(CurrentUser user, long id, String reason) {
		manager(user);
		OpinionView o = visible(user, id);
		String why = CitizenReports.trim(reason);
		if (why == null) {
			throw new InvalidInputException(FieldProblem.of("reason", "opinion.error.reason.required"));
		}
		if (why.length() > MAX_REASON) {
			throw new InvalidInputException(FieldProblem.of("reason", "opinion.error.reason.long", MAX_REASON));
		}
		allowed(Action.DECLINE, o);
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		if (store.decline(id, o.state(), why, user.username(), now) != 1) {
			throw new ConflictException("opinion.error.changed");
		}
		audit.record(AuditEntry.of(Action.DECLINE.auditAction())
			.city(o.cityId())
			.object("supervisorOpinion", id)
			.reason(why)
			.change("state", o.state(), Action.DECLINE.to()));
		return get(user, id);
	}

	// --- the duty roster (值班表)

	/** An entry of the roster: the leader on duty from a day until the next entry. */
	public record Duty(long id, long leaderId, String leaderName, LocalDate from, String setBy, Instant setAt) {
	}

	/** The city's roster, newest start first, and who is on duty today. */
	public record Roster(List<Duty> entries, Duty today, List<UserView> leaders) {
	}

	@Transactional(readOnly = true)
	public Roster roster(CurrentUser user) {
		manager(user);
		long cityId = city(user);
		LocalDate today = LocalDate.ofInstant(clock.instant(), Problems.ZONE);
		return new Roster(store.roster(cityId, ROSTER_ROWS).stream().map(SupervisorOpinions::duty).toList(),
				store.onDuty(cityId, today).map(SupervisorOpinions::duty).orElse(null), leaders(user));
	}

	/** Puts a leader of the city on duty from a day; an entry of the same day is replaced (traced). */
	@Transactional
	public void setDuty(CurrentUser user, Long leaderId, LocalDate from) {
		manager(user);
		long cityId = city(user);
		List<FieldProblem> wrong = new ArrayList<>();
		Optional<UserView> leader = leaderId == null ? Optional.empty()
				: leaders(user).stream().filter(l -> l.id() == leaderId).findFirst();
		if (leader.isEmpty()) {
			wrong.add(FieldProblem.of("leaderId", "opinion.error.leader"));
		}
		LocalDate today = LocalDate.ofInstant(clock.instant(), Problems.ZONE);
		if (from == null) {
			wrong.add(FieldProblem.of("from", "opinion.error.dutyFrom"));
		}
		else if (Math.abs(ChronoUnit.DAYS.between(today, from)) > MAX_DUTY_DAYS) {
			wrong.add(FieldProblem.of("from", "opinion.error.dutyFar", MAX_DUTY_DAYS));
		}
		if (!wrong.isEmpty()) {
			throw new InvalidInputException(wrong);
		}
		Instant now = clock.instant();
		Optional<DutyRow> same = store.dutyOn(cityId, from);
		if (same.isPresent()) {
			store.updateDuty(same.get().id(), leaderId, user.username(), now);
		}
		else {
			store.insertDuty(cityId, leaderId, from, user.username(), now);
		}
		audit.record(AuditEntry.of("LEADER_DUTY_SET")
			.city(cityId)
			.object("leaderDuty", same.map(DutyRow::id).orElse(null))
			.change("from", null, from)
			.change("leader", same.map(DutyRow::leaderName).orElse(null), leader.get().displayName()));
	}

	/** Removes an entry of the roster (traced); the entry before it covers its days again. */
	@Transactional
	public void removeDuty(CurrentUser user, long id) {
		manager(user);
		long cityId = city(user);
		DutyRow row = store.duty(cityId, id).orElseThrow(() -> new NotFoundException("leaderDuty", id));
		store.deleteDuty(id);
		audit.record(AuditEntry.of("LEADER_DUTY_REMOVE")
			.city(cityId)
			.object("leaderDuty", id)
			.change("from", row.from(), null)
			.change("leader", row.leaderName(), null));
	}

	// --- rules

	private List<UserView> leaders(CurrentUser user) {
		long cityId = city(user);
		return accounts.holding(user, Permissions.OPINION_INSTRUCT)
			.stream()
			.filter(u -> u.roles().contains(Role.CITY_LEADER) && u.cityId() != null && u.cityId() == cityId && u.enabled())
			.toList();
	}

	private static Duty duty(DutyRow r) {
		return new Duty(r.id(), r.leaderId(), r.leaderName(), r.from(), r.createdBy(), r.createdAt());
	}

	private static boolean isLeader(CurrentUser user) {
		return user.can(Permissions.OPINION_INSTRUCT) && user.has(Role.CITY_LEADER);
	}

	private static void manager(CurrentUser user) {
		if (!user.can(Permissions.OPINION_MANAGE)) {
			throw new AccessDeniedException(Permissions.OPINION_MANAGE);
		}
	}

	private static void allowed(Action action, OpinionView o) {
		if (!action.allowedFrom(o.state())) {
			throw new ConflictException("opinion.error.state." + action.name());
		}
	}

	/** The caller's city: every opinion belongs to one, and the caller's is the only one it may read. */
	private static long city(CurrentUser user) {
		if (user.cityId() == null) {
			throw new AccessDeniedException("city");
		}
		return user.cityId();
	}

	private OpinionStore.Filter filter(CurrentUser user, OpinionState state, boolean queue) {
		long cityId = city(user);
		if (user.can(Permissions.OPINION_MANAGE)) {
			return new OpinionStore.Filter(cityId, null, state, null);
		}
		if (isLeader(user)) {
			return new OpinionStore.Filter(cityId, null, state, queue ? user.id() : null);
		}
		if (user.can(Permissions.OPINION_FILE)) {
			return new OpinionStore.Filter(cityId, user.id(), state, null);
		}
		throw new AccessDeniedException(Permissions.OPINION_FILE);
	}

	private OpinionView visible(CurrentUser user, long id) {
		OpinionStore.Filter scope = filter(user, null, false);
		return store.find(scope.cityId(), id)
			.filter(o -> scope.supervisorId() == null || o.supervisor().id() == scope.supervisorId())
			.orElseThrow(() -> new NotFoundException("supervisorOpinion", id));
	}

	/** Problems are written in the city's language: the title is stored text, not a label. */
	String defaultTitle(OpinionView o) {
		String words = o.text().replaceAll("\\s+", " ");
		return messages.getMessage("opinion.problemTitle",
				new Object[] { words.length() > TITLE_WORDS ? words.substring(0, TITLE_WORDS) + "…" : words },
				Locale.SIMPLIFIED_CHINESE);
	}

}
