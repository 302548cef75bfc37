package cn.chuangwen.organization.throttle;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * How a module answers a public request that {@link PublicRateLimit} refused, when its clients
 * expect something other than a page or problem JSON (Open311's errors document). The limit
 * asks each writer in order; the first that {@link #answers} the request writes the 429 body
 * (status and {@code Retry-After} are already set).
 */
public interface PublicRefusalWriter {

	boolean answers(HttpServletRequest request);

	void write(HttpServletRequest request, HttpServletResponse response, long retryAfterSeconds) throws IOException;

}
