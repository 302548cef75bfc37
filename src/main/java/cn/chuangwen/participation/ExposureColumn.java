package cn.chuangwen.participation;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.files.BlurRegion;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.files.StoredFile;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.participation.internal.ExposureStore;
import cn.chuangwen.problems.ProblemDetail;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

/**
 * The exposure column (曝光台, issue 11 §3): the city office publishes chosen problems with public
 * words and before/after photos. Only public copies of the photos are ever shown: re-encoded without
 * EXIF (no GPS, no camera, no time) and with the regions the office drew (faces, number plates)
 * pixelated; publishing again makes new copies. The public reads the unit's name and the problem's
 * rectification state from the problem when the page renders. Publishing, editing and unpublishing
 * (with a reason) are traced in the transaction that makes them.
 */
@Service
public class ExposureColumn {

	public static final String BEFORE = "BEFORE";

	public static final String AFTER = "AFTER";

	public static final int MAX_TITLE = 100;

	public static final int MAX_BODY = 2000;

	public static final int MAX_REASON = 1000;

	/** Photos of each kind an item shows: a pair or a few, not the whole file. */
	public static final int MAX_PHOTOS = 3;

	private final ExposureStore store;

	private final Problems problems;

	private final Cities cities;

	private final EvidenceStore files;

	private final AuditTrail audit;

	private final Clock clock;

	public ExposureColumn(ExposureStore store, Problems problems, Cities cities, EvidenceStore files, AuditTrail audit,
			Clock clock) {
		this.store = store;
		this.problems = problems;
		this.cities = cities;
		this.files = files;
		this.audit = audit;
		this.clock = clock;
	}

	// --- the public

	/** The city a public address names; 404 when there is none. */
	@Transactional(readOnly = true)
	public CityView city(String cityCode) {
		return cities.publicCity(cityCode);
	}

	/** One page of the city's published items, newest first. */
	@Transactional(readOnly = true)
	public Page<PublicExposure> published(CityView city, PageRequest page) {
		return Page.read(page, () -> store.page(city.id(), true, page), () -> store.count(city.id(), true))
			.mapAll(rows -> publicViews(city, rows));
	}

	/** A published item; 404 when unknown, of another city or unpublished. */
	@Transactional(readOnly = true)
	public PublicExposure publishedItem(CityView city, long id) {
		ExposureStore.ItemRow row = store.find(city.id(), id)
			.filter(ExposureStore.ItemRow::published)
			.orElseThrow(() -> new NotFoundException("exposureItem", id));
		return publicViews(city, List.of(row)).get(0);
	}

	/** The public copy of one of a published item's photos; never the original. */
	@Transactional(readOnly = true)
	public StoredFile publicPhoto(CityView city, long id, long photoId) {
		publishedItem(city, id);
		return store.photos(id)
			.stream()
			.filter(p -> p.id() == photoId)
			.findFirst()
			.flatMap(p -> files.find(p.publicFileId()))
			.orElseThrow(() -> new NotFoundException("exposurePhoto", photoId));
	}

	private List<PublicExposure> publicViews(CityView city, List<ExposureStore.ItemRow> rows) {
		Map<Long, Problems.PublicStatus> status = problems.publicStatus(city.id(),
				rows.stream().map(ExposureStore.ItemRow::problemId).toList());
		Map<Long, List<ExposureStore.PhotoRow>> photos = store.photos(rows.stream().map(ExposureStore.ItemRow::id).toList())
			.stream()
			.collect(Collectors.groupingBy(ExposureStore.PhotoRow::itemId));
		List<PublicExposure> out = new ArrayList<>();
		for (ExposureStore.ItemRow r : rows) {
			Problems.PublicStatus s = status.get(r.problemId());
			List<ExposureStore.PhotoRow> own = photos.getOrDefault(r.id(), List.of());
			out.add(new PublicExposure(r.id(), city.code(), r.title(), r.body(), s == null ? null : s.unitName(),
					s == null ? null : s.state(), s == null ? null : s.closedAt(), r.publishedAt(), r.updatedAt(),
					ids(own, BEFORE), ids(own, AFTER)));
		}
		return out;
	}

	private static List<Long> ids(List<ExposureStore.PhotoRow> photos, String stage) {
		return photos.stream().filter(p -> stage.equals(p.stage())).map(ExposureStore.PhotoRow::id).toList();
	}

	// --- the office

	/** The office's list: every item of its city, published or not, newest first. */
	@Transactional(readOnly = true)
	public Page<ExposureItem> items(CurrentUser user, PageRequest page) {
		long cityId = cityOf(user);
		return Page.read(page, () -> store.page(cityId, false, page), () -> store.count(cityId, false))
			.mapAll(this::views);
	}

	/** An item of the caller's city; 404 for another city's. */
	@Transactional(readOnly = true)
	public ExposureItem item(CurrentUser user, long id) {
		return views(List.of(row(user, id))).get(0);
	}

