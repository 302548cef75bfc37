package cn.chuangwen.audit.internal;

import java.util.Optional;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import cn.chuangwen.audit.Actor;

/** Who is signed in, as the trace sees it. */
public final class CurrentActor {

	public static final String ANONYMOUS = "anonymous";

	private CurrentActor() {
	}

	/** The principal, when it is an {@link Actor}. */
	public static Optional<Actor> actor() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.getPrincipal() instanceof Actor a) {
			return Optional.of(a);
		}
		return Optional.empty();
	}

	/**
	 * The name to record: the {@link Actor}'s username; for another authenticated principal its
	 * name (never lose who acted); otherwise {@value #ANONYMOUS}.
	 */
	public static String username() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated()) {
			return ANONYMOUS;
		}
		if (auth.getPrincipal() instanceof Actor a) {
			return a.username() == null ? ANONYMOUS : a.username();
		}
		String name = auth.getName();
		return name == null || name.isBlank() ? ANONYMOUS : name;
	}

	/** The city whose trace an audit administrator may read; empty for installation-wide staff. */
	public static Optional<Long> scopeCity() {
		return actor().map(Actor::cityId);
	}

}
