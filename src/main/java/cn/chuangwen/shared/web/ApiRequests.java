package cn.chuangwen.shared.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The JSON API lives under {@code /api/}: its requests get JSON or problem details, never a page, a
 * redirect or the page-only filters and interceptors.
 */
public final class ApiRequests {

	/** The API's paths, for path matchers (security chains, interceptor exclusions). */
	public static final String PATTERN = "/api/**";

	private ApiRequests() {
	}

	public static boolean matches(HttpServletRequest request) {
		return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
	}

}
