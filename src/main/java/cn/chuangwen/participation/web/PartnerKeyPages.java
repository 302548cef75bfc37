package cn.chuangwen.participation.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.participation.PartnerKeys;
import cn.chuangwen.participation.PartnerKeys.PartnerDraft;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.PageRequest;

/**
 * The office's page of Open311 partner keys (合作应用接口密钥): the list, issuing a key (shown once,
 * on the answer to the form, never kept in the session), revoking one with a reason.
 */
@Controller
class PartnerKeyPages {

	static final int PAGE_SIZE = 50;

	private final PartnerKeys keys;

	private final MessageSource messages;

	PartnerKeyPages(PartnerKeys keys, MessageSource messages) {
		this.keys = keys;
		this.messages = messages;
	}

	@GetMapping("/participation/partners")
	@PreAuthorize("hasAuthority('participation:triage')")
	String page(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Integer page, Model model) {
		return page(user, page, blankForm(),
				FormErrors.none(), model);
	}

	@PostMapping("/participation/partners")
	@PreAuthorize("hasAuthority('participation:triage')")
	String issue(@AuthenticationPrincipal CurrentUser user, @RequestParam Map<String, String> form, Model model,
			Locale locale, HttpServletResponse response) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("name", form.getOrDefault("name", ""));
		values.put("contact", form.getOrDefault("contact", ""));
		values.put("requestsPerMinute", form.getOrDefault("requestsPerMinute", "").strip());
		Integer perMinute = null;
		if (!values.get("requestsPerMinute").isEmpty()) {
			perMinute = values.get("requestsPerMinute").matches("\\d{1,6}") ? Integer.valueOf(values.get("requestsPerMinute")) : -1;
		}
		try {
			PartnerKeys.Issued issued = keys.issue(user, new PartnerDraft(values.get("name"), values.get("contact"), perMinute));
			// the key is in this answer only: no redirect (a flash attribute would put it in the session store)
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			model.addAttribute("issued", issued);
			return page(user, 1, blankForm(),
					FormErrors.none(), model);
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return page(user, 1, values, FormErrors.of(ex.problems(), messages, locale), model);
		}
	}

	@PostMapping("/participation/partners/{id}/revoke")
	@PreAuthorize("hasAuthority('participation:triage')")
	String revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String reason, Model model, Locale locale, HttpServletResponse response,
			RedirectAttributes redirect) {
		try {
			keys.revoke(user, id, reason);
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("revokeErrors", FormErrors.of(ex.problems(), messages, locale));
			return page(user, 1, blankForm(),
					FormErrors.none(), model);
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("notice", "open311Key.alreadyRevoked");
			return "redirect:/participation/partners";
		}
		redirect.addFlashAttribute("notice", "open311Key.revokedNotice");
		return "redirect:/participation/partners";
	}

	/** The issue form as first shown: empty, with the default allowance filled in. */
	private static Map<String, String> blankForm() {
		return Map.of("requestsPerMinute", String.valueOf(PartnerKeys.DEFAULT_PER_MINUTE));
	}

	private String page(CurrentUser user, Integer page, Map<String, String> values, FormErrors errors, Model model) {
		model.addAttribute("keys", keys.list(user, PageRequest.lenient(page, PAGE_SIZE)));
		model.addAttribute("values", values);
		model.addAttribute("errors", errors);
		model.addAttribute("maxPerMinute", PartnerKeys.MAX_PER_MINUTE);
		if (!model.containsAttribute("revokeErrors")) {
			model.addAttribute("revokeErrors", FormErrors.none());
		}
		return "participation/partners";
	}

}
