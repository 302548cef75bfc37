package cn.chuangwen.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;

/** What the layout needs on every page. */
@ControllerAdvice(annotations = Controller.class)
class LayoutModel {

	private final Cities cities;

	LayoutModel(Cities cities) {
		this.cities = cities;
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
			return null;
		}
		return cities.byCode(user.scope(), code.strip()).map(CityView::name).orElse(null);
	}

}