	/** The item of a problem of the caller's city, if it was ever published. */
	@Transactional(readOnly = true)
	public Optional<ExposureItem> itemOfProblem(CurrentUser user, long problemId) {
		return store.findByProblem(cityOf(user), problemId).map(r -> views(List.of(r)).get(0));
	}

	/** The problem to publish, with its photos to choose from; 404 unless the caller's city's. */
	@Transactional(readOnly = true)
	public ProblemDetail problem(CurrentUser user, long problemId) {
		long cityId = cityOf(user);
		ProblemDetail d = problems.get(user, problemId);
		if (d.problem().cityId() != cityId) {
			throw new NotFoundException("problem", problemId);
		}
		return d;
	}

	/**
	 * Publishes a problem, or publishes its item again with new words, photos or regions. Every wrong
	 * field is named at once and nothing changes: a title or text missing or too long; no "before"
	 * photo, more than {@value #MAX_PHOTOS} of a kind, a photo that is not the problem's photo of that
	 * kind; regions that are not fractions of the photo (0..1) or more than {@link BlurRegion#MAX}.
	 * Returns the item's id.
	 */
	@Transactional
	public long publish(CurrentUser user, long problemId, ExposureDraft draft) {
		ProblemDetail d = problem(user, problemId);
		List<FieldProblem> wrong = new ArrayList<>();
		String title = text("title", draft.title(), MAX_TITLE, wrong);
		String body = text("body", draft.body(), MAX_BODY, wrong);
		Map<Long, ProblemDetail.Photo> before = byId(d.beforePhotos());
		Map<Long, ProblemDetail.Photo> after = byId(d.rectifications()
			.stream()
			.flatMap(r -> r.photos().stream())
			.toList());
		if (draft.beforePhotos().isEmpty()) {
			wrong.add(FieldProblem.of("beforePhotos", "exposure.error.before.required"));
		}
		checkChosen("beforePhotos", draft.beforePhotos(), before, wrong);
		checkChosen("afterPhotos", draft.afterPhotos(), after, wrong);
		Map<Long, List<BlurRegion>> regions = new LinkedHashMap<>();
		for (Long photoId : chosen(draft)) {
			try {
				regions.put(photoId, parseRegions(regionField(photoId), draft.regions().get(photoId)));
			}
			catch (InvalidInputException ex) {
				wrong.addAll(ex.problems());
			}
		}
		if (!wrong.isEmpty()) {
			throw new InvalidInputException(wrong);
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		long cityId = d.problem().cityId();
		Optional<ExposureStore.ItemRow> earlier = store.findByProblem(cityId, problemId);
		long id;
		String action;
		if (earlier.isEmpty()) {
			id = store.insert(cityId, problemId, title, body, user.username(), now);
			action = "EXPOSURE_PUBLISH";
		}
		else {
			ExposureStore.ItemRow e = earlier.get();
			id = e.id();
			if (!store.update(id, e.version(), title, body, !e.published(), user.username(), now)) {
				throw new ConflictException("exposure.error.changed");
			}
			action = e.published() ? "EXPOSURE_EDIT" : "EXPOSURE_PUBLISH";
		}
		List<ExposureStore.NewPhoto> photos = new ArrayList<>();
		int position = 0;
		for (Long photoId : chosen(draft)) {
			String stage = draft.beforePhotos().contains(photoId) ? BEFORE : AFTER;
			ProblemDetail.Photo p = BEFORE.equals(stage) ? before.get(photoId) : after.get(photoId);
			StoredFile original = files.find(p.fileId()).orElseThrow(() -> new NotFoundException("photo", photoId));
			StoredFile copy = files.storePublicCopy(original, regions.get(photoId), user.username());
			photos.add(new ExposureStore.NewPhoto(stage, photoId, original.id(), copy.id(),
					format(regions.get(photoId)), ++position));
		}
		store.replacePhotos(id, cityId, photos);
		int hidden = regions.values().stream().mapToInt(List::size).sum();
		AuditEntry entry = AuditEntry.of(action)
			.city(cityId)
			.object("exposureItem", id)
			.change("problem", null, d.problem().code())
			.change("before", null, draft.beforePhotos().size())
			.change("after", null, draft.afterPhotos().size())
			.change("regions", null, hidden);
		if (earlier.isEmpty() || !earlier.get().published()) {
			entry.change("published", earlier.isEmpty() ? null : Boolean.FALSE, Boolean.TRUE)
				.change("title", earlier.map(ExposureStore.ItemRow::title).orElse(null), title);
		}
		else if (!earlier.get().title().equals(title)) {
			entry.change("title", earlier.get().title(), title);
		}
		if (earlier.isPresent() && !earlier.get().body().equals(body)) {
			entry.change("body", earlier.get().body(), body);
		}
		audit.record(entry);
		return id;
	}

	/** Takes a published item off the column, with the reason (required); traced. */
	@Transactional
	public void unpublish(CurrentUser user, long id, String reason) {
		ExposureStore.ItemRow row = row(user, id);
		String why = reason == null ? null : reason.strip();
		if (why == null || why.isEmpty()) {
			throw new InvalidInputException(FieldProblem.of("reason", "exposure.error.reason.required"));
		}
		if (why.length() > MAX_REASON) {
			throw new InvalidInputException(FieldProblem.of("reason", "exposure.error.tooLong", MAX_REASON));
		}
		if (!row.published()) {
			throw new ConflictException("exposure.error.notPublished");
		}
		if (!store.unpublish(id, row.version(), user.username(), why, clock.instant().truncatedTo(ChronoUnit.MILLIS))) {
			throw new ConflictException("exposure.error.changed");
		}
		audit.record(AuditEntry.of("EXPOSURE_UNPUBLISH")
			.city(row.cityId())
			.object("exposureItem", id)
			.reason(why)
			.change("problem", null, row.problemCode())
			.change("published", Boolean.TRUE, Boolean.FALSE));
	}

	/** The form field of a photo's regions. */
	public static String regionField(long photoId) {
		return "regions-" + photoId;
	}

	/**
	 * The regions a user wrote or drew for a photo: "x,y,w,h" fractions, separated by ";" or new
	 * lines; blank means none. Refused (on {@code field}) when a region is not four numbers, falls
	 * outside the photo, or there are more than {@link BlurRegion#MAX}.
	 */
	public static List<BlurRegion> parseRegions(String field, String text) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		List<double[]> regions = new ArrayList<>();
		for (String part : text.split("[;\\n\\r]+")) {
			if (part.isBlank()) {
				continue;
			}
			String[] numbers = part.trim().split("\\s*[,\\s]\\s*");
			double[] r = new double[numbers.length];
			try {
				for (int i = 0; i < numbers.length; i++) {
					r[i] = Double.parseDouble(numbers[i]);
				}
			}
			catch (NumberFormatException ex) {
				r = null;
			}
			regions.add(r);
		}
		return BlurRegion.checked(field, regions);
	}

