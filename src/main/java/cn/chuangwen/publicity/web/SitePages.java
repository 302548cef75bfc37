package cn.chuangwen.publicity.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
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
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.chuangwen.files.Uploads;
import cn.chuangwen.files.Downloads;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.publicity.DemonstrationSite;
import cn.chuangwen.publicity.DemonstrationSites;
import cn.chuangwen.publicity.SiteDraft;
import cn.chuangwen.publicity.SiteKind;
import cn.chuangwen.publicity.SiteState;
import cn.chuangwen.publicity.internal.SitesWorkbook;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FilterOption;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

/**
 * Demonstration site pages (示范点, issue 12 §4): the list (kind and state filters in the address,
 * pages, Excel export of the filtered rows, a map of them), the office's form to record or edit a
 * site (photos from a phone), and one site with its photos, place on the map, history, and the
 * office's actions: add photos, name, withdraw with a reason, make a candidate again.
 */
@Controller
@PreAuthorize("hasAnyAuthority('publicity:read', 'publicity:manage')")
class SitePages {

	static final int PAGE_SIZE = 20;

	/** Units offered as in charge of a site, by at most this many: every active unit of a city fits. */
	static final int MAX_UNITS = PageRequest.MAX_SIZE;

	private final DemonstrationSites sites;

	private final Units units;

	private final EvidenceStore files;

	private final SitesWorkbook workbook;

	private final MessageSource messages;

	private final String tileUrl;

	SitePages(DemonstrationSites sites, Units units, EvidenceStore files, SitesWorkbook workbook,
			MessageSource messages, @Value("${chuangwen.map.tile-url:}") String tileUrl) {
		this.sites = sites;
		this.units = units;
		this.files = files;
		this.workbook = workbook;
		this.messages = messages;
		this.tileUrl = tileUrl == null ? "" : tileUrl.strip();
	}

	/** A marker of the map, as js/problem-map.js draws it: the kind as its code, the name as its title. */
	record Point(String code, String title, String state, String colour, String url, double lat, double lng) {
	}

	/** A filter value from the address: unknown is no condition (a list page never fails on its filter). */
	static <E extends Enum<E>> E lenient(Class<E> type, String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Enum.valueOf(type, text.strip());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** A filter value of the API: unknown is 400 on the field. */
	static <E extends Enum<E>> E strict(Class<E> type, String field, String text, List<FieldProblem> bad) {
		E value = lenient(type, text);
		if (value == null && text != null && !text.isBlank()) {
			bad.add(FieldProblem.of(field, "site.error." + field + ".invalid"));
		}
		return value;
	}

	@GetMapping("/publicity/sites")
	String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String state, @RequestParam(required = false) Integer page, Model model,
			Locale locale, HttpServletRequest request) {
		SiteKind k = lenient(SiteKind.class, kind);
		SiteState s = lenient(SiteState.class, state);
		Page<DemonstrationSite> result = sites.page(user, k, s, PageRequest.lenient(page, PAGE_SIZE));
		model.addAttribute("result", result);
		model.addAttribute("kindOptions", FilterOption.of(List.of(SiteKind.values()), SiteKind::name,
				x -> messages.getMessage(x.messageKey(), null, locale), k == null ? null : k.name()));
		model.addAttribute("stateOptions", FilterOption.of(List.of(SiteState.values()), SiteState::name,
				x -> messages.getMessage(x.messageKey(), null, locale), s == null ? null : s.name()));
		model.addAttribute("filtered", k != null || s != null);
		String query = query(k, s);
		model.addAttribute("exportUrl", "/publicity/sites.xlsx" + query);
		model.addAttribute("mapUrl", "/publicity/sites/map.json" + query);
		model.addAttribute("tileUrl", tileUrl);
		model.addAttribute("office", sites.records(user));
		model.addAttribute("province", user.scope().allCities());
		model.addAttribute("publicUrl", user.cityCode() == null ? null : "/public/sites/" + user.cityCode());
		return "publicity/sites";
	}

	private static String query(SiteKind k, SiteState s) {
		List<String> parts = new ArrayList<>();
		if (k != null) {
			parts.add("kind=" + k.name());
		}
		if (s != null) {
			parts.add("state=" + s.name());
		}
		return parts.isEmpty() ? "" : "?" + String.join("&", parts);
	}

