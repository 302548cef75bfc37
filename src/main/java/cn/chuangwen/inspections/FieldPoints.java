package cn.chuangwen.inspections;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.inspections.internal.FieldPointStore;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.Decimals;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.GeoPoint;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

/**
 * The field point register (点位, issue 9 §1): the office keeps its city's points, inspectors read
 * them, a unit reads the points it is responsible for. Every change is in the trace, in the caller's
 * transaction.
 */
@Service
public class FieldPoints {

	/** The most points a map draws; a filter narrows a bigger register. */
	public static final int MAX_ON_MAP = 5_000;

	static final int MAX_NAME = 200;

	static final int MAX_ADDRESS = 300;

	private final FieldPointStore store;

	private final Units units;

	private final AuditTrail audit;

	private final Clock clock;

	public FieldPoints(FieldPointStore store, Units units, AuditTrail audit, Clock clock) {
		this.store = store;
		this.units = units;
		this.audit = audit;
		this.clock = clock;
	}

	// --- reading

	/** One page of the points the caller may see; {@code cityId} null means every city in scope. */
	@Transactional(readOnly = true)
	public Page<FieldPointView> page(CurrentUser user, Long cityId, FieldPointFilter filter, PageRequest page) {
		if (!user.can(Permissions.FIELDPOINT_READ)) {
			throw new AccessDeniedException(Permissions.FIELDPOINT_READ);
		}
		return store.page(user.scope(), cityId, filter, page);
	}

	/** At most {@code max} of the list's points, by code: for its map and its export. */
	@Transactional(readOnly = true)
	public List<FieldPointView> list(CurrentUser user, Long cityId, FieldPointFilter filter, int max) {
		if (!user.can(Permissions.FIELDPOINT_READ)) {
			throw new AccessDeniedException(Permissions.FIELDPOINT_READ);
		}
		List<FieldPointView> points = new ArrayList<>();
		store.each(user.scope(), cityId, filter, Math.max(1, max), points::add);
		return points;
	}

	/** A point the caller may see; another city's or another unit's is not found (404). */
	@Transactional(readOnly = true)
	public FieldPointView get(CurrentUser user, long id) {
		if (!user.can(Permissions.FIELDPOINT_READ)) {
			throw new AccessDeniedException(Permissions.FIELDPOINT_READ);
		}
		return store.find(user.scope(), id).orElseThrow(() -> new NotFoundException("fieldPoint", id));
	}

	/** The bounding box a point of the caller's city must lie in, if it has one (none for province staff). */
	@Transactional(readOnly = true)
	public Optional<GeoPoint.Box> area(CurrentUser user) {
		if (!user.can(Permissions.FIELDPOINT_READ)) {
			throw new AccessDeniedException(Permissions.FIELDPOINT_READ);
		}
		return user.cityId() == null ? Optional.empty() : store.area(user.cityId());
	}

	/** The bounding box of a city's places (its field points' area), if the office set one: for other modules. */
	@Transactional(readOnly = true)
	public Optional<GeoPoint.Box> areaOf(long cityId) {
		return store.area(cityId);
	}

	/** A field point and how far it is from a place, in metres. */
	public record NearbyPoint(FieldPointView point, double metres) {
	}

	/**
	 * The city's active field point nearest to {@code place} within {@code metres}, if any: for other
	 * modules routing by place (a citizen report to the point's unit). A bounding box in SQL, the
	 * great-circle distance in Java; of two equally near points the lower id, so the answer is stable.
	 */
	@Transactional(readOnly = true)
	public Optional<NearbyPoint> nearest(long cityId, GeoPoint place, double metres) {
		if (place == null || metres <= 0) {
			return Optional.empty();
		}
		return store.activeIn(cityId, place.box(metres))
			.stream()
			.map(p -> new NearbyPoint(p, place.metresTo(p.place())))
			.filter(n -> n.metres() <= metres)
			.min(java.util.Comparator.comparingDouble(NearbyPoint::metres).thenComparingLong(n -> n.point().id()));
	}

