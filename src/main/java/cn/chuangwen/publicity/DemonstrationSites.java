package cn.chuangwen.publicity;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.files.Upload;
import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditEventView;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.files.StoredFile;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.ScopeSql;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.publicity.internal.SiteStore;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.Decimals;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.GeoPoint;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

/**
 * The registry of a city's demonstration sites (示范点, issue 12 §4, Tianmen's T5): the office
 * records a site (name, kind, the unit of the city in charge, address, place on the map, what is
 * exemplary, the year it was named) with up to {@value #MAX_PHOTOS} photos, edits it naming the
 * version it read (409 when someone saved first), names it, or withdraws it with a reason. Every
 * change is traced. Readers see the sites of their city (a site is public once named, so a unit's
 * liaison sees the whole city's), the province every city's. Named sites are public without an
 * account, with the public copies of their photos only (EXIF stripped); {@link #selectable(long)} lets
 * a site selection campaign name its candidates.
 */
@Service
public class DemonstrationSites {

	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	public static final int MAX_NAME = 100;

	public static final int MAX_ADDRESS = 200;

	public static final int MAX_DESCRIPTION = 2000;

	public static final int MAX_REASON = 500;

	public static final int MAX_PHOTOS = 9;

	/** The earliest year a site may have been named: the first national civilised-city campaigns were later. */
	public static final int FIRST_YEAR = 1980;

	/** The object type of the trace. */
	static final String OBJECT = "demonstrationSite";

	private final SiteStore store;

	private final Units units;

	private final EvidenceStore files;

	private final AuditTrail audit;

	private final Clock clock;

	public DemonstrationSites(SiteStore store, Units units, EvidenceStore files, AuditTrail audit,
			Clock clock) {
		this.store = store;
		this.units = units;
		this.files = files;
		this.audit = audit;
		this.clock = clock;
	}

	public int thisYear() {
		return Year.now(clock.withZone(ZONE)).getValue();
	}

	// --- reading, signed in

	/** The sites of the reader's city (every city for the province), of a kind and a state when given. */
	@Transactional(readOnly = true)
	public Page<DemonstrationSite> page(CurrentUser user, SiteKind kind, SiteState state, PageRequest page) {
		PublicityAccess.reader(user);
		ScopeSql scope = ScopeSql.of(user.scope());
		SiteStore.Filter filter = new SiteStore.Filter(kind, state);
		return Page.read(page, () -> store.page(scope, filter, page), () -> store.count(scope, filter));
	}

	/** One site of the reader's city; 404 otherwise. */
	@Transactional(readOnly = true)
	public DemonstrationSite get(CurrentUser user, long id) {
		PublicityAccess.reader(user);
		return store.find(ScopeSql.of(user.scope()), id).orElseThrow(() -> new NotFoundException(OBJECT, id));
	}

	@Transactional(readOnly = true)
	public List<AuditEventView> history(CurrentUser user, long id) {
		return audit.historyOf(OBJECT, String.valueOf(get(user, id).id()), 100);
	}

	/** A photo of a site as sent, for a reader of the site. */
	@Transactional(readOnly = true)
	public StoredFile photo(CurrentUser user, long id, long fileId) {
		return get(user, id).photos()
			.stream()
			.filter(p -> p.fileId() == fileId)
			.findFirst()
			.flatMap(p -> files.find(p.fileId()))
			.orElseThrow(() -> new NotFoundException("file", fileId));
	}

	/** Whether the user manages this site: the office of its city. */
	public boolean manages(CurrentUser user, DemonstrationSite site) {
		return user.can(Permissions.PUBLICITY_MANAGE) && user.cityId() != null && user.cityId() == site.cityId();
	}

	/** Whether the user may record sites at all: an office with a city. */
	public boolean records(CurrentUser user) {
		return user.can(Permissions.PUBLICITY_MANAGE) && user.cityId() != null;
	}

	// --- reading, public


	/** A city's named sites (of one kind when given), as anyone sees them. */
	@Transactional(readOnly = true)
	public Page<PublicSite> publicPage(CityView city, SiteKind kind, PageRequest page) {
		return Page.read(page, () -> store.named(city.id(), kind, page), () -> store.namedCount(city.id(), kind))
			.map(DemonstrationSites::publicView);
	}

