package cn.chuangwen.participation.web;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
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

import cn.chuangwen.files.Downloads;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.files.FileKind;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.participation.CitizenReports;
import cn.chuangwen.participation.OfficeReport;
import cn.chuangwen.participation.ReportChannel;
import cn.chuangwen.participation.ReportDetail;
import cn.chuangwen.participation.ReportDraft;
import cn.chuangwen.participation.ReportFilter;
import cn.chuangwen.participation.ReportState;
import cn.chuangwen.participation.ReportTriage;
import cn.chuangwen.problems.ProblemView;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FilterOption;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.GeoPoint;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.web.HtmxView;

/**
 * The office's pages for citizen reports (issue 11 §1–2): the list with its filters in the URL,
 * paging and Excel export; one report with its photos, personal data (with the permission), "me
 * too"s, updates and the three answers; the entry form for hotline calls and report-box letters;
 * the categories' default units. The facade decides; these pages show and post back.
 */
@Controller
@PreAuthorize("hasAuthority('participation:triage')")
class ReportPages {

	static final int PAGE_SIZE = 50;

	static final int MAX_UNITS = 5_000;

	private final ReportTriage triage;

	private final Problems problems;

	private final Units units;

	private final EvidenceStore files;

	private final MessageSource messages;

	ReportPages(ReportTriage triage, Problems problems, Units units, EvidenceStore files, MessageSource messages) {
		this.triage = triage;
		this.problems = problems;
		this.units = units;
		this.files = files;
		this.messages = messages;
	}

	// --- the list

