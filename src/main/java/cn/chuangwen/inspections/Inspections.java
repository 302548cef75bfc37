package cn.chuangwen.inspections;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.files.Upload;
import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.documents.FontMissing;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.files.StoredFile;
import cn.chuangwen.inspections.internal.ChecklistStore;
import cn.chuangwen.inspections.internal.FindingRelease;
import cn.chuangwen.inspections.internal.InspectionStore;
import cn.chuangwen.inspections.internal.InspectionWorkbook;
import cn.chuangwen.inspections.internal.InspectionStore.NewResult;
import cn.chuangwen.inspections.internal.InspectionStore.PlanRow;
import cn.chuangwen.inspections.internal.InspectionStore.PointRow;
import cn.chuangwen.inspections.internal.InspectionStore.Reader;
import cn.chuangwen.inspections.internal.Watermark;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.GeoPoint;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

/**
 * Inspections in the field (实地检查, issue 9 §3): an inspector of a plan submits one point's checked
 * items from the phone, scored by {@link PointScore}; the same client id again is the same inspection,
 * whoever else asks. Photos of a finding are kept as taken and as a watermarked display copy. An
 * announced round's findings go to the units as problems at once (a city setting), an unannounced
 * round's when the office closes it ({@link InspectionRoundClosed}); either way by the event
 * {@link InspectionFindingReleased} (one per finding). Every change is traced in the caller's transaction.
 */
@Service
public class Inspections {

	/** Watermarks and the record pages count in Beijing time. */
	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	public static final int MAX_CLIENT_ID = 64;

	public static final int MAX_NOTE = 500;

	public static final int MAX_FILES = 10;

	/** A phone's clock may run this much ahead of the server's. */
	public static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(10);

	/** An offline draft may wait this long for a connection; older is a wrong clock, not a check. */
	public static final Duration MAX_AGE = Duration.ofDays(30);

