package cn.chuangwen.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;

import cn.chuangwen.shared.web.ApiRequests;

/**
 * A multipart body the container cannot parse (no boundary, cut short, a NUL in a file name) is bad
 * input, not a server error. The parse happens before any controller is chosen, so this advice
 * applies to every request rather than to a kind of controller.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class MultipartErrors {

	private static final Logger log = LoggerFactory.getLogger(MultipartErrors.class);

	private final MessageSource messages;

	MultipartErrors(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(MultipartException.class)
	Object multipart(MultipartException ex, HttpServletRequest request, HttpServletResponse response) {
		HttpStatus status = ex instanceof MaxUploadSizeExceededException ? HttpStatus.CONTENT_TOO_LARGE
				: HttpStatus.BAD_REQUEST;
		log.info("Refused a multipart request to {}: {}", request.getRequestURI(),
				ex.getMostSpecificCause().getMessage());
		if (ApiRequests.matches(request)) {
			String key = "error.multipart";
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
					messages.getMessage(key, null, key, LocaleContextHolder.getLocale()));
			problem.setTitle(status.getReasonPhrase());
			return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		response.setStatus(status.value());
		return new ModelAndView("error/4xx", status);
	}

}
