package cn.chuangwen.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import cn.chuangwen.documents.FontMissing;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.ImportBusyException;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;

/**
 * Errors of the JSON API as RFC 9457 problem JSON in the caller's language: field problems as
 * {@code errors: [{field, message}]}, import rows as {@code errors: [{row, message}]}.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrors extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

	private final MessageSource messages;

	ApiErrors(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(InvalidInputException.class)
	ResponseEntity<ProblemDetail> invalid(InvalidInputException ex) {
		Locale locale = LocaleContextHolder.getLocale();
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "error.invalid");
		List<Map<String, Object>> errors = new ArrayList<>();
		for (FieldProblem p : ex.problems()) {
			Map<String, Object> e = new LinkedHashMap<>();
			if (p.row() != null) {
				e.put("row", p.row());
			}
			if (p.field() != null) {
				e.put("field", p.field());
			}
			e.put("message", messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale));
			errors.add(e);
		}
		problem.setProperty("errors", errors);
		ex.properties().forEach(problem::setProperty);
		return respond(problem);
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<ProblemDetail> notFound(NotFoundException ex) {
		return respond(problem(HttpStatus.NOT_FOUND, "error.notFound"));
	}

	@ExceptionHandler(ConflictException.class)
	ResponseEntity<ProblemDetail> conflict(ConflictException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				messages.getMessage(ex.messageKey(), ex.args(), ex.messageKey(), LocaleContextHolder.getLocale()));
		problem.setTitle(HttpStatus.CONFLICT.getReasonPhrase());
		return respond(problem);
	}

	@ExceptionHandler(ImportBusyException.class)
	ResponseEntity<ProblemDetail> busy(ImportBusyException ex) {
		long seconds = ex.retryAfter().toSeconds();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, messages
			.getMessage(ex.messageKey(), new Object[] { seconds }, ex.messageKey(), LocaleContextHolder.getLocale()));
		problem.setTitle(HttpStatus.TOO_MANY_REQUESTS.getReasonPhrase());
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	/** Without the CJK font no official document can be set: the service is unavailable, not broken. */
	@ExceptionHandler(FontMissing.class)
	ResponseEntity<ProblemDetail> fontMissing(FontMissing ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, messages
			.getMessage("letter.pdf.unavailable", new Object[] { ex.path() }, LocaleContextHolder.getLocale()));
		problem.setTitle(HttpStatus.SERVICE_UNAVAILABLE.getReasonPhrase());
		return respond(problem);
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<ProblemDetail> denied(AccessDeniedException ex) {
		return respond(problem(HttpStatus.FORBIDDEN, "error.api.forbidden"));
	}

	@ExceptionHandler(org.springframework.dao.DataIntegrityViolationException.class)
	ResponseEntity<ProblemDetail> integrity(org.springframework.dao.DataIntegrityViolationException ex) {
		log.info("Refused by a database constraint: {}", ex.getMostSpecificCause().getMessage());
		return respond(problem(HttpStatus.CONFLICT, "error.integrity"));
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "error.invalid");
		List<Map<String, Object>> errors = new ArrayList<>();
		ex.getBindingResult().getFieldErrors().forEach(fe -> {
			Map<String, Object> e = new LinkedHashMap<>();
			e.put("field", fe.getField());
			e.put("message", messages.getMessage(fe, LocaleContextHolder.getLocale()));
			errors.add(e);
		});
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	/**
	 * A body that is not JSON, or not the JSON the endpoint takes: Spring's own text is English and
	 * names parser internals, so the caller gets a plain sentence in its language instead.
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		log.debug("Unreadable request body: {}", ex.getMessage());
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "error.api.unreadable");
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	/**
	 * A path or query value of the wrong type ({@code /problems/abc} for a number): Spring's text
	 * is English and names Java types; the caller gets the parameter and a sentence in its language.
	 */
	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return ResponseEntity.badRequest()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(invalid(new InvalidInputException(FieldProblem.of(ex.getPropertyName(), "error.api.typeMismatch")))
				.getBody());
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		if (body instanceof ProblemDetail problem && statusCode.value() == 400 && problem.getDetail() == null) {
			problem.setDetail(text("error.invalid"));
		}
		HttpHeaders h = new HttpHeaders();
		h.putAll(headers);
		h.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return new ResponseEntity<>(body, h, statusCode);
	}

	private ProblemDetail problem(HttpStatus status, String key) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, text(key));
		problem.setTitle(status.getReasonPhrase());
		return problem;
	}

	private String text(String key) {
		return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
	}

	private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
