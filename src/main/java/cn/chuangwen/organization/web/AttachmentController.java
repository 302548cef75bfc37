package cn.chuangwen.organization.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.LeaderAttachmentView;
import cn.chuangwen.organization.LeaderAttachments;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;

/**
 * Leader attachments (挂点) on a unit's creation record: the city office attaches a city leader to
 * the unit and detaches one. Both answer with the record's people tab; bad input comes back as the
 * tab's error summary.
 */
@Controller
@PreAuthorize("hasAuthority('unit:write')")
class AttachmentController {

	static final String FIELD = "leaderUserId";

	private final LeaderAttachments attachments;

	private final MessageSource messages;

	AttachmentController(LeaderAttachments attachments, MessageSource messages) {
		this.attachments = attachments;
		this.messages = messages;
	}

	@PostMapping("/units/{id}/leaders")
	String attach(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(name = FIELD, required = false) Long leaderUserId, Locale locale,
			RedirectAttributes redirect) {
		try {
			if (leaderUserId == null) {
				throw new InvalidInputException(FieldProblem.of(FIELD, "attachment.error.leader.required"));
			}
			attachments.attach(user, leaderUserId, id);
			redirect.addFlashAttribute("notice", "attachment.added");
		}
		catch (InvalidInputException ex) {
			// plain strings: flash attributes live in the session
			ArrayList<String> problems = new ArrayList<>();
			FormErrors.of(ex.problems(), messages, locale).items().forEach(i -> problems.add(i.message()));
			redirect.addFlashAttribute("attachmentProblems", problems);
			if (leaderUserId != null) {
				redirect.addFlashAttribute(FIELD, leaderUserId);
			}
		}
		return "redirect:/units/" + id + "?tab=people";
	}

	@PostMapping("/units/{id}/leaders/{attachmentId}/detach")
	String detach(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable long attachmentId,
			@RequestParam(required = false) String reason, Locale locale, RedirectAttributes redirect) {
		if (attachments.leadersOf(user, id).stream().noneMatch(a -> a.id() == attachmentId)) {
			throw new NotFoundException("leader attachment", attachmentId);
		}
		try {
			attachments.detach(user, attachmentId, reason);
			redirect.addFlashAttribute("notice", "attachment.removed");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("problem", FormErrors.of(ex.problems(), messages, locale).items().get(0).message());
		}
		return "redirect:/units/" + id + "?tab=people";
	}

	/**
	 * What the people tab of a unit's record ({@code GET /units/{id}?tab=people}) shows of the
	 * attachments: the attached leaders, the leaders that can still be attached, and the problems of
	 * the last attempt. The record page itself belongs to {@link UnitController}.
	 */
	@ControllerAdvice(assignableTypes = UnitController.class)
	static class RecordModel {

		private final LeaderAttachments attachments;

		private final Units units;

		RecordModel(LeaderAttachments attachments, Units units) {
			this.attachments = attachments;
			this.units = units;
		}

		@ModelAttribute
		void leaders(@AuthenticationPrincipal CurrentUser user, HttpServletRequest request, Model model) {
			if (user == null || !"GET".equals(request.getMethod()) || !"people".equals(request.getParameter("tab"))
					|| !"/units/{id}".equals(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE))) {
				return;
			}
			@SuppressWarnings("unchecked")
			Map<String, String> variables = (Map<String, String>) request
				.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
			long id;
			try {
				id = Long.parseLong(variables.get("id"));
			}
			catch (RuntimeException ex) {
				return;
			}
			UnitView unit = units.find(user.scope(), id).orElse(null);
			if (unit == null) {
				return; // the record answers 404 itself
			}
			List<LeaderAttachmentView> attached = attachments.leadersOf(user, id);
			model.addAttribute("leaderAttachments", attached);
			if (user.can(Permissions.UNIT_WRITE)) {
				model.addAttribute("leaderOptions", attachments.leaders(user, unit.cityId())
					.stream()
					.filter(l -> attached.stream().noneMatch(a -> a.leaderUserId() == l.id()))
					.toList());
			}
			Object problems = model.getAttribute("attachmentProblems");
			List<FormErrors.Item> items = new ArrayList<>();
			if (problems instanceof List<?> list) {
				list.forEach(m -> items.add(new FormErrors.Item(FIELD, null, String.valueOf(m))));
			}
			model.addAttribute("leaderErrors", new FormErrors(items));
		}

	}

}