	/** A named site; 404 when unknown, of another city, a candidate or withdrawn. */
	@Transactional(readOnly = true)
	public PublicSite publicSite(CityView city, long id) {
		return store.namedOne(city.id(), id).map(DemonstrationSites::publicView)
			.orElseThrow(() -> new NotFoundException(OBJECT, id));
	}

	/** A named site's public photo copy (never the original). */
	@Transactional(readOnly = true)
	public StoredFile publicPhoto(CityView city, long id, long photoId) {
		if (!publicSite(city, id).photos().contains(photoId)) {
			throw new NotFoundException("sitePhoto", photoId);
		}
		return files.find(photoId).orElseThrow(() -> new NotFoundException("sitePhoto", photoId));
	}

	/**
	 * A city's sites a selection may name, candidates and named ones (not withdrawn), in short and by
	 * name (at most {@link PageRequest#MAX_SIZE}): what the office offers as a site selection's entries.
	 */
	@Transactional(readOnly = true)
	public List<SiteSummary> selectable(long cityId) {
		return store.selectable(cityId, PageRequest.MAX_SIZE);
	}

	/** One site of a city a selection may name; empty when unknown, of another city or withdrawn. */
	@Transactional(readOnly = true)
	public Optional<SiteSummary> selectable(long cityId, long id) {
		return store.selectableOne(cityId, id);
	}

	// --- writing

	/**
	 * The office records a site of its city, a candidate: 400 naming each wrong field (see
	 * {@link #check}), too many photos or a file that is not a photo; nothing stored then.
	 */
	@Transactional
	public DemonstrationSite create(CurrentUser user, SiteDraft draft, List<Upload> photos) {
		long cityId = PublicityAccess.office(user);
		List<FieldProblem> bad = new ArrayList<>();
		Checked c = check(user, cityId, draft, 0L, bad);
		List<Upload> given = photos == null ? List.of() : photos;
		if (given.size() > MAX_PHOTOS) {
			bad.add(FieldProblem.of(EvidenceStore.FIELD, "site.error.photos.tooMany", MAX_PHOTOS));
		}
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
		// photos first (refused when not a photo): their copies are made before a row is written
		List<EvidenceStore.PreparedPhoto> prepared = prepare(cityId, given);
		long id = store.insert(cityId, c.fields(), user.username(), now());
		AuditEntry entry = AuditEntry.of("SITE_CREATE")
			.city(cityId)
			.object(OBJECT, id)
			.change("name", null, c.fields().name())
			.change("kind", null, c.fields().kind().name())
			.change("unit", null, c.unit().name())
			.change("address", null, c.fields().address())
			.change("place", null, c.fields().place().toString())
			.change("description", null, c.fields().description())
			.change("state", null, SiteState.CANDIDATE.name());
		if (c.fields().yearNamed() != null) {
			entry.change("yearNamed", null, c.fields().yearNamed());
		}
		record(user, id, prepared, entry);
		audit.record(entry);
		return get(user, id);
	}

	/**
	 * The office replaces a site's fields from the version it read: 400 for a wrong field or no
	 * version, 409 when someone saved first; another city's site is 404.
	 */
	@Transactional
	public DemonstrationSite update(CurrentUser user, long id, Integer version, SiteDraft draft) {
		long cityId = PublicityAccess.office(user);
		DemonstrationSite before = managed(user, id);
		List<FieldProblem> bad = new ArrayList<>();
		Checked c = check(user, cityId, draft, id, bad);
		if (version == null) {
			bad.add(FieldProblem.of("version", "site.error.version.required"));
		}
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
		if (!store.update(id, version, c.fields(), now())) {
			throw new ConflictException("error.conflict");
		}
		AuditEntry entry = AuditEntry.of("SITE_UPDATE").city(cityId).object(OBJECT, id);
		changed(entry, "name", before.name(), c.fields().name());
		changed(entry, "kind", before.kind().name(), c.fields().kind().name());
		changed(entry, "unit", before.unitName(), c.unit().name());
		changed(entry, "address", before.address(), c.fields().address());
		changed(entry, "place", before.place().toString(), c.fields().place().toString());
		changed(entry, "description", before.description(), c.fields().description());
		changed(entry, "yearNamed", before.yearNamed(), c.fields().yearNamed());
		audit.record(entry);
		return get(user, id);
	}

