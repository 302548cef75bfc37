package cn.chuangwen.projects.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
import cn.chuangwen.files.Downloads;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.projects.BudgetRule;
import cn.chuangwen.projects.Plans;
import cn.chuangwen.projects.ProjectDetail;
import cn.chuangwen.projects.ProjectDraft;
import cn.chuangwen.projects.ProjectState;
import cn.chuangwen.projects.ProjectView;
import cn.chuangwen.projects.Projects;
import cn.chuangwen.projects.internal.ProjectsWorkbook;
import cn.chuangwen.publicity.CreationNews;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

/**
 * Key project pages: the list (state colours, overdue linked work, spent against budget, Excel
 * export), one project (progress from its linked work, overdue items, spending, history) and the
 * office's forms: create, edit, link and unlink work, add spending with its invoice scan.
 */
@Controller
class ProjectPages {

	static final int PAGE_SIZE = 20;

	/** What the lead and cooperating unit choices list: departments and town-level units. */
	static final EnumSet<UnitKind> UNIT_KINDS = EnumSet.of(UnitKind.DEPARTMENT, UnitKind.TOWN, UnitKind.TOWNSHIP,
			UnitKind.SUBDISTRICT, UnitKind.DISTRICT);

	/** How many news items the project page lists. */
	static final int LATEST_NEWS = 5;

	private final Projects projects;

	private final Plans plans;

	private final Units units;

	private final EvidenceStore files;

	private final ProjectsWorkbook workbook;

	private final MessageSource messages;

	private final CreationNews news;

	ProjectPages(Projects projects, Plans plans, Units units, EvidenceStore files, ProjectsWorkbook workbook,
			MessageSource messages, CreationNews news) {
		this.news = news;
		this.projects = projects;
		this.plans = plans;
		this.units = units;
		this.files = files;
		this.workbook = workbook;
		this.messages = messages;
	}

	/** The project form as typed (strings, so a wrong value comes back as it was). */
	public record Form(String name, String goal, String leaderUsername, String leadUnitId, List<String> cooperatingUnitIds,
			String budget, String state) {

		static Form of(ProjectView p) {
			return new Form(p.name(), p.goal(), p.leaderUsername(), String.valueOf(p.leadUnitId()),
					p.cooperatingUnitIds().stream().map(String::valueOf).toList(), p.budget().toPlainString(),
					p.state().name());
		}

		static Form empty() {
			return new Form("", "", "", "", List.of(), "", ProjectState.PLANNING.name());
		}

		public boolean cooperates(long unitId) {
			return cooperatingUnitIds != null && cooperatingUnitIds.contains(String.valueOf(unitId));
		}

		ProjectDraft draft(ProjectView existing, List<FieldProblem> bad) {
			Long lead = id("leadUnitId", leadUnitId, bad);
			List<Long> coop = new ArrayList<>();
			if (cooperatingUnitIds != null) {
				for (String c : cooperatingUnitIds) {
					Long v = id("cooperatingUnitIds", c, bad);
					if (v != null) {
						coop.add(v);
					}
				}
			}
			BigDecimal b = null;
			if (budget != null && !budget.isBlank()) {
				try {
					b = new BigDecimal(budget.strip());
				}
				catch (NumberFormatException ex) {
					bad.add(FieldProblem.of("budget", "project.error.budget.invalid"));
				}
			}
			return new ProjectDraft(name, goal, leaderUsername, lead, coop, b, state,
					existing == null ? null : existing.linkedAssignmentIds(),
					existing == null ? null : existing.linkedProblemIds());
		}

		private static Long id(String field, String text, List<FieldProblem> bad) {
			if (text == null || text.isBlank()) {
				return null;
			}
			try {
				return Long.parseLong(text.strip());
			}
			catch (NumberFormatException ex) {
				bad.add(FieldProblem.of(field, "project.error.units.unknown"));
				return null;
			}
		}

	}

