package cn.chuangwen.participation.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.RequestContextUtils;

import tools.jackson.databind.json.JsonMapper;

import cn.chuangwen.organization.throttle.PublicRefusalWriter;

/**
 * Open311 clients refused by the per-address public limit get the GeoReport v2 errors document
 * (XML, or JSON when the path asks for it) as every other Open311 error, never a page.
 */
@Component
class Open311Refusals implements PublicRefusalWriter {

	private final MessageSource messages;

	private final JsonMapper json;

	Open311Refusals(MessageSource messages, JsonMapper json) {
		this.messages = messages;
		this.json = json;
	}

	@Override
	public boolean answers(HttpServletRequest request) {
		return request.getRequestURI().startsWith(request.getContextPath() + "/open311/");
	}

	@Override
	public void write(HttpServletRequest request, HttpServletResponse response, long retryAfterSeconds)
			throws IOException {
		Open311Format f = Open311Format.ofPath(request.getRequestURI());
		String text = messages.getMessage("public.tooManyRequests", new Object[] { retryAfterSeconds },
				RequestContextUtils.getLocale(request));
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setContentType(f.mediaType().toString());
		response.getOutputStream().write(f.errors(HttpStatus.TOO_MANY_REQUESTS, List.of(text), json));
	}

}
