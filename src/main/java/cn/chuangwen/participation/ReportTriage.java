package cn.chuangwen.participation;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.files.StoredFile;
import cn.chuangwen.inspections.FieldPoints;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.participation.internal.CitizenReportStore;
import cn.chuangwen.participation.internal.TriageStore;
import cn.chuangwen.problems.ProblemDraft;
import cn.chuangwen.problems.ProblemSeverity;
import cn.chuangwen.problems.ProblemSource;
import cn.chuangwen.problems.ProblemState;
import cn.chuangwen.problems.ProblemView;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.GeoPoint;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

/**
 * The office's triage of citizen reports (受理, issue 11 §1–2): the list of its city's reports, one
 * report with its photos and personal data (only for holders of {@code participation:personal}),
 * and the three answers: accept (a problem of the problems module, routed by place and category,
 * with the report's photos), merge into an open problem, reject with a public reason. The office
 * also enters hotline calls and report-box letters here. Only a city office acts, on its own city's
 * reports (another city's is not found); a report is answered once (409 after); every answer is
 * traced in the transaction that makes it, and the citizen reads a public update.
 */
@Service
public class ReportTriage {

	public static final int MAX_REASON = 1000;

	/** An export holds at most this many rows; a filter narrows a bigger list. */
	public static final int MAX_EXPORT = 50_000;

	/** Public updates are written in the city's language: stored text, not a label. */
	private static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

	private final TriageStore store;

	private final CitizenReportStore reports;

	private final CitizenReports intake;

	private final Problems problems;

	private final FieldPoints fieldPoints;

	private final Units units;

	private final EvidenceStore files;

	private final AuditTrail audit;

	private final MessageSource messages;

	private final Clock clock;

	public ReportTriage(TriageStore store, CitizenReportStore reports, CitizenReports intake, Problems problems,
			FieldPoints fieldPoints, Units units, EvidenceStore files, AuditTrail audit, MessageSource messages,
			Clock clock) {
		this.store = store;
		this.reports = reports;
		this.intake = intake;
		this.problems = problems;
		this.fieldPoints = fieldPoints;
		this.units = units;
		this.files = files;
		this.audit = audit;
		this.messages = messages;
		this.clock = clock;
	}

	// --- reading

	/** One page of the caller's city's reports, newest first. */
	@Transactional(readOnly = true)
	public Page<OfficeReport> page(CurrentUser user, ReportFilter filter, PageRequest page) {
		long cityId = city(user);
		Page<CitizenReportStore.Row> rows = store.page(cityId, filter, page);
		return rows.mapAll(list -> views(user, list));
	}

	/** At most {@link #MAX_EXPORT} of the filtered reports, newest first, one at a time: for the export. */
	@Transactional(readOnly = true)
	public void each(CurrentUser user, ReportFilter filter, Consumer<OfficeReport> sink) {
		long cityId = city(user);
		List<CitizenReportStore.Row> batch = new ArrayList<>();
		// towns are named a batch at a time: one lookup per 500 rows, not per row
		store.each(cityId, filter, MAX_EXPORT, row -> {
			batch.add(row);
			if (batch.size() == 500) {
				views(user, batch).forEach(sink);
				batch.clear();
			}
		});
		views(user, batch).forEach(sink);
	}

	@Transactional(readOnly = true)
	public ReportDetail get(CurrentUser user, long id) {
		CitizenReportStore.Row r = report(user, id);
		OfficeReport view = views(user, List.of(r)).get(0);
		List<Long> photos = reports.photos(id).stream().map(CitizenReportStore.PhotoRow::id).toList();
		List<PublicReport.Update> updates = reports.updates(id)
			.stream()
			.map(u -> new PublicReport.Update(u.at(), u.state(), u.text()))
			.toList();
		String problemCode = r.problemId() == null ? null
				: problems.findById(user, r.problemId()).map(ProblemView::code).orElse(null);
		RouteSuggestion suggestion = r.state() == ReportState.RECEIVED ? suggest(r) : null;
		return new ReportDetail(view, store.enteredBy(id), photos, store.supports(id), updates, problemCode,
				r.publicReason(), r.closedAt(), suggestion);
	}

	/** An original photo of a report (as sent, with its EXIF): the office only. */
	@Transactional(readOnly = true)
	public StoredFile originalPhoto(CurrentUser user, long id, long photoId) {
		report(user, id);
		return reports.photos(id)
			.stream()
			.filter(p -> p.id() == photoId)
			.findFirst()
			.flatMap(p -> files.find(p.fileId()))
			.orElseThrow(() -> new NotFoundException("citizenReportPhoto", photoId));
	}

