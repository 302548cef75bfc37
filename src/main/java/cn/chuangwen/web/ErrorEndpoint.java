package cn.chuangwen.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * What the container's error dispatch shows, in place of Boot's default: the error pages for a
 * browser, RFC 9457 problem JSON for everything else. Opened directly ({@code GET /error}, no
 * error behind it) it is a page that does not exist: 404, not the 500 the default answered.
 */
@Controller
@RequestMapping("${server.error.path:/error}")
class ErrorEndpoint implements ErrorController {

	private final MessageSource messages;

	ErrorEndpoint(MessageSource messages) {
		this.messages = messages;
	}

	@RequestMapping(produces = MediaType.TEXT_HTML_VALUE)
	String page(HttpServletRequest request, HttpServletResponse response) {
		HttpStatus status = status(request);
		response.setStatus(status.value());
		return switch (status.value()) {
			case 403 -> "error/403";
			case 404 -> "error/404";
			case 409 -> "error/409";
			default -> status.is4xxClientError() ? "error/4xx" : "error/5xx";
		};
	}

	@RequestMapping
	ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
		HttpStatus status = status(request);
		String key = switch (status.value()) {
			case 401 -> "error.api.unauthorized";
			case 403 -> "error.api.forbidden";
			case 404 -> "error.notFound";
			default -> status.is4xxClientError() ? "error.invalid" : "error.500.body";
		};
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
				messages.getMessage(key, null, key, LocaleContextHolder.getLocale()));
		problem.setTitle(status.getReasonPhrase());
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	/** The status of the error being shown; none means the page was opened directly. */
	static HttpStatus status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (code instanceof Integer value) {
			HttpStatus status = HttpStatus.resolve(value);
			if (status != null && status.isError()) {
				return status;
			}
			return HttpStatus.INTERNAL_SERVER_ERROR;
		}
		return HttpStatus.NOT_FOUND;
	}

}