	@GetMapping("/projects")
	@PreAuthorize("hasAnyAuthority('project:read', 'project:manage')")
	String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Integer page, Model model) {
		Page<ProjectView> result = projects.page(user, PageRequest.lenient(page, PAGE_SIZE));
		Map<Long, Long> overdue = new HashMap<>();
		result.items().forEach(p -> overdue.put(p.id(), projects.overdue(p)));
		model.addAttribute("result", result);
		model.addAttribute("projects", result.items());
		model.addAttribute("overdue", overdue);
		model.addAttribute("office", user.can(Permissions.PROJECT_MANAGE));
		model.addAttribute("province", user.scope().allCities());
		return "projects/list";
	}

	@GetMapping("/projects/export.xlsx")
	@PreAuthorize("hasAnyAuthority('project:read', 'project:manage')")
	void export(@AuthenticationPrincipal CurrentUser user, HttpServletResponse response) throws IOException {
		List<ProjectView> all = projects.page(user, new PageRequest(1, PageRequest.MAX_SIZE)).items();
		Map<Long, Long> overdue = new HashMap<>();
		all.forEach(p -> overdue.put(p.id(), projects.overdue(p)));
		var buffer = new java.io.ByteArrayOutputStream();
		workbook.write(all, overdue, buffer);
		response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		response.setHeader("Content-Disposition", Downloads.contentDisposition("attachment",
				messages.getMessage("project.export.fileName", new Object[] { projects.today() },
						Locale.SIMPLIFIED_CHINESE)));
		response.setContentLength(buffer.size());
		buffer.writeTo(response.getOutputStream());
	}

	@GetMapping("/projects/{id}")
	@PreAuthorize("hasAnyAuthority('project:read', 'project:manage')")
	String detail(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
		return detail(user, id, FormErrors.none(), FormErrors.none(), null, model);
	}

	@PostMapping("/projects/{id}/plans")
	@PreAuthorize("hasAnyAuthority('project:read', 'project:manage')")
	String uploadPlan(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String name, @RequestParam(required = false) String note,
			@RequestParam(required = false) List<MultipartFile> files, HttpServletResponse response, Model model,
			Locale locale, RedirectAttributes redirect) throws IOException {
		try {
			plans.upload(user, id, name, note, Uploads.of(files));
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			Map<String, String> typed = new HashMap<>();
			typed.put("planName", name == null ? "" : name);
			typed.put("planNote", note == null ? "" : note);
			model.addAttribute("planErrors", FormErrors.of(ex.problems(), messages, locale));
			return detail(user, id, FormErrors.none(), FormErrors.none(), typed, model);
		}
		redirect.addFlashAttribute("notice", "projectPlan.done.uploaded");
		return "redirect:/projects/" + id + "#plans";
	}

	@PostMapping("/projects/{id}/plans/versions/{versionId}/decision")
	@PreAuthorize("hasAuthority('project:approve')")
	String decidePlan(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable long versionId,
			@RequestParam(required = false) String decision, @RequestParam(required = false) String note,
			RedirectAttributes redirect) {
		plans.decide(user, id, versionId, decision, note);
		redirect.addFlashAttribute("notice", "projectPlan.done." + decision);
		return "redirect:/projects/" + id + "#plans";
	}

	@GetMapping("/projects/{id}/plans/versions/{versionId}/file")
	@PreAuthorize("hasAnyAuthority('project:read', 'project:manage')")
	ResponseEntity<Resource> planFile(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@PathVariable long versionId) {
		return Downloads.file(plans.file(user, id, versionId), files, true);
	}

	private String detail(CurrentUser user, long id, FormErrors spendingErrors, FormErrors linkErrors,
			Map<String, String> typed, Model model) {
		ProjectDetail d = projects.detail(user, id);
		model.addAttribute("d", d);
		model.addAttribute("p", d.project());
		model.addAttribute("office", user.can(Permissions.PROJECT_MANAGE) && user.cityId() != null
				&& user.cityId() == d.project().cityId());
		model.addAttribute("spendingErrors", spendingErrors);
		model.addAttribute("linkErrors", linkErrors);
		model.addAttribute("typed", typed == null ? Map.of() : typed);
		model.addAttribute("today", projects.today());
		model.addAttribute("warningPercent", BudgetRule.WARNING_PERCENT);
		model.addAttribute("plans", plans.of(user, id));
		// the newest published items naming the project (创建动态), linked on the public column
		model.addAttribute("news", news.latestForProject(d.project().cityId(), id, LATEST_NEWS));
		model.addAttribute("mayUpload", plans.mayUpload(user, d.project()));
		model.addAttribute("approver", user.can(Permissions.PROJECT_APPROVE) && user.cityId() != null
				&& user.cityId() == d.project().cityId());
		model.addAttribute("me", user.username());
		if (model.getAttribute("office") == Boolean.TRUE) {
			model.addAttribute("taskForces", projects.taskForceChoices(user));
		}
		if (!model.containsAttribute("taskForceErrors")) {
			model.addAttribute("taskForceErrors", FormErrors.none());
		}
		if (!model.containsAttribute("planErrors")) {
			model.addAttribute("planErrors", FormErrors.none());
		}
		return "projects/project";
	}

	@GetMapping("/projects/new")
	@PreAuthorize("hasAuthority('project:manage')")
	String create(@AuthenticationPrincipal CurrentUser user, Model model) {
		return form(user, null, Form.empty(), FormErrors.none(), model);
	}

	@GetMapping("/projects/{id}/edit")
	@PreAuthorize("hasAuthority('project:manage')")
	String edit(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
		ProjectView p = projects.get(user, id);
		return form(user, p, Form.of(p), FormErrors.none(), model);
	}

	private String form(CurrentUser user, ProjectView p, Form form, FormErrors errors, Model model) {
		model.addAttribute("p", p);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("leaders", projects.leaderChoices(user));
		List<UnitView> choices = units.choices(user.scope(), UNIT_KINDS, true, null, null,
				new PageRequest(1, PageRequest.MAX_SIZE)).items();
		model.addAttribute("units", choices);
		model.addAttribute("states", ProjectState.values());
		return "projects/form";
	}

	@PostMapping("/projects")
	@PreAuthorize("hasAuthority('project:manage')")
	String save(@AuthenticationPrincipal CurrentUser user, Form form, HttpServletResponse response, Model model,
			Locale locale, RedirectAttributes redirect) {
		return save(user, null, form, response, model, locale, redirect);
	}

	@PostMapping("/projects/{id}/edit")
	@PreAuthorize("hasAuthority('project:manage')")
	String update(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Form form,
			HttpServletResponse response, Model model, Locale locale, RedirectAttributes redirect) {
		return save(user, projects.get(user, id), form, response, model, locale, redirect);
	}

	private String save(CurrentUser user, ProjectView existing, Form form, HttpServletResponse response, Model model,
			Locale locale, RedirectAttributes redirect) {
		List<FieldProblem> bad = new ArrayList<>();
		ProjectDraft draft = form.draft(existing, bad);
		try {
			if (!bad.isEmpty()) {
				throw new InvalidInputException(bad);
			}
			ProjectView saved = existing == null ? projects.create(user, draft)
					: projects.update(user, existing.id(), draft);
			redirect.addFlashAttribute("notice", existing == null ? "project.done.created" : "project.done.updated");
			return "redirect:/projects/" + saved.id();
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			return form(user, existing, form, FormErrors.of(ex.problems(), messages, locale), model);
		}
	}

	@PostMapping("/projects/{id}/links")
	@PreAuthorize("hasAuthority('project:manage')")
	String link(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String kind, @RequestParam(required = false) String ref,
			HttpServletResponse response, Model model, Locale locale, RedirectAttributes redirect) {
		try {
			projects.link(user, id, kind(kind), ref);
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			Map<String, String> typed = new HashMap<>();
			typed.put("kind", kind == null ? "" : kind);
			typed.put("ref", ref == null ? "" : ref);
			return detail(user, id, FormErrors.none(), FormErrors.of(ex.problems(), messages, locale), typed, model);
		}
		redirect.addFlashAttribute("notice", "project.done.linked");
		return "redirect:/projects/" + id + "#links";
	}

	@PostMapping("/projects/{id}/task-force")
	@PreAuthorize("hasAuthority('project:manage')")
	String taskForce(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String taskForceId, HttpServletResponse response, Model model, Locale locale,
			RedirectAttributes redirect) {
		try {
			projects.setTaskForce(user, id, taskForceId == null || taskForceId.isBlank() ? null : bodyId(taskForceId));
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			model.addAttribute("taskForceErrors", FormErrors.of(ex.problems(), messages, locale));
			return detail(user, id, FormErrors.none(), FormErrors.none(), Map.of("taskForceId", taskForceId), model);
		}
		redirect.addFlashAttribute("notice", "project.done.taskForce");
		return "redirect:/projects/" + id + "#task-force";
	}

	private static long bodyId(String text) {
		try {
			return Long.parseLong(text.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException(FieldProblem.of("taskForceId", "project.error.taskForce"));
		}
	}

	@PostMapping("/projects/{id}/links/remove")
	@PreAuthorize("hasAuthority('project:manage')")
	String unlink(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String kind, @RequestParam(required = false) Long target,
			RedirectAttributes redirect) {
		if (target == null) {
			throw new InvalidInputException(FieldProblem.of("target", "project.error.ref.required"));
		}
		projects.unlink(user, id, kind(kind), target);
		redirect.addFlashAttribute("notice", "project.done.unlinked");
		return "redirect:/projects/" + id + "#links";
	}

	@PostMapping("/projects/{id}/spending")
	@PreAuthorize("hasAuthority('project:manage')")
	String spending(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String amount, @RequestParam(required = false) String note,
			@RequestParam(required = false) String date, @RequestParam(required = false) List<MultipartFile> files,
			HttpServletResponse response, Model model, Locale locale, RedirectAttributes redirect) throws IOException {
		try {
			Projects.SpendingAdded added = projects.addSpending(user, id, amount, note, date, Uploads.of(files));
			redirect.addFlashAttribute("notice", added.outcome() == BudgetRule.Outcome.WARNING
					? "project.done.spendingWarning" : "project.done.spending");
			redirect.addFlashAttribute("noticeArgs", new Object[] { added.project().spentPercent() });
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			Map<String, String> typed = ProjectPages.typedSpending(amount, note, date);
			return detail(user, id, FormErrors.of(ex.problems(), messages, locale), FormErrors.none(), typed, model);
		}
		return "redirect:/projects/" + id + "#spending";
	}

	@GetMapping("/projects/{id}/evidence/{fileId}")
	@PreAuthorize("hasAnyAuthority('project:read', 'project:manage')")
	ResponseEntity<Resource> evidence(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@PathVariable long fileId) {
		return Downloads.file(projects.evidence(user, id, fileId), files, true);
	}

	private static Projects.LinkKind kind(String kind) {
		try {
			return Projects.LinkKind.valueOf(kind == null ? "" : kind.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException(FieldProblem.of("kind", "project.error.kind.invalid"));
		}
	}

	/** A spending form as typed, to show again after a refusal. */
	static Map<String, String> typedSpending(String amount, String note, String date) {
		Map<String, String> typed = new HashMap<>();
		typed.put("amount", amount == null ? "" : amount);
		typed.put("note", note == null ? "" : note);
		typed.put("date", date == null ? "" : date);
		return typed;
	}


}