	/** Where the report would go if accepted without a unit, and why. */
	@Transactional(readOnly = true)
	public RouteSuggestion suggestion(CurrentUser user, long id) {
		return suggest(report(user, id));
	}

	// --- answering

	/**
	 * Accepts the report: a problem of the city, dispatched to {@code unitId} or, without one, to the
	 * unit routing suggests (400 when it finds none: the office names one). The problem takes the
	 * report's place, category, words and original photos, and names the report as its origin.
	 * Returns the problem's id.
	 */
	@Transactional
	public long accept(CurrentUser user, long id, Long unitId) {
		CitizenReportStore.Row r = report(user, id);
		answerable(r);
		UnitView chosen = unitId == null ? null : unitOf(user, r.cityId(), unitId);
		RouteSuggestion route = suggest(r);
		if (chosen == null && !route.found()) {
			throw new InvalidInputException(FieldProblem.of("unitId", "citizenReport.triage.error.noRoute"));
		}
		long unit = chosen != null ? chosen.id() : route.unitId();
		String unitName = chosen != null ? chosen.name() : route.unitName();
		ProblemSource source = r.channel() == ReportChannel.HOTLINE || r.channel() == ReportChannel.REPORT_BOX
				? ProblemSource.HOTLINE : ProblemSource.CITIZEN;
		ProblemDraft draft = new ProblemDraft(source, r.category(), title(r), description(r), ProblemSeverity.GENERAL,
				unit, List.of(), new ProblemDraft.Place(r.address(), r.lat(), r.lng()), null, null,
				new ProblemDraft.Origin("citizen_report", r.id()));
		Problems.Created created = problems.create(user, draft, true);
		long problemId = created.id();
		List<Long> originals = reports.photos(id).stream().map(CitizenReportStore.PhotoRow::fileId).toList();
		int photos = problems.attachStoredPhotos(user, problemId, originals);
		Instant now = now();
		if (!store.answer(id, r.version(), ReportState.ACCEPTED, problemId, route.townId(), null, now)) {
			throw new ConflictException("citizenReport.triage.error.answered");
		}
		reports.insertUpdate(id, r.cityId(), ReportState.ACCEPTED, text("citizenReport.update.accepted", unitName), now);
		audit.record(AuditEntry.of("CITIZEN_REPORT_ACCEPT")
			.city(r.cityId())
			.object("citizenReport", id)
			.change("state", r.state(), ReportState.ACCEPTED)
			.change("problem", null, created.code())
			.change("unit", null, unitName)
			.change("route", null, chosen != null ? null : text(route.reason().messageKey()))
			.change("town", null, route.townName())
			.change("photos", null, photos == 0 ? null : photos));
		return problemId;
	}

	/**
	 * Joins the report to an open problem of the city (the same thing, reported before): the report
	 * follows that problem from now on, and is in rectification at once if the unit has signed for it.
	 */
	@Transactional
	public void merge(CurrentUser user, long id, Long problemId) {
		CitizenReportStore.Row r = report(user, id);
		if (problemId == null) {
			throw new InvalidInputException(FieldProblem.of("problemId", "citizenReport.triage.error.problem"));
		}
		answerable(r);
		ProblemView p = problems.findById(user, problemId)
			.filter(v -> v.cityId() == r.cityId())
			.orElseThrow(() -> new InvalidInputException(
					FieldProblem.of("problemId", "citizenReport.triage.error.problem")));
		if (p.state() == ProblemState.CLOSED) {
			throw new InvalidInputException(FieldProblem.of("problemId", "citizenReport.triage.error.problemClosed"));
		}
		Instant now = now();
		Long townId = suggest(r).townId();
		if (!store.answer(id, r.version(), ReportState.ACCEPTED, p.id(), townId, null, now)) {
			throw new ConflictException("citizenReport.triage.error.answered");
		}
		reports.insertUpdate(id, r.cityId(), ReportState.ACCEPTED,
				text("citizenReport.update.merged", p.unitName()), now);
		ReportState state = ReportState.ACCEPTED;
		if (p.state() == ProblemState.RECTIFYING || p.state() == ProblemState.SUBMITTED) {
			// the unit signed before this report came: it is already being rectified
			store.move(id, ReportState.ACCEPTED, ReportState.RECTIFYING, null);
			reports.insertUpdate(id, r.cityId(), ReportState.RECTIFYING, text("citizenReport.update.rectifying"), now);
			state = ReportState.RECTIFYING;
		}
		audit.record(AuditEntry.of("CITIZEN_REPORT_MERGE")
			.city(r.cityId())
			.object("citizenReport", id)
			.change("state", r.state(), state)
			.change("problem", null, p.code())
			.change("unit", null, p.unitName()));
	}

