package cn.chuangwen.participation.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import cn.chuangwen.organization.CityView;
import cn.chuangwen.participation.Open311Requests;
import cn.chuangwen.participation.Open311Requests.RequestFilter;
import cn.chuangwen.participation.Open311Requests.ServiceRequest;
import cn.chuangwen.participation.PartnerKeys;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.participation.web.Open311Format.Items;
import cn.chuangwen.participation.web.Open311Format.Node;

import tools.jackson.databind.json.JsonMapper;

/**
 * Open311 GeoReport v2 under {@code /open311/v2} (issue 11 §4): discovery, services, service
 * definitions, requests (GET list and POST), one request, tokens; each in XML and JSON. Anonymous
 * (the public chain, under the per-address limit); a POST needs a partner's {@code api_key}. Every
 * error is the spec's {@code errors} document in the asked format: 403 for a missing, wrong or
 * revoked key, 404 for anything unknown, 429 over the key's limit, 400 otherwise; never HTML.
 * Extensions: {@code page}/{@code page_size}; {@code extensions=true} adds the public updates as
 * {@code notes}. No answer carries anything about who reported.
 */
@Controller
@RequestMapping("/open311/v2")
class Open311Api {

	private static final Logger log = LoggerFactory.getLogger(Open311Api.class);

	static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";

	/** When this API's shape last changed: discovery's sortable changeset. */
	static final String CHANGESET = "2026-12-01T00:00:00Z";

	/** The public (EXIF-free) copy of a report's photo, as the public report API serves it. */
	static final String PHOTO_PATH = "/api/v1/public/reports/{code}/photos/{fileId}";

	/** Sent with a created request: the spec's token for it, for {@code tokens/{token}}. */
	static final String TOKEN_HEADER = "X-Open311-Token";

	static final DateTimeFormatter W3C = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

	/** A coordinate as sent: WGS-84 degrees, any number of decimals (rounded to six). */
	static final Pattern COORDINATE = Pattern.compile("[+-]?\\d{1,3}(\\.\\d{1,20})?");

	/** A known resource with a wrong method is a bad request (400); anything else under the API is unknown (404). */
	static final Pattern RESOURCE = Pattern.compile(".*/open311/v2/(discovery|services|requests|tokens)(/[^/]+)?\\.(xml|json)");

	/** Our form names → the spec's, for error descriptions. */
	static final Map<String, String> FIELDS = Map.of("category", "service_code", "lng", "long", "address",
			"address_string", "name", "first_name", "place", "lat/long/address_string");

	/** Thrown for an answer other than the exceptions of the facades: a bad key (403), a limit (429). */
	static final class Refusal extends RuntimeException {

		private final HttpStatus status;

		private final String messageKey;

		private final Object[] args;

		/** Seconds for {@code Retry-After}; 0 for none. */
		private long retryAfter;

		Refusal(HttpStatus status, String messageKey, Object... args) {
			super(messageKey, null, false, false);
			this.status = status;
			this.messageKey = messageKey;
			this.args = args;
		}

		Refusal retryAfter(long seconds) {
			this.retryAfter = seconds;
			return this;
		}

	}

	private final Open311Requests open311;

	private final PartnerKeys partners;

	private final MessageSource messages;

	private final JsonMapper json;

	Open311Api(Open311Requests open311, PartnerKeys partners, MessageSource messages, JsonMapper json) {
		this.open311 = open311;
		this.partners = partners;
		this.messages = messages;
		this.json = json;
	}

	@GetMapping("/discovery.{format}")
	ResponseEntity<byte[]> discovery(@PathVariable String format) {
		Open311Format f = format(format);
		String url = ServletUriComponentsBuilder.fromCurrentContextPath().path("/open311/v2").toUriString();
		Node endpoint = new Node().put("specification", SPECIFICATION)
			.put("url", url)
			.put("changeset", CHANGESET)
			.put("type", "production")
			.put("formats", new Items("format", List.of("text/xml", "application/json")));
		Node discovery = new Node().put("changeset", CHANGESET)
			.put("contact", message("open311.discovery.contact"))
			.put("key_service", message("open311.discovery.keyService"))
			.put("endpoints", new Items("endpoint", List.of(endpoint)));
		return answer(f, HttpStatus.OK, "discovery", discovery);
	}

