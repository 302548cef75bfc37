package cn.chuangwen.participation;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.participation.internal.Open311Store;
import cn.chuangwen.participation.internal.PartnerKeyStore;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;

/**
 * Open311 GeoReport v2 (issue 11 §4) over the citizen reports: the services are the city's problem
 * categories (the category id is the stable {@code service_code}); the requests are the city's
 * citizen reports, {@code open} or {@code closed}, identified by their tracking code. Nothing
 * personal is ever read for an answer. A partner's POST becomes a citizen report of channel
 * {@link ReportChannel#OPEN311}; the reporter data it carries is kept private.
 */
@Service
public class Open311Requests {

	/** The spec: a range of at most 90 days, and the last 90 days when none is given. */
	public static final Duration MAX_RANGE = Duration.ofDays(90);

	/** The spec's default limit, and the most one page of the paging extension returns. */
	public static final int MAX_PAGE_SIZE = 1000;

	public static final int MAX_PARTNER_FIELD = 100;

	public static final int MAX_EMAIL = 254;

	public static final int MAX_MEDIA_URL = 1000;

	/** A service (类别): its code, its name. */
	public record ServiceType(String code, String name) {
	}

	/**
	 * GET requests' filters, read: tracking codes (when present, the only filter), service codes,
	 * the window, the Open311 statuses ({@code open}, {@code closed}; empty = both), one page, and
	 * whether the public updates are wanted (the {@code extensions=true} notes).
	 */
	public record RequestFilter(List<String> codes, List<Long> serviceCodes, Instant start, Instant end,
			Set<String> statuses, int page, int pageSize, boolean notes) {
	}

	/** A public update of a request. */
	public record Note(Instant at, String status, ReportState state, String text) {
	}

	/** A service request as anyone may read it. {@code photoId}: the first public (EXIF-free) photo. */
	public record ServiceRequest(String id, String status, ReportState state, String statusNotes, Service service,
			String description, String agency, Times times, Place place, Long photoId, List<Note> notes) {

		/** The request's service: its code (the category id) and name. */
		public record Service(String code, String name) {
		}

		/** Requested, last updated, and expected (the problem's deadline while open). */
		public record Times(Instant requestedAt, Instant updatedAt, Instant expectedAt) {
		}

		public record Place(String address, BigDecimal lat, BigDecimal lng) {
		}

		public String serviceCode() {
			return service.code();
		}

		public String serviceName() {
			return service.name();
		}

		public Instant requestedAt() {
			return times.requestedAt();
		}

		public Instant updatedAt() {
			return times.updatedAt();
		}

		public Instant expectedAt() {
			return times.expectedAt();
		}

		public String address() {
			return place.address();
		}

		public BigDecimal lat() {
			return place.lat();
		}

		public BigDecimal lng() {
			return place.lng();
		}

	}

	/**
	 * A partner's POST, as sent (text; the parsing is here). The reporter fields are private data:
	 * kept for the office, never in an answer.
	 */
	public record Submission(String serviceCode, BigDecimal lat, BigDecimal lng, String addressString,
			String addressId, String description, Reporter reporter, String deviceId, String accountId,
			String mediaUrl) {

		/** Who the partner says sent it: private data. */
		public record Reporter(String email, String firstName, String lastName, String phone) {
		}

		public String email() {
			return reporter.email();
		}

		public String firstName() {
			return reporter.firstName();
		}

		public String lastName() {
			return reporter.lastName();
		}

		public String phone() {
			return reporter.phone();
		}

	}

	/** A request taken in: its id (the tracking code) and the token that also finds it. */
	public record Created(String serviceRequestId, String token) {
	}

	private final Cities cities;

	private final Problems problems;

	private final CitizenReports reports;

	private final Open311Store store;

	private final PartnerKeyStore partners;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	public Open311Requests(Cities cities, Problems problems, CitizenReports reports, Open311Store store,
			PartnerKeyStore partners, Clock clock) {
		this.cities = cities;
		this.problems = problems;
		this.reports = reports;
		this.store = store;
		this.partners = partners;
		this.clock = clock;
	}

