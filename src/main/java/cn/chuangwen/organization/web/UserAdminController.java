package cn.chuangwen.organization.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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

import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.RolePolicies;
import cn.chuangwen.organization.UserDraft;
import cn.chuangwen.organization.UserView;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.web.HtmxView;

/**
 * Account administration: the system administrator manages accounts, the security administrator
 * assigns roles and edits the role policies. Each page checks its own permission.
 */
@Controller
class UserAdminController {

	private final Accounts accounts;

	private final Cities cities;

	private final RolePolicies policies;

	private final MessageSource messages;

	private final AuditTrail audit;

	UserAdminController(Accounts accounts, Cities cities, RolePolicies policies, MessageSource messages,
			AuditTrail audit) {
		this.audit = audit;
		this.accounts = accounts;
		this.cities = cities;
		this.policies = policies;
		this.messages = messages;
	}

	@GetMapping("/admin/users")
	@PreAuthorize("hasAuthority('user:read')")
	String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String q,
			@RequestParam(required = false) String city, @RequestParam(required = false) Integer page, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		var result = accounts.page(user, q, city == null || city.isBlank() ? null : city,
				cn.chuangwen.shared.PageRequest.lenient(page, cn.chuangwen.shared.PageRequest.DEFAULT_SIZE));
		model.addAttribute("result", result);
		model.addAttribute("users", result.items());
		model.addAttribute("cities", cities.visible(user.scope()));
		model.addAttribute("q", q);
		model.addAttribute("city", city);
		return HtmxView.of(request, response, "admin/users", "results");
	}

	@GetMapping("/admin/users/new")
	@PreAuthorize("hasAuthority('user:write')")
	String newForm(Model model) {
		return form(model, new UserDraft("", "", "", null, "", ""), null, FormErrors.none());
	}

	@PostMapping("/admin/users")
	@PreAuthorize("hasAuthority('user:write')")
	String create(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String username,
			@RequestParam(required = false) String displayName, @RequestParam(required = false) String cityCode,
			@RequestParam(required = false) Long unitId, @RequestParam(required = false) String phone,
			@RequestParam(required = false) String password, Model model, Locale locale,
			RedirectAttributes redirect) {
		UserDraft draft = new UserDraft(username, displayName, cityCode, unitId, phone, password);
		try {
			UserView created = accounts.create(user, draft);
			redirect.addFlashAttribute("notice", "users.created");
			return "redirect:/admin/users/" + created.id();
		}
		catch (InvalidInputException ex) {
			return form(model, new UserDraft(username, displayName, cityCode, unitId, phone, ""), null,
					FormErrors.of(ex.problems(), messages, locale));
		}
	}

	@GetMapping("/admin/users/{id}")
	@PreAuthorize("hasAuthority('user:read')")
	String detail(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
		UserView target = accounts.get(user, id);
		model.addAttribute("target", target);
		model.addAttribute("administrator", target.roles().stream().anyMatch(Role::isAdministrator));
		model.addAttribute("allRoles", List.of(Role.values()));
		model.addAttribute("history", audit.historyOf("user", String.valueOf(id), 50));
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", FormErrors.none());
		}
		return "admin/user";
	}

	@GetMapping("/admin/users/{id}/edit")
	@PreAuthorize("hasAuthority('user:write')")
	String editForm(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
		UserView target = accounts.get(user, id);
		return form(model, new UserDraft(target.username(), target.displayName(), target.cityCode(), target.unitId(),
				target.phone(), null), target, FormErrors.none());
	}

	@PostMapping("/admin/users/{id}")
	@PreAuthorize("hasAuthority('user:write')")
	String update(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(defaultValue = "0") int version, @RequestParam(required = false) String displayName,
			@RequestParam(required = false) String cityCode, @RequestParam(required = false) Long unitId,
			@RequestParam(required = false) String phone, Model model, Locale locale, RedirectAttributes redirect) {
		UserView target = accounts.get(user, id);
		UserDraft draft = new UserDraft(target.username(), displayName, cityCode, unitId, phone, null);
		try {
			accounts.update(user, id, version, draft);
			redirect.addFlashAttribute("notice", "users.saved");
			return "redirect:/admin/users/" + id;
		}
		catch (InvalidInputException ex) {
			return form(model, draft, target, FormErrors.of(ex.problems(), messages, locale));
		}
	}

	@PostMapping("/admin/users/{id}/enabled")
	@PreAuthorize("hasAuthority('user:write')")
	String setEnabled(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestParam boolean enabled,
			@RequestParam(required = false) String reason, Locale locale, RedirectAttributes redirect) {
		try {
			accounts.setEnabled(user, id, enabled, reason);
			redirect.addFlashAttribute("notice", enabled ? "users.enabled" : "users.disabled");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", FormErrors.of(ex.problems(), messages, locale));
		}
		return "redirect:/admin/users/" + id;
	}

	@PostMapping("/admin/users/{id}/password")
	@PreAuthorize("hasAuthority('user:write')")
	String resetPassword(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) String password, Locale locale, RedirectAttributes redirect) {
		try {
			accounts.resetPassword(user, id, password);
			redirect.addFlashAttribute("notice", "users.passwordReset");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", FormErrors.of(ex.problems(), messages, locale));
		}
		return "redirect:/admin/users/" + id;
	}

	@PostMapping("/admin/users/{id}/roles")
	@PreAuthorize("hasAuthority('role:assign')")
	String assignRoles(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) List<String> roles, @RequestParam(required = false) String reason,
			Locale locale, RedirectAttributes redirect) {
		Set<Role> wanted = EnumSet.noneOf(Role.class);
		if (roles != null) {
			for (String r : roles) {
				for (Role role : Role.values()) {
					if (role.name().equals(r)) {
						wanted.add(role);
					}
				}
			}
		}
		try {
			accounts.assignRoles(user, id, wanted, reason);
			redirect.addFlashAttribute("notice", "users.rolesSaved");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", FormErrors.of(ex.problems(), messages, locale));
		}
		return "redirect:/admin/users/" + id;
	}

	@GetMapping("/admin/roles")
	@PreAuthorize("hasAuthority('role:edit')")
	String roles(Model model) {
		model.addAttribute("policies", policies.all());
		model.addAttribute("permissions", Permissions.ALL);
		model.addAttribute("scopes", List.of(DataScope.Kind.values()));
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", FormErrors.none());
		}
		return "admin/roles";
	}

	@PostMapping("/admin/roles/{role}")
	@PreAuthorize("hasAuthority('role:edit')")
	String updateRole(@AuthenticationPrincipal CurrentUser user, @PathVariable String role,
			@RequestParam(defaultValue = "0") int version, @RequestParam(required = false) String scope,
			@RequestParam(required = false) List<String> permissions, @RequestParam(required = false) String reason,
			Locale locale, RedirectAttributes redirect) {
		Role r = List.of(Role.values()).stream().filter(x -> x.name().equals(role)).findFirst()
			.orElseThrow(() -> new cn.chuangwen.shared.NotFoundException("role", role));
		DataScope.Kind kind = List.of(DataScope.Kind.values()).stream().filter(k -> k.name().equals(scope)).findFirst()
			.orElse(null);
		try {
			policies.update(user, r, version, kind, permissions == null ? Set.of() : Set.copyOf(permissions), reason);
			redirect.addFlashAttribute("notice", "roles.saved");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", FormErrors.of(ex.problems(), messages, locale));
		}
		return "redirect:/admin/roles#" + role;
	}

	private String form(Model model, UserDraft draft, UserView target, FormErrors errors) {
		model.addAttribute("draft", draft);
		model.addAttribute("target", target);
		model.addAttribute("errors", errors);
		model.addAttribute("cities", cities.visible(DataScope.all()));
		return "admin/user-form";
	}

}
