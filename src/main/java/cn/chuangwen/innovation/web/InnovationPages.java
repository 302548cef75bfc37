package cn.chuangwen.innovation.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
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
import cn.chuangwen.innovation.CaseView;
import cn.chuangwen.innovation.ContestDraft;
import cn.chuangwen.innovation.ContestState;
import cn.chuangwen.innovation.ContestView;
import cn.chuangwen.innovation.Innovation;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

/**
 * Innovation contest pages: the list with the office's create form, a contest (rubric, judges,
 * cases, the office's state buttons, the ranking once published, the bonus form), a case (files,
 * the judge's scoring form) and the liaison's submission and edit form.
 */
@Controller
@PreAuthorize("hasAnyAuthority('innovation:read', 'innovation:manage')")
class InnovationPages {

	static final int PAGE_SIZE = 20;

	/** Empty criterion rows the create form offers. */
	static final int FORM_ROWS = 5;

	private final Innovation innovation;

	private final EvidenceStore files;

	private final MessageSource messages;

	InnovationPages(Innovation innovation, EvidenceStore files, MessageSource messages) {
		this.innovation = innovation;
		this.files = files;
		this.messages = messages;
	}

	/** The create form as typed. */
	public record Form(String title, String description, String deadline, List<String> criterionName,
			List<String> criterionWeight, List<String> judges) {

		static Form empty() {
			return new Form("", "", "", List.of("创新性", "实效性", "可推广性"), List.of("40", "40", "20"), List.of());
		}

		public String name(int i) {
			return criterionName != null && i < criterionName.size() ? criterionName.get(i) : "";
		}

		public String weight(int i) {
			return criterionWeight != null && i < criterionWeight.size() ? criterionWeight.get(i) : "";
		}

		public boolean judge(String username) {
			return judges != null && judges.contains(username);
		}

		ContestDraft draft(List<FieldProblem> bad) {
			List<ContestDraft.CriterionDraft> criteria = new ArrayList<>();
			int rows = Math.max(criterionName == null ? 0 : criterionName.size(),
					criterionWeight == null ? 0 : criterionWeight.size());
			for (int i = 0; i < rows; i++) {
				String n = name(i).strip();
				String w = weight(i).strip();
				if (n.isEmpty() && w.isEmpty()) {
					continue;
				}
				Integer weight = null;
				if (!w.isEmpty()) {
					try {
						weight = Integer.parseInt(w);
					}
					catch (NumberFormatException ex) {
						bad.add(FieldProblem.of("criteria", "innovation.error.criteria.weight"));
					}
				}
				criteria.add(new ContestDraft.CriterionDraft(n, weight));
			}
			return new ContestDraft(title, description, deadline, criteria, judges);
		}

	}

