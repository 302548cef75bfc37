package cn.chuangwen.organization.security;

import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.HeaderWriterLogoutHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ClearSiteDataHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.internal.AccountStore;
import cn.chuangwen.organization.throttle.AddressThrottle;
import cn.chuangwen.organization.throttle.PublicRateLimit;
import cn.chuangwen.shared.web.ApiRequests;

/**
 * Two filter chains: the JSON API (bearer tokens, stateless, problem JSON on refusal) and the web
 * (form login in steps: password, then password change or second factor; sessions; CSRF).
 */
@Configuration
@EnableMethodSecurity
class SecurityConfig {

	static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	/** The policy in force: {@link #CSP}, with the map tile server's origin allowed for images when one is set. */
	private final String csp;

	SecurityConfig(@Value("${chuangwen.map.tile-url:}") String tileUrl) {
		this.csp = csp(tileUrl);
	}

	/**
	 * The policy for a tile URL template such as {@code https://t{s}.tianditu.gov.cn/...}: its origin
	 * may serve images; a templated first label becomes a wildcard ({@code https://*.tianditu.gov.cn}).
	 */
	static String csp(String tileUrl) {
		if (tileUrl == null || tileUrl.isBlank()) {
			return CSP;
		}
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("(https?://)([^/]+)").matcher(tileUrl.strip());
		if (!m.lookingAt()) {
			return CSP;
		}
		String host = m.group(2);
		if (host.contains("{")) {
			// a templated subdomain ({s}.tile.example.org) becomes a wildcard; a templated bare host cannot
			if (host.indexOf('.') < 0) {
				return CSP;
			}
			host = "*" + host.substring(host.indexOf('.'));
		}
		if (!host.matches("[*A-Za-z0-9.:-]+")) {
			return CSP;
		}
		return CSP.replace("img-src 'self' data:;", "img-src 'self' data: " + m.group(1) + host + ";");
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/**
	 * No observation around each security filter: with the actuator on the class path Spring
	 * Security wraps every filter of every request in one, a fifth of an API call's time. The HTTP
	 * server observation (request metrics) stays.
	 */
	@Bean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/** Spring Security's strict firewall with its text rules checked by a loop (see {@link FirewallText}). */
	@Bean
	WebSecurityCustomizer firewall() {
		var firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(FirewallText.ASSIGNED_NOT_CONTROL);
		firewall.setAllowedHeaderValues(FirewallText.HEADER_VALUE);
		firewall.setAllowedParameterNames(FirewallText.ASSIGNED_NOT_CONTROL);
		return web -> web.httpFirewall(firewall);
	}

	/**
	 * The anonymous APIs (issue 11): citizen reports under {@code /api/v1/public/} and Open311 under
	 * {@code /open311/}. No account, no session, no CSRF (no cookie is read); every request counts
	 * against the address's public allowance. Open311 checks a partner's {@code api_key} itself.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain publicApi(HttpSecurity http, PublicRateLimit publicLimit) throws Exception {
		http.securityMatcher("/api/v1/public/**", "/open311/**")
			.authorizeHttpRequests(a -> a.anyRequest().permitAll())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(c -> c.disable())
			.requestCache(c -> c.disable())
			.logout(l -> l.disable())
			.servletApi(s -> s.disable())
			.addFilterAfter(publicLimit.filter(), HeaderWriterFilter.class)
			.headers(h -> headers(h));
		return http.build();
	}

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, ProblemResponses problems, DeniedAccessTrace trace,
			AddressThrottle throttle) throws Exception {
		http.securityMatcher(ApiRequests.PATTERN)
			.authorizeHttpRequests(a -> a.requestMatchers(HttpMethod.POST, "/api/v1/auth/token")
				.permitAll()
				.anyRequest()
				.hasAuthority(LoginStep.FULL_AUTHORITY))
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(c -> c.disable())
			.requestCache(c -> c.disable())
			// A bearer token or nothing: no anonymous principal, no servlet API wrapper, no logout.
			.logout(l -> l.disable())
			.anonymous(a -> a.disable())
			.servletApi(s -> s.disable())
			.addFilterBefore(new BearerTokenFilter(tokens), BasicAuthenticationFilter.class)
			.addFilterBefore(throttle.filter(null, PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/auth/token")),
					BearerTokenFilter.class)
			.exceptionHandling(e -> e.authenticationEntryPoint(problems::unauthorized)
				.accessDeniedHandler((request, response, ex) -> {
					trace.denied(request);
					problems.forbidden(request, response, ex);
				}))
			.headers(h -> headers(h));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain web(HttpSecurity http, LoginService logins, AccountStore accounts,
			SecuritySettings settings, Clock clock, AuditTrail audit, TransactionTemplate tx, DeniedAccessTrace trace,
			AddressThrottle throttle, PublicRateLimit publicLimit) throws Exception {
		// Its own manager without a parent: a refused password is counted once, not again by a global manager.
		var provider = new AccountAuthenticationProvider(logins);
		var post = PathPatternRequestMatcher.withDefaults();
		var failure = new SimpleUrlAuthenticationFailureHandler("/login?error");
		http.authenticationManager(new ProviderManager(provider))
			.authorizeHttpRequests(a -> a
				.requestMatchers("/login", "/login/throttled", "/language", "/css/**", "/js/**", "/images/**", "/webjars/**", "/favicon.ico", "/error",
						"/actuator/health", "/actuator/health/**")
				.permitAll()
				// public pages: published results (issue 9 §4, 404 until published), citizen reports,
				// the exposure column (issue 11); every one is anonymous by design and rate-limited
				.requestMatchers("/public/**")
				.permitAll()
				// the survey answer pages (issue 10 §5): a window unit's QR link /s/{token}, anonymous, rate-limited
				.requestMatchers("/s/**")
				.permitAll()
				.requestMatchers("/login/totp")
				.hasAuthority(LoginStep.TOTP.authority())
				.requestMatchers("/login/totp/enrol")
				.hasAuthority(LoginStep.TOTP_ENROL.authority())
				.requestMatchers("/account/password")
				.hasAnyAuthority(LoginStep.PASSWORD_CHANGE.authority(), LoginStep.FULL_AUTHORITY)
				.requestMatchers("/actuator/**")
				.hasAuthority(Permissions.SYSTEM_MONITOR)
				.anyRequest()
				.hasAuthority(LoginStep.FULL_AUTHORITY))
			.formLogin(f -> f.loginPage("/login")
				.successHandler(loginSuccess(clock))
				.failureHandler((request, response, ex) -> {
					AddressThrottle.markFailed(request);
					failure.onAuthenticationFailure(request, response, ex);
				})
				.permitAll())
			.logout(l -> l.logoutUrl("/logout")
				.addLogoutHandler(auditLogout(audit, tx))
				.addLogoutHandler(new HeaderWriterLogoutHandler(new ClearSiteDataHeaderWriter(
						ClearSiteDataHeaderWriter.Directive.CACHE, ClearSiteDataHeaderWriter.Directive.COOKIES,
						ClearSiteDataHeaderWriter.Directive.STORAGE)))
				.deleteCookies("CWSESSION")
				.invalidateHttpSession(true)
				.logoutSuccessUrl("/login?logout"))
			.sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
			.exceptionHandling(e -> e.accessDeniedHandler((request, response, ex) -> {
				trace.denied(request);
				new AccessDeniedHandlerImpl().handle(request, response, ex);
			}))
			// Before the password check: a throttled address reaches no account.
			.addFilterBefore(throttle.filter("/login/throttled", post.matcher(HttpMethod.POST, "/login"),
					post.matcher(HttpMethod.POST, "/login/totp"), post.matcher(HttpMethod.POST, "/login/totp/enrol")),
					LogoutFilter.class)
			.addFilterAfter(new SessionGuardFilter(accounts, logins, settings, clock), UsernamePasswordAuthenticationFilter.class)
			// Anonymous public pages: every request counts against the address's allowance. After the
			// header writer (a 429 gets the security headers too), before anything reads a session.
			.addFilterAfter(publicLimit.filter(), HeaderWriterFilter.class)
			.headers(h -> headers(h));
		return http.build();
	}

	private void headers(
			org.springframework.security.config.annotation.web.configurers.HeadersConfigurer<HttpSecurity> h) {
		h.contentSecurityPolicy(c -> c.policyDirectives(csp))
			.referrerPolicy(r -> r.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
			.frameOptions(f -> f.deny())
			.contentTypeOptions(c -> {
			});
	}

	/** After the password: to the next step's page, or to the page first asked for. */
	private static AuthenticationSuccessHandler loginSuccess(Clock clock) {
		var cache = new HttpSessionRequestCache();
		return (HttpServletRequest request, HttpServletResponse response, Authentication auth) -> {
			request.getSession().setAttribute(SignIn.AUTH_TIME, clock.instant());
			LoginStep step = LoginStep.PASSWORD_CHANGE;
			for (LoginStep s : LoginStep.values()) {
				if (auth.getAuthorities().stream().anyMatch(g -> g.getAuthority().equals(s.authority()))) {
					step = s;
				}
			}
			String target = SignIn.pageFor(step);
			if (step == LoginStep.FULL) {
				var saved = cache.getRequest(request, response);
				if (saved != null) {
					target = saved.getRedirectUrl();
				}
			}
			response.sendRedirect(target.startsWith("http") ? target : request.getContextPath() + target);
		};
	}

	private static LogoutHandler auditLogout(AuditTrail audit, TransactionTemplate tx) {
		return (request, response, auth) -> {
			if (auth != null && auth.getPrincipal() instanceof CurrentUser user) {
				tx.executeWithoutResult(s -> audit.record(AuditEntry.of("LOGOUT")
					.city(user.cityId())
					.object("user", user.id())
					.actor(user.username(), user.unitId())));
			}
		};
	}

}