	/** Regions as the form and the table keep them: "x,y,w,h" with four decimals, ";" between. */
	public static String format(List<BlurRegion> regions) {
		if (regions == null || regions.isEmpty()) {
			return null;
		}
		return regions.stream()
			.map(r -> String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f", r.x(), r.y(), r.width(), r.height()))
			.collect(Collectors.joining(";"));
	}

	private ExposureStore.ItemRow row(CurrentUser user, long id) {
		return store.find(cityOf(user), id).orElseThrow(() -> new NotFoundException("exposureItem", id));
	}

	private List<ExposureItem> views(List<ExposureStore.ItemRow> rows) {
		Map<Long, List<ExposureStore.PhotoRow>> photos = store.photos(rows.stream().map(ExposureStore.ItemRow::id).toList())
			.stream()
			.collect(Collectors.groupingBy(ExposureStore.PhotoRow::itemId));
		return rows.stream()
			.map(r -> new ExposureItem(r.id(), r.problemId(), r.problemCode(), r.title(), r.body(), r.published(),
					r.publishedAt(), r.updatedAt(), r.unpublishedAt(), r.unpublishReason(), r.version(),
					photos.getOrDefault(r.id(), List.of())
						.stream()
						.map(p -> new ExposureItem.Photo(p.id(), p.stage(), p.problemPhotoId(), p.publicFileId(),
								p.regions()))
						.toList()))
			.toList();
	}

	/** The caller's city, when it may publish; the province and other roles may not. */
	private static long cityOf(CurrentUser user) {
		if (!user.can(Permissions.EXPOSURE_PUBLISH) || user.cityId() == null) {
			throw new AccessDeniedException(Permissions.EXPOSURE_PUBLISH);
		}
		return user.cityId();
	}

	private static List<Long> chosen(ExposureDraft draft) {
		List<Long> all = new ArrayList<>(draft.beforePhotos());
		draft.afterPhotos().stream().filter(id -> !all.contains(id)).forEach(all::add);
		return all;
	}

	private static void checkChosen(String field, List<Long> chosen, Map<Long, ProblemDetail.Photo> allowed,
			List<FieldProblem> wrong) {
		if (chosen.size() > MAX_PHOTOS) {
			wrong.add(FieldProblem.of(field, "exposure.error.photos.tooMany", MAX_PHOTOS));
		}
		else if (!allowed.keySet().containsAll(chosen)) {
			wrong.add(FieldProblem.of(field, "exposure.error." + (BEFORE.equals(stageOf(field)) ? "before" : "after")
					+ ".notOfProblem"));
		}
	}

	private static String stageOf(String field) {
		return "beforePhotos".equals(field) ? BEFORE : AFTER;
	}

	private static Map<Long, ProblemDetail.Photo> byId(List<ProblemDetail.Photo> photos) {
		return photos.stream()
			.collect(Collectors.toMap(ProblemDetail.Photo::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
	}

	private static String text(String field, String value, int max, List<FieldProblem> wrong) {
		String t = value == null ? null : value.strip();
		if (t == null || t.isEmpty()) {
			wrong.add(FieldProblem.of(field, "exposure.error." + field + ".required"));
			return null;
		}
		if (t.length() > max) {
			wrong.add(FieldProblem.of(field, "exposure.error.tooLong", max));
		}
		return t;
	}

}
