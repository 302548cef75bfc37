package cn.chuangwen.participation.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

import cn.chuangwen.files.Downloads;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.participation.OpinionDraft;
import cn.chuangwen.participation.OpinionForward;
import cn.chuangwen.participation.OpinionState;
import cn.chuangwen.participation.OpinionView;
import cn.chuangwen.participation.SupervisorOpinions;
import cn.chuangwen.problems.ProblemSeverity;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.web.HtmxView;
import cn.chuangwen.shared.web.QueryParams;

/**
 * Opinion pages: the list (a supervisor's own, a leader's queue or the city's, the office's all),
 * the supervisor's form (phone first: words, category, place, photos), one opinion with its steps
 * and the forms of whoever acts next, and the office's duty roster.
 */
@Controller
@PreAuthorize("hasAnyAuthority('opinion:file', 'opinion:instruct', 'opinion:manage')")
class OpinionPages {

	static final int PAGE_SIZE = 20;

	/** The responsible-unit choices the forward form offers before any search. */
	static final int UNIT_CHOICES = 200;

	private final SupervisorOpinions opinions;

	private final Units units;

	private final EvidenceStore files;

	private final MessageSource messages;

	OpinionPages(SupervisorOpinions opinions, Units units, EvidenceStore files, MessageSource messages) {
		this.opinions = opinions;
		this.units = units;
		this.files = files;
		this.messages = messages;
	}

