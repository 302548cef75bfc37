package cn.chuangwen.participation.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.chuangwen.organization.CityView;
import cn.chuangwen.participation.ChallengeRequired;
import cn.chuangwen.participation.CitizenReports;
import cn.chuangwen.participation.PublicReport;
import cn.chuangwen.participation.ReportChallenge;
import cn.chuangwen.participation.ReportState;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.GeoPoint;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;

/**
 * The citizen's pages (随手拍, issue 11 §1), phone first and without an account: the report form
 * ({@code /public/reports/{cityCode}/new}), the confirmation with the tracking code, and the follow
 * page of a report ({@code /public/reports/{cityCode}/{code}}) with its steps, public updates and
 * photos, "me too", and the rating once solved. Everything works without JavaScript; with it the
 * form offers the phone's location, a map and the reports already made nearby.
 */
@Controller
class CitizenReportPages {

	static final String ROOT = "/public/reports";

	/** The steps a report goes through as the citizen sees them; a rejected report stops after the first. */
	static final List<ReportState> STEPS = List.of(ReportState.RECEIVED, ReportState.ACCEPTED, ReportState.RECTIFYING,
			ReportState.SOLVED);

	private final CitizenReports reports;

	private final MessageSource messages;

	/** The map's tile URL template; blank: the map is drawn on a plain background. */
	private final String tileUrl;

	CitizenReportPages(CitizenReports reports, MessageSource messages,
			@Value("${chuangwen.map.tile-url:}") String tileUrl) {
		this.reports = reports;
		this.messages = messages;
		this.tileUrl = tileUrl == null ? "" : tileUrl.strip();
	}

	/** What the form sends, as typed: kept on an error so nothing is lost. */
	static final class ReportForm {

		String category;

		String description;

		String lat;

		String lng;

		String address;

		String name;

		String phone;

		public String getCategory() {
			return category;
		}

		public String getDescription() {
			return description;
		}

		public String getLat() {
			return lat;
		}

		public String getLng() {
			return lng;
		}

		public String getAddress() {
			return address;
		}

		public String getName() {
			return name;
		}

		public String getPhone() {
			return phone;
		}

	}

	/** One step on the follow page: its words, whether reached, whether the current one, and when. */
	record Step(String label, boolean reached, boolean current, Instant at) {
	}

	static String followPath(String cityCode, String code) {
		return ROOT + "/" + cityCode + "/" + code;
	}

	@GetMapping(ROOT + "/{cityCode}/new")
	String form(@PathVariable String cityCode, HttpServletRequest request, Model model) {
		CityView city = reports.city(cityCode);
		ReportChallenge challenge = reports.needsChallenge(request.getRemoteAddr()) ? reports.challenge(request.getRemoteAddr()) : null;
		return form(city, new ReportForm(), FormErrors.none(), challenge, model);
	}

	@PostMapping(ROOT + "/{cityCode}/new")
	String submit(@PathVariable String cityCode, @RequestParam(required = false) String category,
			@RequestParam(required = false) String description, @RequestParam(required = false) String lat,
			@RequestParam(required = false) String lng, @RequestParam(required = false) String address,
			@RequestParam(required = false) String name, @RequestParam(required = false) String phone,
			@RequestParam(required = false) String challenge, @RequestParam(required = false) String answer,
			@RequestParam(required = false) List<MultipartFile> files, HttpServletRequest request,
			HttpServletResponse response, Model model, Locale locale) throws IOException {
		CityView city = reports.city(cityCode);
		ReportForm form = new ReportForm();
		form.category = category;
		form.description = description;
		form.lat = lat;
		form.lng = lng;
		form.address = address;
		form.name = name;
		form.phone = phone;
		List<CitizenReports.Photo> photos = CitizenReportsApi.photos(files);
		try {
			CitizenReports.Submitted sent = reports.submitPublic(city.id(),
					CitizenReportsApi.draft(category, description, lat, lng, address, name, phone), photos,
					request.getRemoteAddr(), challenge, answer);
			return "redirect:" + followPath(city.code(), sent.code()) + "/sent";
		}
		catch (ChallengeRequired ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return form(city, form, FormErrors.of(ex.problems(), messages, locale), ex.challenge(), model);
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			// the challenge stays asked while the sender is over the hourly count (and its answer typed)
			ReportChallenge again = challenge != null && reports.needsChallenge(request.getRemoteAddr())
					? reports.challenge(request.getRemoteAddr()) : null;
			return form(city, form, FormErrors.of(ex.problems(), messages, locale), again, model);
		}
		finally {
			CitizenReportsApi.close(photos);
		}
	}

	private String form(CityView city, ReportForm form, FormErrors errors, ReportChallenge challenge, Model model) {
		model.addAttribute("city", city);
		model.addAttribute("categories", reports.categories(city.id()));
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("challenge", challenge);
		model.addAttribute("tileUrl", tileUrl);
		model.addAttribute("maxPhotos", CitizenReports.MAX_PHOTOS);
		model.addAttribute("maxDescription", CitizenReports.MAX_DESCRIPTION);
		Optional<GeoPoint.Box> area = reports.area(city.id());
		model.addAttribute("centerLat", area.map(b -> middle(b.minLat(), b.maxLat())).orElse(null));
		model.addAttribute("centerLng", area.map(b -> middle(b.minLng(), b.maxLng())).orElse(null));
		model.addAttribute("area", area.orElse(null));
		return "public/report-form";
	}

