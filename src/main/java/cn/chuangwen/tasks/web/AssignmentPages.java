package cn.chuangwen.tasks.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

import cn.chuangwen.files.Uploads;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.files.Downloads;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FilterOption;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.shared.web.HtmxView;
import cn.chuangwen.tasks.AssignmentDraft;
import cn.chuangwen.tasks.AssignmentFilter;
import cn.chuangwen.tasks.AssignmentState;
import cn.chuangwen.tasks.AssignmentView;
import cn.chuangwen.tasks.Assignments;
import cn.chuangwen.tasks.Milestone;
import cn.chuangwen.tasks.ProgressReports;

/** Assignment pages: the list, the assignment form, the assignment with its reports and review. */
@Controller
@PreAuthorize("hasAuthority('assignment:read')")
class AssignmentPages {

	static final int PAGE_SIZE = 50;

	private final Assignments assignments;

	private final ProgressReports reports;

	private final IndicatorSystems indicators;

	private final Units units;

	private final Cities cities;

	private final EvidenceStore files;

	private final AuditTrail audit;

	private final MessageSource messages;

	AssignmentPages(Assignments assignments, ProgressReports reports, IndicatorSystems indicators, Units units,
			Cities cities, EvidenceStore files, AuditTrail audit, MessageSource messages) {
		this.assignments = assignments;
		this.reports = reports;
		this.indicators = indicators;
		this.units = units;
		this.cities = cities;
		this.files = files;
		this.audit = audit;
		this.messages = messages;
	}

