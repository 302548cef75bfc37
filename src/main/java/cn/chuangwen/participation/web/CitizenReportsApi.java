package cn.chuangwen.participation.web;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.chuangwen.files.Downloads;
import cn.chuangwen.files.StoredFile;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.participation.CitizenReports;
import cn.chuangwen.participation.PublicReport;
import cn.chuangwen.participation.ReportChallenge;
import cn.chuangwen.participation.ReportDraft;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.GeoPoint;
import cn.chuangwen.shared.InvalidInputException;

/**
 * The public API of citizen reports (issue 11 §5), anonymous and rate-limited per address: send a
 * report, follow it by its code, its public photos (EXIF stripped), the open reports near a place,
 * "me too", the rating once solved, and the challenge asked after a few reports an hour. No answer
 * carries a name, a phone or a sender hash.
 */
@RestController
class CitizenReportsApi {

	static final String ROOT = "/api/v1/public";

	private final CitizenReports reports;

	private final EvidenceStore files;

	private final MessageSource messages;

	CitizenReportsApi(CitizenReports reports, EvidenceStore files, MessageSource messages) {
		this.reports = reports;
		this.files = files;
		this.messages = messages;
	}

	record Created(String code, String followUrl) {
	}

	record ReportJson(String code, String state, String category, Instant createdAt, List<String> photos,
			List<UpdateJson> updates) {
	}

	record UpdateJson(Instant at, String text) {
	}

	record NearbyJson(String code, long distanceMeters, String state) {
	}

	record SupportJson(String code, int supporters, boolean counted) {
	}

	record RatingRequest(Integer stars) {
	}

	@PostMapping(path = ROOT + "/{cityCode}/reports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<Created> submit(@PathVariable String cityCode, @RequestParam(required = false) String category,
			@RequestParam(required = false) String description, @RequestParam(required = false) String lat,
			@RequestParam(required = false) String lng, @RequestParam(required = false) String address,
			@RequestParam(required = false) String name, @RequestParam(required = false) String phone,
			@RequestParam(required = false) String challenge, @RequestParam(required = false) String answer,
			@RequestParam(required = false) List<MultipartFile> files, HttpServletRequest request) throws IOException {
		CityView city = reports.city(cityCode);
		ReportDraft draft = draft(category, description, lat, lng, address, name, phone);
		List<CitizenReports.Photo> photos = photos(files);
		try {
			CitizenReports.Submitted sent = reports.submitPublic(city.id(), draft, photos, request.getRemoteAddr(),
					challenge, answer);
			String followUrl = CitizenReportPages.followPath(city.code(), sent.code());
			return ResponseEntity.created(URI.create(ROOT + "/reports/" + sent.code()))
				.body(new Created(sent.code(), followUrl));
		}
		finally {
			close(photos);
		}
	}

	@GetMapping(ROOT + "/{cityCode}/reports/challenge")
	ReportChallenge challenge(@PathVariable String cityCode, HttpServletRequest request) {
		reports.city(cityCode);
		return reports.challenge(request.getRemoteAddr());
	}

	@GetMapping(ROOT + "/{cityCode}/reports/nearby")
	List<NearbyJson> nearby(@PathVariable String cityCode, @RequestParam(required = false) String lat,
			@RequestParam(required = false) String lng, @RequestParam(required = false) String category) {
		CityView city = reports.city(cityCode);
		List<FieldProblem> bad = new ArrayList<>();
		BigDecimal la = GeoPoint.readCoordinate(GeoPoint.LAT, lat, bad);
		BigDecimal ln = GeoPoint.readCoordinate(GeoPoint.LNG, lng, bad);
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
		return reports.nearby(city.id(), category, la, ln)
			.stream()
			.map(n -> new NearbyJson(n.code(), n.distanceMeters(), n.state().name()))
			.toList();
	}

