package cn.chuangwen.participation;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.files.StoredFile;
import cn.chuangwen.inspections.FieldPoints;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.participation.internal.CitizenReportStore;
import cn.chuangwen.participation.internal.SenderKeys;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.GeoPoint;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;

/**
 * Citizen reports (随手拍, issue 11): sent from the public page, a partner app (Open311), or entered
 * by the office from a hotline call or a report-box letter. Each gets a tracking code (XT-R-2026-
 * 004211) anyone holding it can follow; its photos are kept as sent for the office and as a public
 * copy without EXIF. Personal data (name, phone) never leaves through a public view.
 */
@Service
public class CitizenReports {

	public static final int MAX_PHOTOS = 3;

	public static final int MAX_DESCRIPTION = 4000;

	public static final int MAX_ADDRESS = 300;

	public static final int MAX_NAME = 64;

	/** Reports of one sender within an hour before the next needs a solved challenge. */
	public static final int CHALLENGE_AFTER = 3;

	/** "Near": the same thing within this many metres ... */
	public static final int NEARBY_METRES = 250;

	/** ... reported within this many days. */
	public static final int NEARBY_DAYS = 30;

	/** At most this many are offered (nearest first). */
	public static final int NEARBY_MAX = 10;

	/** Candidates read from the box at most: a crowded square costs a bounded read. */
	static final int NEARBY_SCAN = 500;

