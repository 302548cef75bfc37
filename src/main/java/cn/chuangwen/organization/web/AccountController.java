package cn.chuangwen.organization.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.context.MessageSource;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.security.ApiTokens;
import cn.chuangwen.organization.security.LoginService;
import cn.chuangwen.organization.security.LoginStep;
import cn.chuangwen.organization.security.SignIn;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;

/** The signed-in user's own account: password, second factor, API tokens. */
@Controller
class AccountController {

	private final Accounts accounts;

	private final ApiTokens tokens;

	private final LoginService logins;

	private final SignIn signIn;

	private final LoginController login;

	private final MessageSource messages;

	AccountController(Accounts accounts, ApiTokens tokens, LoginService logins, SignIn signIn, LoginController login,
			MessageSource messages) {
		this.accounts = accounts;
		this.tokens = tokens;
		this.logins = logins;
		this.signIn = signIn;
		this.login = login;
		this.messages = messages;
	}

	@GetMapping("/account")
	String account(@AuthenticationPrincipal CurrentUser user, Model model) {
		model.addAttribute("user", user);
		model.addAttribute("totpEnabled", accounts.totpEnabled(user.id()));
		model.addAttribute("tokens", tokens.tokensOf(user));
		return "account/account";
	}

	@GetMapping("/account/password")
	String passwordForm(Authentication auth, Model model) {
		model.addAttribute("forced", !isFull(auth));
		model.addAttribute("errors", FormErrors.none());
		return "account/password";
	}

	@PostMapping("/account/password")
	String changePassword(Authentication auth, @RequestParam(required = false) String currentPassword,
			@RequestParam(required = false) String newPassword, @RequestParam(required = false) String confirmPassword,
			HttpServletRequest request, HttpServletResponse response, Model model, Locale locale,
			RedirectAttributes redirect) {
		CurrentUser user = (CurrentUser) auth.getPrincipal();
		try {
			if (newPassword != null && !newPassword.equals(confirmPassword)) {
				throw new InvalidInputException(FieldProblem.of("confirmPassword", "password.error.confirm"));
			}
			accounts.changeOwnPassword(user, currentPassword, newPassword);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("forced", !isFull(auth));
			model.addAttribute("errors", FormErrors.of(ex.problems(), messages, locale));
			return "account/password";
		}
		LoginStep next = isFull(auth) ? LoginStep.FULL : logins.stepAfterPasswordChange(user.id());
		var verified = next == LoginStep.FULL ? logins.completeLogin(user.id())
				: new LoginService.Verified(accounts.principal(user.id()), next);
		signIn.store(verified, request, response);
		redirect.addFlashAttribute("notice", "account.password.changed");
		return "redirect:" + (isFull(auth) ? "/account" : SignIn.pageFor(next));
	}

	@GetMapping("/account/totp")
	String totpForm(@AuthenticationPrincipal CurrentUser user, HttpSession session, Model model) {
		return login.enrolPage(user, session, model, "/account/totp");
	}

	@PostMapping("/account/totp")
	String enrolTotp(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String code,
			HttpSession session, Model model, RedirectAttributes redirect) {
		String secret = (String) session.getAttribute(LoginController.PENDING_SECRET);
		try {
			logins.enrolTotp(user.id(), secret, code, true);
			session.setAttribute(SignIn.TOTP_VERIFIED, Boolean.TRUE);
		}
		catch (BadCredentialsException ex) {
			model.addAttribute("error", true);
			return login.enrolPage(user, session, model, "/account/totp");
		}
		session.removeAttribute(LoginController.PENDING_SECRET);
		redirect.addFlashAttribute("notice", "account.totp.enrolled");
		return "redirect:/account";
	}

	@PostMapping("/account/tokens/{id}/revoke")
	String revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
		if (tokens.revoke(user, id)) {
			redirect.addFlashAttribute("notice", "account.token.revoked.done");
		}
		return "redirect:/account";
	}

	private static boolean isFull(Authentication auth) {
		return auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(LoginStep.FULL_AUTHORITY));
	}

}