	/** Rejects the report with a reason the citizen reads (required, at most {@value #MAX_REASON} characters). */
	@Transactional
	public void reject(CurrentUser user, long id, String publicReason) {
		CitizenReportStore.Row r = report(user, id);
		String reason = publicReason == null || publicReason.isBlank() ? null : publicReason.strip();
		if (reason == null) {
			throw new InvalidInputException(FieldProblem.of("publicReason", "citizenReport.triage.error.reason"));
		}
		if (reason.length() > MAX_REASON) {
			throw new InvalidInputException(
					FieldProblem.of("publicReason", "citizenReport.triage.error.reasonLong", MAX_REASON));
		}
		answerable(r);
		Instant now = now();
		if (!store.answer(id, r.version(), ReportState.REJECTED, null, r.townId(), reason, now)) {
			throw new ConflictException("citizenReport.triage.error.answered");
		}
		reports.insertUpdate(id, r.cityId(), ReportState.REJECTED, reason, now);
		audit.record(AuditEntry.of("CITIZEN_REPORT_REJECT")
			.city(r.cityId())
			.object("citizenReport", id)
			.reason(reason)
			.change("state", r.state(), ReportState.REJECTED)
			.change("publicReason", null, reason));
	}

	/**
	 * Enters a hotline call or a report-box letter (channel {@code HOTLINE} or {@code REPORT_BOX}) for
	 * the caller's city, checked as any report; the caller's name and phone are kept private.
	 */
	@Transactional
	public CitizenReports.Submitted enter(CurrentUser user, ReportChannel channel, ReportDraft draft,
			List<CitizenReports.Photo> photos) {
		long cityId = city(user);
		if (channel != ReportChannel.HOTLINE && channel != ReportChannel.REPORT_BOX) {
			throw new InvalidInputException(FieldProblem.of("channel", "citizenReport.triage.error.channel"));
		}
		return intake.submit(cityId, draft, photos, new ReportSender(channel, null, user.username(), null));
	}

	// --- default departments

	/** A category of the city with its default department (null: none set). */
	public record DefaultUnit(long categoryId, String category, Long unitId, String unitName) {
	}

	@Transactional(readOnly = true)
	public List<DefaultUnit> defaults(CurrentUser user) {
		long cityId = city(user);
		Map<Long, Long> set = store.defaults(cityId);
		Map<Long, String> names = store.unitNames(set.values());
		return problems.categoryChoices(cityId)
			.stream()
			.map(c -> new DefaultUnit(c.id(), c.name(), set.get(c.id()), names.get(set.get(c.id()))))
			.toList();
	}