	@GetMapping("/innovation")
	String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Integer page, Model model) {
		Page<ContestView> result = innovation.page(user, PageRequest.lenient(page, PAGE_SIZE));
		model.addAttribute("result", result);
		model.addAttribute("office", user.can(Permissions.INNOVATION_MANAGE));
		model.addAttribute("province", user.scope().allCities());
		return "innovation/list";
	}

	@GetMapping("/innovation/new")
	@PreAuthorize("hasAuthority('innovation:manage')")
	String create(@AuthenticationPrincipal CurrentUser user, Model model) {
		return form(user, Form.empty(), FormErrors.none(), model);
	}

	private String form(CurrentUser user, Form form, FormErrors errors, Model model) {
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("rows", FORM_ROWS);
		model.addAttribute("judges", innovation.judgeChoices(user));
		model.addAttribute("today", innovation.today());
		return "innovation/new";
	}

	@PostMapping("/innovation")
	@PreAuthorize("hasAuthority('innovation:manage')")
	String save(@AuthenticationPrincipal CurrentUser user, Form form, HttpServletResponse response, Model model,
			Locale locale, RedirectAttributes redirect) {
		List<FieldProblem> bad = new ArrayList<>();
		ContestDraft draft = form.draft(bad);
		try {
			if (!bad.isEmpty()) {
				throw new InvalidInputException(bad);
			}
			ContestView c = innovation.create(user, draft);
			redirect.addFlashAttribute("notice", "innovation.done.created");
			return "redirect:/innovation/" + c.id();
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			return form(user, form, FormErrors.of(ex.problems(), messages, locale), model);
		}
	}

	@GetMapping("/innovation/{id}")
	String contest(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
		return contest(user, id, FormErrors.none(), Map.of(), model);
	}

	private String contest(CurrentUser user, long id, FormErrors bonusErrors, Map<String, String> typed, Model model) {
		Innovation.ContestDetail d = innovation.detail(user, id);
		ContestView c = d.contest();
		boolean office = user.can(Permissions.INNOVATION_MANAGE) && c.cityId() == (user.cityId() == null ? -1 : user.cityId());
		model.addAttribute("d", d);
		model.addAttribute("c", c);
		model.addAttribute("office", office);
		model.addAttribute("judge", c.judgedBy(user.id()));
		model.addAttribute("canSubmit", user.can(Permissions.INNOVATION_SUBMIT) && c.state() == ContestState.OPEN
				&& !innovation.today().isAfter(c.deadline()));
		model.addAttribute("visibleIds", d.cases().stream().map(CaseView::id).collect(java.util.stream.Collectors.toSet()));
		model.addAttribute("bonusCases", d.cases().stream().filter(x -> x.bonus() == null).toList());
		model.addAttribute("bonusErrors", bonusErrors);
		model.addAttribute("typed", typed);
		return "innovation/contest";
	}

	@PostMapping("/innovation/{id}/judging")
	@PreAuthorize("hasAuthority('innovation:manage')")
	String judging(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, HttpServletResponse response,
			Model model, Locale locale, RedirectAttributes redirect) {
		return transition(() -> innovation.startJudging(user, id), "innovation.done.judging", user, id, response, model,
				locale, redirect);
	}

	@PostMapping("/innovation/{id}/publish")
	@PreAuthorize("hasAuthority('innovation:manage')")
	String publish(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, HttpServletResponse response,
			Model model, Locale locale, RedirectAttributes redirect) {
		return transition(() -> innovation.publish(user, id), "innovation.done.published", user, id, response, model,
				locale, redirect);
	}

	/** A state change: back to the contest with its notice, or the contest again with the refusal (409). */
	private String transition(Runnable change, String notice, CurrentUser user, long id, HttpServletResponse response,
			Model model, Locale locale, RedirectAttributes redirect) {
		try {
			change.run();
		}
		catch (ConflictException ex) {
			return refused(user, id, ex, response, model, locale);
		}
		redirect.addFlashAttribute("notice", notice);
		return "redirect:/innovation/" + id;
	}

	@PostMapping("/innovation/{id}/bonus")
	@PreAuthorize("hasAuthority('innovation:manage')")
	String bonus(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) Long caseId, @RequestParam(required = false) String period,
			@RequestParam(required = false) String points, HttpServletResponse response, Model model, Locale locale,
			RedirectAttributes redirect) {
		Map<String, String> typed = new HashMap<>();
		typed.put("period", period == null ? "" : period);
		typed.put("points", points == null ? "" : points);
		try {
			if (caseId == null || innovation.detail(user, id).cases().stream().noneMatch(x -> x.id() == caseId)) {
				throw new InvalidInputException(FieldProblem.of("caseId", "innovation.error.case.required"));
			}
			BigDecimal value = null;
			if (points != null && !points.isBlank()) {
				try {
					value = new BigDecimal(points.strip());
				}
				catch (NumberFormatException ex) {
					throw new InvalidInputException(FieldProblem.of("points", "innovation.error.points"));
				}
			}
			innovation.bonus(user, caseId, period, value);
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			return contest(user, id, FormErrors.of(ex.problems(), messages, locale), typed, model);
		}
		catch (ConflictException ex) {
			return refused(user, id, ex, response, model, locale);
		}
		redirect.addFlashAttribute("notice", "innovation.done.bonus");
		return "redirect:/innovation/" + id + "#ranking";
	}

	private String refused(CurrentUser user, long id, ConflictException ex, HttpServletResponse response, Model model,
			Locale locale) {
		response.setStatus(HttpStatus.CONFLICT.value());
		model.addAttribute("refusal", messages.getMessage(ex.messageKey(), ex.args(), locale));
		return contest(user, id, FormErrors.none(), Map.of(), model);
	}

	// --- cases

	@GetMapping("/innovation/{id}/cases/new")
	@PreAuthorize("hasAuthority('innovation:submit')")
	String newCase(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
		return caseForm(user, innovation.contest(user, id), null, Map.of(), FormErrors.none(), model);
	}

	private String caseForm(CurrentUser user, ContestView c, CaseView existing, Map<String, String> typed,
			FormErrors errors, Model model) {
		model.addAttribute("c", c);
		model.addAttribute("x", existing);
		model.addAttribute("typed", typed);
		model.addAttribute("errors", errors);
		model.addAttribute("unitName", user.unitName());
		return "innovation/case-form";
	}

	@PostMapping("/innovation/{id}/cases")
	@PreAuthorize("hasAuthority('innovation:submit')")
	String submit(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String title, @RequestParam(required = false) String summary,
			@RequestParam(required = false) List<MultipartFile> files, HttpServletResponse response, Model model,
			Locale locale, RedirectAttributes redirect) throws IOException {
		return saveCase(user, id, null, typed(title, summary), files, response, model, locale, redirect);
	}

	/**
	 * Submits a new case (no {@code caseId}) or changes one: to the case with a notice, or the form
	 * again with the errors by field (400) or the refusal (409, closed or past the deadline).
	 */
	private String saveCase(CurrentUser user, long contestId, Long caseId, Map<String, String> typed,
			List<MultipartFile> files, HttpServletResponse response, Model model, Locale locale,
			RedirectAttributes redirect) throws IOException {
		try {
			long saved = caseId == null
					? innovation.submit(user, contestId, typed.get("title"), typed.get("summary"), Uploads.of(files)).id()
					: innovation.update(user, caseId, typed.get("title"), typed.get("summary"), Uploads.of(files)).id();
			redirect.addFlashAttribute("notice", caseId == null ? "innovation.done.submitted" : "innovation.done.updated");
			return "redirect:/innovation/cases/" + saved;
		}
		catch (InvalidInputException | ConflictException ex) {
			FormErrors errors = FormErrors.none();
			if (ex instanceof InvalidInputException invalid) {
				response.setStatus(400);
				errors = FormErrors.of(invalid.problems(), messages, locale);
			}
			else if (ex instanceof ConflictException conflict) {
				response.setStatus(HttpStatus.CONFLICT.value());
				model.addAttribute("refusal", messages.getMessage(conflict.messageKey(), conflict.args(), locale));
			}
			CaseView x = caseId == null ? null : innovation.caseView(user, caseId);
			return caseForm(user, innovation.contest(user, contestId), x, typed, errors, model);
		}
	}

	@GetMapping("/innovation/cases/{caseId}")
	String caseView(@AuthenticationPrincipal CurrentUser user, @PathVariable long caseId, Model model) {
		return casePage(user, caseId, FormErrors.none(), Map.of(), model);
	}

	private String casePage(CurrentUser user, long caseId, FormErrors errors, Map<String, String> typed, Model model) {
		CaseView x = innovation.caseView(user, caseId);
		ContestView c = innovation.contest(user, x.contestId());
		model.addAttribute("x", x);
		model.addAttribute("c", c);
		model.addAttribute("history", innovation.caseHistory(user, caseId));
		model.addAttribute("canScore", c.judgedBy(user.id()) && c.state() == ContestState.JUDGING && x.mySheet() == null);
		model.addAttribute("canEdit", user.can(Permissions.INNOVATION_SUBMIT) && user.unitId() != null
				&& user.unitId() == x.unitId() && c.state() == ContestState.OPEN && !innovation.today().isAfter(c.deadline()));
		model.addAttribute("errors", errors);
		model.addAttribute("typed", typed);
		return "innovation/case";
	}

	@PostMapping("/innovation/cases/{caseId}/sheet")
	String score(@AuthenticationPrincipal CurrentUser user, @PathVariable long caseId,
			@RequestParam Map<String, String> params, HttpServletResponse response, Model model, Locale locale,
			RedirectAttributes redirect) {
		List<FieldProblem> bad = new ArrayList<>();
		Map<Long, Integer> scores = scoresFromForm(params, bad);
		try {
			if (!bad.isEmpty()) {
				throw new InvalidInputException(bad);
			}
			innovation.score(user, caseId, scores);
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			return casePage(user, caseId, FormErrors.of(ex.problems(), messages, locale), params, model);
		}
		catch (ConflictException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			model.addAttribute("refusal", messages.getMessage(ex.messageKey(), ex.args(), locale));
			return casePage(user, caseId, FormErrors.none(), Map.of(), model);
		}
		redirect.addFlashAttribute("notice", "innovation.done.scored");
		return "redirect:/innovation/cases/" + caseId;
	}

	@GetMapping("/innovation/cases/{caseId}/edit")
	@PreAuthorize("hasAuthority('innovation:submit')")
	String edit(@AuthenticationPrincipal CurrentUser user, @PathVariable long caseId, Model model) {
		CaseView x = innovation.caseView(user, caseId);
		return caseForm(user, innovation.contest(user, x.contestId()), x, typed(x.title(), x.summary()),
				FormErrors.none(), model);
	}

	@PostMapping("/innovation/cases/{caseId}/edit")
	@PreAuthorize("hasAuthority('innovation:submit')")
	String update(@AuthenticationPrincipal CurrentUser user, @PathVariable long caseId,
			@RequestParam(required = false) String title, @RequestParam(required = false) String summary,
			@RequestParam(required = false) List<MultipartFile> files, HttpServletResponse response, Model model,
			Locale locale, RedirectAttributes redirect) throws IOException {
		long contestId = innovation.caseView(user, caseId).contestId();
		return saveCase(user, contestId, caseId, typed(title, summary), files, response, model, locale, redirect);
	}

	@GetMapping("/innovation/cases/{caseId}/files/{fileId}")
	ResponseEntity<Resource> file(@AuthenticationPrincipal CurrentUser user, @PathVariable long caseId,
			@PathVariable long fileId) {
		return Downloads.file(innovation.file(user, caseId, fileId), files, true);
	}

	private static Map<String, String> typed(String title, String summary) {
		Map<String, String> typed = new HashMap<>();
		typed.put("title", title == null ? "" : title);
		typed.put("summary", summary == null ? "" : summary);
		return typed;
	}


	/** Parses the page form's score fields ({@code score_<criterionId>}); a non-number stays missing. */
	static Map<Long, Integer> scoresFromForm(Map<String, String> params, List<FieldProblem> bad) {
		Map<Long, Integer> out = new HashMap<>();
		params.forEach((k, v) -> {
			if (k.startsWith("score_") && !v.isBlank()) {
				try {
					out.put(Long.parseLong(k.substring(6)), Integer.parseInt(v.strip()));
				}
				catch (NumberFormatException ex) {
					bad.add(FieldProblem.of("scores", "innovation.error.score.number"));
				}
			}
		});
		return out;
	}

}