	/** The located sites of the filtered list (every site has a place), at most one page of the largest size. */
	@GetMapping(value = "/publicity/sites/map.json", produces = "application/json")
	@ResponseBody
	List<Point> map(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String state, Locale locale) {
		return sites.page(user, lenient(SiteKind.class, kind), lenient(SiteState.class, state),
				PageRequest.first(PageRequest.MAX_SIZE))
			.items()
			.stream()
			.map(s -> point(s, "/publicity/sites/" + s.id(), locale))
			.toList();
	}

	@GetMapping(value = "/publicity/sites/{id}/map.json", produces = "application/json")
	@ResponseBody
	List<Point> siteMap(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Locale locale) {
		DemonstrationSite s = sites.get(user, id);
		return List.of(point(s, "/publicity/sites/" + s.id(), locale));
	}

	private Point point(DemonstrationSite s, String url, Locale locale) {
		return new Point(messages.getMessage(s.kind().messageKey(), null, locale), s.name(),
				messages.getMessage(s.state().messageKey(), null, locale), s.state().colour(), url,
				s.place().latitude().doubleValue(), s.place().longitude().doubleValue());
	}

	@GetMapping("/publicity/sites.xlsx")
	void export(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String state, HttpServletResponse response) throws IOException {
		List<DemonstrationSite> rows = sites.page(user, lenient(SiteKind.class, kind), lenient(SiteState.class, state),
				PageRequest.first(PageRequest.MAX_SIZE)).items();
		var buffer = new ByteArrayOutputStream();
		workbook.write(rows, buffer);
		response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		response.setHeader("Content-Disposition", Downloads.contentDisposition("attachment",
				messages.getMessage("site.export.fileName", new Object[] { String.valueOf(sites.thisYear()) },
						Locale.SIMPLIFIED_CHINESE)));
		response.setContentLength(buffer.size());
		buffer.writeTo(response.getOutputStream());
	}

	// --- the form

	@GetMapping("/publicity/sites/new")
	@PreAuthorize("hasAuthority('publicity:manage')")
	String create(@AuthenticationPrincipal CurrentUser user, Model model) {
		return form(user, null, SiteDraft.empty(), null, FormErrors.none(), model);
	}

	@PostMapping("/publicity/sites")
	@PreAuthorize("hasAuthority('publicity:manage')")
	String save(@AuthenticationPrincipal CurrentUser user, SiteForm form,
			@RequestParam(required = false) List<MultipartFile> files, HttpServletResponse response, Model model,
			Locale locale, RedirectAttributes redirect) throws IOException {
		SiteDraft draft = form.draft();
		try {
			DemonstrationSite s = sites.create(user, draft, Uploads.of(files));
			redirect.addFlashAttribute("notice", "site.done.created");
			return "redirect:/publicity/sites/" + s.id();
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			return form(user, null, draft, null, FormErrors.of(ex.problems(), messages, locale), model);
		}
	}

	@GetMapping("/publicity/sites/{id}/edit")
	@PreAuthorize("hasAuthority('publicity:manage')")
	String edit(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
		DemonstrationSite s = sites.get(user, id);
		if (!sites.manages(user, s)) {
			throw new NotFoundException("demonstrationSite", id);
		}
		SiteDraft draft = new SiteDraft(s.name(), s.kind().name(), String.valueOf(s.unitId()), s.address(),
				s.place().latitude().toPlainString(), s.place().longitude().toPlainString(), s.description(),
				s.yearNamed() == null ? "" : String.valueOf(s.yearNamed()));
		return form(user, s, draft, s.version(), FormErrors.none(), model);
	}

	@PostMapping("/publicity/sites/{id}")
	@PreAuthorize("hasAuthority('publicity:manage')")
	String update(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, SiteForm form,
			@RequestParam(required = false) String version, HttpServletResponse response, Model model, Locale locale,
			RedirectAttributes redirect) {
		SiteDraft draft = form.draft();
		Integer v = version != null && version.strip().matches("[0-9]{1,9}") ? Integer.valueOf(version.strip()) : null;
		try {
			sites.update(user, id, v, draft);
			redirect.addFlashAttribute("notice", "site.done.updated");
			return "redirect:/publicity/sites/" + id;
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			return form(user, sites.get(user, id), draft, v, FormErrors.of(ex.problems(), messages, locale), model);
		}
		catch (ConflictException ex) {
			response.setStatus(409);
			// what the user typed stays; the version is the one now saved, so a second save overwrites knowingly
			DemonstrationSite now = sites.get(user, id);
			return form(user, now, draft, now.version(),
					FormErrors.of(List.of(FieldProblem.of(null, "site.error.conflict")), messages, locale), model);
		}
	}

