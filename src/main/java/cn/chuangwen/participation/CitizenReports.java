package cn.chuangwen.participation;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.files.StoredFile;
import cn.chuangwen.inspections.FieldPoints;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.participation.internal.CitizenReportStore;
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

	public CitizenReports(CitizenReportStore store, Cities cities, Problems problems, FieldPoints fieldPoints,
			EvidenceStore files, AuditTrail audit, Clock clock) {
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
		return (cityCode == null ? Optional.<CityView>empty() : cities.byCode(cityCode))
			.orElseThrow(() -> new NotFoundException("city", cityCode));
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
	@Transactional
	public Submitted submit(long cityId, ReportDraft draft, List<Photo> photos, ReportSender sender) {
		List<FieldProblem> wrong = new ArrayList<>();
		Optional<Problems.Category> category = problems.categoryChoices(cityId)
			.stream()
			.filter(c -> c.name().equals(trim(draft.category())))
			.findFirst();
		if (category.isEmpty()) {
			wrong.add(FieldProblem.of("category", "citizenReport.error.category"));
		}
		String description = trim(draft.description());
		if (description == null) {
			wrong.add(FieldProblem.of("description", "citizenReport.error.description.required"));
		}
		else if (description.length() > MAX_DESCRIPTION) {
			wrong.add(FieldProblem.of("description", "citizenReport.error.description.long", MAX_DESCRIPTION));
		}
		String address = trim(draft.address());
		if (address != null && address.length() > MAX_ADDRESS) {
			wrong.add(FieldProblem.of("address", "citizenReport.error.address.long", MAX_ADDRESS));
		}
		GeoPoint place = place(cityId, draft, wrong);
		if (place == null && address == null && wrong.stream().noneMatch(p -> GeoPoint.LAT.equals(p.field()))) {
			wrong.add(FieldProblem.of("place", "citizenReport.error.place"));
		}
		String name = trim(draft.reporterName());
		if (name != null && name.length() > MAX_NAME) {
			wrong.add(FieldProblem.of("name", "citizenReport.error.name", MAX_NAME));
		}
		String phone = trim(draft.reporterPhone());
		if (phone != null && !PHONE.matcher(phone).matches()) {
			wrong.add(FieldProblem.of("phone", "citizenReport.error.phone"));
		}
		if (photos.size() > MAX_PHOTOS) {
			wrong.add(FieldProblem.of(EvidenceStore.FIELD, "citizenReport.error.photos", MAX_PHOTOS));
		}
		if (!wrong.isEmpty()) {
			throw new InvalidInputException(wrong);
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		int year = LocalDate.ofInstant(now, Problems.ZONE).getYear();
		String code = "%s-R-%d-%06d".formatted(problems.rules(cityId).codePrefix(), year, store.nextSeq(cityId, year));
		String by = sender.enteredBy() != null ? sender.enteredBy() : code;
		long id = store.insert(new CitizenReportStore.NewReport(cityId, code, sender.channel(), category.get().id(),
				description, address, place, name, phone, sender.enteredBy(), sender.partnerKeyId(), sender.senderHash(),
				now));
		int position = 0;
		for (Photo photo : photos) {
			StoredFile original = files.store(cityId, by, photo.name(), photo.content());
			if (!original.kind().isImage()) {
				throw new InvalidInputException(FieldProblem.of(EvidenceStore.FIELD, "citizenReport.error.notPhoto",
						original.name()));
			}
			StoredFile copy = files.storePublicCopy(original, List.of(), by);
			store.insertPhoto(id, cityId, original.id(), copy.id(), ++position);
		}
		store.insertUpdate(id, cityId, ReportState.RECEIVED, null, now);
		audit.record(AuditEntry.of("CITIZEN_REPORT_CREATE")
			.actor(sender.enteredBy(), null)
			.city(cityId)
			.object("citizenReport", id)
			.change("code", null, code)
			.change("channel", null, sender.channel())
			.change("category", null, category.get().name())
			.change("place", null, place == null ? null : place.latitude() + "," + place.longitude())
			.change("photos", null, position == 0 ? null : position)
			// whether the sender left a name or phone, never what they are (PIPL: the trace is read by people)
			.change("contact", null, name != null || phone != null ? Boolean.TRUE : null));
		return new Submitted(id, code);
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
		CitizenReportStore.Row r = byCode(code);
		return store.photos(r.id())
			.stream()
			.filter(p -> p.publicFileId() == fileId)
			.findFirst()
			.flatMap(p -> files.find(p.publicFileId()))
			.orElseThrow(() -> new NotFoundException("citizenReportPhoto", fileId));
	}

	private CitizenReportStore.Row byCode(String code) {
		if (code == null || !CODE.matcher(code).matches()) {
			throw new NotFoundException("citizenReport", code);
		}
		return store.findByCode(code).orElseThrow(() -> new NotFoundException("citizenReport", code));
	}

	private GeoPoint place(long cityId, ReportDraft draft, List<FieldProblem> wrong) {
		GeoPoint place;
		try {
			place = GeoPoint.parse(draft.lat(), draft.lng());
		}
		catch (InvalidInputException ex) {
			wrong.addAll(ex.problems());
			return null;
		}
		if (place != null && fieldPoints.areaOf(cityId).filter(area -> !area.contains(place)).isPresent()) {
			wrong.add(FieldProblem.of(GeoPoint.LAT, "citizenReport.error.outside"));
			return null;
		}
		return place;
	}

	static String trim(String s) {
		if (s == null) {
			return null;
		}
		String t = s.strip();
		return t.isEmpty() ? null : t;
	}

}