	@GetMapping("/services.{format}")
	ResponseEntity<byte[]> services(@PathVariable String format, HttpServletRequest request) {
		Open311Format f = format(format);
		CityView city = open311.jurisdiction(param(request, "jurisdiction_id"));
		List<Node> services = open311.services(city.id())
			.stream()
			.map(s -> new Node().put("service_code", s.code())
				.put("service_name", s.name())
				.put("description", null)
				.put("metadata", false)
				.put("type", "realtime")
				.put("keywords", null)
				.put("group", null))
			.toList();
		return answer(f, HttpStatus.OK, "services", new Items("service", services));
	}

	@GetMapping("/services/{code}.{format}")
	ResponseEntity<byte[]> service(@PathVariable String code, @PathVariable String format, HttpServletRequest request) {
		Open311Format f = format(format);
		CityView city = open311.jurisdiction(param(request, "jurisdiction_id"));
		var service = open311.service(city.id(), code);
		// no attributes: a report is a category, a place, words and photos
		Node definition = new Node().put("service_code", service.code()).put("attributes", new Items("attribute", List.of()));
		return answer(f, HttpStatus.OK, "service_definition", definition);
	}

	@GetMapping("/requests.{format}")
	ResponseEntity<byte[]> requests(@PathVariable String format, HttpServletRequest request) {
		Open311Format f = format(format);
		CityView city = open311.jurisdiction(param(request, "jurisdiction_id"));
		RequestFilter filter = filter(request);
		List<Node> requests = open311.requests(city.id(), filter).stream().map(Open311Api::request).toList();
		return answer(f, HttpStatus.OK, "service_requests", new Items("request", requests));
	}

	@GetMapping("/requests/{id}.{format}")
	ResponseEntity<byte[]> request(@PathVariable String id, @PathVariable String format, HttpServletRequest request) {
		Open311Format f = format(format);
		CityView city = open311.jurisdiction(param(request, "jurisdiction_id"));
		ServiceRequest r = open311.request(city.id(), id, "true".equals(param(request, "extensions")));
		return answer(f, HttpStatus.OK, "service_requests", new Items("request", List.of(request(r))));
	}

	@GetMapping("/tokens/{token}.{format}")
	ResponseEntity<byte[]> token(@PathVariable String token, @PathVariable String format, HttpServletRequest request) {
		Open311Format f = format(format);
		CityView city = open311.jurisdiction(param(request, "jurisdiction_id"));
		var created = open311.token(city.id(), token);
		Node answer = new Node().put("service_request_id", created.serviceRequestId()).put("token", created.token());
		return answer(f, HttpStatus.OK, "service_requests", new Items("request", List.of(answer)));
	}

	/** POST a request (form-urlencoded): the partner's key, its allowance, then the report itself. */
	@PostMapping("/requests.{format}")
	ResponseEntity<byte[]> create(@PathVariable String format, HttpServletRequest request) {
		Open311Format f = format(format);
		CityView city = open311.jurisdiction(param(request, "jurisdiction_id"));
		String key = param(request, "api_key");
		if (key == null) {
			throw new Refusal(HttpStatus.FORBIDDEN, "open311.error.key.missing");
		}
		PartnerKeys.Partner partner = partners.authenticate(city.id(), key)
			.orElseThrow(() -> new Refusal(HttpStatus.FORBIDDEN, "open311.error.key.invalid"));
		long wait = partners.takeRequest(partner);
		if (wait > 0) {
			throw new Refusal(HttpStatus.TOO_MANY_REQUESTS, "open311.error.key.limit", partner.requestsPerMinute(), wait)
				.retryAfter(wait);
		}
		List<FieldProblem> wrong = new ArrayList<>();
		BigDecimal lat = coordinate(param(request, "lat"), "lat", wrong);
		BigDecimal lng = coordinate(param(request, "long"), "long", wrong);
		if (!wrong.isEmpty()) {
			throw new InvalidInputException(wrong);
		}
		var created = open311.submit(city.id(), partner,
				new Open311Requests.Submission(param(request, "service_code"), lat, lng, param(request, "address_string"),
						param(request, "address_id"), param(request, "description"),
						new Open311Requests.Submission.Reporter(param(request, "email"), param(request, "first_name"),
								param(request, "last_name"), param(request, "phone")),
						param(request, "device_id"), param(request, "account_id"), param(request, "media_url")));
		Node answer = new Node().put("service_request_id", created.serviceRequestId())
			.put("service_notice", message("open311.notice.received"));
		return ResponseEntity.ok()
			.contentType(f.mediaType())
			.header(TOKEN_HEADER, created.token())
			.body(f.write("service_requests", new Items("request", List.of(answer)), json));
	}

