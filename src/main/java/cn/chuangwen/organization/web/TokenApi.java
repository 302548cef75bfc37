package cn.chuangwen.organization.web;

import java.time.Instant;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import cn.chuangwen.organization.security.ApiTokens;

/** Issues personal API tokens: {@code POST /api/v1/auth/token} with username, password and TOTP code. */
@RestController
class TokenApi {

	private final ApiTokens tokens;

	private final MessageSource messages;

	TokenApi(ApiTokens tokens, MessageSource messages) {
		this.tokens = tokens;
		this.messages = messages;
	}

	record TokenRequest(String username, String password, String totp) {
	}

	record TokenResponse(String token, Instant expiresAt) {
	}

	@PostMapping("/api/v1/auth/token")
	TokenResponse issue(@RequestBody TokenRequest request) {
		var issued = tokens.issue(request.username(), request.password(), request.totp());
		return new TokenResponse(issued.token(), issued.expiresAt());
	}

	@ExceptionHandler(BadCredentialsException.class)
	ResponseEntity<ProblemDetail> refused() {
		return problem(HttpStatus.UNAUTHORIZED, "api.error.token.refused");
	}

	@ExceptionHandler(ApiTokens.PasswordChangeRequired.class)
	ResponseEntity<ProblemDetail> passwordChange() {
		return problem(HttpStatus.FORBIDDEN, "api.error.token.passwordChange");
	}

	private ResponseEntity<ProblemDetail> problem(HttpStatus status, String key) {
		ProblemDetail p = ProblemDetail.forStatusAndDetail(status,
				messages.getMessage(key, null, key, LocaleContextHolder.getLocale()));
		p.setTitle(status.getReasonPhrase());
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
	}

}
