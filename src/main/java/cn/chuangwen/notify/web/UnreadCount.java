package cn.chuangwen.notify.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

import cn.chuangwen.notify.Notifications;
import cn.chuangwen.organization.CurrentUser;

/**
 * Puts {@code unreadNotifications} into the model of every page rendered for a fully signed-in
 * user, for the bell in the layout. Not for redirects, API answers or sign-in steps, so no
 * query runs where nothing shows it.
 */
class UnreadCount implements HandlerInterceptor {

	static final String ATTRIBUTE = "unreadNotifications";

	/** The authority of a completed sign-in (LoginStep.FULL_AUTHORITY in organization). */
	static final String FULL = "FULL";

	private final Notifications notifications;

	UnreadCount(Notifications notifications) {
		this.notifications = notifications;
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView mav) {
		if (mav == null || mav.getModelMap().containsAttribute(ATTRIBUTE)) {
			return;
		}
		String view = mav.getViewName();
		if (view == null || view.startsWith("redirect:") || view.startsWith("forward:")) {
			return;
		}
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.getPrincipal() instanceof CurrentUser user
				&& auth.getAuthorities().stream().anyMatch(a -> FULL.equals(a.getAuthority()))) {
			mav.addObject(ATTRIBUTE, notifications.unread(user.id()));
		}
	}

}