	/**
	 * The city a {@code jurisdiction_id} names (its code). Required when the installation has several
	 * cities (400 without), accepted always; an unknown one is 404.
	 */
	@Transactional(readOnly = true)
	public CityView jurisdiction(String jurisdictionId) {
		String id = jurisdictionId == null ? "" : jurisdictionId.strip();
		if (!id.isEmpty()) {
			return cities.byCode(id).orElseThrow(() -> new NotFoundException("jurisdiction_id", id));
		}
		List<CityView> all = cities.visible(DataScope.all());
		if (all.size() == 1) {
			return all.get(0);
		}
		throw new InvalidInputException(FieldProblem.of("jurisdiction_id", "open311.error.jurisdiction.required"));
	}

	@Transactional(readOnly = true)
	public List<ServiceType> services(long cityId) {
		return problems.categoryChoices(cityId).stream().map(c -> new ServiceType(String.valueOf(c.id()), c.name())).toList();
	}

	/** A service of the city; 404 for a code not in its list. */
	@Transactional(readOnly = true)
	public ServiceType service(long cityId, String code) {
		return services(cityId).stream()
			.filter(s -> s.code().equals(code))
			.findFirst()
			.orElseThrow(() -> new NotFoundException("service_code", code));
	}

	@Transactional(readOnly = true)
	public List<ServiceRequest> requests(long cityId, RequestFilter f) {
		Instant now = clock.instant();
		Instant start = f.start();
		Instant end = f.end();
		if (start == null && end == null) {
			end = now;
		}
		if (start == null) {
			start = end.minus(MAX_RANGE);
		}
		if (end == null) {
			end = start.plus(MAX_RANGE);
		}
		if (f.codes().isEmpty()) {
			if (start.isAfter(end)) {
				throw new InvalidInputException(FieldProblem.of("end_date", "open311.error.date.order"));
			}
			if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
				throw new InvalidInputException(FieldProblem.of("end_date", "open311.error.date.range", MAX_RANGE.toDays()));
			}
		}
		List<ReportState> states = f.statuses().isEmpty() ? List.of()
				: java.util.Arrays.stream(ReportState.values()).filter(s -> f.statuses().contains(s.open311Status())).toList();
		List<Open311Store.RequestRow> rows = store.requests(new Open311Store.Query(cityId, f.codes(), f.serviceCodes(),
				start, end, states, (long) (f.page() - 1) * f.pageSize(), f.pageSize()));
		Map<Long, List<Note>> notes = f.notes() ? store.notes(rows.stream().map(Open311Store.RequestRow::id).toList())
			.stream()
			.collect(Collectors.groupingBy(Open311Store.NoteRow::reportId,
					Collectors.mapping(n -> new Note(n.at(), n.state().open311Status(), n.state(), n.text()), Collectors.toList())))
				: Map.of();
		return rows.stream().map(r -> view(r, f.notes() ? notes.getOrDefault(r.id(), List.of()) : null)).toList();
	}

	/** One request of the city by its id (the tracking code); 404 for an unknown one or another city's. */
	@Transactional(readOnly = true)
	public ServiceRequest request(long cityId, String id, boolean notes) {
		if (id == null || !CitizenReports.CODE.matcher(id).matches()) {
			throw new NotFoundException("service_request_id", id);
		}
		return requests(cityId, new RequestFilter(List.of(id), List.of(), null, null, Set.of(), 1, 1, notes)).stream()
			.findFirst()
			.orElseThrow(() -> new NotFoundException("service_request_id", id));
	}

	/** The request a token was given for; 404 for an unknown token or another city's. */
	@Transactional(readOnly = true)
	public Created token(long cityId, String token) {
		if (token == null || token.length() > 64) {
			throw new NotFoundException("token", token);
		}
		return partners.codeForToken(cityId, token)
			.map(code -> new Created(code, token))
			.orElseThrow(() -> new NotFoundException("token", token));
	}

	/**
	 * Takes in a partner's request as a citizen report of the city, with the partner's key on it.
	 * Every wrong field is named at once and nothing is stored: an unknown service (404, as the spec
	 * says), no place, an {@code address_id} alone (this city keeps no address register), a
	 * description over 4,000 characters, a reporter field too long.
	 */
	@Transactional
	public Created submit(long cityId, PartnerKeys.Partner partner, Submission s) {
		if (partner.cityId() != cityId) {
			throw new IllegalArgumentException("the key was checked against another city");
		}
		String code = blankToNull(s.serviceCode());
		if (code == null) {
			throw new InvalidInputException(FieldProblem.of("service_code", "open311.error.serviceCode.required"));
		}
		ServiceType service = service(cityId, code);
		List<FieldProblem> wrong = new ArrayList<>();
		String address = blankToNull(s.addressString());
		if (address == null && s.lat() == null && s.lng() == null && blankToNull(s.addressId()) != null) {
			wrong.add(FieldProblem.of("address_id", "open311.error.addressId"));
		}
		String email = limited(s.email(), "email", MAX_EMAIL, wrong);
		if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
			wrong.add(FieldProblem.of("email", "open311.error.email"));
		}
		String deviceId = limited(s.deviceId(), "device_id", MAX_PARTNER_FIELD, wrong);
		String accountId = limited(s.accountId(), "account_id", MAX_PARTNER_FIELD, wrong);
		String mediaUrl = limited(s.mediaUrl(), "media_url", MAX_MEDIA_URL, wrong);
		if (mediaUrl != null && !mediaUrl.matches("https?://\\S+")) {
			wrong.add(FieldProblem.of("media_url", "open311.error.mediaUrl"));
		}
		String name = java.util.stream.Stream.of(blankToNull(s.firstName()), blankToNull(s.lastName()))
			.filter(java.util.Objects::nonNull)
			.collect(Collectors.joining(" "));
		// the spec makes the description optional; a report needs words, so the service's name stands in
		String description = s.description() == null || s.description().isBlank() ? service.name() : s.description();
		CitizenReports.Submitted created;
		try {
			created = reports.submit(cityId,
					new ReportDraft(service.name(), description, address, s.lat(), s.lng(), name.isEmpty() ? null : name,
							blankToNull(s.phone())),
					List.of(), new ReportSender(ReportChannel.OPEN311, null, null, partner.keyId()));
		}
		catch (InvalidInputException ex) {
			wrong.addAll(ex.problems());
			created = null;
		}
		if (!wrong.isEmpty()) {
			throw new InvalidInputException(wrong);
		}
		byte[] bytes = new byte[18];
		random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		partners.insertPartnerData(new PartnerKeyStore.PartnerData(created.id(), cityId, partner.keyId(), token, email,
				deviceId, accountId, mediaUrl));
		return new Created(created.code(), token);
	}

	private static ServiceRequest view(Open311Store.RequestRow r, List<Note> notes) {
		String status = r.state().open311Status();
		boolean closed = "closed".equals(status);
		Instant updated = closed && r.closedAt() != null ? r.closedAt()
				: java.util.stream.Stream.of(r.requestedAt(), r.lastUpdate(), r.closedAt())
					.filter(java.util.Objects::nonNull)
					.max(Comparator.naturalOrder())
					.orElse(r.requestedAt());
		return new ServiceRequest(r.code(), status, r.state(), r.statusNotes(),
				new ServiceRequest.Service(String.valueOf(r.categoryId()), r.category()), r.description(), r.agency(),
				new ServiceRequest.Times(r.requestedAt(), updated, closed ? null : r.expectedAt()),
				new ServiceRequest.Place(r.address(), r.lat(), r.lng()), r.photoId(), notes);
	}

	private static String limited(String value, String field, int max, List<FieldProblem> wrong) {
		String v = blankToNull(value);
		if (v != null && v.length() > max) {
			wrong.add(FieldProblem.of(field, "open311.error.long", max));
		}
		return v;
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

}
