package cn.chuangwen.projects.web;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.projects.BudgetRule;
import cn.chuangwen.projects.FundAllocation;
import cn.chuangwen.projects.Funds;
import cn.chuangwen.projects.FundsYear;
import cn.chuangwen.projects.ProjectView;
import cn.chuangwen.projects.Projects;
import cn.chuangwen.projects.internal.ProjectsWorkbook;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.PageRequest;

/**
 * Creation fund pages (T4): the year (budget, allocations with spent and share, warnings, increases
 * waiting, Excel export) with the office's budget and allocation forms and the leader's decisions;
 * one allocation (its spending with invoice scans, its increases, its history) with the office's
 * spending and increase forms. A unit liaison sees its unit's allocations only.
 */
@Controller
class FundPages {

	private final Funds funds;

	private final Projects projects;

	private final Units units;

	private final EvidenceStore files;

	private final ProjectsWorkbook workbook;

	private final MessageSource messages;

	FundPages(Funds funds, Projects projects, Units units, EvidenceStore files, ProjectsWorkbook workbook,
			MessageSource messages) {
		this.funds = funds;
		this.projects = projects;
		this.units = units;
		this.files = files;
		this.workbook = workbook;
		this.messages = messages;
	}

	@GetMapping("/funds")
	@PreAuthorize("hasAuthority('fund:read')")
	String year(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String year, Model model) {
		return year(user, year, FormErrors.none(), FormErrors.none(), Map.of(), model);
	}

	private String year(CurrentUser user, String yearText, FormErrors budgetErrors, FormErrors allocationErrors,
			Map<String, String> typed, Model model) {
		FundsYear y = funds.year(user, yearText);
		boolean office = user.can(Permissions.FUND_MANAGE);
		model.addAttribute("y", y);
		model.addAttribute("office", office);
		model.addAttribute("approver", user.can(Permissions.PROJECT_APPROVE));
		model.addAttribute("me", user.username());
		model.addAttribute("thisYear", funds.year());
		model.addAttribute("budgetErrors", budgetErrors);
		model.addAttribute("allocationErrors", allocationErrors);
		model.addAttribute("typed", typed);
		model.addAttribute("warningPercent", BudgetRule.WARNING_PERCENT);
		if (office) {
			Set<Long> allocatedProjects = y.allocations().stream().map(FundAllocation::projectId)
				.filter(java.util.Objects::nonNull).collect(Collectors.toSet());
			Set<Long> allocatedUnits = y.allocations().stream().map(FundAllocation::unitId)
				.filter(java.util.Objects::nonNull).collect(Collectors.toSet());
			List<ProjectView> open = projects.page(user, new PageRequest(1, PageRequest.MAX_SIZE)).items().stream()
				.filter(p -> !allocatedProjects.contains(p.id())).toList();
			List<UnitView> unitChoices = units.choices(user.scope(), ProjectPages.UNIT_KINDS, true, null, null,
					new PageRequest(1, PageRequest.MAX_SIZE)).items().stream()
				.filter(u -> !allocatedUnits.contains(u.id())).toList();
			model.addAttribute("projectChoices", open);
			model.addAttribute("unitChoices", unitChoices);
		}
		return "funds/year";
	}

	@GetMapping("/funds/export.xlsx")
	@PreAuthorize("hasAuthority('fund:read')")
	void export(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String year,
			HttpServletResponse response) throws IOException {
		FundsYear y = funds.year(user, year);
		var buffer = new java.io.ByteArrayOutputStream();
		workbook.write(y, buffer);
		response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		response.setHeader("Content-Disposition", Downloads.contentDisposition("attachment",
				messages.getMessage("fund.export.fileName", new Object[] { String.valueOf(y.year()) },
						Locale.SIMPLIFIED_CHINESE)));
		response.setContentLength(buffer.size());
		buffer.writeTo(response.getOutputStream());
	}

	@PostMapping("/funds/budget")
	@PreAuthorize("hasAuthority('fund:manage')")
	String budget(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String year,
			@RequestParam(required = false) String amount, HttpServletResponse response, Model model, Locale locale,
			RedirectAttributes redirect) {
		try {
			funds.setBudget(user, year, amount);
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			Map<String, String> typed = new HashMap<>();
			typed.put("budget", amount == null ? "" : amount);
			return year(user, validYear(year), FormErrors.of(ex.problems(), messages, locale), FormErrors.none(), typed,
					model);
		}
		redirect.addFlashAttribute("notice", "fund.done.budget");
		return "redirect:/funds?year=" + validYear(year);
	}

