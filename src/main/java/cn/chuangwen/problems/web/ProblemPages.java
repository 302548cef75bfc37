package cn.chuangwen.problems.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.chuangwen.files.Upload;
import cn.chuangwen.files.Uploads;
import cn.chuangwen.files.Downloads;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.problems.PhotoWarning;
import cn.chuangwen.problems.ProblemDetail;
import cn.chuangwen.problems.ProblemDraft;
import cn.chuangwen.problems.ProblemFilter;
import cn.chuangwen.problems.ProblemSeverity;
import cn.chuangwen.problems.ProblemSource;
import cn.chuangwen.problems.ProblemState;
import cn.chuangwen.problems.ProblemView;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FilterOption;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.GeoPoint;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.web.HtmxView;

/**
 * The problem pages (issue 8): the filtered list, the entry form, the problem with its photos
 * before and after, its rectifications and the forms of what the viewer may do now, and the
 * photos. The facade decides who may do what; these pages show what it returns and post back to
 * it. A form's bad input comes back on the problem page beside that form (flash, then redirect),
 * so a reload never posts twice.
 */
@Controller
@PreAuthorize("hasAuthority('problem:read')")
class ProblemPages {

	static final int PAGE_SIZE = 50;

	/** Units a form offers in one select, grouped by kind; a city has a few hundred at most. */
	static final int UNIT_CHOICES = 500;

	/** A problem is given to any unit below the city; the city itself is the office. */
	static final Set<UnitKind> RESPONSIBLE = EnumSet.complementOf(EnumSet.of(UnitKind.CITY));

	private final Problems problems;

	private final Units units;

	private final Cities cities;

	private final EvidenceStore files;

	private final MessageSource messages;

	private final Clock clock;

	/** The map's tile URL template (天地图 or a local tile server); blank: markers on a plain background. */
	private final String tileUrl;

	ProblemPages(Problems problems, Units units, Cities cities, EvidenceStore files, MessageSource messages,
			Clock clock, @org.springframework.beans.factory.annotation.Value("${chuangwen.map.tile-url:}") String tileUrl) {
		this.tileUrl = tileUrl == null ? "" : tileUrl.strip();
		this.problems = problems;
		this.units = units;
		this.cities = cities;
		this.files = files;
		this.messages = messages;
		this.clock = clock;
	}

	// --- the list

