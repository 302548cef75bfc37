package cn.chuangwen.audit.internal;

import java.io.IOException;
import java.util.UUID;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id of our own (never one a client sends), so a trace row, the log lines
 * and the response ({@code X-Request-Id}) can be matched. Runs before the security filters.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestIdFilter extends OncePerRequestFilter {

	/** Request attribute holding the id. */
	public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".requestId";

	public static final String MDC_KEY = "requestId";

	public static final String HEADER = "X-Request-Id";

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
		try {
			chain.doFilter(request, response);
		}
		finally {
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

	static String newId() {
		return UUID.randomUUID().toString().replace("-", "");
	}

	/** The current request's id, or null outside a request. */
	public static String currentId(HttpServletRequest request) {
		if (request != null && request.getAttribute(ATTRIBUTE) instanceof String s) {
			return s;
		}
		return MDC.get(MDC_KEY);
	}

}
