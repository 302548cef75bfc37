package cn.chuangwen.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.ImportBusyException;
import cn.chuangwen.shared.NotFoundException;

/** Errors of the web pages: the error pages in the user's language, never a stack trace. */
@ControllerAdvice(annotations = Controller.class)
class PageErrors {

	private final MessageSource messages;

	PageErrors(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(NotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound() {
		return "error/404";
	}

	@ExceptionHandler(ConflictException.class)
	@ResponseStatus(HttpStatus.CONFLICT)
	String conflict() {
		return "error/409";
	}

	/** An import refused for load: the page says why and when to try again (and so does Retry-After). */
	@ExceptionHandler(ImportBusyException.class)
	String busy(ImportBusyException ex, HttpServletResponse response, Model model, Locale locale) {
		long seconds = ex.retryAfter().toSeconds();
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
		model.addAttribute("busyMessage",
				messages.getMessage(ex.messageKey(), new Object[] { seconds }, ex.messageKey(), locale));
		return "error/429";
	}

}