	/** Sets (or with null clears) a category's default department; traced with the names before and after. */
	@Transactional
	public void setDefault(CurrentUser user, long categoryId, Long unitId) {
		long cityId = city(user);
		Problems.Category category = problems.categoryChoices(cityId)
			.stream()
			.filter(c -> c.id() == categoryId)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("problemCategory", categoryId));
		UnitView unit = unitId == null ? null : unitOf(user, cityId, unitId);
		Long before = store.defaults(cityId).get(categoryId);
		if (before == null ? unit == null : unit != null && before == unit.id()) {
			return;
		}
		String beforeName = before == null ? null : store.unitNames(List.of(before)).get(before);
		store.setDefault(cityId, categoryId, unit == null ? null : unit.id(), user.username(), now());
		audit.record(AuditEntry.of("CITIZEN_REPORT_DEFAULT_UNIT")
			.city(cityId)
			.object("citizenReportRouting", categoryId)
			.change("category", null, category.name())
			.change("defaultUnit", beforeName, unit == null ? null : unit.name()));
	}

	// --- routing

	private RouteSuggestion suggest(CitizenReportStore.Row r) {
		GeoPoint place = r.lat() == null || r.lng() == null ? null : new GeoPoint(r.lat(), r.lng());
		Optional<FieldPoints.NearbyPoint> nearest = place == null ? Optional.empty()
				: fieldPoints.nearest(r.cityId(), place, RouteSuggestion.TOWN_METRES);
		Long defaultId = store.defaults(r.cityId()).get(r.categoryId());
		Optional<UnitView> fallback = defaultId == null ? Optional.empty()
				: units.findAll(cn.chuangwen.organization.DataScope.all(), List.of(defaultId))
					.stream()
					.filter(UnitView::active)
					.findFirst();
		return route(nearest.orElse(null), fallback.orElse(null));
	}

	/**
	 * The routing order as one rule: the nearest point (searched within {@link RouteSuggestion#TOWN_METRES})
	 * gives its unit when within {@link RouteSuggestion#POINT_METRES}, else its town; without a point
	 * near, the category's default department; else none. The town is the point's in every case.
	 */
	static RouteSuggestion route(FieldPoints.NearbyPoint nearest, UnitView defaultUnit) {
		boolean inTown = nearest != null && nearest.metres() <= RouteSuggestion.TOWN_METRES;
		Long townId = inTown ? nearest.point().townId() : null;
		String townName = inTown ? nearest.point().townName() : null;
		if (nearest != null && nearest.metres() <= RouteSuggestion.POINT_METRES) {
			return new RouteSuggestion(RouteSuggestion.Reason.FIELD_POINT, nearest.point().unitId(),
					nearest.point().unitName(), townId, townName, nearest.point().name(), Math.round(nearest.metres()));
		}
		if (inTown) {
			return new RouteSuggestion(RouteSuggestion.Reason.TOWN, townId, townName, townId, townName,
					nearest.point().name(), Math.round(nearest.metres()));
		}
		if (defaultUnit != null) {
			return new RouteSuggestion(RouteSuggestion.Reason.DEFAULT_UNIT, defaultUnit.id(), defaultUnit.name(), null,
					null, null, null);
		}
		return new RouteSuggestion(RouteSuggestion.Reason.NONE, null, null, null, null, null, null);
	}

	// ---

	private static long city(CurrentUser user) {
		if (!user.can(Permissions.PARTICIPATION_TRIAGE) || user.cityId() == null) {
			throw new AccessDeniedException(Permissions.PARTICIPATION_TRIAGE);
		}
		return user.cityId();
	}

	/** The caller's city's report; another city's (or none) is not found. */
	private CitizenReportStore.Row report(CurrentUser user, long id) {
		return store.find(city(user), id).orElseThrow(() -> new NotFoundException("citizenReport", id));
	}

	private static void answerable(CitizenReportStore.Row r) {
		if (r.state() != ReportState.RECEIVED) {
			throw new ConflictException("citizenReport.triage.error.answered");
		}
	}

	private UnitView unitOf(CurrentUser user, long cityId, long unitId) {
		return units.find(user.scope(), unitId)
			.filter(u -> u.cityId() == cityId && u.active())
			.orElseThrow(() -> new InvalidInputException(FieldProblem.of("unitId", "citizenReport.triage.error.unit")));
	}

	private List<OfficeReport> views(CurrentUser user, List<CitizenReportStore.Row> rows) {
		boolean personal = user.can(Permissions.PARTICIPATION_PERSONAL);
		Map<Long, String> towns = store.unitNames(
				rows.stream().map(CitizenReportStore.Row::townId).filter(t -> t != null).distinct().toList());
		return rows.stream()
			.map(r -> new OfficeReport(r.id(), r.code(), r.channel(), r.categoryId(), r.category(), r.description(),
					new OfficeReport.Place(r.address(), r.lat(), r.lng()), r.state(), r.createdAt(),
					new OfficeReport.Answer(r.answeredAt(), r.townId(), r.townId() == null ? null : towns.get(r.townId()),
							r.problemId()),
					new OfficeReport.Feedback(r.supporters(), r.rating()),
					new OfficeReport.Reporter(personal ? r.reporterName() : null, personal ? r.reporterPhone() : null)))
			.toList();
	}

	private String title(CitizenReportStore.Row r) {
		String words = r.description().strip().replaceAll("\\s+", " ");
		String title = text("citizenReport.problem.title", r.category(),
				words.length() > 60 ? words.substring(0, 60) + "…" : words);
		return title.length() > 200 ? title.substring(0, 200) : title;
	}

	private String description(CitizenReportStore.Row r) {
		String text = text("citizenReport.problem.description", r.code(),
				text(r.channel().messageKey()), r.description());
		return text.length() > Problems.MAX_TEXT ? text.substring(0, Problems.MAX_TEXT) : text;
	}

	private String text(String key, Object... args) {
		return messages.getMessage(key, args, CHINESE);
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

}
