package cn.chuangwen.audit.internal;

import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Where the current request comes from, as the trace records it. The web layer's filter sets it
 * for the length of a request, so the trace itself needs no servlet request; outside a request
 * (jobs, listeners on their own thread) there is none and the row keeps both columns empty.
 */
@Component
public class RequestOrigins {

	/** The client address and our request id. */
	public record Origin(String clientAddress, String requestId) {
	}

	private final ThreadLocal<Origin> current = new ThreadLocal<>();

	public Optional<Origin> current() {
		return Optional.ofNullable(current.get());
	}

	/** Makes {@code origin} current on this thread; returns the one it replaces, for {@link #restore}. */
	public Origin enter(Origin origin) {
		Origin previous = current.get();
		current.set(origin);
		return previous;
	}

	/** Puts back what {@link #enter} replaced (nested dispatches of one request keep their origin). */
	public void restore(Origin previous) {
		if (previous == null) {
			current.remove();
		}
		else {
			current.set(previous);
		}
	}

}