	@GetMapping(ROOT + "/reports/{code}")
	ReportJson report(@PathVariable String code) {
		PublicReport r = reports.follow(code);
		Locale locale = LocaleContextHolder.getLocale();
		List<String> photos = r.photoIds().stream().map(id -> photoPath(r.code(), id)).toList();
		List<UpdateJson> updates = r.updates()
			.stream()
			.map(u -> new UpdateJson(u.at(),
					u.text() != null ? u.text() : messages.getMessage(u.state().messageKey(), null, locale)))
			.toList();
		return new ReportJson(r.code(), r.state().name(), r.category(), r.createdAt(), photos, updates);
	}

	/** A public photo of the report: the copy re-encoded without EXIF, never the original. */
	@GetMapping(ROOT + "/reports/{code}/photos/{fileId}")
	ResponseEntity<Resource> photo(@PathVariable String code, @PathVariable long fileId) {
		return Downloads.file(reports.publicPhoto(code, fileId), files, true);
	}

	/**
	 * The thumbnail of a public photo (made on first request, from the copy without metadata): what
	 * the follow page shows, linking the full copy. A copy too small for a thumbnail is its own.
	 */
	@GetMapping(ROOT + "/reports/{code}/photos/{fileId}/thumbnail")
	ResponseEntity<Resource> thumbnail(@PathVariable String code, @PathVariable long fileId) {
		StoredFile copy = reports.publicPhoto(code, fileId);
		return Downloads.thumbnail(copy, files).orElseGet(() -> Downloads.file(copy, files, true));
	}

	/** "Me too": 201 when counted, 200 for a sender who had said so already (counted once). */
	@PostMapping(ROOT + "/reports/{code}/support")
	ResponseEntity<SupportJson> support(@PathVariable String code, HttpServletRequest request) {
		CitizenReports.Supported s = reports.support(code, request.getRemoteAddr());
		return ResponseEntity.status(s.counted() ? HttpStatus.CREATED : HttpStatus.OK)
			.body(new SupportJson(s.code(), s.supporters(), s.counted()));
	}

	/** The rating of a solved report, once: 204; before it is solved or a second time 409. */
	@PostMapping(path = ROOT + "/reports/{code}/rating", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Void> rate(@PathVariable String code, @RequestBody(required = false) RatingRequest body) {
		reports.rate(code, body == null ? null : body.stars());
		return ResponseEntity.noContent().build();
	}

	static String photoPath(String code, long fileId) {
		return ROOT + "/reports/" + code + "/photos/" + fileId;
	}

	/** The draft from text fields; a coordinate that is not a number is named at once. */
	static ReportDraft draft(String category, String description, String lat, String lng, String address,
			String name, String phone) {
		List<FieldProblem> bad = new ArrayList<>();
		BigDecimal la = GeoPoint.readCoordinate(GeoPoint.LAT, lat, bad);
		BigDecimal ln = GeoPoint.readCoordinate(GeoPoint.LNG, lng, bad);
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
		return new ReportDraft(category, description, address, la, ln, name, phone);
	}

	/** The files sent, without the empty part a form sends when no file was chosen. */
	static List<CitizenReports.Photo> photos(List<MultipartFile> files) throws IOException {
		List<CitizenReports.Photo> photos = new ArrayList<>();
		if (files == null) {
			return photos;
		}
		List<MultipartFile> sent = files.stream()
			.filter(f -> f != null && !(f.isEmpty() && (f.getOriginalFilename() == null || f.getOriginalFilename().isBlank())))
			.toList();
		for (MultipartFile f : sent) {
			// more than allowed: no stream is opened, the count alone refuses the report
			InputStream in = sent.size() > CitizenReports.MAX_PHOTOS ? InputStream.nullInputStream() : f.getInputStream();
			photos.add(new CitizenReports.Photo(f.getOriginalFilename(), in));
		}
		return photos;
	}

	static void close(List<CitizenReports.Photo> photos) {
		for (CitizenReports.Photo p : photos) {
			try {
				p.content().close();
			}
			catch (IOException ignored) {
				// a temporary file of the request: the container removes it anyway
			}
		}
	}

}