	/** Letters, digits and {@code . _ : -}: what phones generate (UUIDs), nothing to escape anywhere. */
	static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_CLIENT_ID + "}");

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");


	/** The stored inspection, and whether it was already stored under the submission's client id. */
	public record Submitted(InspectionView inspection, boolean repeated) {
	}

	/**
	 * A photo as {@link Inspections#addPhotos} answers it: stored now, or {@code repeated} when the
	 * finding already had a photo with the same bytes (a retried upload) and nothing was stored.
	 */
	public record AddedPhoto(InspectionDetail.Photo photo, boolean repeated) {
	}

	private final InspectionStore store;

	private final ChecklistStore checklists;

	private final InspectionSettings settings;

	private final FindingRelease release;

	private final Watermark watermark;

	private final InspectionWorkbook workbook;

	private final EvidenceStore files;

	private final AuditTrail audit;

	private final MessageSource messages;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	public Inspections(InspectionStore store, ChecklistStore checklists, InspectionSettings settings,
			FindingRelease release, Watermark watermark, InspectionWorkbook workbook, EvidenceStore files, AuditTrail audit, MessageSource messages,
			ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.checklists = checklists;
		this.settings = settings;
		this.release = release;
		this.watermark = watermark;
		this.workbook = workbook;
		this.files = files;
		this.audit = audit;
		this.messages = messages;
		this.events = events;
		this.clock = clock;
	}

	// --- submitting

	/**
	 * Stores an inspection of a plan point. The caller holds {@code inspection:submit} and is one of
	 * the plan's inspectors: otherwise the plan is not found (404) when unannounced, since it is secret,
	 * and refused (403) when announced; a plan of another city is not found. A closed round, or a
	 * point already inspected in the plan, is a conflict (409). A point not in the plan, an item not on
	 * the point type's checklist in use, a checklist item missing or answered twice, a bad count, note,
	 * time, position or client id is refused with {@link InvalidInputException} naming the field
	 * ({@code results[i].itemId} ...); nothing is stored then. A device position farther from the point
	 * than the city's limit flags the inspection {@code far} for the office; it is not refused.
	 * The same client id of the same inspector again answers the stored inspection, {@code repeated}.
	 */
	@Transactional
	public Submitted submit(CurrentUser user, InspectionSubmission s) {
		if (!user.can(Permissions.INSPECTION_SUBMIT)) {
			throw new AccessDeniedException(Permissions.INSPECTION_SUBMIT);
		}
		String clientId = s.clientId() == null ? null : s.clientId().strip();
		if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
			throw new InvalidInputException(FieldProblem.of("clientId", "inspection.error.clientId", MAX_CLIENT_ID));
		}
		Optional<Long> earlier = store.byClient(user.id(), clientId);
		if (earlier.isPresent()) {
			return new Submitted(store.find(earlier.get()).orElseThrow(), true);
		}
		PlanRow plan = plan(user, s.planId());
		if (store.lockPlan(plan.id()).orElseThrow() == PlanState.CLOSED) {
			throw new ConflictException("inspection.error.planClosed");
		}
		// a retry that waited for the lock finds what the first attempt stored
		earlier = store.byClient(user.id(), clientId);
		if (earlier.isPresent()) {
			return new Submitted(store.find(earlier.get()).orElseThrow(), true);
		}
		PointRow point = store.inPlan(plan.id(), s.fieldPointId())
				? store.point(s.fieldPointId()).filter(p -> p.cityId() == plan.cityId()).orElse(null) : null;
		if (point == null) {
			throw new InvalidInputException(FieldProblem.of("fieldPointId", "inspection.error.notInPlan"));
		}
		if (store.pointInspected(plan.id(), point.id())) {
			throw new ConflictException("inspection.error.pointInspected");
		}
		List<ChecklistItemView> items = checklists.inUse(plan.cityId(), point.pointType());
		if (items.isEmpty()) {
			throw new ConflictException("inspection.error.noChecklist");
		}
		Instant now = clock.instant();
		List<FieldProblem> problems = new ArrayList<>();
		checkTime(s.checkedAt(), now, problems);
		GeoPoint device = position(s.lat(), s.lng(), problems);
		List<NewResult> results = results(s.results(), items, problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		Integer distance = device == null ? null
				: (int) Math.round(device.metresTo(new GeoPoint(point.lat(), point.lng())));
		InspectionRules rules = settings.rules(plan.cityId());
		boolean far = distance != null && distance > rules.maxDistanceMetres();
		BigDecimal deducted = BigDecimal.ZERO;
		BigDecimal possible = BigDecimal.ZERO;
		Map<Long, ChecklistItemView> byId = items.stream()
			.collect(Collectors.toMap(ChecklistItemView::id, i -> i));
		List<PointScore.Check> checks = new ArrayList<>();
		for (NewResult r : results) {
			ChecklistItemView item = byId.get(r.itemId());
			checks.add(new PointScore.Check(item.perOccurrence(), item.maxDeduction(), r.count(),
					r.outcome() != ItemOutcome.NA));
		}
		PointScore.Result scored = PointScore.score(checks);
		List<NewResult> scoredResults = new ArrayList<>();
		for (int i = 0; i < results.size(); i++) {
			NewResult r = results.get(i);
			PointScore.ItemResult ir = scored.items().get(i);
			scoredResults.add(new NewResult(r.itemId(), r.outcome(), r.count(), ir.deduction(), ir.verdict(), r.note()));
			if (ir.deduction() != null) {
				deducted = deducted.add(ir.deduction());
				possible = possible.add(byId.get(r.itemId()).maxDeduction());
			}
		}
		Optional<Long> id = store.insert(new InspectionStore.NewInspection(plan.cityId(), plan.id(), point.id(),
				point.unitId(), plan.kind(), plan.period(), clientId, user.id(), s.checkedAt(), now,
				device == null ? null : device.latitude(), device == null ? null : device.longitude(), distance, far,
				scored.score(), deducted, possible));
		if (id.isEmpty()) {
			// a racing request stored it first: the same client id is this inspection, another is a conflict
			Long raced = store.byClient(user.id(), clientId)
				.orElseThrow(() -> new ConflictException("inspection.error.pointInspected"));
			return new Submitted(store.find(raced).orElseThrow(), true);
		}
		store.insertResults(id.get(), scoredResults);
		long findings = scoredResults.stream().filter(r -> r.outcome() == ItemOutcome.DEDUCT).count();
		audit.record(AuditEntry.of("INSPECTION_SUBMIT")
			.city(plan.cityId())
			.object("inspection", id.get())
			.change("plan", null, plan.name())
			.change("point", null, point.code() + " " + point.name())
			.change("unit", null, point.unitName())
			.change("score", null, scored.score())
			.change("findings", null, findings)
			.change("distanceMetres", null, distance)
			.change("far", null, far ? Boolean.TRUE : null));
		if (plan.kind() == PlanKind.ANNOUNCED && rules.dispatchAnnouncedAtOnce()) {
			release.release(id.get(), user.username(), user.unitId());
		}
		return new Submitted(store.find(id.get()).orElseThrow(), false);
	}

	/**
	 * Adds photos of a finding: the inspection's own inspector or the office, for an item the
	 * inspection answered with a deduction (else 400 on {@code itemId}). Each file goes through the
	 * evidence checks (images only); the original is kept as sent with its hash, and a display copy
	 * with a visible watermark (time in Beijing, the point and the position, the inspector) is stored
	 * beside it. Without the CJK font nothing is stored and {@link FontMissing} says so. When the
	 * inspection's findings were already released the problem made of the finding gets the photos too
	 * ({@link InspectionPhotosAdded}).
	 * <p>
	 * A phone that lost the answer sends the same photos again: a file whose SHA-256 equals a photo the
	 * finding already has (or an earlier file of the same request) is not stored again; the answer gives
	 * the existing photo, marked {@link AddedPhoto#repeated}, and neither the trace nor the event
	 * repeats it. The photos are answered once each, in the order sent.
	 */
	@Transactional
	public List<AddedPhoto> addPhotos(CurrentUser user, long inspectionId, long itemId, List<Upload> uploads) {
		InspectionView v = visible(user, inspectionId);
		if (!mayAddPhotos(user, v)) {
			throw new AccessDeniedException(Permissions.INSPECTION_SUBMIT);
		}
		if (store.outcome(inspectionId, itemId).filter(o -> o == ItemOutcome.DEDUCT).isEmpty()) {
			throw new InvalidInputException(FieldProblem.of("itemId", "inspection.error.photo.notFinding"));
		}
		List<Upload> given = uploads == null ? List.of() : uploads.stream().filter(u -> u != null).toList();
		if (given.isEmpty()) {
			throw new InvalidInputException(FieldProblem.of(EvidenceStore.FIELD, "inspection.error.photo.required"));
		}
		if (given.size() > MAX_FILES) {
			throw new InvalidInputException(
					FieldProblem.of(EvidenceStore.FIELD, "inspection.error.photo.tooMany", MAX_FILES));
		}
		if (!watermark.available()) {
			throw new FontMissing(watermark.fontPath());
		}
		// A retry may arrive while the first upload is still being stored: one at a time per inspection,
		// so the second sees the first's photos; and the release reads findingsDispatchedAt after it.
		store.lockInspection(inspectionId);
		v = store.find(inspectionId).orElseThrow();
		Map<String, InspectionStore.PhotoRow> had = new HashMap<>();
		store.photos(inspectionId).stream().filter(p -> p.itemId() == itemId).forEach(p -> had.putIfAbsent(p.sha256(), p));
		List<String> lines = watermarkLines(v);
		List<FieldProblem> refused = new ArrayList<>();
		// by content, in the order sent: a new file, or the file of the photo it repeats
		Map<String, StoredFile> sent = new LinkedHashMap<>();
		List<StoredFile> originals = new ArrayList<>();
		for (Upload upload : given) {
			try (InputStream in = upload.content()) {
				StoredFile f = files.store(v.cityId(), user.username(), upload.name(), in,
						sha -> had.containsKey(sha) ? Optional.of(had.get(sha).originalFileId())
								: Optional.ofNullable(sent.get(sha)).map(StoredFile::id));
				if (sent.putIfAbsent(f.sha256(), f) != null || had.containsKey(f.sha256())) {
					continue;
				}
				if (!f.kind().isImage()) {
					refused.add(FieldProblem.of(EvidenceStore.FIELD, "inspection.error.photo.notImage", f.name()));
				}
				originals.add(f);
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
		List<Long> displayIds = new ArrayList<>();
		for (StoredFile original : originals) {
			StoredFile display = displayCopy(v, user, original, lines);
			store.insertPhoto(inspectionId, itemId, original.id(), display.id(), now, user.username());
			displayIds.add(display.id());
		}
		if (!originals.isEmpty()) {
			audit.record(AuditEntry.of("INSPECTION_PHOTO_ADD")
				.city(v.cityId())
				.object("inspection", inspectionId)
				.change("item", null, itemId)
				.change("photos", null, originals.stream().map(StoredFile::name).toList()));
			if (v.findingsDispatchedAt() != null) {
				events.publishEvent(new InspectionPhotosAdded(v.cityId(), inspectionId, itemId, user.username(),
						displayIds));
			}
		}
		Map<Long, InspectionStore.PhotoRow> byOriginal = new HashMap<>();
		store.photos(inspectionId)
			.stream()
			.filter(p -> p.itemId() == itemId)
			.forEach(p -> byOriginal.putIfAbsent(p.originalFileId(), p));
		return sent.values()
			.stream()
			.map(f -> new AddedPhoto(InspectionStore.photoView(byOriginal.get(f.id())), had.containsKey(f.sha256())))
			.toList();
	}

	// --- reading

	/** An inspection the caller may see: the office its city's, an inspector their own; else 404. */
	@Transactional(readOnly = true)
	public InspectionView get(CurrentUser user, long id) {
		return visible(user, id);
	}

	/** An inspection with its results, photos and the point's place, for the record page. */
	@Transactional(readOnly = true)
	public InspectionDetail detail(CurrentUser user, long id) {
		InspectionView v = visible(user, id);
		PointRow point = store.point(v.fieldPointId()).orElseThrow();
		Map<Long, List<InspectionDetail.Photo>> photos = new HashMap<>();
		for (InspectionStore.PhotoRow p : store.photos(id)) {
			photos.computeIfAbsent(p.itemId(), k -> new ArrayList<>()).add(InspectionStore.photoView(p));
		}
		List<InspectionDetail.Result> results = store.results(id)
			.stream()
			.map(r -> new InspectionDetail.Result(r.itemId(), r.category(), r.item(), r.outcome(), r.count(),
					r.deduction(), r.verdict(), r.note(), photos.getOrDefault(r.itemId(), List.of())))
			.toList();
		return new InspectionDetail(v,
				new InspectionDetail.PointPlace(point.address(), point.pointType(), point.lat(), point.lng()),
				settings.rules(v.cityId()).maxDistanceMetres(), results, mayAddPhotos(user, v), isOffice(user));
	}

	/** One page of the inspections the caller may see, newest first; {@code cityId} null: every city in scope. */
	@Transactional(readOnly = true)
	public Page<InspectionView> page(CurrentUser user, Long cityId, InspectionFilter filter, PageRequest page) {
		return store.page(reader(user), cityId, filter == null ? InspectionFilter.NONE : filter, page);
	}

	/** The filtered list (as {@link #page}) as an Excel workbook, newest first, at most {@link InspectionWorkbook#MAX_EXPORT} rows. */
	@Transactional(readOnly = true)
	public void export(CurrentUser user, Long cityId, InspectionFilter filter, OutputStream out) throws IOException {
		workbook.write(reader(user), cityId, filter == null ? InspectionFilter.NONE : filter, out);
	}

	/** The plans of the inspections the caller sees (id → name, newest first): the list's filter. */
	@Transactional(readOnly = true)
	public Map<Long, String> plans(CurrentUser user, Long cityId) {
		Map<Long, String> plans = new LinkedHashMap<>();
		store.plans(reader(user), cityId).forEach(e -> plans.put(e.getKey(), e.getValue()));
		return plans;
	}

	/** A finding photo's watermarked display copy, for whoever sees the inspection. */
	@Transactional(readOnly = true)
	public StoredFile displayPhoto(CurrentUser user, long inspectionId, long photoId) {
		visible(user, inspectionId);
		InspectionStore.PhotoRow p = store.photo(inspectionId, photoId)
			.orElseThrow(() -> new NotFoundException("photo", photoId));
		return files.find(p.displayFileId()).orElseThrow(() -> new NotFoundException("photo", photoId));
	}

	/** A finding photo's original as taken (the evidence, with its hash): the office only. */
	@Transactional(readOnly = true)
	public StoredFile originalPhoto(CurrentUser user, long inspectionId, long photoId) {
		visible(user, inspectionId);
		if (!isOffice(user)) {
			throw new AccessDeniedException(Permissions.INSPECTION_RESULTS);
		}
		InspectionStore.PhotoRow p = store.photo(inspectionId, photoId)
			.orElseThrow(() -> new NotFoundException("photo", photoId));
		return files.find(p.originalFileId()).orElseThrow(() -> new NotFoundException("photo", photoId));
	}

	/** Whether the caller reads inspection records at all (the office, or an inspector their own). */
	public boolean readsRecords(CurrentUser user) {
		return user.can(Permissions.INSPECTION_RESULTS) || user.can(Permissions.INSPECTION_SUBMIT);
	}

	// --- rules

	/** The office reads the whole city's records and downloads originals. */
	private static boolean isOffice(CurrentUser user) {
		return user.can(Permissions.INSPECTION_RESULTS);
	}

	private static boolean mayAddPhotos(CurrentUser user, InspectionView v) {
		return user.can(Permissions.INSPECTION_PLAN)
				|| (user.can(Permissions.INSPECTION_SUBMIT) && user.username().equals(v.inspector()));
	}

	private static Reader reader(CurrentUser user) {
		if (!user.can(Permissions.INSPECTION_RESULTS) && !user.can(Permissions.INSPECTION_SUBMIT)) {
			throw new AccessDeniedException(Permissions.INSPECTION_RESULTS);
		}
		return new Reader(user.scope(), user.can(Permissions.INSPECTION_RESULTS),
				user.can(Permissions.INSPECTION_PLAN), user.id());
	}

	private InspectionView visible(CurrentUser user, long id) {
		return store.find(reader(user), id).orElseThrow(() -> new NotFoundException("inspection", id));
	}

	/**
	 * The plan, for one of its inspectors. An unannounced plan is secret: to anyone else it does not
	 * exist (404); an announced one is known, so the refusal says so (403).
	 */
	private PlanRow plan(CurrentUser user, long planId) {
		PlanRow plan = store.plan(planId)
			.filter(p -> user.cityId() != null && p.cityId() == user.cityId())
			.orElseThrow(() -> new NotFoundException("inspectionPlan", planId));
		if (!store.isInspector(plan.id(), user.id())) {
			if (plan.kind() == PlanKind.UNANNOUNCED) {
				throw new NotFoundException("inspectionPlan", planId);
			}
			throw new AccessDeniedException(Permissions.INSPECTION_SUBMIT);
		}
		return plan;
	}

	// --- checks

	private static void checkTime(Instant checkedAt, Instant now, List<FieldProblem> problems) {
		if (checkedAt == null) {
			problems.add(FieldProblem.of("checkedAt", "inspection.error.checkedAt.required"));
		}
		else if (checkedAt.isAfter(now.plus(CLOCK_TOLERANCE))) {
			problems.add(FieldProblem.of("checkedAt", "inspection.error.checkedAt.future"));
		}
		else if (checkedAt.isBefore(now.minus(MAX_AGE))) {
			problems.add(FieldProblem.of("checkedAt", "inspection.error.checkedAt.old", MAX_AGE.toDays()));
		}
	}

	private static GeoPoint position(BigDecimal lat, BigDecimal lng, List<FieldProblem> problems) {
		if (lat == null && lng == null) {
			return null;
		}
		if (lat == null || lng == null) {
			problems.add(FieldProblem.of(lat == null ? GeoPoint.LAT : GeoPoint.LNG, "inspection.error.position.both"));
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

	/**
	 * The answers as results in the given order, each checked against the checklist in use: known
	 * item, answered once, an outcome, a count fitting it, a bounded note. Every checklist item must be
	 * answered.
	 */
	private static List<NewResult> results(List<ItemAnswer> answers, List<ChecklistItemView> items,
			List<FieldProblem> problems) {
		Map<Long, ChecklistItemView> byId = items.stream()
			.collect(Collectors.toMap(ChecklistItemView::id, i -> i, (a, b) -> a, LinkedHashMap::new));
		Map<Long, Integer> seen = new HashMap<>();
		List<Long> duplicates = new ArrayList<>();
		List<NewResult> results = new ArrayList<>();
		for (int i = 0; i < answers.size(); i++) {
			ItemAnswer a = answers.get(i);
			String at = "results[" + i + "]";
			if (a == null) {
				problems.add(FieldProblem.of(at, "inspection.error.result.required"));
				continue;
			}
			int before = problems.size();
			if (!byId.containsKey(a.itemId())) {
				problems.add(FieldProblem.of(at + ".itemId", "inspection.error.item.unknown", a.itemId()));
			}
			else if (seen.putIfAbsent(a.itemId(), i) != null) {
				duplicates.add(a.itemId());
				problems.add(FieldProblem.of(at + ".itemId", "inspection.error.item.duplicate", a.itemId()));
			}
			if (a.outcome() == null) {
				problems.add(FieldProblem.of(at + ".outcome", "inspection.error.outcome"));
			}
			Integer count = a.count();
			if (count != null && (count < 0 || count > PointScore.MAX_COUNT)) {
				problems.add(FieldProblem.of(at + ".count", "pointScore.error.count", PointScore.MAX_COUNT));
			}
			else if (a.outcome() == ItemOutcome.DEDUCT && (count == null || count < 1)) {
				problems.add(FieldProblem.of(at + ".count", "inspection.error.count.deduct"));
			}
			String note = a.note() == null || a.note().isBlank() ? null : a.note().strip();
			if (note != null && note.length() > MAX_NOTE) {
				problems.add(FieldProblem.of(at + ".note", "inspection.error.note.tooLong", MAX_NOTE));
			}
			if (problems.size() == before) {
				int n = a.outcome() == ItemOutcome.DEDUCT ? count : 0;
				results.add(new NewResult(a.itemId(), a.outcome(), n, null, null, note));
			}
		}
		List<String> missing = byId.keySet()
			.stream()
			.filter(id -> !seen.containsKey(id))
			.map(String::valueOf)
			.toList();
		if (!missing.isEmpty()) {
			problems.add(FieldProblem.of("results", "inspection.error.items.missing", String.join(", ", missing)));
		}
		if (!duplicates.isEmpty()) {
			problems.add(FieldProblem.of("results", "inspection.error.items.duplicate",
					duplicates.stream().distinct().map(String::valueOf).collect(Collectors.joining(", "))));
		}
		return results;
	}

	// --- photos

	/** Time, place and inspector, in Chinese: the copy is evidence shown to the unit as well. */
	private List<String> watermarkLines(InspectionView v) {
		PointRow point = store.point(v.fieldPointId()).orElseThrow();
		BigDecimal lat = v.lat() != null ? v.lat() : point.lat();
		BigDecimal lng = v.lng() != null ? v.lng() : point.lng();
		Locale zh = Locale.SIMPLIFIED_CHINESE;
		return List.of(
				messages.getMessage("inspection.watermark.time",
						new Object[] { STAMP.format(v.checkedAt().atZone(ZONE)) }, zh),
				messages.getMessage("inspection.watermark.place",
						new Object[] { point.name(), lat.toPlainString(), lng.toPlainString() }, zh),
				messages.getMessage("inspection.watermark.inspector", new Object[] { v.inspectorName() }, zh));
	}

	private StoredFile displayCopy(InspectionView v, CurrentUser user, StoredFile original, List<String> lines) {
		byte[] copy;
		try (InputStream in = files.open(original)) {
			copy = watermark.apply(in, lines);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (copy == null) {
			throw new InvalidInputException(
					FieldProblem.of(EvidenceStore.FIELD, "inspection.error.photo.notImage", original.name()));
		}
		String name = original.name();
		int dot = name.lastIndexOf('.');
		String base = dot > 0 ? name.substring(0, dot) : name;
		return files.store(v.cityId(), user.username(), base + "-watermark.jpg", new ByteArrayInputStream(copy));
	}

}
