package cn.chuangwen.organization.throttle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.util.HtmlUtils;

import cn.chuangwen.organization.security.ProblemResponses;

/**
 * Limits every request (not only failures, unlike {@link AddressThrottle}) of one client address to
 * the anonymous public endpoints (the pages under {@code /public/**}, the public API under
 * {@code /api/v1/public/**}, Open311 under {@code /open311/**}, the survey answer pages under
 * {@code /s/**}): at most
 * {@link PublicRateSettings#requestsPerMinute()} a minute (120 by default). Over the limit the
 * address gets 429 with {@code Retry-After} and a short page (problem JSON when it asked for JSON);
 * nothing behind the filter runs, so a scraper costs no query and no rendering.
 * <p>
 * Separate from {@link AddressThrottle} on purpose: reading the public results must never use up
 * an address's sign-in allowance, and a sign-in never uses up the reading allowance.
 * <p>
 * The client address is {@code request.getRemoteAddr()}, with the same caveat as
 * {@link AddressThrottle}: behind nginx set {@code server.forward-headers-strategy=native}, or all
 * readers share one bucket. Buckets live on this node.
 */
@Component
public class PublicRateLimit {

	private final PublicRateSettings settings;

	private final MessageSource messages;

	private final ProblemResponses problems;

	private final PerMinuteBuckets<String> byAddress;

	private final ObjectProvider<PublicRefusalWriter> writers;

	PublicRateLimit(PublicRateSettings settings, Clock clock, MessageSource messages, ProblemResponses problems,
			ObjectProvider<PublicRefusalWriter> writers) {
		this.settings = settings;
		this.messages = messages;
		this.problems = problems;
		this.byAddress = new PerMinuteBuckets<>(clock, 100_000);
		this.writers = writers;
	}

	/** The filter for the public endpoints; put it in front of the chain that serves them. */
	public OncePerRequestFilter filter() {
		return new OncePerRequestFilter() {
			@Override
			protected boolean shouldNotFilter(HttpServletRequest request) {
				String path = request.getRequestURI().substring(request.getContextPath().length());
				return !(path.equals("/public") || path.startsWith("/public/") || path.startsWith("/api/v1/public/")
						|| path.startsWith("/open311/") || path.startsWith("/s/"));
			}

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				String address = request.getRemoteAddr() == null ? "-" : request.getRemoteAddr();
				long seconds = byAddress.take(address, settings.requestsPerMinute());
				if (seconds == 0) {
					chain.doFilter(request, response);
					return;
				}
				response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
				Optional<PublicRefusalWriter> writer = writers.orderedStream().filter(w -> w.answers(request)).findFirst();
				if (writer.isPresent()) {
					writer.get().write(request, response, seconds);
				}
				else if (wantsJson(request)) {
					problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "error.public.tooManyRequests");
				}
				else {
					page(request, response, seconds);
				}
			}
		};
	}

	private static boolean wantsJson(HttpServletRequest request) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		return accept != null && accept.contains("json") && !accept.contains("text/html");
	}

	/** A plain page written here: no template, no controller, nothing else runs for a refused request. */
	private void page(HttpServletRequest request, HttpServletResponse response, long seconds) throws IOException {
		Locale locale = RequestContextUtils.getLocale(request);
		String title = HtmlUtils.htmlEscape(messages.getMessage("public.tooManyRequests.title", null, locale));
		String text = HtmlUtils.htmlEscape(messages.getMessage("public.tooManyRequests", new Object[] { seconds }, locale));
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setContentType(MediaType.TEXT_HTML_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter()
			.write("<!DOCTYPE html><html lang=\"" + HtmlUtils.htmlEscape(locale.toLanguageTag()) + "\"><head><meta charset=\"utf-8\">"
					+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title
					+ "</title><link rel=\"stylesheet\" href=\"" + request.getContextPath() + "/css/app.css\"></head>"
					+ "<body><main id=\"main\" class=\"container\"><h1>" + title + "</h1><p id=\"too-many-requests\">" + text
					+ "</p></main></body></html>");
	}

}
