package cn.chuangwen.web;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.web.HtmxView;
import cn.chuangwen.tasks.Assignments;

/**
 * What the layout needs on every page, added after the handler and only when a view is rendered.
 * A controller advice would run for every API call and every redirect as well, and Spring builds
 * its model methods anew on each request: a quarter of the time of {@code GET /api/v1/me}.
 */
@Component
class LayoutModel implements HandlerInterceptor {

	private static final Pattern OBJECT_PATH = Pattern.compile("/(units|assignments)/([0-9]+)(/.*)?");

	private final Cities cities;

	private final Units units;

	private final Assignments assignments;

	LayoutModel(Cities cities, Units units, Assignments assignments) {
		this.cities = cities;
		this.units = units;
		this.assignments = assignments;
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView view) {
		if (view == null || view.wasCleared() || isRedirect(view)) {
			return;
		}
		Map<String, Object> model = view.getModel();
		model.putIfAbsent("currentPath", currentPath(request));
		// A list's results swapped in place (htmx) carry the top bar's city along, out of band.
		model.put("fragmentRequest", HtmxView.wantsFragment(request));
		// A page about one city's object may name the city itself (even as null).
		if (!model.containsKey("viewingCity")) {
			model.put("viewingCity", viewingCity(request, currentUser()));
		}
	}

	private static boolean isRedirect(ModelAndView view) {
		String name = view.getViewName();
		return name != null && (name.startsWith("redirect:") || name.startsWith("forward:"));
	}

	private static CurrentUser currentUser() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.getPrincipal() instanceof CurrentUser user ? user : null;
	}

	/** The current path and query, for the language switch to come back to. */
	static String currentPath(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String query = request.getQueryString();
		if (query != null) {
			query = query.replaceAll("(^|&)lang=[^&]*", "");
		}
		return query == null || query.isBlank() ? path : path + "?" + query.replaceFirst("^&", "");
	}

	/**
	 * For province staff, who see several cities: the city a page is filtered to (its {@code city}
	 * or {@code cityCode} parameter), so the top bar always names it. Null for everyone bound to one
	 * city (the top bar names theirs) and for pages across all cities.
	 */
	private String viewingCity(HttpServletRequest request, CurrentUser user) {
		if (user == null || !user.scope().allCities()) {
			return null;
		}
		String code = request.getParameter("city");
		if (code == null || code.isBlank()) {
			code = request.getParameter("cityCode");
		}
		if (code == null || code.isBlank()) {
			code = objectCity(request, user);
		}
		if (code == null || code.isBlank()) {
			return null;
		}
		return cities.byCode(user.scope(), code.strip()).map(CityView::name).orElse(null);
	}

	/** The city of the unit or assignment a page is about (/units/{id}/..., /assignments/{id}/...), if visible. */
	private String objectCity(HttpServletRequest request, CurrentUser user) {
		Matcher m = OBJECT_PATH.matcher(request.getRequestURI().substring(request.getContextPath().length()));
		if (!m.matches() || m.group(2).length() > 18) {
			return null;
		}
		long id = Long.parseLong(m.group(2));
		if (m.group(1).equals("units")) {
			return units.find(user.scope(), id).map(UnitView::cityCode).orElse(null);
		}
		try {
			long cityId = assignments.get(user.scope(), id).cityId();
			return cities.visible(user.scope()).stream().filter(c -> c.id() == cityId).map(CityView::code)
				.findFirst().orElse(null);
		}
		catch (NotFoundException ex) {
			return null;
		}
	}

}
