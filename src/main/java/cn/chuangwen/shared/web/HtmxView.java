package cn.chuangwen.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;

/**
 * One handler per page: the view a list page answers with. An htmx request (a filter form's
 * {@code hx-get} with {@code hx-push-url}) gets only the results fragment, so the list changes in
 * place; a plain request (no JavaScript, a reload, a shared link) gets the whole page.
 * <p>
 * htmx restoring a page missing from its history cache also sends {@code HX-Request}, but swaps
 * the whole body, so that request gets the page too. {@code Vary: HX-Request} keeps a cache from
 * handing a fragment to a page load.
 */
public final class HtmxView {

	public static final String REQUEST = "HX-Request";

	static final String HISTORY_RESTORE = "HX-History-Restore-Request";

	private HtmxView() {
	}

	/** True when the request wants a fragment (htmx, but not a history restore). */
	public static boolean wantsFragment(HttpServletRequest request) {
		return request.getHeader(REQUEST) != null && request.getHeader(HISTORY_RESTORE) == null;
	}

	/** {@code template :: fragment} for an htmx request, else {@code template}. */
	public static String of(HttpServletRequest request, HttpServletResponse response, String template,
			String fragment) {
		response.addHeader(HttpHeaders.VARY, REQUEST);
		return wantsFragment(request) ? template + " :: " + fragment : template;
	}

}
