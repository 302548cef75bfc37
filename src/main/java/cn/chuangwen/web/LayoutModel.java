package cn.chuangwen.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the layout needs on every page. */
@ControllerAdvice(annotations = Controller.class)
class LayoutModel {

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

}