	// --- changing

	/** The widest area a city may have, in degrees each way: a prefecture-level city spans less than two. */
	static final BigDecimal MAX_AREA_DEGREES = BigDecimal.valueOf(5);

	/**
	 * Sets the caller's city's area (the box every point must lie in): each edge a WGS-84 degree,
	 * south below north and west below east, at most {@link #MAX_AREA_DEGREES} each way, and
	 * every active point of the city still inside (400 naming how many are not).
	 */
	@Transactional
	public GeoPoint.Box changeArea(CurrentUser user, BigDecimal minLat, BigDecimal maxLat, BigDecimal minLng,
			BigDecimal maxLng) {
		long cityId = writer(user);
		List<FieldProblem> problems = new ArrayList<>();
		degree(problems, "minLat", minLat, 90);
		degree(problems, "maxLat", maxLat, 90);
		degree(problems, "minLng", minLng, 180);
		degree(problems, "maxLng", maxLng, 180);
		if (problems.isEmpty()) {
			span(problems, "maxLat", minLat, maxLat);
			span(problems, "maxLng", minLng, maxLng);
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		GeoPoint.Box box = new GeoPoint.Box(six(minLat), six(maxLat), six(minLng), six(maxLng));
		long outside = store.activeOutside(cityId, box);
		if (outside > 0) {
			throw new InvalidInputException(FieldProblem.of("minLat", "fieldPoint.area.error.pointsOutside", outside));
		}
		Optional<GeoPoint.Box> before = store.area(cityId);
		store.setArea(cityId, box);
		audit.record(AuditEntry.of("FIELD_POINT_AREA_CHANGE")
			.city(cityId)
			.object("fieldPointArea", cityId)
			.change("area", before.map(FieldPoints::text).orElse(null), text(box)));
		return box;
	}

	private static void degree(List<FieldProblem> problems, String field, BigDecimal value, int limit) {
		if (value == null) {
			problems.add(FieldProblem.of(field, "fieldPoint.area.error.required"));
		}
		// the digit count first: cheap even for 1E-999999999, which arithmetic would choke on
		else if (!Decimals.fits(value, GeoPoint.INTEGER_DIGITS, GeoPoint.SCALE)) {
			problems.add(FieldProblem.of(field, "decimal.error.range", GeoPoint.INTEGER_DIGITS, GeoPoint.SCALE));
		}
		else if (value.abs().compareTo(BigDecimal.valueOf(limit)) > 0) {
			problems.add(FieldProblem.of(field, "fieldPoint.area.error.degree", -limit, limit));
		}
	}

	private static void span(List<FieldProblem> problems, String field, BigDecimal min, BigDecimal max) {
		if (min.compareTo(max) >= 0) {
			problems.add(FieldProblem.of(field, "fieldPoint.area.error.order"));
		}
		else if (max.subtract(min).compareTo(MAX_AREA_DEGREES) > 0) {
			problems.add(FieldProblem.of(field, "fieldPoint.area.error.wide", MAX_AREA_DEGREES));
		}
	}

	private static BigDecimal six(BigDecimal degrees) {
		return degrees.setScale(6, java.math.RoundingMode.HALF_UP);
	}

	/** 纬度 30.05–30.58，经度 113.05–113.95: the area as the trace shows it. */
	private static String text(GeoPoint.Box b) {
		return "纬度 " + plain(b.minLat()) + "–" + plain(b.maxLat()) + "，经度 " + plain(b.minLng()) + "–" + plain(b.maxLng());
	}

	/** Enters a point of the caller's city. */
	@Transactional
	public FieldPointView create(CurrentUser user, FieldPointDraft draft) {
		long cityId = writer(user);
		FieldPointStore.NewPoint point = checked(user, cityId, draft, null);
		long id = insert(point);
		FieldPointView created = store.find(user.scope(), id).orElseThrow();
		audit.record(created(created));
		return created;
	}

	/** The trace of a new point, in words: names of the type and the units, not ids. */
	static AuditEntry created(FieldPointView p) {
		return AuditEntry.of("FIELD_POINT_CREATE")
			.city(p.cityId())
			.object("fieldPoint", p.id())
			.change("code", null, p.code())
			.change("name", null, p.name())
			.change("pointType", null, p.pointType().chineseName())
			.change("address", null, p.address())
			.change("place", null, p.place())
			.change("unit", null, p.unitName())
			.change("town", null, p.townName())
			.change("active", null, p.active());
	}

	/**
	 * Changes a point of the caller's city; {@code version} is the one the caller read, so a change
	 * made meanwhile by someone else is not overwritten (409).
	 */
	@Transactional
	public FieldPointView update(CurrentUser user, long id, Integer version, FieldPointDraft draft) {
		long cityId = writer(user);
		FieldPointView before = store.find(user.scope(), id)
			.filter(p -> p.cityId() == cityId)
			.orElseThrow(() -> new NotFoundException("fieldPoint", id));
		if (version == null) {
			throw new InvalidInputException(FieldProblem.of("version", "fieldPoint.error.version"));
		}
		FieldPointStore.NewPoint point = checked(user, cityId, draft, id);
		boolean updated;
		try {
			updated = store.update(id, version, point);
		}
		catch (DuplicateKeyException ex) {
			throw new InvalidInputException(FieldProblem.of("code", "fieldPoint.error.code.taken", point.code()));
		}
		if (!updated) {
			throw new ConflictException("fieldPoint.error.conflict");
		}
		FieldPointView after = store.find(user.scope(), id).orElseThrow();
		// in words, as people read the trace; unchanged fields are left out by the entry itself
		audit.record(AuditEntry.of("FIELD_POINT_UPDATE")
			.city(cityId)
			.object("fieldPoint", id)
			.change("code", before.code(), after.code())
			.change("name", before.name(), after.name())
			.change("pointType", before.pointType().chineseName(), after.pointType().chineseName())
			.change("address", before.address(), after.address())
			.change("place", before.place(), after.place())
			.change("unit", before.unitName(), after.unitName())
			.change("town", before.townName(), after.townName())
			.change("active", before.active(), after.active()));
		return after;
	}

	/**
	 * Enters checked points in one go, for the import: every point is traced. The caller
	 * ({@link FieldPointWorkbooks}) has checked them all first, so nothing is stored if any is bad.
	 */
	@Transactional
	List<FieldPointView> createAll(CurrentUser user, List<FieldPointStore.NewPoint> points) {
		List<Long> ids = new ArrayList<>();
		for (FieldPointStore.NewPoint point : points) {
			ids.add(insert(point));
		}
		// the trace last (it locks the city's chain head until the transaction ends), read back in one query
		List<FieldPointView> created = store.findAll(user.scope(), ids);
		created.forEach(p -> audit.record(created(p)));
		return created;
	}

	private long insert(FieldPointStore.NewPoint point) {
		try {
			return store.insert(point);
		}
		catch (DuplicateKeyException ex) {
			// another request took the code between the check and the insert
			throw new InvalidInputException(FieldProblem.of("code", "fieldPoint.error.code.taken", point.code()));
		}
	}

	/** The caller's city, when the caller may change points. */
	static long writer(CurrentUser user) {
		if (!user.can(Permissions.FIELDPOINT_WRITE) || user.cityId() == null) {
			throw new AccessDeniedException(Permissions.FIELDPOINT_WRITE);
		}
		return user.cityId();
	}

	/**
	 * Every problem of the draft at once (field names as the API's), else the row to store. The
	 * units must be active units of the city, the town a town or sub-district; the place must lie in
	 * the city's area.
	 */
	FieldPointStore.NewPoint checked(CurrentUser user, long cityId, FieldPointDraft draft, Long exceptId) {
		String code = trim(draft.code());
		boolean taken = code != null && Units.CODE.matcher(code).matches() && store.codeTaken(cityId, code, exceptId);
		UnitView unit = draft.unitId() == null ? null : unit(user, cityId, draft.unitId());
		UnitView town = draft.townId() == null ? null : unit(user, cityId, draft.townId());
		return checked(cityId, draft, unit, town, taken, store.area(cityId));
	}

	/**
	 * The checks with what they look up given: the units (null when unknown or not visible),
	 * whether the code is taken, the city's area. The import looks these up once for all rows.
	 */
	FieldPointStore.NewPoint checked(long cityId, FieldPointDraft draft, UnitView unit, UnitView town,
			boolean codeTaken, Optional<GeoPoint.Box> area) {
		List<FieldProblem> problems = new ArrayList<>();
		String code = trim(draft.code());
		if (code == null) {
			problems.add(FieldProblem.of("code", "fieldPoint.error.code.required"));
		}
		else if (!Units.CODE.matcher(code).matches()) {
			problems.add(FieldProblem.of("code", "fieldPoint.error.code.format"));
		}
		else if (codeTaken) {
			problems.add(FieldProblem.of("code", "fieldPoint.error.code.taken", code));
		}
		String name = trim(draft.name());
		if (name == null) {
			problems.add(FieldProblem.of("name", "fieldPoint.error.name.required"));
		}
		else if (name.length() > MAX_NAME) {
			problems.add(FieldProblem.of("name", "fieldPoint.error.tooLong", MAX_NAME));
		}
		PointType type = PointType.parse(draft.pointType()).orElse(null);
		if (type == null) {
			problems.add(FieldProblem.of("pointType", "fieldPoint.error.pointType"));
		}
		String address = trim(draft.address());
		if (address != null && address.length() > MAX_ADDRESS) {
			problems.add(FieldProblem.of("address", "fieldPoint.error.tooLong", MAX_ADDRESS));
		}
		GeoPoint place = place(area, draft.lat(), draft.lng(), problems);
		if (unit == null || unit.cityId() != cityId || !unit.active()) {
			problems.add(FieldProblem.of("unitId", "fieldPoint.error.unit"));
		}
		if (town == null || town.cityId() != cityId || !town.active() || !town.kind().isTownLevel()) {
			problems.add(FieldProblem.of("townId", "fieldPoint.error.town"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		return new FieldPointStore.NewPoint(cityId, code, name, type, address, place, unit.id(), town.id(),
				draft.active(), clock.instant());
	}

	/** The place, required, valid WGS-84 and inside the city's area; null with problems added otherwise. */
	static GeoPoint place(Optional<GeoPoint.Box> area, BigDecimal lat, BigDecimal lng, List<FieldProblem> problems) {
		if (lat == null || lng == null) {
			if (lat == null) {
				problems.add(FieldProblem.of(GeoPoint.LAT, "fieldPoint.error.place.required"));
			}
			if (lng == null) {
				problems.add(FieldProblem.of(GeoPoint.LNG, "fieldPoint.error.place.required"));
			}
			return null;
		}
		GeoPoint place;
		try {
			place = GeoPoint.parse(lat, lng);
		}
		catch (InvalidInputException ex) {
			problems.addAll(ex.problems());
			return null;
		}
		if (area.isPresent() && !area.get().contains(place)) {
			GeoPoint.Box box = area.get();
			problems.add(FieldProblem.of(GeoPoint.LAT, "fieldPoint.error.outside", plain(box.minLat()), plain(box.maxLat()),
					plain(box.minLng()), plain(box.maxLng())));
			return null;
		}
		return place;
	}

	/** An active unit of the city in the caller's scope, or null. */
	private UnitView unit(CurrentUser user, long cityId, long id) {
		return units.find(user.scope(), id).filter(u -> u.cityId() == cityId && u.active()).orElse(null);
	}

	/** 30.05, not 30.050000: text, so a message does not format it as a number with separators either. */
	private static String plain(BigDecimal degrees) {
		return degrees.stripTrailingZeros().toPlainString();
	}

	static String trim(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

}