	@GetMapping("/participation/opinions")
	String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String state,
			@RequestParam(required = false) Boolean queue, @RequestParam(required = false) Integer page, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		List<FieldProblem> ignored = new ArrayList<>();
		OpinionState s = OpinionParams.state(state, ignored);
		boolean leader = user.can(Permissions.OPINION_INSTRUCT) && !user.can(Permissions.OPINION_MANAGE);
		boolean onlyQueue = leader && Boolean.TRUE.equals(queue);
		Page<OpinionView> result = opinions.page(user, s, onlyQueue, PageRequest.lenient(page, PAGE_SIZE));
		model.addAttribute("result", result);
		model.addAttribute("opinions", result.items());
		model.addAttribute("state", s == null ? null : s.name());
		model.addAttribute("states", OpinionState.values());
		model.addAttribute("queue", onlyQueue);
		model.addAttribute("leader", leader);
		model.addAttribute("supervisor", user.can(Permissions.OPINION_FILE));
		model.addAttribute("office", user.can(Permissions.OPINION_MANAGE));
		return HtmxView.of(request, response, "participation/opinions", "results");
	}

	@GetMapping("/participation/opinions/new")
	@PreAuthorize("hasAuthority('opinion:file')")
	String form(@AuthenticationPrincipal CurrentUser user, Model model) {
		return form(user, new OpinionForm(null, null, null, null, null), FormErrors.none(), model);
	}

	record OpinionForm(String category, String text, String address, String lat, String lng) {
	}

	@PostMapping("/participation/opinions")
	@PreAuthorize("hasAuthority('opinion:file')")
	String file(@AuthenticationPrincipal CurrentUser user, OpinionForm form,
			@RequestParam(required = false) List<MultipartFile> files, Model model, Locale locale,
			RedirectAttributes redirect) throws IOException {
		List<FieldProblem> bad = new ArrayList<>();
		BigDecimal lat = OpinionParams.coordinate("lat", form.lat(), bad);
		BigDecimal lng = OpinionParams.coordinate("lng", form.lng(), bad);
		try {
			if (!bad.isEmpty()) {
				throw new InvalidInputException(bad);
			}
			OpinionView filed = opinions.file(user, new OpinionDraft(form.category(), form.text(), form.address(), lat, lng),
					OpinionParams.photos(files));
			redirect.addFlashAttribute("notice", "opinion.done.filed");
			return "redirect:/participation/opinions/" + filed.id();
		}
		catch (InvalidInputException ex) {
			return form(user, form, FormErrors.of(ex.problems(), messages, locale), model);
		}
	}

	private String form(CurrentUser user, OpinionForm form, FormErrors errors, Model model) {
		model.addAttribute("form", form);
		model.addAttribute("categories", opinions.categories(user));
		model.addAttribute("errors", errors);
		model.addAttribute("maxPhotos", SupervisorOpinions.MAX_PHOTOS);
		return "participation/opinion-form";
	}

	@GetMapping("/participation/opinions/{id}")
	String detail(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
		return detail(user, opinions.get(user, id), FormErrors.none(), null, null, model);
	}

	record ForwardForm(String unitId, String severity, String title, String deadline) {
	}

	private String detail(CurrentUser user, OpinionView o, FormErrors errors, ForwardForm forward, String text,
			Model model) {
		model.addAttribute("o", o);
		model.addAttribute("errors", errors);
		model.addAttribute("text", text);
		model.addAttribute("mayInstruct", opinions.mayInstruct(user, o));
		model.addAttribute("mayForward", opinions.mayForward(user, o));
		model.addAttribute("mayDecline", opinions.mayDecline(user, o));
		model.addAttribute("readsProblems", user.can(Permissions.PROBLEM_READ));
		if (opinions.mayForward(user, o)) {
			ForwardForm f = forward == null ? new ForwardForm(null, ProblemSeverity.GENERAL.name(), null, null) : forward;
			model.addAttribute("forward", f);
			model.addAttribute("severities", ProblemSeverity.values());
			model.addAttribute("unitGroups", grouped(units
				.page(user.scope(), new UnitQuery(user.cityCode(), null, null, true, null), new PageRequest(1, UNIT_CHOICES))
				.items()));
			model.addAttribute("chosenUnit", f.unitId());
		}
		return "participation/opinion";
	}

	static Map<UnitKind, List<UnitView>> grouped(List<UnitView> found) {
		Map<UnitKind, List<UnitView>> byKind = new EnumMap<>(UnitKind.class);
		found.stream()
			.filter(u -> u.kind() != UnitKind.CITY)
			.forEach(u -> byKind.computeIfAbsent(u.kind(), k -> new ArrayList<>()).add(u));
		return byKind;
	}

	@GetMapping("/participation/opinions/{id}/photos/{photoId}")
	ResponseEntity<Resource> photo(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@PathVariable long photoId) {
		return Downloads.file(opinions.photo(user, id, photoId), files, true);
	}

	@PostMapping("/participation/opinions/{id}/instruction")
	@PreAuthorize("hasAuthority('opinion:instruct')")
	String instruct(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String text, Model model, Locale locale, RedirectAttributes redirect) {
		try {
			opinions.instruct(user, id, text);
		}
		catch (InvalidInputException ex) {
			return detail(user, opinions.get(user, id), FormErrors.of(ex.problems(), messages, locale), null, text, model);
		}
		redirect.addFlashAttribute("notice", "opinion.done.instructed");
		return "redirect:/participation/opinions/" + id;
	}

	@PostMapping("/participation/opinions/{id}/problem")
	@PreAuthorize("hasAuthority('opinion:manage')")
	String forward(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, ForwardForm form, Model model,
			Locale locale, RedirectAttributes redirect) {
		List<FieldProblem> bad = new ArrayList<>();
		Long unitId = QueryParams.id("unitId", form.unitId(), bad);
		ProblemSeverity severity = OpinionParams.severity(form.severity(), bad);
		Instant deadline = OpinionParams.moment("deadline", form.deadline(), bad);
		try {
			if (!bad.isEmpty()) {
				throw new InvalidInputException(bad);
			}
			opinions.forward(user, id, new OpinionForward(unitId, severity, form.title(), deadline));
		}
		catch (InvalidInputException ex) {
			return detail(user, opinions.get(user, id), FormErrors.of(ex.problems(), messages, locale), form, null, model);
		}
		redirect.addFlashAttribute("notice", "opinion.done.forwarded");
		return "redirect:/participation/opinions/" + id;
	}

	@PostMapping("/participation/opinions/{id}/decline")
	@PreAuthorize("hasAuthority('opinion:manage')")
	String decline(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String reason, Model model, Locale locale, RedirectAttributes redirect) {
		try {
			opinions.decline(user, id, reason);
		}
		catch (InvalidInputException ex) {
			return detail(user, opinions.get(user, id), FormErrors.of(ex.problems(), messages, locale), null, reason,
					model);
		}
		redirect.addFlashAttribute("notice", "opinion.done.declined");
		return "redirect:/participation/opinions/" + id;
	}

	// --- the duty roster

	@GetMapping("/participation/opinions/duty")
	@PreAuthorize("hasAuthority('opinion:manage')")
	String roster(@AuthenticationPrincipal CurrentUser user, Model model) {
		return roster(user, null, null, FormErrors.none(), model);
	}

	private String roster(CurrentUser user, String leaderId, String from, FormErrors errors, Model model) {
		model.addAttribute("roster", opinions.roster(user));
		model.addAttribute("leaderId", leaderId);
		model.addAttribute("from", from);
		model.addAttribute("errors", errors);
		return "participation/duty";
	}

	@PostMapping("/participation/opinions/duty")
	@PreAuthorize("hasAuthority('opinion:manage')")
	String setDuty(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String leaderId,
			@RequestParam(required = false) String from, Model model, Locale locale, RedirectAttributes redirect) {
		List<FieldProblem> bad = new ArrayList<>();
		Long leader = QueryParams.id("leaderId", leaderId, bad);
		LocalDate day = OpinionParams.day("from", from, bad);
		try {
			if (!bad.isEmpty()) {
				throw new InvalidInputException(bad);
			}
			opinions.setDuty(user, leader, day);
		}
		catch (InvalidInputException ex) {
			return roster(user, leaderId, from, FormErrors.of(ex.problems(), messages, locale), model);
		}
		redirect.addFlashAttribute("notice", "duty.done.set");
		return "redirect:/participation/opinions/duty";
	}

	@PostMapping("/participation/opinions/duty/{id}/delete")
	@PreAuthorize("hasAuthority('opinion:manage')")
	String removeDuty(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
		opinions.removeDuty(user, id);
		redirect.addFlashAttribute("notice", "duty.done.removed");
		return "redirect:/participation/opinions/duty";
	}

}
