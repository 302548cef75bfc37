package cn.chuangwen.organization.web;

import java.util.List;
import java.util.Locale;

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

import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CommandBodies;
import cn.chuangwen.organization.CommandBody;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;

/**
 * The command structure page (指挥体系, Q1): the city's bodies with their members, each body's
 * members' phones masked unless the reader is the office or a member; the office adds bodies and
 * members and removes members here. Bad input comes back as the page's error summary, beside the
 * form it came from.
 */
@Controller
@PreAuthorize("hasAnyAuthority('command:read', 'command:manage')")
class CommandPages {

	private final CommandBodies bodies;

	private final Cities cities;

	private final MessageSource messages;

	CommandPages(CommandBodies bodies, Cities cities, MessageSource messages) {
		this.bodies = bodies;
		this.cities = cities;
		this.messages = messages;
	}

	@GetMapping("/command")
	String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String city, Model model) {
		List<CityView> visible = cities.visible(user.scope());
		CityView shown = city != null && !city.isBlank()
				? cities.byCode(user.scope(), city.strip()).orElseThrow(() -> new NotFoundException("city", city))
				: visible.stream().filter(c -> user.cityId() == null || c.id() == user.cityId()).findFirst().orElse(null);
		model.addAttribute("cities", visible);
		model.addAttribute("city", shown);
		List<CommandBody> list = shown == null ? List.of() : bodies.list(user, shown.id());
		model.addAttribute("bodies", list);
		model.addAttribute("kinds", CommandBody.Kind.values());
		model.addAttribute("roles", CommandBody.MemberRole.values());
		model.addAttribute("parents", list.stream().filter(b -> b.parentId() == null).toList());
		if (user.can(Permissions.COMMAND_MANAGE) && shown != null) {
			model.addAttribute("accounts", bodies.accountChoices(user, shown.id()));
		}
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", FormErrors.none());
		}
		return "command/list";
	}

	@PostMapping("/command/bodies")
	@PreAuthorize("hasAuthority('command:manage')")
	String create(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String name, @RequestParam(required = false) String parentId,
			@RequestParam(required = false) String duties, Locale locale, RedirectAttributes redirect) {
		try {
			Long parent = id("parentId", parentId);
			CommandBody b = bodies.create(user, new CommandBody.Draft(kind, name, parent, duties, null));
			redirect.addFlashAttribute("notice", "command.done.body");
			return "redirect:/command#body-" + b.id();
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", FormErrors.of(ex.problems(), messages, locale));
			redirect.addFlashAttribute("errorsAt", "new");
			return "redirect:/command#new-body";
		}
	}

	@PostMapping("/command/bodies/{id}/members")
	@PreAuthorize("hasAuthority('command:manage')")
	String addMember(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String name, @RequestParam(required = false) String post,
			@RequestParam(required = false) String phone, @RequestParam(required = false) String role,
			@RequestParam(required = false) String userId, Locale locale, RedirectAttributes redirect) {
		try {
			bodies.addMember(user, id, new CommandBody.MemberDraft(name, post, phone, role, id("userId", userId)));
			redirect.addFlashAttribute("notice", "command.done.member");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", FormErrors.of(ex.problems(), messages, locale));
			redirect.addFlashAttribute("errorsAt", String.valueOf(id));
		}
		return "redirect:/command#body-" + id;
	}

	@PostMapping("/command/bodies/{id}/members/{memberId}/remove")
	@PreAuthorize("hasAuthority('command:manage')")
	String removeMember(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable long memberId,
			RedirectAttributes redirect) {
		bodies.removeMember(user, id, memberId);
		redirect.addFlashAttribute("notice", "command.done.removed");
		return "redirect:/command#body-" + id;
	}

	static Long id(String field, String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Long.parseLong(text.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException(FieldProblem.of(field, "command.error.id"));
		}
	}

}
