package cn.chuangwen.organization.security;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.NotFoundException;

/**
 * Writes a security event ({@code ACCESS_DENIED}) to the trace for every refusal of a signed-in
 * user: a 403 (missing permission, from a URL rule or a method check) and a 404 raised by a scope
 * check ({@link NotFoundException}: an id of another city or unit, or none at all), so an auditor
 * sees probing. The event has the actor, the method and path, and the object type and id.
 * <p>
 * It is written in its own transaction: the request's transaction has rolled back (or never
 * existed) by the time the refusal is answered. It never changes the answer: this resolver runs
 * first, records, and leaves the response to the usual handlers.
 */
@Component
class DeniedAccessTrace implements HandlerExceptionResolver, Ordered {

	private static final Logger log = LoggerFactory.getLogger(DeniedAccessTrace.class);

	private static final String RECORDED = DeniedAccessTrace.class.getName() + ".recorded";

	private final AuditTrail audit;

	private final TransactionTemplate separate;

	DeniedAccessTrace(AuditTrail audit, PlatformTransactionManager transactions) {
		this.audit = audit;
		this.separate = new TransactionTemplate(transactions);
		this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (ex instanceof NotFoundException notFound) {
			record(request, 404, notFound.what(), notFound.id());
		}
		else if (ex instanceof AccessDeniedException) {
			denied(request);
		}
		return null;
	}

	/** A 403: the object is named by the last path variable of the matched route, if it has one. */
	void denied(HttpServletRequest request) {
		String type = null;
		String id = null;
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		if (pattern instanceof String p && variables instanceof Map<?, ?> vars && !vars.isEmpty()) {
			String[] segments = p.split("/");
			for (int i = segments.length - 1; i > 0; i--) {
				if (segments[i].startsWith("{") && !segments[i - 1].startsWith("{")) {
					String name = segments[i].substring(1, segments[i].length() - 1).split(":")[0];
					type = segments[i - 1];
					id = vars.get(name) == null ? null : String.valueOf(vars.get(name));
					break;
				}
			}
		}
		record(request, 403, type, id);
	}

	private void record(HttpServletRequest request, int status, String objectType, String objectId) {
		var auth = SecurityContextHolder.getContext().getAuthentication();
		if (!(auth != null && auth.getPrincipal() instanceof CurrentUser user)
				|| request.getAttribute(RECORDED) != null) {
			return;
		}
		request.setAttribute(RECORDED, Boolean.TRUE);
		String path = request.getMethod() + " " + request.getRequestURI();
		try {
			separate.executeWithoutResult(s -> audit.record(AuditEntry.of("ACCESS_DENIED")
				.failed()
				.city(user.cityId())
				.object(objectType == null ? "path" : objectType, objectId == null ? request.getRequestURI() : objectId)
				.actor(user.username(), user.unitId())
				.reason(status + " " + path)));
		}
		catch (RuntimeException e) {
			// The refusal itself must still be answered; a trace that cannot be written is logged.
			log.warn("Could not record a denied access of {} to {}: {}", user.username(), path, e.getMessage());
		}
	}

}