	/**
	 * The list with its filters in the URL. A filter value the page does not know (an edited
	 * address) is ignored rather than refused: the list then shows more, never an error page.
	 */
	@GetMapping("/problems")
	String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String city,
			@RequestParam(required = false) String state, @RequestParam(required = false) String source,
			@RequestParam(required = false) String category, @RequestParam(required = false) String severity,
			@RequestParam(required = false) String overdue, @RequestParam(required = false) String q,
			@RequestParam(required = false) String unitId, @RequestParam(required = false) String mine,
			@RequestParam(required = false) Integer page, Model model, Locale locale, HttpServletRequest request,
			HttpServletResponse response) {
		List<CityView> visible = cities.visible(user.scope());
		Long cityId = user.cityId();
		CityView chosenCity = null;
		if (cityId == null && city != null && !city.isBlank()) {
			chosenCity = cities.byCode(user.scope(), city.trim()).orElse(null);
			cityId = chosenCity == null ? null : chosenCity.id();
		}
		List<FieldProblem> ignored = new ArrayList<>();
		ProblemState s = ProblemParams.state(state, ignored);
		ProblemSource src = ProblemParams.source(source, ignored);
		ProblemSeverity sev = ProblemParams.severity(severity, ignored);
		Boolean late = ProblemParams.bool("overdue", overdue, ignored);
		Long unit = ProblemParams.id("unitId", unitId, ignored);
		String text = ProblemParams.text(q, ignored);
		boolean leader = user.has(Role.CITY_LEADER);
		boolean attached = leader && "true".equals(mine);
		List<String> categories = cityId == null ? List.of() : problems.categories(cityId);
		String cat = ProblemParams.blank(category);
		if (cat != null && !categories.contains(cat)) {
			cat = null;
		}
		ProblemFilter filter = new ProblemFilter(unit, s, src, cat, sev, late, attached ? user.id() : null, text);
		Page<ProblemView> result = problems.page(user, cityId, filter, PageRequest.lenient(page, PAGE_SIZE));
		model.addAttribute("result", result);
		model.addAttribute("problems", result.items());
		model.addAttribute("total", result.total());
		model.addAttribute("stateOptions", FilterOption.of(List.of(ProblemState.values()), ProblemState::name,
				x -> messages.getMessage(x.messageKey(), null, locale), s == null ? null : s.name()));
		model.addAttribute("sourceOptions", FilterOption.of(List.of(ProblemSource.values()), ProblemSource::name,
				x -> messages.getMessage(x.messageKey(), null, locale), src == null ? null : src.name()));
		model.addAttribute("severityOptions", FilterOption.of(List.of(ProblemSeverity.values()),
				ProblemSeverity::name, x -> messages.getMessage(x.messageKey(), null, locale),
				sev == null ? null : sev.name()));
		model.addAttribute("categoryOptions", FilterOption.of(categories, c -> c, c -> c, cat));
		model.addAttribute("overdueOptions", FilterOption.of(List.of(true, false), String::valueOf,
				b -> messages.getMessage(b ? "problem.page.overdue.yes" : "problem.page.overdue.no", null, locale),
				late == null ? null : late.toString()));
		// units to filter by: those of one city the caller sees (a province user picks a city first)
		List<UnitView> unitChoices = cityId == null ? List.of() : unitChoices(user, cityCode(user, cityId), null);
		model.addAttribute("unitOptions", FilterOption.of(unitChoices, UnitView::id, UnitView::name,
				unit == null ? null : unit.toString()));
		model.addAttribute("moreFilters", src != null || cat != null || sev != null || unit != null);
		model.addAttribute("q", text);
		model.addAttribute("leader", leader);
		model.addAttribute("mine", attached);
		model.addAttribute("cities", visible);
		model.addAttribute("cityOptions", FilterOption.of(visible, CityView::code, CityView::name,
				chosenCity == null ? null : chosenCity.code()));
		model.addAttribute("cityNames", visible.stream().collect(Collectors.toMap(CityView::id, CityView::name)));
		model.addAttribute("acrossCities", cityId == null && visible.size() > 1);
		model.addAttribute("wholeCities", problems.readsWholeCities(user));
		model.addAttribute("tileUrl", tileUrl);
		String query = request.getQueryString();
		model.addAttribute("exportUrl", "/problems/export.xlsx" + (query == null ? "" : "?" + query));
		model.addAttribute("mapUrl", "/problems/map.json" + (query == null ? "" : "?" + query));
		return HtmxView.of(request, response, "problems/list", "results");
	}

	// --- entering

	@GetMapping("/problems/new")
	@PreAuthorize("hasAuthority('problem:write')")
	String newForm(@AuthenticationPrincipal CurrentUser user, Model model) {
		ProblemForm form = new ProblemForm();
		form.source = ProblemSource.OFFICE.name();
		form.severity = ProblemSeverity.GENERAL.name();
		return form(user, model, form, FormErrors.none());
	}

	/**
	 * Enters a problem, then stores its photos. These are two steps: a photo refused after the
	 * problem was entered (not an image, say) does not lose the problem; its page opens with the
	 * photo's error beside the "add photos" form, so the user adds them there. Too many photos are
	 * refused before anything is entered.
	 */
	@PostMapping("/problems")
	@PreAuthorize("hasAuthority('problem:write')")
	String create(@AuthenticationPrincipal CurrentUser user, ProblemForm form,
			@RequestParam(required = false) List<MultipartFile> files, Model model, Locale locale,
			HttpServletResponse response, RedirectAttributes redirect) throws IOException {
		List<Upload> uploads = Uploads.of(files);
		Problems.Created created;
		try {
			List<FieldProblem> bad = new ArrayList<>();
			ProblemDraft draft = form.toDraft(bad);
			if (uploads.size() > Problems.MAX_FILES) {
				bad.add(FieldProblem.of("files", "problem.error.files.tooMany", Problems.MAX_FILES));
			}
			ProblemParams.check(bad);
			created = problems.create(user, draft, form.dispatch);
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return form(user, model, form, FormErrors.of(ex.problems(), messages, locale));
		}
		if (!uploads.isEmpty()) {
			try {
				List<PhotoWarning> warnings = problems.addPhotos(user, created.id(), uploads);
				redirect.addFlashAttribute("warnings", warnings);
			}
			catch (InvalidInputException ex) {
				redirect.addFlashAttribute("notice", "problem.page.created.photosRefused");
				redirect.addFlashAttribute("errors", prefixed("photos", FormErrors.of(ex.problems(), messages, locale)));
				redirect.addFlashAttribute("openForm", "photos");
				return "redirect:/problems/" + created.id() + "#photos";
			}
		}
		redirect.addFlashAttribute("notice", form.dispatch ? "problem.page.created.dispatched" : "problem.page.created");
		return "redirect:/problems/" + created.id();
	}

	private String form(CurrentUser user, Model model, ProblemForm form, FormErrors errors) {
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("sources", ProblemSource.values());
		model.addAttribute("severities", ProblemSeverity.values());
		model.addAttribute("categories", problems.categories(user.cityId()));
		model.addAttribute("unitGroups", grouped(unitChoices(user, user.cityCode(), null)));
		model.addAttribute("verifiers", problems.verifiers(user));
		model.addAttribute("maxFiles", Problems.MAX_FILES);
		// the date picker's earliest day: today in Beijing, by the application's clock
		model.addAttribute("today", LocalDate.now(clock.withZone(Problems.ZONE)).toString());
		return "problems/form";
	}

	// --- one problem

	@GetMapping("/problems/{id}")
	String detail(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
		ProblemDetail d = problems.get(user, id);
		ProblemView p = d.problem();
		model.addAttribute("d", d);
		model.addAttribute("p", p);
		model.addAttribute("before", d.beforePhotos());
		// rectifications come newest first
		model.addAttribute("latest", d.rectifications().isEmpty() ? null : d.rectifications().get(0));
		// The verifier weighs the warnings; the unit that sent the photos is not shown them, so that
		// they stay a check on its evidence rather than a hint how to pass it (issue 8 §9).
		model.addAttribute("showWarnings", user.can(Permissions.PROBLEM_VERIFY) || !user.can(Permissions.PROBLEM_RECTIFY));
		// "已逾期 3 天": whole days in Beijing between the deadline's day and today (at least one)
		model.addAttribute("overdueDays", !p.overdue() ? 0 : Math.max(1, ChronoUnit.DAYS.between(
				LocalDate.ofInstant(p.deadline(), Problems.ZONE), LocalDate.now(clock.withZone(Problems.ZONE)))));
		model.addAttribute("mayVerify", d.may(ProblemState.Action.PASS) || d.may(ProblemState.Action.REJECT));
		model.addAttribute("mayChangeDeadline", user.can(Permissions.PROBLEM_WRITE) && p.state() != ProblemState.CLOSED);
		model.addAttribute("rerouteGroups", d.may(ProblemState.Action.REROUTE)
				? grouped(unitChoices(user, cityCode(user, p.cityId()), null).stream().filter(u -> u.id() != p.unitId())
					.toList())
				: Map.of());
		model.addAttribute("maxFiles", Problems.MAX_FILES);
		model.addAttribute("unitTopLeader", units.topLeaderShown(user.scope(), p.unitId()).orElse(null));
		if (user.scope().allCities()) {
			model.addAttribute("viewingCity", cities.visible(user.scope())
				.stream()
				.filter(c -> c.id() == p.cityId())
				.map(CityView::name)
				.findFirst()
				.orElse(null));
		}
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", FormErrors.none());
		}
		return "problems/detail";
	}

	@PostMapping("/problems/{id}/dispatch")
	@PreAuthorize("hasAuthority('problem:write')")
	String dispatch(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
		problems.dispatch(user, id);
		return done(redirect, id, "problem.page.dispatched");
	}

	@PostMapping("/problems/{id}/sign")
	@PreAuthorize("hasAuthority('problem:rectify')")
	String sign(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
		problems.sign(user, id);
		return done(redirect, id, "problem.page.signed");
	}

	@PostMapping("/problems/{id}/dispute")
	@PreAuthorize("hasAuthority('problem:rectify')")
	String dispute(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String reason, Locale locale, RedirectAttributes redirect) {
		try {
			problems.dispute(user, id, reason);
			return done(redirect, id, "problem.page.disputed");
		}
		catch (InvalidInputException ex) {
			return refused(redirect, id, "dispute", ex, locale, "reason", reason);
		}
	}

	@PostMapping("/problems/{id}/reroute")
	@PreAuthorize("hasAuthority('problem:write')")
	String reroute(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String unitId, @RequestParam(required = false) String reason,
			Locale locale, RedirectAttributes redirect) {
		try {
			List<FieldProblem> bad = new ArrayList<>();
			Long unit = ProblemParams.id("unitId", unitId, bad);
			ProblemParams.check(bad);
			problems.reroute(user, id, unit, reason);
			return done(redirect, id, "problem.page.rerouted");
		}
		catch (InvalidInputException ex) {
			return refused(redirect, id, "reroute", ex, locale, "unitId", unitId, "reason", reason);
		}
	}

	@PostMapping("/problems/{id}/insist")
	@PreAuthorize("hasAuthority('problem:write')")
	String insist(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String reason, Locale locale, RedirectAttributes redirect) {
		try {
			problems.insist(user, id, reason);
			return done(redirect, id, "problem.page.insisted");
		}
		catch (InvalidInputException ex) {
			return refused(redirect, id, "insist", ex, locale, "reason", reason);
		}
	}

	@PostMapping("/problems/{id}/deadline")
	@PreAuthorize("hasAuthority('problem:write')")
	String deadline(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String deadline, @RequestParam(required = false) String reason,
			Locale locale, RedirectAttributes redirect) {
		try {
			List<FieldProblem> bad = new ArrayList<>();
			Instant at = ProblemParams.deadline(deadline, bad);
			ProblemParams.check(bad);
			problems.changeDeadline(user, id, at, reason);
			return done(redirect, id, "problem.page.deadlineChanged");
		}
		catch (InvalidInputException ex) {
			return refused(redirect, id, "deadline", ex, locale, "reason", reason, "deadline", deadline);
		}
	}

	/**
	 * The unit's rectification. The photos' warnings are not echoed to the unit (see
	 * {@link #detail}); whoever verifies sees them on the problem page.
	 */
	@PostMapping("/problems/{id}/rectifications")
	@PreAuthorize("hasAuthority('problem:rectify')")
	String rectify(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String text, @RequestParam(required = false) List<MultipartFile> files,
			Locale locale, RedirectAttributes redirect) throws IOException {
		try {
			problems.rectify(user, id, text, Uploads.of(files));
			return done(redirect, id, "problem.page.rectified");
		}
		catch (InvalidInputException ex) {
			return refused(redirect, id, "rectify", ex, locale, "text", text);
		}
	}

	@PostMapping("/problems/{id}/verification")
	@PreAuthorize("hasAuthority('problem:verify')")
	String verify(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String decision, @RequestParam(required = false) String reason,
			Locale locale, RedirectAttributes redirect) {
		try {
			List<FieldProblem> bad = new ArrayList<>();
			Problems.Decision d = ProblemParams.decision(decision, bad);
			ProblemParams.check(bad);
			problems.verify(user, id, d, reason);
			return done(redirect, id, d == Problems.Decision.PASS ? "problem.page.passed" : "problem.page.rejected");
		}
		catch (InvalidInputException ex) {
			return refused(redirect, id, "verify", ex, locale, "reason", reason);
		}
	}

	@PostMapping("/problems/{id}/instructions")
	@PreAuthorize("hasAuthority('instruction:write')")
	String instruct(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String text, Locale locale, RedirectAttributes redirect) {
		try {
			problems.instruct(user, id, text);
			return done(redirect, id, "problem.page.instructed");
		}
		catch (InvalidInputException ex) {
			return refused(redirect, id, "instruct", ex, locale, "text", text);
		}
	}

	@PostMapping("/problems/{id}/photos")
	String addPhotos(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) List<MultipartFile> files, Locale locale, RedirectAttributes redirect)
			throws IOException {
		try {
			List<PhotoWarning> warnings = problems.addPhotos(user, id, Uploads.of(files));
			redirect.addFlashAttribute("warnings", warnings);
			return done(redirect, id, "problem.page.photosAdded");
		}
		catch (InvalidInputException ex) {
			return refused(redirect, id, "photos", ex, locale);
		}
	}

	// --- photos

	@GetMapping("/problems/{id}/photos/{photoId}")
	ResponseEntity<Resource> photo(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@PathVariable long photoId) {
		return Downloads.file(problems.photo(user, id, photoId), files, true);
	}

	@GetMapping("/problems/{id}/photos/{photoId}/thumbnail")
	ResponseEntity<Resource> thumbnail(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@PathVariable long photoId) {
		return Downloads.thumbnail(problems.photo(user, id, photoId), files)
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	// --- steps

	private static String done(RedirectAttributes redirect, long id, String notice) {
		redirect.addFlashAttribute("notice", notice);
		return "redirect:/problems/" + id;
	}

	/**
	 * Back to the problem with the form's errors beside that form (their fields named
	 * {@code <form>-<field>}, as its inputs are, so the summary's links reach them) and what was typed.
	 */
	private String refused(RedirectAttributes redirect, long id, String formName, InvalidInputException ex,
			Locale locale, String... typed) {
		redirect.addFlashAttribute("errors", prefixed(formName, FormErrors.of(ex.problems(), messages, locale)));
		redirect.addFlashAttribute("openForm", formName);
		// field name, then what was typed (null when the field was not sent)
		HashMap<String, String> kept = new HashMap<>();
		for (int i = 0; i + 1 < typed.length; i += 2) {
			if (typed[i + 1] != null) {
				kept.put(typed[i], typed[i + 1]);
			}
		}
		redirect.addFlashAttribute("typed", kept);
		return "redirect:/problems/" + id + "#" + formName;
	}

	private static FormErrors prefixed(String formName, FormErrors errors) {
		return new FormErrors(errors.items()
			.stream()
			.map(i -> new FormErrors.Item(i.field() == null ? null : formName + "-" + i.field(), i.row(), i.message()))
			.toList());
	}

	/**
	 * The active units of a city a select offers, those matching {@code q} when given: one page,
	 * searched in the database (the search box above the select asks again as the user types).
	 */
	private List<UnitView> unitChoices(CurrentUser user, String cityCode, String q) {
		return units.page(user.scope(), new UnitQuery(cityCode, null, ProblemParams.blank(q), true, null),
				new PageRequest(1, UNIT_CHOICES))
			.items()
			.stream()
			.filter(u -> RESPONSIBLE.contains(u.kind()))
			.toList();
	}

	private String cityCode(CurrentUser user, long cityId) {
		return cityId == (user.cityId() == null ? -1 : user.cityId()) ? user.cityCode()
				: cities.visible(user.scope()).stream().filter(c -> c.id() == cityId).map(CityView::code).findFirst()
					.orElseThrow(() -> new cn.chuangwen.shared.NotFoundException("city", cityId));
	}

	/**
	 * The unit select's options matching what was typed (htmx, from the search box above a unit
	 * select): the chosen unit stays offered whatever the search, {@code exclude} (the problem's
	 * own unit, when re-routing) never is.
	 */
	@GetMapping("/problems/units")
	@PreAuthorize("hasAuthority('problem:write')")
	String unitOptions(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String q,
			@RequestParam(required = false) String unitId, @RequestParam(required = false) String exclude,
			Model model) {
		List<FieldProblem> ignored = new ArrayList<>();
		Long chosen = ProblemParams.id("unitId", unitId, ignored);
		Long excluded = ProblemParams.id("exclude", exclude, ignored);
		List<UnitView> found = new ArrayList<>(unitChoices(user, user.cityCode(), q));
		if (chosen != null && found.stream().noneMatch(u -> u.id() == chosen)) {
			units.find(user.scope(), chosen)
				.filter(u -> u.active() && user.cityId() != null && u.cityId() == user.cityId()
						&& RESPONSIBLE.contains(u.kind()))
				.ifPresent(u -> found.add(0, u));
		}
		model.addAttribute("unitGroups",
				grouped(found.stream().filter(u -> excluded == null || u.id() != excluded).toList()));
		model.addAttribute("chosenUnit", chosen == null ? null : chosen.toString());
		return "problems/unit-options :: options(groups=${unitGroups},chosen=${chosenUnit})";
	}

	/** Units by kind, in the kinds' order, for a select's option groups. */
	static Map<UnitKind, List<UnitView>> grouped(List<UnitView> units) {
		Map<UnitKind, List<UnitView>> byKind = new EnumMap<>(UnitKind.class);
		units.forEach(u -> byKind.computeIfAbsent(u.kind(), k -> new ArrayList<>()).add(u));
		return byKind;
	}

	/** The entry form as posted: numbers and dates as text, so a bad one becomes a field error. */
	public static class ProblemForm {

		String source;

		String category;

		String title;

		String description;

		String severity;

		String unitId;

		String address;

		String lat;

		String lng;

		String deadline;

		String verifier;

		boolean dispatch;

		ProblemDraft toDraft(List<FieldProblem> bad) {
			ProblemSource src = ProblemParams.source(source, bad);
			ProblemSeverity sev = ProblemParams.severity(severity, bad);
			Long unit = ProblemParams.id("unitId", unitId, bad);
			Instant due = ProblemParams.deadline(deadline, bad);
			BigDecimal latitude = null;
			BigDecimal longitude = null;
			try {
				GeoPoint place = GeoPoint.parseText(lat, lng);
				if (place != null) {
					latitude = place.latitude();
					longitude = place.longitude();
				}
			}
			catch (InvalidInputException ex) {
				bad.addAll(ex.problems());
			}
			return new ProblemDraft(src, category, title, description, sev, unit, List.of(),
					new ProblemDraft.Place(address, latitude, longitude), due, ProblemParams.blank(verifier), null);
		}

		public String getSource() {
			return source;
		}

		public void setSource(String source) {
			this.source = source;
		}

		public String getCategory() {
			return category;
		}

		public void setCategory(String category) {
			this.category = category;
		}

		public String getTitle() {
			return title;
		}

		public void setTitle(String title) {
			this.title = title;
		}

		public String getDescription() {
			return description;
		}

		public void setDescription(String description) {
			this.description = description;
		}

		public String getSeverity() {
			return severity;
		}

		public void setSeverity(String severity) {
			this.severity = severity;
		}

		public String getUnitId() {
			return unitId;
		}

		public void setUnitId(String unitId) {
			this.unitId = unitId;
		}

		public String getAddress() {
			return address;
		}

		public void setAddress(String address) {
			this.address = address;
		}

		public String getLat() {
			return lat;
		}

		public void setLat(String lat) {
			this.lat = lat;
		}

		public String getLng() {
			return lng;
		}

		public void setLng(String lng) {
			this.lng = lng;
		}

		public String getDeadline() {
			return deadline;
		}

		public void setDeadline(String deadline) {
			this.deadline = deadline;
		}

		public String getVerifier() {
			return verifier;
		}

		public void setVerifier(String verifier) {
			this.verifier = verifier;
		}

		public boolean isDispatch() {
			return dispatch;
		}

		public void setDispatch(boolean dispatch) {
			this.dispatch = dispatch;
		}

	}

}
