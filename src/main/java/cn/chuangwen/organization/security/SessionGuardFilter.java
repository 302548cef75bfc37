package cn.chuangwen.organization.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.internal.AccountStore;
import cn.chuangwen.shared.web.ApiRequests;

/**
 * Per request, for a signed-in session: ends it when the account was disabled, or when the
 * absolute lifetime passed; reloads roles and data scope when the account changed (its version
 * moved), so a role change takes effect at once.
 */
class SessionGuardFilter extends OncePerRequestFilter {

	private final AccountStore accounts;

	private final LoginService logins;

	private final SecuritySettings settings;

	private final Clock clock;

	SessionGuardFilter(AccountStore accounts, LoginService logins, SecuritySettings settings, Clock clock) {
		this.accounts = accounts;
		this.logins = logins;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var auth = SecurityContextHolder.getContext().getAuthentication();
		HttpSession session = request.getSession(false);
		if (session != null && auth != null && auth.getPrincipal() instanceof CurrentUser user) {
			Instant authTime = (Instant) session.getAttribute(SignIn.AUTH_TIME);
			if (authTime == null) {
				session.setAttribute(SignIn.AUTH_TIME, clock.instant());
			}
			else if (authTime.plus(settings.sessionMaxLifetime()).isBefore(clock.instant())) {
				endSession(request, response, session);
				return;
			}
			var state = accounts.stateOf(user.id());
			if (state.isEmpty() || !state.get().enabled()) {
				endSession(request, response, session);
				return;
			}
			if (state.get().version() != user.version()) {
				// The account changed (roles, password reset, policy): rebuild the principal, and end a full
				// session whose account now needs another step first (a new password, a second factor).
				var account = accounts.findById(user.id()).orElseThrow();
				CurrentUser fresh = accounts.currentUser(account);
				boolean full = auth.getAuthorities()
					.stream()
					.anyMatch(a -> a.getAuthority().equals(LoginStep.FULL_AUTHORITY));
				LoginStep step = full ? logins.nextStep(account, fresh, clock.instant()) : stepOf(auth);
				if (full && step != LoginStep.FULL && !(step == LoginStep.TOTP && wasTotpVerified(session))) {
					endSession(request, response, session);
					return;
				}
				var verified = new LoginService.Verified(fresh, full ? LoginStep.FULL : step);
				var replaced = UsernamePasswordAuthenticationToken.authenticated(fresh, null, verified.authorities());
				var context = SecurityContextHolder.createEmptyContext();
				context.setAuthentication(replaced);
				SecurityContextHolder.setContext(context);
				session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
			}
		}
		chain.doFilter(request, response);
	}

	/** True when this session already passed a TOTP check (the account had a second factor at sign-in). */
	private static boolean wasTotpVerified(HttpSession session) {
		return Boolean.TRUE.equals(session.getAttribute(SignIn.TOTP_VERIFIED));
	}

	private static LoginStep stepOf(org.springframework.security.core.Authentication auth) {
		for (LoginStep step : LoginStep.values()) {
			if (auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(step.authority()))) {
				return step;
			}
		}
		return LoginStep.PASSWORD_CHANGE;
	}

	private void endSession(HttpServletRequest request, HttpServletResponse response, HttpSession session)
			throws IOException {
		session.invalidate();
		SecurityContextHolder.clearContext();
		if (ApiRequests.matches(request)) {
			response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
		}
		else {
			response.sendRedirect(request.getContextPath() + "/login?expired");
		}
	}

}