	/** Digits with the usual separators and an optional leading +: a mobile, a landline with area code. */
	static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 \\-]{4,30}");

	/** Tracking codes as issued: the city's prefix, R, the year, six digits. */
	public static final Pattern CODE = Pattern.compile("[A-Z]{1,8}-R-\\d{4}-\\d{6,9}");

	/** A photo as sent: its name and content (the caller closes it). */
	public record Photo(String name, InputStream content) {
	}

	public record Submitted(long id, String code) {
	}

	private final CitizenReportStore store;

	private final Cities cities;

	private final Problems problems;

	private final FieldPoints fieldPoints;

	private final EvidenceStore files;

	private final AuditTrail audit;

	private final Clock clock;

	private final SenderKeys keys;

	private final TransactionTemplate tx;

	/** The checks' reads in one read-only transaction: a report is stored in transactions of its own. */
	private final TransactionTemplate reading;

	public CitizenReports(CitizenReportStore store, Cities cities, Problems problems, FieldPoints fieldPoints,
			EvidenceStore files, AuditTrail audit, Clock clock, SenderKeys keys, PlatformTransactionManager transactions) {
		this.tx = new TransactionTemplate(transactions);
		this.reading = new TransactionTemplate(transactions);
		this.reading.setReadOnly(true);
		this.keys = keys;
		this.store = store;
		this.cities = cities;
		this.problems = problems;
		this.fieldPoints = fieldPoints;
		this.files = files;
		this.audit = audit;
		this.clock = clock;
	}

	/** The city a public address names ({@code /public/reports/qianjiang}); 404 when there is none. */
	@Transactional(readOnly = true)
	public CityView city(String cityCode) {
		return cities.publicCity(cityCode);
	}

	/** The categories a report may choose: the city's problem categories. */
	@Transactional(readOnly = true)
	public List<Problems.Category> categories(long cityId) {
		return problems.categoryChoices(cityId);
	}

	/**
	 * Takes in a report. Every wrong field is named at once and nothing is stored: a category not in
	 * the city's list, no description or one over {@value #MAX_DESCRIPTION} characters (HTML is kept
	 * as text, shown escaped), no place (neither coordinates nor an address), coordinates outside the
	 * city's area, more than {@value #MAX_PHOTOS} photos, a file that is not a photo (by content).
	 */
	public Submitted submit(long cityId, ReportDraft draft, List<Photo> photos, ReportSender sender) {
		List<FieldProblem> wrong = new ArrayList<>();
		Checked checked = reading.execute(s -> check(cityId, draft, photos.size(), wrong));
		if (!wrong.isEmpty()) {
			throw new InvalidInputException(wrong);
		}
		return store(cityId, checked, photos, sender);
	}

	/**
	 * Takes in a report from the public page or the public API, sent from {@code clientAddress}
	 * (kept only as its keyed hash). As {@link #submit}, and after {@value #CHALLENGE_AFTER} reports
	 * of the same sender within the hour the report must carry a solved challenge ({@code challenge}
	 * token, {@code answer}); without one it is refused with {@link ChallengeRequired}, which names
	 * the field {@value ChallengeRequired#FIELD} and carries a fresh challenge.
	 */
	public Submitted submitPublic(long cityId, ReportDraft draft, List<Photo> photos, String clientAddress,
			String challenge, String answer) {
		String senderHash = keys.senderHash(clientAddress);
		List<FieldProblem> wrong = new ArrayList<>();
		Checked checked = reading.execute(s -> check(cityId, draft, photos.size(), wrong));
		if (overHourlyCount(senderHash) && !keys.solved(senderHash, challenge, answer)) {
			wrong.add(FieldProblem.of(ChallengeRequired.FIELD, trim(answer) == null
					? "citizenReport.error.challenge.required" : "citizenReport.error.challenge.wrong"));
			throw new ChallengeRequired(wrong, keys.challenge(senderHash));
		}
		if (!wrong.isEmpty()) {
			throw new InvalidInputException(wrong);
		}
		return store(cityId, checked, photos, ReportSender.web(senderHash));
	}

	/** Whether the next report from this client address must carry a solved challenge. */
	@Transactional(readOnly = true)
	public boolean needsChallenge(String clientAddress) {
		return overHourlyCount(keys.senderHash(clientAddress));
	}

	private boolean overHourlyCount(String senderHash) {
		return store.countBySenderSince(senderHash, clock.instant().minus(Duration.ofHours(1)), CHALLENGE_AFTER)
				>= CHALLENGE_AFTER;
	}

	/** The city's area (its field points' box), if set: where the report map opens, what it accepts. */
	@Transactional(readOnly = true)
	public Optional<GeoPoint.Box> area(long cityId) {
		return fieldPoints.areaOf(cityId);
	}

	/** A fresh arithmetic challenge for the sender at this client address (the form, the API). */
	public ReportChallenge challenge(String clientAddress) {
		return keys.challenge(keys.senderHash(clientAddress));
	}

	/** A report's fields as checked: the category found, the texts trimmed, the place parsed; the city's code prefix. */
	private record Checked(Problems.Category category, String description, String address, GeoPoint place,
			String name, String phone, String codePrefix) {
	}

	private Checked check(long cityId, ReportDraft draft, int photoCount, List<FieldProblem> wrong) {
		Optional<Problems.Category> category = DraftChecks.category(problems, cityId, draft.category(),
				"citizenReport.error.category", wrong);
		String description = DraftChecks.text("description", draft.description(), MAX_DESCRIPTION,
				"citizenReport.error.description.required", "citizenReport.error.description.long", wrong);
		String address = DraftChecks.text("address", draft.address(), MAX_ADDRESS, null,
				"citizenReport.error.address.long", wrong);
		GeoPoint place = DraftChecks.place(fieldPoints, cityId, draft.lat(), draft.lng(), "citizenReport.error.outside",
				wrong);
		if (place == null && address == null && wrong.stream().noneMatch(p -> GeoPoint.LAT.equals(p.field()))) {
			wrong.add(FieldProblem.of("place", "citizenReport.error.place"));
		}
		String name = DraftChecks.text("name", draft.reporterName(), MAX_NAME, null, "citizenReport.error.name", wrong);
		String phone = trim(draft.reporterPhone());
		if (phone != null && !PHONE.matcher(phone).matches()) {
			wrong.add(FieldProblem.of("phone", "citizenReport.error.phone"));
		}
		if (photoCount > MAX_PHOTOS) {
			wrong.add(FieldProblem.of(EvidenceStore.FIELD, "citizenReport.error.photos", MAX_PHOTOS));
		}
		return new Checked(category.orElse(null), description, address, place, name, phone,
				problems.rules(cityId).codePrefix());
	}

	/**
	 * Stores a checked report. Its number is drawn in a transaction of its own just before the one
	 * that stores it (joining the caller's, when there is one): the counter row and the city's trace
	 * head are each locked until their transaction ends, and every report of the city waits on both.
	 * A report refused after its draw (a file that is not a photo) leaves a gap in the numbers, as a
	 * ticket machine would.
	 */
	private Submitted store(long cityId, Checked c, List<Photo> photos, ReportSender sender) {
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		int year = LocalDate.ofInstant(now, Problems.ZONE).getYear();
		String code = tx.execute(status -> {
			if (status.isNewTransaction()) {
				store.endWithoutWaitingForDisk();
			}
			return "%s-R-%d-%06d".formatted(c.codePrefix(), year, store.nextSeq(cityId, year));
		});
		return tx.execute(status -> store(cityId, c, photos, sender, code, now));
	}

	private Submitted store(long cityId, Checked c, List<Photo> photos, ReportSender sender, String code, Instant now) {
		// Photos first: the trace head below is locked until this transaction ends. Prepared in it, so
		// their blobs go again if it rolls back.
		List<EvidenceStore.PreparedPhoto> prepared = photos.stream()
			.map(photo -> files.preparePhoto(cityId, photo.name(), photo.content()))
			.toList();
		String by = sender.enteredBy() != null ? sender.enteredBy() : code;
		long id = store.insert(new CitizenReportStore.NewReport(cityId, code, sender.channel(), c.category().id(),
				c.description(), c.address(), c.place(), c.name(), c.phone(), sender.enteredBy(), sender.partnerKeyId(),
				sender.senderHash(), now));
		int position = 0;
		for (EvidenceStore.PreparedPhoto photo : prepared) {
			EvidenceStore.PublicPhoto stored = files.record(photo, by);
			store.insertPhoto(id, cityId, stored.original().id(), stored.publicCopy().id(), ++position);
		}
		store.insertUpdate(id, cityId, ReportState.RECEIVED, null, now);
		GeoPoint place = c.place();
		audit.record(AuditEntry.of("CITIZEN_REPORT_CREATE")
			.actor(sender.enteredBy(), null)
			.city(cityId)
			.object("citizenReport", id)
			.change("code", null, code)
			.change("channel", null, sender.channel())
			.change("category", null, c.category().name())
			.change("place", null, place == null ? null : place.latitude() + "," + place.longitude())
			.change("photos", null, position == 0 ? null : position)
			// whether the sender left a name or phone, never what they are (PIPL: the trace is read by people)
			.change("contact", null, c.name() != null || c.phone() != null ? Boolean.TRUE : null));
		return new Submitted(id, code);
	}

	/** A report near a place, as the public sees it: its code, how far (whole metres) and its state. */
	public record Nearby(String code, long distanceMeters, ReportState state) {
	}

	/**
	 * Open reports of the category within {@value #NEARBY_METRES} m of the place, sent in the last
	 * {@value #NEARBY_DAYS} days, nearest first (at most {@value #NEARBY_MAX}): what the report page
	 * offers before a new report ("是否与以下问题相同？"). Solved and rejected ones are left out: a
	 * "me too" cannot reopen them, a new report is right. A category not in the city's list, no place,
	 * or a place outside the city is bad input.
	 */
	@Transactional(readOnly = true)
	public List<Nearby> nearby(long cityId, String categoryName, BigDecimal lat, BigDecimal lng) {
		List<FieldProblem> wrong = new ArrayList<>();
		Optional<Problems.Category> category = DraftChecks.category(problems, cityId, categoryName,
				"citizenReport.error.category", wrong);
		GeoPoint place = DraftChecks.place(fieldPoints, cityId, lat, lng, "citizenReport.error.outside", wrong);
		if (place == null && wrong.stream().noneMatch(p -> GeoPoint.LAT.equals(p.field()) || GeoPoint.LNG.equals(p.field()))) {
			wrong.add(FieldProblem.of("place", "citizenReport.error.nearby.place"));
		}
		if (!wrong.isEmpty()) {
			throw new InvalidInputException(wrong);
		}
		Instant since = clock.instant().minus(Duration.ofDays(NEARBY_DAYS));
		return store.inBox(cityId, category.get().id(), place.box(NEARBY_METRES), since, NEARBY_SCAN)
			.stream()
			.map(r -> new Nearby(r.code(), Math.round(place.metresTo(new GeoPoint(r.lat(), r.lng()))), r.state()))
			.filter(n -> n.distanceMeters() <= NEARBY_METRES)
			.sorted(Comparator.comparingLong(Nearby::distanceMeters).thenComparing(Nearby::code))
			.limit(NEARBY_MAX)
			.toList();
	}

	/** After a "me too": the report's supporters now, and whether this one was counted (false for a repeat). */
	public record Supported(String code, int supporters, boolean counted) {
	}

	/**
	 * "Me too" (我也遇到) on a report, from {@code clientAddress} (kept as its keyed hash): one per
	 * sender and report; a repeat changes nothing. 404 for an unknown code; a solved or rejected
	 * report takes none (conflict).
	 */
	@Transactional
	public Supported support(String code, String clientAddress) {
		// the state read after the lock: the office may reject or solve it meanwhile
		CitizenReportStore.Row r = store.lock(byCode(code).id());
		if (r.state() == ReportState.SOLVED || r.state() == ReportState.REJECTED) {
			throw new ConflictException("citizenReport.error.support.closed");
		}
		String senderHash = keys.senderHash(clientAddress);
		if (store.hasSupport(r.id(), senderHash)) {
			return new Supported(r.code(), store.find(r.id()).map(CitizenReportStore.Row::supporters).orElse(0), false);
		}
		int supporters = store.addSupport(r.id(), r.cityId(), senderHash, clock.instant().truncatedTo(ChronoUnit.MILLIS));
		audit.record(AuditEntry.of("CITIZEN_REPORT_SUPPORT")
			.actor(null, null)
			.city(r.cityId())
			.object("citizenReport", r.id())
			.change("supporters", supporters - 1, supporters));
		return new Supported(r.code(), supporters, true);
	}

	/**
	 * The citizen's rating of the handling, 1 to 5 stars, once the report is solved and only once:
	 * other values are bad input; before it is solved, and a second time, a conflict.
	 */
	@Transactional
	public void rate(String code, Integer stars) {
		CitizenReportStore.Row r = byCode(code);
		if (stars == null || stars < 1 || stars > 5) {
			throw new InvalidInputException(FieldProblem.of("stars", "citizenReport.error.stars"));
		}
		if (!store.rate(r.id(), stars, clock.instant().truncatedTo(ChronoUnit.MILLIS))) {
			CitizenReportStore.Row now = store.find(r.id()).orElseThrow();
			throw new ConflictException(now.rating() != null ? "citizenReport.error.rating.twice"
					: "citizenReport.error.rating.notSolved");
		}
		audit.record(AuditEntry.of("CITIZEN_REPORT_RATE")
			.actor(null, null)
			.city(r.cityId())
			.object("citizenReport", r.id())
			.change("rating", null, stars));
	}

	/** What anyone holding the tracking code may see; 404 for an unknown or malformed code. */
	@Transactional(readOnly = true)
	public PublicReport follow(String code) {
		CitizenReportStore.Row r = byCode(code);
		List<Long> photos = store.photos(r.id()).stream().map(CitizenReportStore.PhotoRow::publicFileId).toList();
		List<PublicReport.Update> updates = store.updates(r.id())
			.stream()
			.map(u -> new PublicReport.Update(u.at(), u.state(), u.text()))
			.toList();
		return new PublicReport(r.code(), r.cityCode(), r.state(), r.category(), r.description(),
				new PublicReport.Place(r.address(), r.lat(), r.lng()), r.supporters(), r.rating(), r.createdAt(), photos, updates);
	}

	/** A public photo of the report (the copy without EXIF); 404 unless {@code fileId} is one of its copies. */
	@Transactional(readOnly = true)
	public StoredFile publicPhoto(String code, long fileId) {
		if (code == null || !CODE.matcher(code).matches() || !store.hasPublicPhoto(code, fileId)) {
			throw new NotFoundException("citizenReportPhoto", fileId);
		}
		return files.find(fileId).orElseThrow(() -> new NotFoundException("citizenReportPhoto", fileId));
	}

	private CitizenReportStore.Row byCode(String code) {
		if (code == null || !CODE.matcher(code).matches()) {
			throw new NotFoundException("citizenReport", code);
		}
		return store.findByCode(code).orElseThrow(() -> new NotFoundException("citizenReport", code));
	}

	static String trim(String s) {
		if (s == null) {
			return null;
		}
		String t = s.strip();
		return t.isEmpty() ? null : t;
	}

}
