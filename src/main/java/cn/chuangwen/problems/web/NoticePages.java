package cn.chuangwen.problems.web;

import java.io.IOException;
import java.time.Instant;
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
import cn.chuangwen.documents.NoticeDocuments;
import cn.chuangwen.files.Downloads;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.problems.ProblemFilter;
import cn.chuangwen.problems.ProblemState;
import cn.chuangwen.problems.ProblemView;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.problems.RectificationNotices;
import cn.chuangwen.problems.RectificationNotices.Kind;
import cn.chuangwen.problems.RectificationNotices.NoticeView;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.web.HtmxView;

/**
 * Rectification notices and supervision letters as pages: the list (a unit's own, or the city's),
 * one notice with its problems, the signature and a letter's reply, its PDF, and the office's form
 * that issues one for a unit's open problems.
 */
@Controller
class NoticePages {

	static final int PAGE_SIZE = 20;

	private final RectificationNotices notices;

	private final Problems problems;

	private final Units units;

	private final NoticeDocuments documents;

	private final EvidenceStore files;

	private final MessageSource messages;

	NoticePages(RectificationNotices notices, Problems problems, Units units, NoticeDocuments documents,
			EvidenceStore files, MessageSource messages) {
		this.notices = notices;
		this.problems = problems;
		this.units = units;
		this.documents = documents;
		this.files = files;
		this.messages = messages;
	}

	@GetMapping("/problems/notices")
	@PreAuthorize("hasAuthority('problem:read')")
	String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Boolean unreceived,
			@RequestParam(required = false) Integer page, Model model, HttpServletRequest request,
			HttpServletResponse response) {
		Page<NoticeView> result = notices.page(user, null, Boolean.TRUE.equals(unreceived),
				PageRequest.lenient(page, PAGE_SIZE));
		model.addAttribute("result", result);
		model.addAttribute("notices", result.items());
		model.addAttribute("unreceived", Boolean.TRUE.equals(unreceived));
		return HtmxView.of(request, response, "problems/notices", "results");
	}

	@GetMapping("/problems/notices/{id}")
	@PreAuthorize("hasAuthority('problem:read')")
	String detail(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
		return detail(user, notices.get(user, id), FormErrors.none(), null, model);
	}

	private String detail(CurrentUser user, NoticeView notice, FormErrors errors, String text, Model model) {
		model.addAttribute("doc", notice);
		model.addAttribute("errors", errors);
		model.addAttribute("text", text);
		model.addAttribute("pdfAvailable", documents.fontPresent());
		return "problems/notice";
	}

	@GetMapping("/problems/notices/{id}/pdf")
	@PreAuthorize("hasAuthority('problem:read')")
	ResponseEntity<byte[]> pdf(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
		return NoticesApi.pdfResponse(notices.pdf(user, id), "inline");
	}

	@GetMapping("/problems/notices/{id}/files/{fileId}")
	@PreAuthorize("hasAuthority('problem:read')")
	ResponseEntity<Resource> file(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@PathVariable long fileId) {
		return Downloads.file(notices.replyFile(user, id, fileId), files, false);
	}

	@PostMapping("/problems/notices/{id}/receipt")
	@PreAuthorize("hasAuthority('problem:rectify')")
	String receive(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
		notices.receive(user, id);
		redirect.addFlashAttribute("notice", "notice.page.done.received");
		return "redirect:/problems/notices/" + id;
	}

	@PostMapping("/problems/notices/{id}/reply")
	@PreAuthorize("hasAuthority('problem:rectify')")
	String reply(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String text, @RequestParam(required = false) List<MultipartFile> files,
			Model model, Locale locale, RedirectAttributes redirect) throws IOException {
		try {
			notices.reply(user, id, text, Uploads.of(files));
		}
		catch (InvalidInputException ex) {
			return detail(user, notices.get(user, id), FormErrors.of(ex.problems(), messages, locale), text, model);
		}
		redirect.addFlashAttribute("notice", "notice.page.done.replied");
		return "redirect:/problems/notices/" + id;
	}

	/** The office's form: the unit's dispatched, open problems to choose from. */
	@GetMapping("/problems/notices/new")
	@PreAuthorize("hasAuthority('problem:write')")
	String form(@AuthenticationPrincipal CurrentUser user, @RequestParam long unitId,
			@RequestParam(required = false) List<Long> problemId, @RequestParam(required = false) String kind,
			Model model) {
		return form(user, unitId, problemId == null ? List.of() : problemId, kind, null, null, FormErrors.none(), model);
	}

	@PostMapping("/problems/notices")
	@PreAuthorize("hasAuthority('problem:write')")
	String issue(@AuthenticationPrincipal CurrentUser user, @RequestParam long unitId,
			@RequestParam(required = false) List<Long> problemId, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String deadline, @RequestParam(required = false) String requirements,
			Model model, Locale locale, RedirectAttributes redirect) {
		List<Long> chosen = problemId == null ? List.of() : problemId;
		List<FieldProblem> bad = new ArrayList<>();
		Kind k = null;
		for (Kind each : Kind.values()) {
			if (each.name().equals(kind)) {
				k = each;
			}
		}
		Instant due = ProblemParams.deadline(deadline, bad);
		try {
			ProblemParams.check(bad);
			NoticeView issued = notices.issue(user, k, unitId, chosen, due, requirements);
			redirect.addFlashAttribute("notice", "notice.page.done.issued");
			return "redirect:/problems/notices/" + issued.id();
		}
		catch (InvalidInputException ex) {
			return form(user, unitId, chosen, kind, deadline, requirements, FormErrors.of(ex.problems(), messages, locale),
					model);
		}
	}

	private String form(CurrentUser user, long unitId, List<Long> chosen, String kind, String deadline,
			String requirements, FormErrors errors, Model model) {
		UnitView unit = units.get(user.scope(), unitId);
		List<ProblemView> open = new ArrayList<>();
		for (ProblemState state : List.of(ProblemState.DISPATCHED, ProblemState.DISPUTED, ProblemState.RECTIFYING,
				ProblemState.SUBMITTED)) {
			open.addAll(problems
				.page(user, user.cityId(), new ProblemFilter(unitId, state, null, null, null, null, null, null),
						PageRequest.first(RectificationNotices.MAX_PROBLEMS))
				.items());
		}
		model.addAttribute("unit", unit);
		model.addAttribute("open", open);
		model.addAttribute("chosen", chosen);
		model.addAttribute("kind", kind == null ? Kind.RECTIFICATION.name() : kind);
		model.addAttribute("kinds", Kind.values());
		model.addAttribute("deadline", deadline);
		model.addAttribute("requirements", requirements);
		model.addAttribute("errors", errors);
		return "problems/notice-form";
	}

}