	private static String middle(BigDecimal a, BigDecimal b) {
		return a.add(b).divide(BigDecimal.valueOf(2), GeoPoint.SCALE, RoundingMode.HALF_UP).toPlainString();
	}

	/** The confirmation: the tracking code, large, with a copy button and the link to follow it. */
	@GetMapping(ROOT + "/{cityCode}/{code}/sent")
	String sent(@PathVariable String cityCode, @PathVariable String code, Model model) {
		PublicReport report = ofCity(cityCode, code);
		model.addAttribute("city", reports.city(cityCode));
		model.addAttribute("report", report);
		model.addAttribute("followUrl", followPath(report.cityCode(), report.code()));
		return "public/report-sent";
	}

	@GetMapping(ROOT + "/{cityCode}/{code}")
	String follow(@PathVariable String cityCode, @PathVariable String code, Model model) {
		return follow(ofCity(cityCode, code), model);
	}

	/** "Me too" from the follow page: counted once per sender, then back to the page. */
	@PostMapping(ROOT + "/{cityCode}/{code}/support")
	String support(@PathVariable String cityCode, @PathVariable String code, HttpServletRequest request,
			RedirectAttributes redirect) {
		PublicReport report = ofCity(cityCode, code);
		CitizenReports.Supported s = reports.support(report.code(), request.getRemoteAddr());
		redirect.addFlashAttribute("notice", s.counted() ? "citizenReport.support.counted" : "citizenReport.support.again");
		return "redirect:" + followPath(report.cityCode(), report.code());
	}

	/** The rating form (once the report is solved, once): back to the page, or the page with why not. */
	@PostMapping(ROOT + "/{cityCode}/{code}/rating")
	String rate(@PathVariable String cityCode, @PathVariable String code, @RequestParam(required = false) String stars,
			HttpServletResponse response, RedirectAttributes redirect, Model model, Locale locale) {
		PublicReport report = ofCity(cityCode, code);
		try {
			reports.rate(report.code(), parseStars(stars));
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("errors", FormErrors.of(ex.problems(), messages, locale));
			return follow(report, model);
		}
		catch (ConflictException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			model.addAttribute("ratingRefused", messages.getMessage(ex.messageKey(), ex.args(), locale));
			return follow(reports.follow(report.code()), model);
		}
		redirect.addFlashAttribute("notice", "citizenReport.rating.thanks");
		return "redirect:" + followPath(report.cityCode(), report.code());
	}

	private static Integer parseStars(String stars) {
		if (stars == null || !stars.strip().matches("\\d")) {
			return null;
		}
		return Integer.valueOf(stars.strip());
	}

	private String follow(PublicReport report, Model model) {
		List<Step> steps = new ArrayList<>();
		if (report.state() == ReportState.REJECTED) {
			steps.add(new Step(ReportState.RECEIVED.messageKey(), true, false, reachedAt(report, ReportState.RECEIVED)));
			steps.add(new Step(ReportState.REJECTED.messageKey(), true, true, reachedAt(report, ReportState.REJECTED)));
		}
		else {
			int now = STEPS.indexOf(report.state());
			for (int i = 0; i < STEPS.size(); i++) {
				steps.add(new Step(STEPS.get(i).messageKey(), i <= now, i == now, reachedAt(report, STEPS.get(i))));
			}
		}
		// the public reason of a rejection is the text of its update
		String reason = report.state() != ReportState.REJECTED ? null
				: report.updates()
					.stream()
					.filter(u -> u.state() == ReportState.REJECTED && u.text() != null)
					.reduce((a, b) -> b)
					.map(PublicReport.Update::text)
					.orElse(null);
		model.addAttribute("city", reports.city(report.cityCode()));
		model.addAttribute("report", report);
		model.addAttribute("steps", steps);
		model.addAttribute("reason", reason);
		model.addAttribute("photos", report.photoIds().stream().map(id -> CitizenReportsApi.photoPath(report.code(), id)).toList());
		model.addAttribute("updates", report.updates().stream().filter(u -> u.text() != null).toList());
		model.addAttribute("mayRate", report.state() == ReportState.SOLVED && report.rating() == null);
		model.addAttribute("maySupport", report.state() != ReportState.SOLVED && report.state() != ReportState.REJECTED);
		model.addAttribute("followUrl", followPath(report.cityCode(), report.code()));
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", FormErrors.none());
		}
		return "public/report-follow";
	}

	private static Instant reachedAt(PublicReport report, ReportState state) {
		return report.updates().stream().filter(u -> u.state() == state).map(PublicReport.Update::at).findFirst().orElse(null);
	}

	/** The report if it is one of the city's: another city's code under this city's address is 404 as well. */
	private PublicReport ofCity(String cityCode, String code) {
		PublicReport report = reports.follow(code);
		if (!report.cityCode().equals(cityCode)) {
			throw new NotFoundException("citizenReport", code);
		}
		return report;
	}

}
