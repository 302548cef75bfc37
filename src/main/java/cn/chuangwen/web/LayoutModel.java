package cn.chuangwen.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.tasks.Assignments;

/** What the layout needs on every page. */
@ControllerAdvice(annotations = Controller.class)
class LayoutModel {

	private static final Pattern OBJECT_PATH = Pattern.compile("/(units|assignments)/([0-9]+)(/.*)?");

	private final Cities cities;

	private final Units units;

	private final Assignments assignments;

	LayoutModel(Cities cities, Units units, Assignments assignments) {
		this.cities = cities;
		this.units = units;
		this.assignments = assignments;
	}

	/** The current path and query, for the language switch to come back to. */
	@ModelAttribute("currentPath")
	String currentPath(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String query = request.getQueryString();
		if (query != null) {
			query = query.replaceAll("(^|&)lang=[^&]*", "");
		}
		return query == null || query.isBlank() ? path : path + "?" + query.replaceFirst("^&", "");
	}

	/**
	 * For province staff, who see several cities: the city a page is filtered to (its {@code city}
	 * or {@code cityCode} parameter), so the top bar always names it. A page about one object of a
	 * city (a unit record) sets the attribute itself. Null for everyone bound to one city (the top
	 * bar names theirs) and for pages across all cities.
	 */
	@ModelAttribute("viewingCity")
	String viewingCity(HttpServletRequest request, @AuthenticationPrincipal CurrentUser user) {
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
