package cn.chuangwen.organization.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.security.LoginService;
import cn.chuangwen.organization.security.QrCode;
import cn.chuangwen.organization.security.SecuritySettings;
import cn.chuangwen.organization.security.SignIn;
import cn.chuangwen.organization.security.Totp;
import cn.chuangwen.organization.throttle.AddressThrottle;

/** The sign-in pages: password (handled by Spring Security's filter), then the second factor. */
@Controller
class LoginController {

	static final String PENDING_SECRET = "chuangwen.pendingTotpSecret";

	private final LoginService logins;

	private final SignIn signIn;

	private final SecuritySettings settings;

	LoginController(LoginService logins, SignIn signIn, SecuritySettings settings) {
		this.logins = logins;
		this.signIn = signIn;
		this.settings = settings;
	}

	@GetMapping("/login")
	String login() {
		return "login/login";
	}

	/** Where a throttled sign-in is forwarded: the sign-in page with the wait, answered 429. */
	@RequestMapping("/login/throttled")
	@ResponseStatus(HttpStatus.TOO_MANY_REQUESTS)
	String throttled(HttpServletRequest request, Model model) {
		Object seconds = request.getAttribute(AddressThrottle.RETRY_AFTER_SECONDS);
		model.addAttribute("throttled", seconds == null ? 60L : seconds);
		return "login/login";
	}

	@GetMapping("/login/totp")
	String totp() {
		return "login/totp";
	}

	@PostMapping("/login/totp")
	String checkTotp(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String code,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		try {
			logins.checkTotp(user.id(), code);
		}
		catch (BadCredentialsException ex) {
			AddressThrottle.markFailed(request);
			model.addAttribute("error", true);
			return "login/totp";
		}
		return complete(user, request, response);
	}

	@GetMapping("/login/totp/enrol")
	String enrol(@AuthenticationPrincipal CurrentUser user, HttpSession session, Model model) {
		return enrolPage(user, session, model, "/login/totp/enrol");
	}

	@PostMapping("/login/totp/enrol")
	String confirmEnrol(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String code,
			HttpSession session, HttpServletRequest request, HttpServletResponse response, Model model) {
		String secret = (String) session.getAttribute(PENDING_SECRET);
		try {
			logins.enrolTotp(user.id(), secret, code, false);
		}
		catch (BadCredentialsException ex) {
			AddressThrottle.markFailed(request);
			model.addAttribute("error", true);
			return enrolPage(user, session, model, "/login/totp/enrol");
		}
		session.removeAttribute(PENDING_SECRET);
		return complete(user, request, response);
	}

	String enrolPage(CurrentUser user, HttpSession session, Model model, String action) {
		String secret = (String) session.getAttribute(PENDING_SECRET);
		if (secret == null) {
			secret = Totp.newSecret();
			session.setAttribute(PENDING_SECRET, secret);
		}
		model.addAttribute("secret", secret.replaceAll("(.{4})", "$1 ").trim());
		model.addAttribute("qr", QrCode.svg(Totp.uri(settings.totpIssuer(), user.username(), secret)));
		model.addAttribute("action", action);
		return "login/enrol";
	}

	private String complete(CurrentUser user, HttpServletRequest request, HttpServletResponse response) {
		var verified = logins.completeLogin(user.id());
		var saved = new HttpSessionRequestCache().getRequest(request, response);
		signIn.store(verified, request, response);
		request.getSession().setAttribute(SignIn.TOTP_VERIFIED, Boolean.TRUE);
		return "redirect:" + (saved != null ? saved.getRedirectUrl() : "/");
	}

}
