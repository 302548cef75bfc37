package cn.chuangwen.participation.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.chuangwen.files.Downloads;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.participation.OpinionRounds;
import cn.chuangwen.participation.RoundAnswer;
import cn.chuangwen.participation.RoundView;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.shared.web.HtmxView;

/**
 * Opinion collection rounds (征集) as pages: the list, the office's form, one round with its answers
 * (the office) or the supervisor's answer form, the close button and the Excel export; and the
 * anonymous public page where anyone answers on a phone.
 */
@Controller
class RoundPages {

	static final int PAGE_SIZE = 20;

	private final OpinionRounds rounds;

	private final MessageSource messages;

	private final Clock clock;

	RoundPages(OpinionRounds rounds, MessageSource messages, Clock clock) {
		this.rounds = rounds;
		this.messages = messages;
		this.clock = clock;
	}

	@GetMapping("/participation/rounds")
	@PreAuthorize("hasAnyAuthority('opinion:file', 'opinion:manage')")
	String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Integer page, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		Page<RoundView> result = rounds.page(user, PageRequest.lenient(page, PAGE_SIZE));
		model.addAttribute("result", result);
		model.addAttribute("rounds", result.items());
		model.addAttribute("now", clock.instant());
		model.addAttribute("office", user.can(Permissions.OPINION_MANAGE));
		return HtmxView.of(request, response, "participation/rounds", "results");
	}

	@GetMapping("/participation/rounds/new")
	@PreAuthorize("hasAuthority('opinion:manage')")
	String form(Model model) {
		return form(null, null, null, FormErrors.none(), model);
	}

	private String form(String topic, String description, String deadline, FormErrors errors, Model model) {
		model.addAttribute("topic", topic);
		model.addAttribute("description", description);
		model.addAttribute("deadline", deadline);
		model.addAttribute("errors", errors);
		return "participation/round-form";
	}

	@PostMapping("/participation/rounds")
	@PreAuthorize("hasAuthority('opinion:manage')")
	String open(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String topic,
			@RequestParam(required = false) String description, @RequestParam(required = false) String deadline,
			Model model, Locale locale, RedirectAttributes redirect) {
		List<FieldProblem> bad = new ArrayList<>();
		Instant due = OpinionParams.moment("deadline", deadline, bad);
		try {
			if (!bad.isEmpty()) {
				throw new InvalidInputException(bad);
			}
			RoundView r = rounds.open(user, topic, description, due);
			redirect.addFlashAttribute("notice", "round.done.opened");
			return "redirect:/participation/rounds/" + r.id();
		}
		catch (InvalidInputException ex) {
			return form(topic, description, deadline, FormErrors.of(ex.problems(), messages, locale), model);
		}
	}

	@GetMapping("/participation/rounds/{id}")
	@PreAuthorize("hasAnyAuthority('opinion:file', 'opinion:manage')")
	String detail(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) Integer page, Model model) {
		return detail(user, id, page, null, FormErrors.none(), model);
	}

	private String detail(CurrentUser user, long id, Integer page, String text, FormErrors errors, Model model) {
		RoundView r = rounds.get(user, id);
		Page<RoundAnswer> answers = rounds.answers(user, id, PageRequest.lenient(page, PAGE_SIZE));
		model.addAttribute("r", r);
		model.addAttribute("result", answers);
		model.addAttribute("answers", answers.items());
		model.addAttribute("accepting", r.accepting(clock.instant()));
		model.addAttribute("office", user.can(Permissions.OPINION_MANAGE));
		model.addAttribute("personal", user.can(Permissions.PARTICIPATION_PERSONAL));
		model.addAttribute("supervisor", user.can(Permissions.OPINION_FILE));
		model.addAttribute("text", text);
		model.addAttribute("errors", errors);
		return "participation/round";
	}

	@PostMapping("/participation/rounds/{id}/answers")
	@PreAuthorize("hasAuthority('opinion:file')")
	String answer(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String text, Model model, Locale locale, RedirectAttributes redirect) {
		try {
			rounds.answer(user, id, text);
		}
		catch (InvalidInputException ex) {
			return detail(user, id, null, text, FormErrors.of(ex.problems(), messages, locale), model);
		}
		redirect.addFlashAttribute("notice", "round.done.answered");
		return "redirect:/participation/rounds/" + id;
	}

	@PostMapping("/participation/rounds/{id}/close")
	@PreAuthorize("hasAuthority('opinion:manage')")
	String close(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
		rounds.close(user, id);
		redirect.addFlashAttribute("notice", "round.done.closed");
		return "redirect:/participation/rounds/" + id;
	}

	@GetMapping("/participation/rounds/{id}/answers.xlsx")
	@PreAuthorize("hasAuthority('opinion:manage')")
	void export(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, HttpServletResponse response)
			throws IOException {
		RoundView r = rounds.get(user, id);
		response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		response.setHeader("Content-Disposition",
				Downloads.contentDisposition("attachment", messages.getMessage("round.export.file",
						new Object[] { r.id() }, Locale.SIMPLIFIED_CHINESE)));
		rounds.export(user, id, response.getOutputStream());
	}

	// --- the public page (no account)

	@GetMapping("/public/opinions/{cityCode}/{roundId}")
	String publicRound(@PathVariable String cityCode, @PathVariable long roundId,
			@RequestParam(required = false) Boolean sent, Model model) {
		return publicPage(rounds.publicRound(cityCode, roundId), Boolean.TRUE.equals(sent), null, null, null,
				FormErrors.none(), null, model);
	}

	@PostMapping("/public/opinions/{cityCode}/{roundId}")
	String publicAnswer(@PathVariable String cityCode, @PathVariable long roundId,
			@RequestParam(required = false) String text, @RequestParam(required = false) String name,
			@RequestParam(required = false) String phone, Model model, Locale locale, HttpServletResponse response) {
		RoundView r = rounds.publicRound(cityCode, roundId);
		try {
			rounds.answerPublic(cityCode, roundId, text, name, phone);
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			return publicPage(r, false, text, name, phone, FormErrors.of(ex.problems(), messages, locale), null, model);
		}
		catch (ConflictException ex) {
			response.setStatus(409);
			return publicPage(r, false, text, name, phone, FormErrors.none(), ex.messageKey(), model);
		}
		return "redirect:/public/opinions/" + cityCode + "/" + roundId + "?sent=true";
	}

	private String publicPage(RoundView r, boolean sent, String text, String name, String phone, FormErrors errors,
			String refused, Model model) {
		Instant now = clock.instant();
		model.addAttribute("r", r);
		model.addAttribute("sent", sent);
		model.addAttribute("accepting", r.accepting(now));
		model.addAttribute("why", refused != null ? refused
				: r.state() != RoundView.State.OPEN ? "round.error.closed" : now.isBefore(r.deadline()) ? null : "round.error.past");
		model.addAttribute("text", text);
		model.addAttribute("name", name);
		model.addAttribute("phone", phone);
		model.addAttribute("errors", errors);
		model.addAttribute("maxAnswer", OpinionRounds.MAX_ANSWER);
		return "public/opinion-round";
	}

}
