package cn.chuangwen.tasks.web;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.indicators.IndicatorView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.tasks.AssignmentFilter;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.tasks.AssignmentView;
import cn.chuangwen.tasks.internal.AssignmentWorkbooks;
import cn.chuangwen.tasks.Assignments;
import cn.chuangwen.tasks.TaskSettings;

/**
 * Planning pages of the office: unassigned leaves, bulk assignment through Excel, the roadmap of an
 * indicator group (时间表、路线图) and the city's thresholds.
 */
@Controller
@PreAuthorize("hasAuthority('assignment:read')")
class PlanningPages {

	/** The most bars a roadmap draws; a larger group is shown as a paged list instead. */
	static final int ROADMAP_MAX = 2000;

	private final Assignments assignments;

	private final AssignmentWorkbooks workbooks;

	private final IndicatorSystems indicators;

	private final MessageSource messages;

	PlanningPages(Assignments assignments, AssignmentWorkbooks workbooks, IndicatorSystems indicators,
			MessageSource messages) {
		this.assignments = assignments;
		this.workbooks = workbooks;
		this.indicators = indicators;
		this.messages = messages;
	}

	private IndicatorSystemView system(CurrentUser user, Long systemId) {
		return indicators.current(user.scope(), systemId).orElse(null);
	}

	@GetMapping("/assignments/unassigned")
	@PreAuthorize("hasAuthority('assignment:write')")
	String unassigned(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Long systemId,
			Model model) {
		IndicatorSystemView system = system(user, systemId);
		model.addAttribute("system", system);
		model.addAttribute("leaves", system == null ? List.of() : assignments.unassignedLeaves(user.scope(), system.id()));
		return "tasks/unassigned";
	}

	@GetMapping("/assignments/import")
	@PreAuthorize("hasAuthority('assignment:write')")
	String importPage(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Long systemId,
			Model model) {
		model.addAttribute("system", system(user, systemId));
		model.addAttribute("errors", FormErrors.none());
		return "tasks/import";
	}

	@GetMapping("/assignments/import/template.xlsx")
	@PreAuthorize("hasAuthority('assignment:write')")
	void template(@AuthenticationPrincipal CurrentUser user, @RequestParam long systemId, HttpServletResponse response)
			throws IOException {
		response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''assignments-template.xlsx");
		workbooks.writeTemplate(user, systemId, response.getOutputStream());
	}

	@PostMapping("/assignments/import")
	@PreAuthorize("hasAuthority('assignment:write')")
	String importAssignments(@AuthenticationPrincipal CurrentUser user, @RequestParam long systemId,
			@RequestParam(required = false) MultipartFile file, Model model, Locale locale) throws IOException {
		model.addAttribute("system", indicators.get(user.scope(), systemId));
		try {
			if (file == null || file.isEmpty()) {
				throw new InvalidInputException(FieldProblem.of("file", "import.error.noFile"));
			}
			if (file.getSize() > AssignmentWorkbooks.MAX_BYTES) {
				throw new InvalidInputException(FieldProblem.of("file", "import.error.tooBig", 10));
			}
			model.addAttribute("imported", workbooks.importAssignments(user, systemId, file.getInputStream()));
			model.addAttribute("errors", FormErrors.none());
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.of(ex.problems(), messages, locale));
		}
		return "tasks/import";
	}

	@GetMapping("/assignments/settings")
	@PreAuthorize("hasAuthority('assignment:write')")
	String settings(@AuthenticationPrincipal CurrentUser user, Model model) {
		model.addAttribute("settings", assignments.settings(user.scope(), user.cityId()));
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", FormErrors.none());
		}
		return "tasks/settings";
	}

	@PostMapping("/assignments/settings")
	@PreAuthorize("hasAuthority('assignment:write')")
	String saveSettings(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String atRiskPoints,
			@RequestParam(required = false) String atRiskDays, @RequestParam(required = false) String oldPhotoDays,
			@RequestParam(required = false) String assessmentDate, @RequestParam(defaultValue = "0") int version,
			Model model, Locale locale, RedirectAttributes redirect) {
		List<FieldProblem> problems = new ArrayList<>();
		int points = number("atRiskPoints", atRiskPoints, problems);
		int days = number("atRiskDays", atRiskDays, problems);
		int photo = number("oldPhotoDays", oldPhotoDays, problems);
		LocalDate date = AssignmentPages.AssignmentForm.date("assessmentDate", assessmentDate, problems);
		TaskSettings wanted = new TaskSettings(points, days, photo, date, version);
		try {
			if (!problems.isEmpty()) {
				throw new InvalidInputException(problems);
			}
			assignments.saveSettings(user, wanted);
			redirect.addFlashAttribute("notice", "settings.saved");
			return "redirect:/assignments/settings";
		}
		catch (InvalidInputException ex) {
			model.addAttribute("settings", wanted);
			model.addAttribute("errors", FormErrors.of(ex.problems(), messages, locale));
			return "tasks/settings";
		}
	}

	static int number(String field, String text, List<FieldProblem> problems) {
		try {
			return Integer.parseInt(text == null ? "" : text.trim());
		}
		catch (NumberFormatException ex) {
			problems.add(FieldProblem.of(field, "settings.error.number"));
			return -1;
		}
	}

	@GetMapping("/roadmap")
	String roadmap(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Long systemId,
			@RequestParam(required = false) Long groupId, Model model) {
		IndicatorSystemView system = system(user, systemId);
		model.addAttribute("system", system);
		if (system == null) {
			return "tasks/roadmap";
		}
		List<IndicatorView> groups = indicators.groups(user.scope(), system.id());
		IndicatorView group = groups.stream()
			.filter(g -> groupId == null || g.id() == groupId)
			.findFirst()
			.orElse(null);
		model.addAttribute("groups", groups);
		model.addAttribute("group", group);
		LocalDate today = assignments.today();
		model.addAttribute("today", today);
		if (group == null) {
			return "tasks/roadmap";
		}
		AssignmentFilter filter = new AssignmentFilter(system.id(), null, group.id(), null, null);
		long total = assignments.page(user, system.cityId(), filter, PageRequest.first(1)).total();
		if (total > ROADMAP_MAX) {
			// A chart of thousands of bars helps no one: say so instead of drawing a part of the group.
			model.addAttribute("tooMany", total);
			model.addAttribute("roadmapMax", ROADMAP_MAX);
			return "tasks/roadmap";
		}
		// At most ROADMAP_MAX rows (counted above), read page by page from the database.
		List<AssignmentView> items = new java.util.ArrayList<>();
		for (int p = 1; items.size() < total; p++) {
			List<AssignmentView> page = assignments.page(user, system.cityId(), filter,
					PageRequest.lenient(p, PageRequest.MAX_SIZE)).items();
			if (page.isEmpty()) {
				break;
			}
			items.addAll(page);
		}
		if (items.isEmpty()) {
			model.addAttribute("bars", List.of());
			return "tasks/roadmap";
		}
		Roadmap roadmap = Roadmap.of(items.stream()
			.sorted(Comparator.comparing(AssignmentView::indicatorCode).thenComparing(AssignmentView::leadUnitName))
			.toList(), today);
		model.addAttribute("roadmap", roadmap);
		model.addAttribute("bars", roadmap.bars());
		model.addAttribute("from", roadmap.from());
		model.addAttribute("to", roadmap.to());
		return "tasks/roadmap";
	}

}
