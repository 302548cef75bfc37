package cn.chuangwen.organization.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/** Puts a (partial or full) sign-in into the session, with a fresh session id each time. */
@Component
public class SignIn {

	/** Session attribute: when the password was accepted, for the absolute session lifetime. */
	public static final String AUTH_TIME = "chuangwen.authTime";

	/** Session attribute: the second factor was checked in this session. */
	public static final String TOTP_VERIFIED = "chuangwen.totpVerified";

	private final SecurityContextRepository repository = new HttpSessionSecurityContextRepository();

	public void store(LoginService.Verified verified, HttpServletRequest request, HttpServletResponse response) {
		var auth = UsernamePasswordAuthenticationToken.authenticated(verified.user(), null, verified.authorities());
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(auth);
		SecurityContextHolder.setContext(context);
		if (request.getSession(false) != null) {
			request.changeSessionId();
		}
		repository.saveContext(context, request, response);
	}

	/** Where the browser goes next for a step. */
	public static String pageFor(LoginStep step) {
		return switch (step) {
			case PASSWORD_CHANGE -> "/account/password";
			case TOTP -> "/login/totp";
			case TOTP_ENROL -> "/login/totp/enrol";
			case FULL -> "/";
		};
	}

}
