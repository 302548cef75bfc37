package cn.chuangwen.notify.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.chuangwen.notify.Notifications;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.InvalidInputException;

/** The signed-in user's notifications: the list, marking read, the e-mail for reminders, the bell. */
@Controller
class NotificationPages {

	private final Notifications notifications;

	private final MessageSource messages;

	NotificationPages(Notifications notifications, MessageSource messages) {
		this.notifications = notifications;
		this.messages = messages;
	}

	@GetMapping("/notifications")
	String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "1") int page, Model model) {
		return page(user, page, model, null, FormErrors.none());
	}

	/**
	 * The bell alone, which htmx asks for every 60 s to refresh the unread count ({@link UnreadCount}
	 * puts it into the model). One handler, fragment or page: without {@code HX-Request} (a browser
	 * opening the address) the answer is the page the bell is about.
	 */
	@GetMapping("/notifications/bell")
	String bell(@RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletResponse response) {
		response.setHeader(HttpHeaders.VARY, "HX-Request");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		return htmx != null ? "notify/bell :: bell" : "redirect:/notifications";
	}

	@PostMapping("/notifications/{id}/read")
	String read(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
			@RequestParam(defaultValue = "1") int page) {
		notifications.markRead(user, id);
		return "redirect:/notifications?page=" + Math.max(1, page);
	}

	@PostMapping("/notifications/read-all")
	String readAll(@AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
		int count = notifications.markAllRead(user);
		redirect.addFlashAttribute("notice", "notify.readAll.done");
		redirect.addFlashAttribute("noticeCount", count);
		return "redirect:/notifications";
	}

	@PostMapping("/notifications/email")
	String email(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String email, Model model,
			Locale locale, RedirectAttributes redirect) {
		try {
			notifications.saveEmail(user, email);
		}
		catch (InvalidInputException ex) {
			return page(user, 1, model, email, FormErrors.of(ex.problems(), messages, locale));
		}
		redirect.addFlashAttribute("notice", "notify.email.saved");
		return "redirect:/notifications";
	}

	private String page(CurrentUser user, int page, Model model, String email, FormErrors errors) {
		model.addAttribute("result", notifications.page(user, page));
		model.addAttribute("email", email != null ? email : notifications.email(user).orElse(""));
		model.addAttribute("errors", errors);
		return "notify/list";
	}

}
