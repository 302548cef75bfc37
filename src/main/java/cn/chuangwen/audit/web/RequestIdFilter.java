package cn.chuangwen.audit.web;

import java.io.IOException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import cn.chuangwen.audit.internal.RequestOrigins;

/**
 * Gives every request an id of our own (never one a client sends), so a trace row, the log lines
 * and the response ({@code X-Request-Id}) can be matched, and hands the trace the request's origin
 * (client address and id) so the trace never reads the servlet request. Runs before the security
 * filters, so their sign-in and denial events carry the origin too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestIdFilter extends OncePerRequestFilter {

	/** Request attribute holding the id. */
	public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".requestId";

	public static final String MDC_KEY = "requestId";

	public static final String HEADER = "X-Request-Id";

	private static final HexFormat HEX = HexFormat.of();

	private final RequestOrigins origins;

	public RequestIdFilter(RequestOrigins origins) {
		this.origins = origins;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Object existing = request.getAttribute(ATTRIBUTE);
		String id = existing instanceof String s ? s : newId();
		request.setAttribute(ATTRIBUTE, id);
		if (!response.isCommitted()) {
			response.setHeader(HEADER, id);
		}
		String previous = MDC.get(MDC_KEY);
		MDC.put(MDC_KEY, id);
		RequestOrigins.Origin outer = origins.enter(new RequestOrigins.Origin(request.getRemoteAddr(), id));
		try {
			chain.doFilter(request, response);
		}
		finally {
			origins.restore(outer);
			if (previous == null) {
				MDC.remove(MDC_KEY);
			}
			else {
				MDC.put(MDC_KEY, previous);
			}
		}
	}

	/** Error and async dispatches keep the id of the request they belong to. */
	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	/**
	 * 32 hex digits, as a UUID without dashes looked. A correlation id, not a secret: drawn from the
	 * thread's own generator, not from the one SecureRandom every request thread queued on.
	 */
	static String newId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong());
	}

}
