package cn.chuangwen.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

import cn.chuangwen.documents.FontMissing;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.ImportBusyException;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;

/** Errors of the web pages: the error pages in the user's language, never a stack trace. */
@ControllerAdvice(annotations = Controller.class)
class PageErrors {

	private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

	private final MessageSource messages;

	PageErrors(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(NotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound() {
		return "error/404";
	}

	/**
	 * Bad input a page had no form to show it on (a download's parameters, a hand-made URL): the
	 * error page names what was wrong, nothing was changed.
	 */
	@ExceptionHandler(InvalidInputException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String invalid(InvalidInputException ex, Model model, Locale locale) {
		model.addAttribute("inputErrors", FormErrors.of(ex.problems(), messages, locale).items());
		return "error/4xx";
	}

	/** Without the CJK font no official document can be set: say so (and what to install) instead of a 500. */
	@ExceptionHandler(FontMissing.class)
	@ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
	String fontMissing(FontMissing ex, Model model) {
		model.addAttribute("fontPath", ex.path());
		return "documents/font-missing";
	}

	/** The conflict's own words: a version clash says "changed by someone else", others say what they are. */
	@ExceptionHandler(ConflictException.class)
	@ResponseStatus(HttpStatus.CONFLICT)
	String conflict(ConflictException ex, Model model, Locale locale) {
		model.addAttribute("conflictMessage", messages.getMessage(ex.messageKey(), ex.args(), ex.messageKey(), locale));
		return "error/409";
	}

	/** A database constraint refused the change: not an edit conflict, and never a 500. */
	@ExceptionHandler(DataIntegrityViolationException.class)
	@ResponseStatus(HttpStatus.CONFLICT)
	String integrity(DataIntegrityViolationException ex, Model model, Locale locale) {
		log.info("Refused by a database constraint: {}", ex.getMostSpecificCause().getMessage());
		model.addAttribute("conflictMessage", messages.getMessage("error.integrity", null, locale));
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