	private String form(CurrentUser user, DemonstrationSite site, SiteDraft form, Integer version, FormErrors errors,
			Model model) {
		model.addAttribute("site", site);
		model.addAttribute("form", form);
		model.addAttribute("version", version);
		model.addAttribute("errors", errors);
		model.addAttribute("kinds", SiteKind.values());
		model.addAttribute("maxPhotos", DemonstrationSites.MAX_PHOTOS);
		model.addAttribute("thisYear", sites.thisYear());
		List<UnitView> cityUnits = units.choices(user.scope(), EnumSet.complementOf(EnumSet.of(UnitKind.CITY)),
				true, null, null, PageRequest.first(MAX_UNITS)).items();
		// grouped by kind (towns, communities, departments, window units), as the unit pickers elsewhere
		Map<UnitKind, List<UnitView>> groups = cityUnits.stream()
			.filter(u -> user.cityId() != null && u.cityId() == user.cityId())
			.collect(Collectors.groupingBy(UnitView::kind, LinkedHashMap::new, Collectors.toList()));
		model.addAttribute("unitGroups", groups);
		return "publicity/site-form";
	}

	// --- one site

	@GetMapping("/publicity/sites/{id}")
	String site(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
		return site(user, id, FormErrors.none(), Map.of(), model);
	}

	private String site(CurrentUser user, long id, FormErrors errors, Map<String, String> typed, Model model) {
		DemonstrationSite s = sites.get(user, id);
		model.addAttribute("s", s);
		model.addAttribute("manager", sites.manages(user, s));
		model.addAttribute("history", sites.history(user, id));
		model.addAttribute("errors", errors);
		model.addAttribute("typed", typed);
		model.addAttribute("moves", s.state().next().stream().sorted().toList());
		model.addAttribute("canWithdraw", s.state().next().contains(SiteState.WITHDRAWN));
		model.addAttribute("maxPhotos", DemonstrationSites.MAX_PHOTOS);
		model.addAttribute("publicUrl", "/public/sites/" + s.city().code() + "/" + s.id());
		model.addAttribute("tileUrl", tileUrl);
		model.addAttribute("mapUrl", "/publicity/sites/" + s.id() + "/map.json");
		return "publicity/site";
	}

	@PostMapping("/publicity/sites/{id}/photos")
	@PreAuthorize("hasAuthority('publicity:manage')")
	String addPhotos(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) List<MultipartFile> files, HttpServletResponse response, Model model,
			Locale locale, RedirectAttributes redirect) throws IOException {
		try {
			sites.addPhotos(user, id, Uploads.of(files));
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			return site(user, id, FormErrors.of(ex.problems(), messages, locale), Map.of(), model);
		}
		catch (ConflictException ex) {
			response.setStatus(409);
			return site(user, id, FormErrors.of(List.of(FieldProblem.of(EvidenceStore.FIELD, ex.messageKey(), ex.args())),
					messages, locale), Map.of(), model);
		}
		redirect.addFlashAttribute("notice", "site.done.photos");
		return "redirect:/publicity/sites/" + id;
	}

	@PostMapping("/publicity/sites/{id}/state")
	@PreAuthorize("hasAuthority('publicity:manage')")
	String changeState(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String state, @RequestParam(required = false) String reason,
			HttpServletResponse response, Model model, Locale locale, RedirectAttributes redirect) {
		try {
			DemonstrationSite s = sites.changeState(user, id, state, reason);
			redirect.addFlashAttribute("notice", "site.done.state." + s.state().name());
			return "redirect:/publicity/sites/" + id;
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			return site(user, id, FormErrors.of(ex.problems(), messages, locale),
					Map.of("reason", reason == null ? "" : reason), model);
		}
		catch (ConflictException ex) {
			response.setStatus(409);
			return site(user, id, FormErrors.of(List.of(FieldProblem.of("state", ex.messageKey(), ex.args())), messages,
					locale), Map.of("reason", reason == null ? "" : reason), model);
		}
	}

	@GetMapping("/publicity/sites/{id}/photos/{fileId}")
	ResponseEntity<Resource> photo(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@PathVariable long fileId) {
		return Downloads.file(sites.photo(user, id, fileId), files, true);
	}

	@GetMapping("/publicity/sites/{id}/photos/{fileId}/thumbnail")
	ResponseEntity<Resource> thumbnail(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@PathVariable long fileId) {
		var original = sites.photo(user, id, fileId);
		return Downloads.thumbnail(original, files).orElseGet(() -> Downloads.file(original, files, true));
	}

}