	/** The office adds photos to a site (at most {@value #MAX_PHOTOS} in all): 400 for none, too many or not a photo. */
	@Transactional
	public DemonstrationSite addPhotos(CurrentUser user, long id, List<Upload> photos) {
		DemonstrationSite site = managed(user, id);
		List<Upload> given = photos == null ? List.of() : photos;
		if (given.isEmpty()) {
			throw new InvalidInputException(FieldProblem.of(EvidenceStore.FIELD, "site.error.photos.required"));
		}
		if (site.photos().size() + given.size() > MAX_PHOTOS) {
			throw new InvalidInputException(FieldProblem.of(EvidenceStore.FIELD, "site.error.photos.tooManyWith",
					MAX_PHOTOS, site.photos().size()));
		}
		List<EvidenceStore.PreparedPhoto> prepared = prepare(site.cityId(), given);
		store.lock(id).orElseThrow(() -> new NotFoundException(OBJECT, id));
		// counted again under the lock: two uploads at once cannot pass the limit together
		if (store.find(ScopeSql.of(user.scope()), id).orElseThrow().photos().size() + given.size() > MAX_PHOTOS) {
			throw new ConflictException("site.error.photos.tooManyWith", MAX_PHOTOS, site.photos().size());
		}
		AuditEntry entry = AuditEntry.of("SITE_PHOTOS").city(site.cityId()).object(OBJECT, id);
		record(user, id, prepared, entry);
		store.touch(id, now());
		audit.record(entry);
		return get(user, id);
	}

	/**
	 * The office moves a site to another state: a candidate is named (the year it was named is this
	 * year unless it has one) or withdrawn, a named site withdrawn, a withdrawn one a candidate again.
	 * 400 for an unknown state or a withdrawal without a reason; 409 for a move the state does not allow.
	 */
	@Transactional
	public DemonstrationSite changeState(CurrentUser user, long id, String stateText, String reasonText) {
		DemonstrationSite site = managed(user, id);
		List<FieldProblem> bad = new ArrayList<>();
		SiteState to = parse(SiteState.class, stateText, "state", bad);
		String reason = trim(reasonText);
		if (reason != null && reason.length() > MAX_REASON) {
			bad.add(FieldProblem.of("reason", "site.error.reason.tooLong", MAX_REASON));
		}
		else if (reason == null && to == SiteState.WITHDRAWN) {
			bad.add(FieldProblem.of("reason", "site.error.reason.required"));
		}
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
		SiteState from = store.lock(id).orElseThrow(() -> new NotFoundException(OBJECT, id)).state();
		if (!from.next().contains(to)) {
			throw new ConflictException("site.error.state.move");
		}
		Integer year = to == SiteState.NAMED && site.yearNamed() == null ? Integer.valueOf(thisYear()) : site.yearNamed();
		store.setState(id, to, year, to == SiteState.WITHDRAWN ? reason : null, now());
		AuditEntry entry = AuditEntry.of("SITE_STATE")
			.city(site.cityId())
			.object(OBJECT, id)
			.change("state", from.name(), to.name());
		changed(entry, "yearNamed", site.yearNamed(), year);
		if (reason != null) {
			entry.reason(reason);
		}
		audit.record(entry);
		return get(user, id);
	}

	// --- checks

	/** A draft's fields, checked, and the unit's name for the trace. */
	private record Checked(SiteStore.Fields fields, UnitView unit) {
	}

	/**
	 * Name (required, at most {@value #MAX_NAME}, not another site's of the city), kind (one of the
	 * seven), unit (an active unit of the city), address (required, at most {@value #MAX_ADDRESS}),
	 * latitude and longitude (required WGS-84 degrees, at most six decimals), description (required, at
	 * most {@value #MAX_DESCRIPTION}), year named (optional, {@value #FIRST_YEAR} to this year).
	 */
	private Checked check(CurrentUser user, long cityId, SiteDraft d, long self, List<FieldProblem> bad) {
		String name = text(d.name(), "name", MAX_NAME, bad);
		if (name != null && name.length() <= MAX_NAME && store.nameTaken(cityId, name, self)) {
			bad.add(FieldProblem.of("name", "site.error.name.taken"));
		}
		SiteKind kind = parse(SiteKind.class, d.kind(), "kind", bad);
		UnitView unit = null;
		String unitText = trim(d.unitId());
		if (unitText == null) {
			bad.add(FieldProblem.of("unitId", "site.error.unitId.required"));
		}
		else {
			unit = (unitText.matches("[0-9]{1,18}") ? units.find(user.scope(), Long.parseLong(unitText))
					: Optional.<UnitView>empty()).filter(u -> u.cityId() == cityId && u.active()).orElse(null);
			if (unit == null) {
				bad.add(FieldProblem.of("unitId", "site.error.unitId.unknown"));
			}
		}
		String address = text(d.address(), "address", MAX_ADDRESS, bad);
		BigDecimal lat = coordinate(d.latitude(), "latitude", 90, bad);
		BigDecimal lng = coordinate(d.longitude(), "longitude", 180, bad);
		String description = text(d.description(), "description", MAX_DESCRIPTION, bad);
		Integer year = null;
		String yearText = trim(d.yearNamed());
		if (yearText != null) {
			year = yearText.matches("[0-9]{4}") ? Integer.valueOf(yearText) : null;
			if (year == null || year < FIRST_YEAR || year > thisYear()) {
				bad.add(FieldProblem.of("yearNamed", "site.error.yearNamed.invalid", FIRST_YEAR, thisYear()));
			}
		}
		if (!bad.isEmpty()) {
			return null;
		}
		return new Checked(new SiteStore.Fields(unit.id(), name, kind, address, new GeoPoint(lat, lng), description,
				year), unit);
	}

