package cn.chuangwen.organization.throttle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.util.HtmlUtils;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

import cn.chuangwen.organization.security.ProblemResponses;

/**
 * Limits every request (not only failures, unlike {@link AddressThrottle}) of one client address to
 * the anonymous public endpoints (the pages under {@code /public/**}, the public API under
 * {@code /api/v1/public/**}, Open311 under {@code /open311/**}): at most
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

	private final Cache<String, Bucket> byAddress;

	private final TimeMeter time;

	PublicRateLimit(PublicRateSettings settings, Clock clock, MessageSource messages, ProblemResponses problems) {
		this.settings = settings;
		this.messages = messages;
		this.problems = problems;
		// Bounded: many addresses evict old buckets instead of filling the heap; an idle address's
		// bucket is full again after a minute anyway, so forgetting it then loses nothing.
		this.byAddress = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(2)).maximumSize(100_000).build();
		this.time = new TimeMeter() {
			@Override
			public long currentTimeNanos() {
				Instant now = clock.instant();
				return now.getEpochSecond() * 1_000_000_000L + now.getNano();
			}

			@Override
			public boolean isWallClockBased() {
				return true;
			}
		};
	}

	/** The filter for the public endpoints; put it in front of the chain that serves them. */
	public OncePerRequestFilter filter() {
		return new OncePerRequestFilter() {
			@Override
			protected boolean shouldNotFilter(HttpServletRequest request) {
				String path = request.getRequestURI().substring(request.getContextPath().length());
				return !(path.equals("/public") || path.startsWith("/public/") || path.startsWith("/api/v1/public/")
						|| path.startsWith("/open311/"));
			}

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				ConsumptionProbe probe = bucket(request).tryConsumeAndReturnRemaining(1);
				if (probe.isConsumed()) {
					chain.doFilter(request, response);
					return;
				}
				long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
				response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
				if (request.getRequestURI().substring(request.getContextPath().length()).startsWith("/open311/")) {
					open311(request, response, seconds);
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

	private Bucket bucket(HttpServletRequest request) {
		String address = request.getRemoteAddr() == null ? "-" : request.getRemoteAddr();
		return byAddress.get(address, a -> {
			int perMinute = settings.requestsPerMinute();
			return Bucket.builder()
				.addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
				.withCustomTimePrecision(time)
				.build();
		});
	}

	private static boolean wantsJson(HttpServletRequest request) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		return accept != null && accept.contains("json") && !accept.contains("text/html");
	}

	/**
	 * Open311 clients get the GeoReport v2 errors document (XML, or JSON when the path asks for
	 * it), as every other Open311 error; never an HTML page.
	 */
	private void open311(HttpServletRequest request, HttpServletResponse response, long seconds) throws IOException {
		String text = messages.getMessage("public.tooManyRequests", new Object[] { seconds },
				RequestContextUtils.getLocale(request));
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		if (request.getRequestURI().endsWith(".json")) {
			response.setContentType("application/json;charset=utf-8");
			String escaped = text.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\x00-\\x1f]", " ");
			response.getWriter().write("[{\"code\":429,\"description\":\"" + escaped + "\"}]");
		}
		else {
			response.setContentType("text/xml;charset=utf-8");
			response.getWriter()
				.write("<?xml version=\"1.0\" encoding=\"utf-8\"?><errors><error><code>429</code><description>"
						+ HtmlUtils.htmlEscape(text) + "</description></error></errors>");
		}
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