	/** The list; a filter value the page does not know (an edited address) is ignored, never an error page. */
	@GetMapping("/participation/reports")
	String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String state,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String categoryId,
			@RequestParam(required = false) String townId, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String q,
			@RequestParam(required = false) Integer page, Model model, Locale locale, HttpServletRequest request,
			HttpServletResponse response) {
		ReportFilter filter = ReportParams.filter(state, channel, categoryId, townId, from, to, q, new ArrayList<>());
		Page<OfficeReport> result = triage.page(user, filter, PageRequest.lenient(page, PAGE_SIZE));
		model.addAttribute("result", result);
		model.addAttribute("reports", result.items());
		model.addAttribute("total", result.total());
		model.addAttribute("stateOptions", FilterOption.of(List.of(ReportState.values()), ReportState::name,
				s -> messages.getMessage(s.messageKey(), null, locale),
				filter.state() == null ? null : filter.state().name()));
		model.addAttribute("channelOptions", FilterOption.of(List.of(ReportChannel.values()), ReportChannel::name,
				c -> messages.getMessage(c.messageKey(), null, locale),
				filter.channel() == null ? null : filter.channel().name()));
		model.addAttribute("categoryOptions", FilterOption.of(problems.categoryChoices(user.cityId()),
				Problems.Category::id, Problems.Category::name,
				filter.categoryId() == null ? null : filter.categoryId().toString()));
		model.addAttribute("townOptions", FilterOption.of(towns(user), UnitView::id, UnitView::name,
				filter.townId() == null ? null : filter.townId().toString()));
		model.addAttribute("from", filter.from());
		model.addAttribute("to", filter.to());
		model.addAttribute("q", filter.q());
		model.addAttribute("personal", user.can(Permissions.PARTICIPATION_PERSONAL));
		String query = request.getQueryString();
		model.addAttribute("exportUrl", "/participation/reports/export.xlsx" + (query == null ? "" : "?" + query));
		return HtmxView.of(request, response, "participation/reports", "results");
	}

	@GetMapping("/participation/reports/export.xlsx")
	void export(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String state,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String categoryId,
			@RequestParam(required = false) String townId, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String q, Locale locale,
			HttpServletResponse response) throws IOException {
		ReportFilter filter = ReportParams.filter(state, channel, categoryId, townId, from, to, q, new ArrayList<>());
		response.setContentType(FileKind.XLSX.contentType());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				Downloads.contentDisposition("attachment", messages.getMessage("citizenReport.export.file", null, locale)));
		ReportWorkbook.write(triage, user, filter, messages, locale, response.getOutputStream());
	}

	// --- one report

	@GetMapping("/participation/reports/{id}")
	String report(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
		return detail(user, id, model, FormErrors.none(), null, Map.of());
	}

	@GetMapping("/participation/reports/{id}/photos/{photoId}")
	ResponseEntity<Resource> photo(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@PathVariable long photoId) {
		return Downloads.file(triage.originalPhoto(user, id, photoId), files, true);
	}

	@PostMapping("/participation/reports/{id}/accept")
	String accept(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String unitId, Model model, Locale locale, HttpServletResponse response,
			RedirectAttributes redirect) {
		List<FieldProblem> bad = new ArrayList<>();
		Long unit = cn.chuangwen.shared.web.QueryParams.id("unitId", unitId, bad);
		try {
			if (!bad.isEmpty()) {
				throw new InvalidInputException(bad);
			}
			long problemId = triage.accept(user, id, unit);
			redirect.addFlashAttribute("notice", "citizenReport.page.accepted");
			redirect.addFlashAttribute("noticeArg",
					problems.findById(user, problemId).map(ProblemView::code).orElse(""));
			return "redirect:/participation/reports/" + id;
		}
		catch (InvalidInputException | ConflictException ex) {
			return refused(user, id, model, locale, response, ex, "accept", Map.of("unitId", unitId == null ? "" : unitId));
		}
	}

	@PostMapping("/participation/reports/{id}/merge")
	String merge(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String problemCode, Model model, Locale locale,
			HttpServletResponse response, RedirectAttributes redirect) {
		try {
			ProblemView p = problems.findByCode(user, problemCode)
				.orElseThrow(() -> new InvalidInputException(
						FieldProblem.of("problemCode", "citizenReport.triage.error.problem")));
			try {
				triage.merge(user, id, p.id());
			}
			catch (InvalidInputException ex) {
				// the facade names the id; the form asks for the code
				throw new InvalidInputException(ex.problems()
					.stream()
					.map(f -> "problemId".equals(f.field())
							? FieldProblem.of("problemCode", f.messageKey(), f.args().toArray()) : f)
					.toList());
			}
			redirect.addFlashAttribute("notice", "citizenReport.page.merged");
			redirect.addFlashAttribute("noticeArg", p.code());
			return "redirect:/participation/reports/" + id;
		}
		catch (InvalidInputException | ConflictException ex) {
			return refused(user, id, model, locale, response, ex, "merge",
					Map.of("problemCode", problemCode == null ? "" : problemCode));
		}
	}

	@PostMapping("/participation/reports/{id}/reject")
	String reject(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String publicReason, Model model, Locale locale,
			HttpServletResponse response, RedirectAttributes redirect) {
		try {
			triage.reject(user, id, publicReason);
			redirect.addFlashAttribute("notice", "citizenReport.page.rejected");
			redirect.addFlashAttribute("noticeArg", "");
			return "redirect:/participation/reports/" + id;
		}
		catch (InvalidInputException | ConflictException ex) {
			return refused(user, id, model, locale, response, ex, "reject",
					Map.of("publicReason", publicReason == null ? "" : publicReason));
		}
	}

	private String refused(CurrentUser user, long id, Model model, Locale locale, HttpServletResponse response,
			RuntimeException ex, String form, Map<String, String> values) {
		List<FieldProblem> problemList = ex instanceof InvalidInputException invalid ? invalid.problems()
				: List.of(FieldProblem.of("answer", ((ConflictException) ex).messageKey()));
		response.setStatus(ex instanceof InvalidInputException ? HttpServletResponse.SC_BAD_REQUEST
				: HttpServletResponse.SC_CONFLICT);
		return detail(user, id, model, FormErrors.of(problemList, messages, locale), form, values);
	}

	private String detail(CurrentUser user, long id, Model model, FormErrors errors, String openForm,
			Map<String, String> values) {
		ReportDetail d = triage.get(user, id);
		model.addAttribute("d", d);
		model.addAttribute("r", d.report());
		model.addAttribute("errors", errors);
		model.addAttribute("openForm", openForm);
		model.addAttribute("values", values);
		model.addAttribute("personal", user.can(Permissions.PARTICIPATION_PERSONAL));
		model.addAttribute("answerable", d.report().state() == ReportState.RECEIVED);
		model.addAttribute("unitGroups", unitGroups(user));
		// "as suggested" unless the office chose a unit: the trace then says why the unit was chosen
		String chosen = values.get("unitId");
		model.addAttribute("chosenUnit", chosen == null ? "" : chosen);
		return "participation/report";
	}

	// --- entering a hotline call or a report-box letter

	/** The entry form as posted. */
	public static class EntryForm {

		private String channel = ReportChannel.HOTLINE.name();

		private String category;

		private String description;

		private String address;

		private String lat;

		private String lng;

		private String reporterName;

		private String reporterPhone;

		public String getChannel() {
			return channel;
		}

		public void setChannel(String channel) {
			this.channel = channel;
		}

		public String getCategory() {
			return category;
		}

		public void setCategory(String category) {
			this.category = category;
		}

		public String getDescription() {
			return description;
		}

		public void setDescription(String description) {
			this.description = description;
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

		public String getReporterName() {
			return reporterName;
		}

		public void setReporterName(String reporterName) {
			this.reporterName = reporterName;
		}

		public String getReporterPhone() {
			return reporterPhone;
		}

		public void setReporterPhone(String reporterPhone) {
			this.reporterPhone = reporterPhone;
		}

	}

	@GetMapping("/participation/reports/new")
	String newForm(@AuthenticationPrincipal CurrentUser user, Model model) {
		return entryForm(user, model, new EntryForm(), FormErrors.none());
	}

	@PostMapping("/participation/reports")
	String enter(@AuthenticationPrincipal CurrentUser user, EntryForm form,
			@RequestParam(name = "files", required = false) List<MultipartFile> uploads, Model model, Locale locale,
			HttpServletResponse response, RedirectAttributes redirect) throws IOException {
		List<InputStream> opened = new ArrayList<>();
		try {
			List<FieldProblem> bad = new ArrayList<>();
			BigDecimal lat = GeoPoint.readCoordinate(GeoPoint.LAT, form.lat, bad);
			BigDecimal lng = GeoPoint.readCoordinate(GeoPoint.LNG, form.lng, bad);
			if (!bad.isEmpty()) {
				throw new InvalidInputException(bad);
			}
			List<CitizenReports.Photo> photos = new ArrayList<>();
			for (MultipartFile f : uploads == null ? List.<MultipartFile>of() : uploads) {
				if (f != null && !f.isEmpty()) {
					InputStream in = f.getInputStream();
					opened.add(in);
					photos.add(new CitizenReports.Photo(f.getOriginalFilename(), in));
				}
			}
			CitizenReports.Submitted s = triage.enter(user, ReportParams.channel(form.channel),
					new ReportDraft(form.category, form.description, form.address, lat, lng, form.reporterName,
							form.reporterPhone),
					photos);
			redirect.addFlashAttribute("notice", "citizenReport.page.entered");
			redirect.addFlashAttribute("noticeArg", s.code());
			return "redirect:/participation/reports/" + s.id();
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return entryForm(user, model, form, FormErrors.of(ex.problems(), messages, locale));
		}
		finally {
			for (InputStream in : opened) {
				in.close();
			}
		}
	}

	private String entryForm(CurrentUser user, Model model, EntryForm form, FormErrors errors) {
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("channels", List.of(ReportChannel.HOTLINE, ReportChannel.REPORT_BOX));
		model.addAttribute("categories", problems.categoryChoices(user.cityId()));
		return "participation/report-form";
	}

	// --- the categories' default units

	@GetMapping("/participation/settings")
	String settings(@AuthenticationPrincipal CurrentUser user, Model model) {
		model.addAttribute("defaults", triage.defaults(user));
		model.addAttribute("unitGroups", unitGroups(user));
		model.addAttribute("errors", FormErrors.none());
		return "participation/settings";
	}

	@PostMapping("/participation/settings")
	String saveSetting(@AuthenticationPrincipal CurrentUser user, @RequestParam long categoryId,
			@RequestParam(required = false) String unitId, Model model, Locale locale, HttpServletResponse response,
			RedirectAttributes redirect) {
		try {
			List<FieldProblem> bad = new ArrayList<>();
			Long unit = cn.chuangwen.shared.web.QueryParams.id("unitId", unitId, bad);
			if (!bad.isEmpty()) {
				throw new InvalidInputException(bad);
			}
			triage.setDefault(user, categoryId, unit);
			redirect.addFlashAttribute("notice", "citizenReport.settings.saved");
			return "redirect:/participation/settings";
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("defaults", triage.defaults(user));
			model.addAttribute("unitGroups", unitGroups(user));
			model.addAttribute("errors", FormErrors.of(ex.problems(), messages, locale));
			return "participation/settings";
		}
	}

	// ---

	private List<UnitView> cityUnits(CurrentUser user) {
		return units.search(user.scope(), new UnitQuery(user.cityCode(), null, null, true, null), MAX_UNITS);
	}

	private List<UnitView> towns(CurrentUser user) {
		return cityUnits(user).stream()
			.filter(u -> u.kind().isTownLevel())
			.sorted(Comparator.comparing(UnitView::code))
			.toList();
	}

	/** The city's active units grouped by kind (towns, departments...), for a unit picker. */
	private Map<?, List<UnitView>> unitGroups(CurrentUser user) {
		return cityUnits(user).stream()
			.filter(u -> u.parentId() != null)
			.collect(Collectors.groupingBy(UnitView::kind, LinkedHashMap::new, Collectors.toList()));
	}

}
