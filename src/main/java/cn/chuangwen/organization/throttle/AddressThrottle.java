package cn.chuangwen.organization.throttle;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.organization.security.ProblemResponses;
import cn.chuangwen.organization.security.SecuritySettings;

/**
 * Throttles failures by client address (等保 8.1.4.1b, ASVS 6.3.1): at most
 * {@link SecuritySettings#throttleFailures()} failed attempts per address per
 * {@link SecuritySettings#throttleWindow()} (10 a minute by default); then the address gets 429
 * with {@code Retry-After} until its bucket refills, and the trace gets one {@code THROTTLED}
 * event per address and window. A throttled request reaches nothing: no password is checked,
 * no failure is counted, no account is touched.
 * <p>
 * For every anonymous endpoint: put {@link #filter(String, RequestMatcher...)} in front of it, and
 * mark a failed attempt with {@link #markFailed(HttpServletRequest)} (a 401 counts by itself).
 * <p>
 * The client address is {@code request.getRemoteAddr()}. Behind nginx every request comes from the
 * proxy's address, so set {@code server.forward-headers-strategy=native} (Tomcat then takes the
 * address from {@code X-Forwarded-For}, trusting only internal proxies) or all users share one bucket.
 * Buckets live on this node: with two nodes an address gets the limit on each.
 */
@Component
public class AddressThrottle {

	private static final Logger log = LoggerFactory.getLogger(AddressThrottle.class);

	private static final String FAILED = AddressThrottle.class.getName() + ".failed";

	/** Request attribute set on a throttled request, for the page that explains it. */
	public static final String RETRY_AFTER_SECONDS = AddressThrottle.class.getName() + ".retryAfter";

	private record State(Bucket bucket, AtomicReference<Instant> audited) {
	}

	private final SecuritySettings settings;

	private final Clock clock;

	private final AuditTrail audit;

	private final TransactionTemplate separate;

	private final Cache<String, State> byAddress;

	private final TimeMeter time;

	private final ProblemResponses problems;

	AddressThrottle(SecuritySettings settings, Clock clock, AuditTrail audit, PlatformTransactionManager transactions,
			ProblemResponses problems) {
		this.problems = problems;
		this.settings = settings;
		this.clock = clock;
		this.audit = audit;
		this.separate = new TransactionTemplate(transactions);
		this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		// Bounded: a flood from many addresses evicts old buckets instead of filling the heap.
		this.byAddress = Caffeine.newBuilder()
			.expireAfterAccess(settings.throttleWindow().multipliedBy(2))
			.maximumSize(100_000)
			.build();
		// The injected clock, so the window follows the application's time (and the tests').
		this.time = PerMinuteBuckets.clockTime(clock);
	}

	/** How long the address must wait, or empty when it may try now. */
	public Optional<Duration> refusal(HttpServletRequest request) {
		State state = byAddress.getIfPresent(address(request));
		if (state == null || state.bucket().getAvailableTokens() > 0) {
			return Optional.empty();
		}
		long nanos = state.bucket().estimateAbilityToConsume(1).getNanosToWaitForRefill();
		return Optional.of(Duration.ofNanos(Math.max(nanos, 1_000_000_000L)));
	}

	/** Counts one failed attempt of the request's address. */
	public void failed(HttpServletRequest request) {
		byAddress.get(address(request), a -> new State(newBucket(), new AtomicReference<>())).bucket().tryConsume(1);
	}

	/** Marks the request as a failed attempt; the throttle filter counts it when the request ends. */
	public static void markFailed(HttpServletRequest request) {
		request.setAttribute(FAILED, Boolean.TRUE);
	}

	/**
	 * A filter that throttles the matching requests. {@code page}: where a browser's refused
	 * request is forwarded to be explained (null for an API: problem JSON).
	 */
	public OncePerRequestFilter filter(String page, RequestMatcher... guarded) {
		List<RequestMatcher> matchers = List.of(guarded);
		return new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				if (matchers.stream().noneMatch(m -> m.matches(request))) {
					chain.doFilter(request, response);
					return;
				}
				Optional<Duration> wait = refusal(request);
				if (wait.isPresent()) {
					refuse(request, response, wait.get(), page);
					return;
				}
				try {
					chain.doFilter(request, response);
				}
				finally {
					if (request.getAttribute(FAILED) != null || response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
						failed(request);
					}
				}
			}
		};
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, Duration wait, String page)
			throws ServletException, IOException {
		long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
		recordOnce(request);
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
		request.setAttribute(RETRY_AFTER_SECONDS, seconds);
		if (page != null) {
			request.getRequestDispatcher(page).forward(request, response);
		}
		else {
			problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "error.api.throttled");
		}
	}

	/** One trace event per address and window, so a flood does not flood the trace. */
	private void recordOnce(HttpServletRequest request) {
		State state = byAddress.getIfPresent(address(request));
		Instant now = clock.instant();
		Instant last = state == null ? null : state.audited().get();
		if (state == null || (last != null && last.plus(settings.throttleWindow()).isAfter(now))
				|| !state.audited().compareAndSet(last, now)) {
			return;
		}
		try {
			separate.executeWithoutResult(s -> audit.record(AuditEntry.of("THROTTLED")
				.failed()
				.object("client", address(request))
				.actor("anonymous", null)
				.reason(request.getMethod() + " " + request.getRequestURI())));
		}
		catch (RuntimeException ex) {
			log.warn("Could not record throttling of {}: {}", address(request), ex.getMessage());
		}
	}

	private Bucket newBucket() {
		int failures = settings.throttleFailures();
		return Bucket.builder()
			.addLimit(limit -> limit.capacity(failures).refillGreedy(failures, settings.throttleWindow()))
			.withCustomTimePrecision(time)
			.build();
	}

	private static String address(HttpServletRequest request) {
		String a = request.getRemoteAddr();
		return a == null ? "-" : a;
	}

}