	@PostMapping("/funds/allocations")
	@PreAuthorize("hasAuthority('fund:manage')")
	String allocate(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String year,
			@RequestParam(required = false) String target, @RequestParam(required = false) String amount,
			@RequestParam(required = false) String note, HttpServletResponse response, Model model, Locale locale,
			RedirectAttributes redirect) {
		try {
			Long projectId = target(target, "project:");
			Long unitId = target(target, "unit:");
			FundAllocation a = funds.allocate(user, year, projectId, unitId, amount, note);
			redirect.addFlashAttribute("notice", "fund.done.allocated");
			return "redirect:/funds/allocations/" + a.id();
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			Map<String, String> typed = new HashMap<>();
			typed.put("target", target == null ? "" : target);
			typed.put("amount", amount == null ? "" : amount);
			typed.put("note", note == null ? "" : note);
			List<FieldProblem> problems = ex.problems().stream()
				.map(p -> "projectId".equals(p.field()) || "unitId".equals(p.field())
						? FieldProblem.of("target", p.messageKey(), p.args().toArray()) : p)
				.toList();
			return year(user, validYear(year), FormErrors.none(), FormErrors.of(problems, messages, locale), typed,
					model);
		}
	}

	@GetMapping("/funds/allocations/{id}")
	@PreAuthorize("hasAuthority('fund:read')")
	String allocation(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
		return allocation(user, id, FormErrors.none(), FormErrors.none(), Map.of(), model);
	}

	private String allocation(CurrentUser user, long id, FormErrors spendingErrors, FormErrors increaseErrors,
			Map<String, String> typed, Model model) {
		Funds.Detail d = funds.detail(user, id);
		model.addAttribute("d", d);
		model.addAttribute("a", d.allocation());
		model.addAttribute("office", user.can(Permissions.FUND_MANAGE));
		model.addAttribute("approver", user.can(Permissions.PROJECT_APPROVE));
		model.addAttribute("me", user.username());
		model.addAttribute("spendingErrors", spendingErrors);
		model.addAttribute("increaseErrors", increaseErrors);
		model.addAttribute("typed", typed);
		model.addAttribute("today", funds.today());
		model.addAttribute("warningPercent", BudgetRule.WARNING_PERCENT);
		return "funds/allocation";
	}

	@PostMapping("/funds/allocations/{id}/spending")
	@PreAuthorize("hasAuthority('fund:manage')")
	String spending(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String amount, @RequestParam(required = false) String note,
			@RequestParam(required = false) String date, @RequestParam(required = false) List<MultipartFile> files,
			HttpServletResponse response, Model model, Locale locale, RedirectAttributes redirect) throws IOException {
		try {
			Funds.Spent s = funds.addSpending(user, id, new Funds.Entry(amount, note, date, Uploads.of(files)));
			redirect.addFlashAttribute("notice", s.outcome() == BudgetRule.Outcome.WARNING
					? "project.done.spendingWarning" : "project.done.spending");
			redirect.addFlashAttribute("noticeArgs", new Object[] { s.allocation().spentPercent() });
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			Map<String, String> typed = ProjectPages.typedSpending(amount, note, date);
			return allocation(user, id, FormErrors.of(ex.problems(), messages, locale), FormErrors.none(), typed, model);
		}
		return "redirect:/funds/allocations/" + id + "#spending";
	}

	@PostMapping("/funds/allocations/{id}/increases")
	@PreAuthorize("hasAuthority('fund:manage')")
	String increase(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String amount, @RequestParam(required = false) String reason,
			HttpServletResponse response, Model model, Locale locale, RedirectAttributes redirect) {
		try {
			funds.requestIncrease(user, id, amount, reason);
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			Map<String, String> typed = new HashMap<>();
			typed.put("increaseAmount", amount == null ? "" : amount);
			typed.put("reason", reason == null ? "" : reason);
			return allocation(user, id, FormErrors.none(), FormErrors.of(ex.problems(), messages, locale), typed, model);
		}
		redirect.addFlashAttribute("notice", "fund.done.increaseRequested");
		return "redirect:/funds/allocations/" + id + "#increases";
	}

	@PostMapping("/funds/increases/{id}/decision")
	@PreAuthorize("hasAuthority('project:approve')")
	String decide(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String decision, @RequestParam(required = false) String note,
			RedirectAttributes redirect) {
		var i = funds.decide(user, id, decision, note);
		redirect.addFlashAttribute("notice", "fund.done." + i.state().name());
		return "redirect:/funds/allocations/" + i.allocationId() + "#increases";
	}

	@GetMapping("/funds/allocations/{id}/evidence/{fileId}")
	@PreAuthorize("hasAuthority('fund:read')")
	ResponseEntity<Resource> evidence(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@PathVariable long fileId) {
		return Downloads.file(funds.evidence(user, id, fileId), files, true);
	}

	/** The id after a prefix ("project:12", "unit:7"), or null when the choice is another kind or none. */
	private static Long target(String target, String prefix) {
		if (target == null || !target.startsWith(prefix)) {
			return null;
		}
		try {
			return Long.parseLong(target.substring(prefix.length()).strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException(FieldProblem.of("target", "fund.error.target.one"));
		}
	}

	/** The year to show again after a refused form: the one typed when it reads, else this year. */
	private String validYear(String year) {
		if (year == null || !year.strip().matches("[0-9]{4}")) {
			return null;
		}
		int y = Integer.parseInt(year.strip());
		int now = funds.year();
		return y >= now - Funds.YEARS_BACK && y <= now + Funds.YEARS_AHEAD ? year.strip() : null;
	}

}