	@GetMapping("/assignments")
	String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String city,
			@RequestParam(required = false) Long unitId, @RequestParam(required = false) Long groupId,
			@RequestParam(required = false) String state, @RequestParam(required = false) String code,
			@RequestParam(required = false) Long systemId, @RequestParam(required = false) Integer page, Model model,
			Locale locale, HttpServletRequest request, HttpServletResponse response) {
		Long cityId = user.cityId();
		if (cityId == null && city != null) {
			cityId = cities.byCode(user.scope(), city).map(c -> c.id()).orElse(null);
		}
		AssignmentState s = List.of(AssignmentState.values()).stream().filter(x -> x.name().equals(state)).findFirst()
			.orElse(null);
		AssignmentFilter filter = new AssignmentFilter(systemId, unitId, groupId,
				code == null || code.isBlank() ? null : code.trim(), s);
		List<CityView> visible = cities.visible(user.scope());
		PageRequest wanted = PageRequest.lenient(page, PAGE_SIZE);
		// Province staff without a chosen city see every city's items, with a city column.
		Page<AssignmentView> result = cityId == null && user.scope().allCities() && (city == null || city.isBlank())
				? assignments.pageAcrossCities(user, visible.stream().map(CityView::id).toList(), filter, wanted)
				: assignments.page(user, cityId, filter, wanted);
		model.addAttribute("result", result);
		model.addAttribute("assignments", result.items());
		model.addAttribute("total", result.total());
		model.addAttribute("stateOptions", FilterOption.of(List.of(AssignmentState.values()), AssignmentState::name,
				x -> messages.getMessage(x.messageKey(), null, locale), state));
		model.addAttribute("code", code);
		model.addAttribute("unitId", unitId);
		model.addAttribute("groupId", groupId);
		model.addAttribute("systemId", systemId);
		model.addAttribute("cities", visible);
		model.addAttribute("cityOptions", FilterOption.of(visible, CityView::code, CityView::name, city));
		model.addAttribute("cityNames", visible.stream().collect(java.util.stream.Collectors.toMap(CityView::id, CityView::name)));
		model.addAttribute("unit", unitId == null ? null : units.find(user.scope(), unitId).orElse(null));
		model.addAttribute("today", assignments.today());
		return HtmxView.of(request, response, "tasks/list", "results");
	}

	@GetMapping("/assignments/new")
	@PreAuthorize("hasAuthority('assignment:write')")
	String newForm(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Long systemId,
			@RequestParam(required = false) Long indicatorId, @RequestParam(required = false) Long leadUnitId,
			Model model) {
		AssignmentForm form = new AssignmentForm();
		form.indicatorId = indicatorId;
		form.leadUnitId = leadUnitId;
		form.startDate = assignments.today().toString();
		prefillResponsible(user, form);
		return form(user, model, form, systemId, FormErrors.none());
	}

	@PostMapping("/assignments")
	@PreAuthorize("hasAuthority('assignment:write')")
	String create(@AuthenticationPrincipal CurrentUser user, AssignmentForm form,
			@RequestParam(required = false) Long systemId, Model model, Locale locale, RedirectAttributes redirect) {
		try {
			AssignmentView created = assignments.create(user, form.toDraft());
			redirect.addFlashAttribute("notice", "assignment.created");
			return "redirect:/assignments/" + created.id();
		}
		catch (InvalidInputException ex) {
			return form(user, model, form, systemId, FormErrors.of(ex.problems(), messages, locale));
		}
	}

	@GetMapping("/assignments/{id}")
	String detail(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
		AssignmentView a = assignments.read(user, id);
		model.addAttribute("a", a);
		model.addAttribute("reports", reports.ofAssignment(user, id));
		model.addAttribute("unitTopLeader", units.topLeaderShown(user.scope(), a.leadUnitId()).orElse(null));
		model.addAttribute("history", audit.historyOf("assignment", String.valueOf(id), 50));
		model.addAttribute("today", assignments.today());
		model.addAttribute("roadmap", Roadmap.of(List.of(a), assignments.today()));
		// the report form comes first for the assignment's own units (lead or cooperating)
		boolean ownUnit = user.unitId() != null
				&& (a.leadUnitId() == user.unitId() || a.cooperatingUnitIds().contains(user.unitId()));
		model.addAttribute("canReport", user.can(cn.chuangwen.organization.Permissions.REPORT_SUBMIT) && ownUnit
				&& a.signedOffAt() == null && !a.withdrawn());
		model.addAttribute("canEdit", user.can(cn.chuangwen.organization.Permissions.ASSIGNMENT_WRITE) && !a.withdrawn());
		model.addAttribute("cityTarget", a.target().cityValue() == null ? null
				: assignments.cityTarget(user, a.indicatorId()).orElse(null));
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", FormErrors.none());
		}
		return "tasks/detail";
	}

	@PostMapping("/assignments/{id}/reports")
	@PreAuthorize("hasAuthority('report:submit')")
	String submit(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String text, @RequestParam(required = false) String percent,
			@RequestParam(required = false) String value, @RequestParam(required = false) Long resubmissionOf,
			@RequestParam(required = false) List<MultipartFile> files, Locale locale, RedirectAttributes redirect)
			throws IOException {
		try {
			var submitted = reports.submit(user, id, text, TasksApi.parseInt("percent", percent),
					TasksApi.parseDecimal("value", value), Uploads.of(files), resubmissionOf);
			redirect.addFlashAttribute("notice", "report.submitted");
			redirect.addFlashAttribute("warnings", submitted.warnings());
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", FormErrors.of(ex.problems(), messages, locale));
			redirect.addFlashAttribute("draftText", text);
			redirect.addFlashAttribute("draftPercent", percent);
			redirect.addFlashAttribute("draftValue", value);
		}
		return "redirect:/assignments/" + id + "#report";
	}

	@PostMapping("/reports/{reportId}/review")
	@PreAuthorize("hasAuthority('report:review')")
	String review(@AuthenticationPrincipal CurrentUser user, @PathVariable long reportId,
			@RequestParam(required = false) String decision, @RequestParam(required = false) String reason,
			Locale locale, RedirectAttributes redirect) {
		var report = reports.get(user, reportId);
		try {
			ProgressReports.Decision d = List.of(ProgressReports.Decision.values()).stream()
				.filter(x -> x.name().equals(decision)).findFirst().orElse(null);
			reports.review(user, reportId, d, reason);
			redirect.addFlashAttribute("notice", "APPROVE".equals(decision) ? "report.approved" : "report.returned");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", FormErrors.of(ex.problems(), messages, locale));
		}
		return "redirect:/assignments/" + report.assignmentId() + "#r" + reportId;
	}

	@PostMapping("/assignments/{id}/reopen")
	@PreAuthorize("hasAuthority('report:review')")
	String reopen(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(defaultValue = "0") int version, @RequestParam(required = false) String reason,
			Locale locale, RedirectAttributes redirect) {
		try {
			assignments.reopen(user, id, version, reason);
			redirect.addFlashAttribute("notice", "assignment.reopened");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", FormErrors.of(ex.problems(), messages, locale));
		}
		return "redirect:/assignments/" + id;
	}

	@GetMapping("/assignments/{id}/edit")
	@PreAuthorize("hasAuthority('assignment:write')")
	String editForm(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
		AssignmentView a = assignments.get(user.scope(), id);
		if (a.withdrawn()) {
			throw new ConflictException("assignment.error.withdrawn");
		}
		return edit(user, model, a, AssignmentForm.of(a), FormErrors.none());
	}

	@PostMapping("/assignments/{id}/edit")
	@PreAuthorize("hasAuthority('assignment:write')")
	String update(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, AssignmentForm form, Model model,
			Locale locale, RedirectAttributes redirect) {
		AssignmentView a = assignments.get(user.scope(), id);
		try {
			Assignments.Saved saved = assignments.update(user, id, form.version, form.toDraft(), form.reason);
			redirect.addFlashAttribute("notice", "assignment.updated");
			redirect.addFlashAttribute("shareWarnings", saved.warnings());
			return "redirect:/assignments/" + id;
		}
		catch (InvalidInputException ex) {
			return edit(user, model, a, form, FormErrors.of(ex.problems(), messages, locale));
		}
		catch (ConflictException ex) {
			model.addAttribute("conflict", true);
			return edit(user, model, a, form, FormErrors.none());
		}
	}

	@PostMapping("/assignments/{id}/withdraw")
	@PreAuthorize("hasAuthority('assignment:write')")
	String withdraw(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) Integer version, @RequestParam(required = false) String reason,
			Locale locale, RedirectAttributes redirect) {
		try {
			assignments.withdraw(user, id, version, reason);
			redirect.addFlashAttribute("notice", "assignment.withdrawn");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", FormErrors.of(ex.problems(), messages, locale));
			redirect.addFlashAttribute("withdrawOpen", true);
		}
		return "redirect:/assignments/" + id;
	}

	/**
	 * The unit picker's options (htmx type-ahead): the city's active units grouped by kind, those
	 * matching {@code q} shown, the ones already chosen kept (checked) whatever the search.
	 */
	@GetMapping("/assignments/unit-picker")
	@PreAuthorize("hasAuthority('assignment:write')")
	String unitPicker(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "cooperatingUnitIds") String field,
			@RequestParam(required = false) List<Long> cooperatingUnitIds, @RequestParam(required = false) Long leadUnitId,
			Model model) {
		boolean lead = "leadUnitId".equals(field);
		List<Long> chosen = lead ? (leadUnitId == null ? List.of() : List.of(leadUnitId))
				: cooperatingUnitIds == null ? List.of() : cooperatingUnitIds;
		model.addAttribute("picker", picker(user, q, chosen, lead ? "leadUnitId" : "cooperatingUnitIds", !lead));
		return "tasks/unit-picker :: options";
	}

	/**
	 * The responsible-person fields for a chosen lead unit (htmx, on choosing the unit): prefilled
	 * from the unit's top leader and its phone when the office has not typed a name yet.
	 */
	@GetMapping("/assignments/responsible")
	@PreAuthorize("hasAuthority('assignment:write')")
	String responsible(@AuthenticationPrincipal CurrentUser user, AssignmentForm form, Model model) {
		prefillResponsible(user, form);
		model.addAttribute("form", form);
		model.addAttribute("errors", FormErrors.none());
		return "tasks/form :: responsible";
	}

	private void prefillResponsible(CurrentUser user, AssignmentForm form) {
		if (form.leadUnitId == null || (form.responsibleName != null && !form.responsibleName.isBlank())) {
			return;
		}
		units.find(user.scope(), form.leadUnitId).ifPresent(u -> {
			if (u.leaderName() != null) {
				form.responsibleName = u.leaderName();
				if (form.responsiblePhone == null || form.responsiblePhone.isBlank()) {
					form.responsiblePhone = u.liaisonPhone();
				}
			}
		});
	}

	/** Units a picker offers before a search narrows them; the picker says how many match in all. */
	static final int PICKER_SIZE = 50;

	/** Any unit below the city can lead or cooperate; the city itself is the office that assigns. */
	static final java.util.Set<UnitKind> ASSIGNABLE = java.util.EnumSet.complementOf(java.util.EnumSet.of(UnitKind.CITY));

	/** A picker over the active units in scope matching {@code q}, searched and paged in the database. */
	private UnitPicker picker(CurrentUser user, String q, List<Long> chosen, String field, boolean multiple) {
		List<Long> ids = chosen == null ? List.of() : chosen;
		return UnitPicker.of(units.choices(user.scope(), ASSIGNABLE, true, q, null, PageRequest.first(PICKER_SIZE)),
				units.findAll(user.scope(), ids), q, ids, field, multiple);
	}

	private String edit(CurrentUser user, Model model, AssignmentView a, AssignmentForm form, FormErrors errors) {
		model.addAttribute("a", a);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("editing", true);
		model.addAttribute("cityTarget", assignments.cityTarget(user, a.indicatorId()).orElse(null));
		model.addAttribute("leadPicker", picker(user, null,
				form.leadUnitId == null ? List.of() : List.of(form.leadUnitId), "leadUnitId", false));
		model.addAttribute("coopPicker", picker(user, null, form.cooperatingUnitIds, "cooperatingUnitIds", true));
		return "tasks/form";
	}

	@GetMapping("/assignments/{id}/evidence/{evidenceId}")
	ResponseEntity<Resource> evidence(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@PathVariable long evidenceId, @RequestParam(defaultValue = "false") boolean inline) {
		return Downloads.file(reports.evidenceFile(user, id, evidenceId), files, inline);
	}

	@GetMapping("/assignments/{id}/evidence/{evidenceId}/thumb")
	ResponseEntity<Resource> thumbnail(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@PathVariable long evidenceId) {
		return Downloads.thumbnail(reports.evidenceFile(user, id, evidenceId), files)
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	private String form(CurrentUser user, Model model, AssignmentForm form, Long systemId, FormErrors errors) {
		List<IndicatorSystemView> systems = indicators.list(user.scope());
		IndicatorSystemView system = indicators.current(user.scope(), systemId).orElse(null);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("systems", systems);
		model.addAttribute("system", system);
		model.addAttribute("leaves", system == null ? List.of() : indicators.leaves(user.scope(), system.id()));
		model.addAttribute("editing", false);
		model.addAttribute("leadPicker", picker(user, null,
				form.leadUnitId == null ? List.of() : List.of(form.leadUnitId), "leadUnitId", false));
		model.addAttribute("coopPicker", picker(user, null, form.cooperatingUnitIds, "cooperatingUnitIds", true));
		return "tasks/form";
	}

	/** The assignment form as posted; dates as yyyy-MM-dd text so bad dates become field errors. */
	public static class AssignmentForm {

		Long indicatorId;

		Long leadUnitId;

		List<Long> cooperatingUnitIds = new ArrayList<>();

		String responsibleName;

		String responsiblePost;

		String responsiblePhone;

		String targetDescription;

		String targetShare;

		Integer version;

		String reason;

		String startDate;

		String deadline;

		boolean backwards;

		List<String> milestoneDates = new ArrayList<>();

		List<String> milestonePercents = new ArrayList<>();

		/** The form filled with an assignment, to change it. */
		static AssignmentForm of(AssignmentView a) {
			AssignmentForm f = new AssignmentForm();
			f.indicatorId = a.indicatorId();
			f.leadUnitId = a.leadUnitId();
			f.cooperatingUnitIds = new ArrayList<>(a.cooperatingUnitIds());
			f.responsibleName = a.responsible().name();
			f.responsiblePost = a.responsible().post();
			f.responsiblePhone = a.responsible().phone();
			f.targetDescription = a.targetDescription();
			f.targetShare = a.target().share() == null ? null : a.target().share().stripTrailingZeros().toPlainString();
			f.startDate = a.startDate().toString();
			f.deadline = a.deadline().toString();
			f.version = a.version();
			for (Milestone m : a.milestones()) {
				f.milestoneDates.add(m.date().toString());
				f.milestonePercents.add(String.valueOf(m.percent()));
			}
			return f;
		}

		/** Rows of the milestone table: the ones entered and at least one empty row, at least three. */
		public int milestoneRows() {
			return Math.max(3, Math.max(milestoneDates.size(), milestonePercents.size()) + 1);
		}

		AssignmentDraft toDraft() {
			List<FieldProblem> problems = new ArrayList<>();
			BigDecimal share = null;
			if (targetShare != null && !targetShare.isBlank()) {
				try {
					share = new BigDecimal(targetShare.trim().replace(",", ""));
				}
				catch (NumberFormatException ex) {
					problems.add(FieldProblem.of("targetShare", "assignment.error.share.format"));
				}
			}
			LocalDate start = date("startDate", startDate, problems);
			LocalDate end = date("deadline", deadline, problems);
			List<Milestone> milestones = new ArrayList<>();
			if (backwards && start != null && end != null && !end.isBefore(start)) {
				milestones.addAll(Assignments.scheduleBackwards(start, end));
			}
			else {
				for (int i = 0; i < milestoneDates.size(); i++) {
					String d = milestoneDates.get(i);
					String p = i < milestonePercents.size() ? milestonePercents.get(i) : null;
					if ((d == null || d.isBlank()) && (p == null || p.isBlank())) {
						continue;
					}
					LocalDate md = date("milestones[" + i + "]", d, problems);
					Integer mp = null;
					try {
						mp = Integer.valueOf(p == null ? "" : p.trim());
					}
					catch (NumberFormatException ex) {
						problems.add(FieldProblem.of("milestones[" + i + "]", "assignment.error.percent.range"));
					}
					if (md != null && mp != null) {
						milestones.add(new Milestone(md, mp));
					}
				}
			}
			if (!problems.isEmpty()) {
				throw new InvalidInputException(problems);
			}
			return new AssignmentDraft(indicatorId, leadUnitId, cooperatingUnitIds,
					new AssignmentView.Responsible(responsibleName, responsiblePost, responsiblePhone),
					targetDescription, share, start, end, milestones);
		}

		static LocalDate date(String field, String text, List<FieldProblem> problems) {
			if (text == null || text.isBlank()) {
				return null;
			}
			try {
				return LocalDate.parse(text.trim());
			}
			catch (DateTimeParseException ex) {
				problems.add(FieldProblem.of(field, "assignment.error.date"));
				return null;
			}
		}

		public Long getIndicatorId() {
			return indicatorId;
		}

		public void setIndicatorId(Long indicatorId) {
			this.indicatorId = indicatorId;
		}

		public Long getLeadUnitId() {
			return leadUnitId;
		}

		public void setLeadUnitId(Long leadUnitId) {
			this.leadUnitId = leadUnitId;
		}

		public List<Long> getCooperatingUnitIds() {
			return cooperatingUnitIds;
		}

		public void setCooperatingUnitIds(List<Long> cooperatingUnitIds) {
			this.cooperatingUnitIds = cooperatingUnitIds == null ? new ArrayList<>() : cooperatingUnitIds;
		}

		public String getResponsibleName() {
			return responsibleName;
		}

		public void setResponsibleName(String responsibleName) {
			this.responsibleName = responsibleName;
		}

		public String getResponsiblePost() {
			return responsiblePost;
		}

		public void setResponsiblePost(String responsiblePost) {
			this.responsiblePost = responsiblePost;
		}

		public String getResponsiblePhone() {
			return responsiblePhone;
		}

		public void setResponsiblePhone(String responsiblePhone) {
			this.responsiblePhone = responsiblePhone;
		}

		public String getTargetDescription() {
			return targetDescription;
		}

		public void setTargetDescription(String targetDescription) {
			this.targetDescription = targetDescription;
		}

		public String getTargetShare() {
			return targetShare;
		}

		public void setTargetShare(String targetShare) {
			this.targetShare = targetShare;
		}

		public Integer getVersion() {
			return version;
		}

		public void setVersion(Integer version) {
			this.version = version;
		}

		public String getReason() {
			return reason;
		}

		public void setReason(String reason) {
			this.reason = reason;
		}

		public String getStartDate() {
			return startDate;
		}

		public void setStartDate(String startDate) {
			this.startDate = startDate;
		}

		public String getDeadline() {
			return deadline;
		}

		public void setDeadline(String deadline) {
			this.deadline = deadline;
		}

		public boolean isBackwards() {
			return backwards;
		}

		public void setBackwards(boolean backwards) {
			this.backwards = backwards;
		}

		public List<String> getMilestoneDates() {
			return milestoneDates;
		}

		public void setMilestoneDates(List<String> milestoneDates) {
			this.milestoneDates = milestoneDates == null ? new ArrayList<>() : milestoneDates;
		}

		public List<String> getMilestonePercents() {
			return milestonePercents;
		}

		public void setMilestonePercents(List<String> milestonePercents) {
			this.milestonePercents = milestonePercents == null ? new ArrayList<>() : milestonePercents;
		}

	}

}