	/** A degree value: a number of at most three digits and six decimals, within ±{@code max}. */
	private static BigDecimal coordinate(String text, String field, int max, List<FieldProblem> bad) {
		Decimals.Result r = Decimals.read(text, GeoPoint.INTEGER_DIGITS, GeoPoint.SCALE);
		if (r == null) {
			bad.add(FieldProblem.of(field, "site.error." + field + ".required"));
			return null;
		}
		if (r.problem() == Decimals.Problem.NOT_A_NUMBER) {
			bad.add(FieldProblem.of(field, "site.error.coordinate.number"));
			return null;
		}
		if (!r.ok() || r.value().abs().compareTo(BigDecimal.valueOf(max)) > 0) {
			bad.add(FieldProblem.of(field, "site.error." + field + ".range"));
			return null;
		}
		return r.value();
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String text, String field, List<FieldProblem> bad) {
		String t = trim(text);
		if (t == null) {
			bad.add(FieldProblem.of(field, "site.error." + field + ".required"));
			return null;
		}
		try {
			return Enum.valueOf(type, t.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			bad.add(FieldProblem.of(field, "site.error." + field + ".invalid"));
			return null;
		}
	}

	private static String text(String text, String field, int max, List<FieldProblem> bad) {
		String t = trim(text);
		if (t == null) {
			bad.add(FieldProblem.of(field, "site.error." + field + ".required"));
		}
		else if (t.length() > max) {
			bad.add(FieldProblem.of(field, "site.error." + field + ".tooLong", max));
		}
		return t;
	}

	// --- helpers

	private List<EvidenceStore.PreparedPhoto> prepare(long cityId, List<Upload> given) {
		return given.stream().map(u -> files.preparePhoto(cityId, u.name(), u.content())).toList();
	}

	private void record(CurrentUser user, long id, List<EvidenceStore.PreparedPhoto> prepared, AuditEntry entry) {
		for (EvidenceStore.PreparedPhoto photo : prepared) {
			EvidenceStore.PublicPhoto stored = files.record(photo, user.username());
			store.addPhoto(id, stored.original().id(), stored.publicCopy().id());
			entry.change("photos", null, stored.original().name() + " #" + stored.original().id());
		}
	}

	private DemonstrationSite managed(CurrentUser user, long id) {
		long cityId = PublicityAccess.office(user);
		DemonstrationSite site = get(user, id);
		if (site.cityId() != cityId) {
			throw new NotFoundException(OBJECT, id);
		}
		return site;
	}

	private static void changed(AuditEntry entry, String field, Object before, Object after) {
		if (!Objects.equals(before, after)) {
			entry.change(field, before, after);
		}
	}

	private static PublicSite publicView(DemonstrationSite s) {
		return new PublicSite(s.id(), s.city().code(), s.name(), s.kind(), s.unitName(), s.address(),
				s.place().latitude(), s.place().longitude(), s.description(), s.yearNamed(),
				s.photos().stream().map(DemonstrationSite.Photo::publicFileId).toList());
	}

	private static SiteSummary summary(DemonstrationSite s) {
		return new SiteSummary(s.id(), s.name(), s.kind(), s.place().latitude(), s.place().longitude());
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	private static String trim(String s) {
		if (s == null) {
			return null;
		}
		String t = s.strip();
		return t.isEmpty() ? null : t;
	}

}