	/** Anything else under the API: a known resource with another method is 400, the rest 404. */
	@RequestMapping("/**")
	ResponseEntity<byte[]> unknown(HttpServletRequest request) {
		if (RESOURCE.matcher(request.getRequestURI()).matches()) {
			throw new Refusal(HttpStatus.BAD_REQUEST, "open311.error.method", request.getMethod());
		}
		throw new Refusal(HttpStatus.NOT_FOUND, "open311.error.resource");
	}

	@ExceptionHandler(Refusal.class)
	ResponseEntity<byte[]> refused(Refusal ex, HttpServletRequest request) {
		ResponseEntity<byte[]> answer = errors(request, ex.status, List.of(message(ex.messageKey, ex.args)));
		if (ex.retryAfter > 0) {
			return ResponseEntity.status(ex.status)
				.headers(answer.getHeaders())
				.header(HttpHeaders.RETRY_AFTER, String.valueOf(ex.retryAfter))
				.body(answer.getBody());
		}
		return answer;
	}

	@ExceptionHandler(InvalidInputException.class)
	ResponseEntity<byte[]> invalid(InvalidInputException ex, HttpServletRequest request) {
		List<String> descriptions = ex.problems()
			.stream()
			.map(p -> FIELDS.getOrDefault(p.field(), p.field()) + ": "
					+ message(p.messageKey(), p.args() == null ? new Object[0] : p.args().toArray()))
			.toList();
		return errors(request, HttpStatus.BAD_REQUEST, descriptions);
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<byte[]> notFound(NotFoundException ex, HttpServletRequest request) {
		String what = ex.what() == null ? "" : ex.what();
		String key = switch (what) {
			case "jurisdiction_id", "service_code", "service_request_id", "token" -> "open311.error.notFound." + what;
			default -> "open311.error.resource";
		};
		return errors(request, HttpStatus.NOT_FOUND, List.of(message(key, ex.id())));
	}

	/** The spec: 400 for everything else, a general failure included; logged, since it may be a bug of ours. */
	@ExceptionHandler(Exception.class)
	ResponseEntity<byte[]> failed(Exception ex, HttpServletRequest request) {
		if (ex instanceof org.springframework.web.ErrorResponse || ex instanceof org.springframework.beans.TypeMismatchException
				|| ex instanceof org.springframework.http.converter.HttpMessageNotReadableException) {
			log.debug("Open311 request refused: {}", ex.toString());
		}
		else {
			log.error("Open311 request failed: {} {}", request.getMethod(), request.getRequestURI(), ex);
		}
		return errors(request, HttpStatus.BAD_REQUEST, List.of(message("open311.error.general")));
	}

	private ResponseEntity<byte[]> errors(HttpServletRequest request, HttpStatus status, List<String> descriptions) {
		Open311Format f = Open311Format.ofPath(request.getRequestURI());
		return ResponseEntity.status(status).contentType(f.mediaType()).body(f.errors(status, descriptions, json));
	}

	private ResponseEntity<byte[]> answer(Open311Format f, HttpStatus status, String root, Object body) {
		return ResponseEntity.status(status).contentType(f.mediaType()).body(f.write(root, body, json));
	}

	private static Node request(ServiceRequest r) {
		Node node = new Node().put("service_request_id", r.id())
			.put("status", r.status())
			.put("status_notes", r.statusNotes())
			.put("service_name", r.serviceName())
			.put("service_code", r.serviceCode())
			.put("description", r.description())
			.put("agency_responsible", r.agency())
			.put("service_notice", null)
			.put("requested_datetime", w3c(r.requestedAt()))
			.put("updated_datetime", w3c(r.updatedAt()))
			.put("expected_datetime", w3c(r.expectedAt()))
			.put("address", r.address())
			.put("address_id", null)
			.put("zipcode", null)
			.put("lat", r.lat())
			.put("long", r.lng())
			.put("media_url", r.photoId() == null ? null
					: ServletUriComponentsBuilder.fromCurrentContextPath()
						.path(PHOTO_PATH)
						.buildAndExpand(r.id(), r.photoId())
						.toUriString());
		if (r.notes() != null) {
			node.put("notes", new Items("note", r.notes()
				.stream()
				.map(n -> new Node().put("datetime", w3c(n.at()))
					.put("status", n.status())
					.put("type", "update")
					.put("description", n.text()))
				.toList()));
		}
		return node;
	}

	/** GET requests' parameters; an empty one is the same as an absent one (the spec). */
	static RequestFilter filter(HttpServletRequest request) {
		List<FieldProblem> wrong = new ArrayList<>();
		List<String> codes = list(param(request, "service_request_id"));
		List<Long> services = new ArrayList<>();
		for (String s : list(param(request, "service_code"))) {
			if (s.matches("\\d{1,18}")) {
				services.add(Long.parseLong(s));
			}
			else {
				wrong.add(FieldProblem.of("service_code", "open311.error.serviceCode"));
				break;
			}
		}
		if (codes.size() > Open311Requests.MAX_PAGE_SIZE || services.size() > Open311Requests.MAX_PAGE_SIZE) {
			wrong.add(FieldProblem.of(codes.size() > services.size() ? "service_request_id" : "service_code",
					"open311.error.tooMany", Open311Requests.MAX_PAGE_SIZE));
		}
		Instant start = date(param(request, "start_date"), "start_date", wrong);
		Instant end = date(param(request, "end_date"), "end_date", wrong);
		Set<String> statuses = new LinkedHashSet<>();
		for (String s : list(param(request, "status"))) {
			if (s.equals("open") || s.equals("closed")) {
				statuses.add(s);
			}
			else {
				wrong.add(FieldProblem.of("status", "open311.error.status"));
				break;
			}
		}
		int page = number(param(request, "page"), "page", 1, 1_000_000, wrong);
		int size = number(param(request, "page_size"), "page_size", Open311Requests.MAX_PAGE_SIZE,
				Open311Requests.MAX_PAGE_SIZE, wrong);
		if (!wrong.isEmpty()) {
			throw new InvalidInputException(wrong);
		}
		return new RequestFilter(codes, services, start, end, statuses, page, size,
				"true".equals(param(request, "extensions")));
	}

	private static List<String> list(String value) {
		return value == null ? List.of()
				: Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
	}

	/**
	 * A W3C date and time with its zone, which the spec makes mandatory. An unescaped {@code +} in a
	 * query string arrives as a space; it is read back as the {@code +} it was.
	 */
	static Instant date(String value, String field, List<FieldProblem> wrong) {
		if (value == null) {
			return null;
		}
		String text = value.matches(".*T.* \\d{2}:\\d{2}") ? value.replace(' ', '+') : value;
		try {
			return OffsetDateTime.parse(text, W3C).toInstant();
		}
		catch (DateTimeParseException ex) {
			wrong.add(FieldProblem.of(field, "open311.error.date"));
			return null;
		}
	}

	private static int number(String value, String field, int absent, int max, List<FieldProblem> wrong) {
		if (value == null) {
			return absent;
		}
		if (value.matches("\\d{1,7}")) {
			int n = Integer.parseInt(value);
			if (n >= 1 && n <= max) {
				return n;
			}
		}
		wrong.add(FieldProblem.of(field, "open311.error.number", max));
		return absent;
	}

	static BigDecimal coordinate(String value, String field, List<FieldProblem> wrong) {
		if (value == null) {
			return null;
		}
		if (!COORDINATE.matcher(value).matches()) {
			wrong.add(FieldProblem.of(field, "open311.error.coordinate"));
			return null;
		}
		return new BigDecimal(value).setScale(6, RoundingMode.HALF_UP);
	}

	private static String param(HttpServletRequest request, String name) {
		String value = request.getParameter(name);
		return value == null || value.isBlank() ? null : value.strip();
	}

	private static String w3c(Instant at) {
		return at == null ? null : W3C.format(at.truncatedTo(ChronoUnit.SECONDS).atZone(Problems.ZONE).toOffsetDateTime());
	}

	private Open311Format format(String extension) {
		Open311Format f = Open311Format.of(extension);
		if (f == null) {
			throw new Refusal(HttpStatus.NOT_FOUND, "open311.error.format");
		}
		return f;
	}

	private String message(String key, Object... args) {
		Locale locale = LocaleContextHolder.getLocale();
		return messages.getMessage(key, args, key, locale);
	}

}
