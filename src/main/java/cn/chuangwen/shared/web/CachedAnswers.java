package cn.chuangwen.shared.web;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import tools.jackson.databind.json.JsonMapper;

/**
 * JSON answers of read-mostly API lists (the unit list behind every picker and sync client), kept
 * as the bytes sent. An answer is kept under who asked (the whole principal, so its roles and data
 * scope are part of the key), the request's URL, and the data version it was computed at. A request
 * reads the version first and finds an answer only under that version, so one change anywhere the
 * version covers makes every kept answer unreachable at once, on every node: nothing is ever stale,
 * and a list that changes all the time simply gets no hits.
 * <p>
 * The version must be read before the data ({@code AuditTrail.position} is one that is): then the
 * data the answer was built from is at least as new as the version it is kept under.
 */
@Component
public class CachedAnswers {

	/** Room for some hundreds of pages of a few dozen KB; an unused answer goes after ten minutes. */
	private static final long MAX_BYTES = 16L * 1024 * 1024;

	private record Key(Object caller, long version, String url) {
	}

	private record Answer(HttpHeaders headers, byte[] body) {
	}

	/** Weighed by the bytes held: the body, the URL's chars, and about 512 for headers and objects. */
	private final Cache<Key, Answer> answers = Caffeine.newBuilder()
		.maximumWeight(MAX_BYTES)
		.weigher((Key key, Answer answer) -> answer.body().length + 2 * key.url().length() + 512)
		.expireAfterAccess(Duration.ofMinutes(10))
		.build();

	private final JsonMapper json;

	public CachedAnswers(JsonMapper json) {
		this.json = json;
	}

	/**
	 * The answer kept for this caller, URL and version, else the one {@code compute} makes (kept
	 * when it is a 200). Validate the request before: a refusal must not depend on a kept answer.
	 */
	public ResponseEntity<byte[]> get(HttpServletRequest request, Object caller, long version,
			Supplier<? extends ResponseEntity<?>> compute) {
		Key key = new Key(caller, version, url(request));
		Answer answer = answers.getIfPresent(key);
		if (answer == null) {
			ResponseEntity<?> fresh = compute.get();
			HttpHeaders headers = new HttpHeaders();
			headers.putAll(fresh.getHeaders());
			headers.setContentType(MediaType.APPLICATION_JSON);
			answer = new Answer(HttpHeaders.readOnlyHttpHeaders(headers), json.writeValueAsBytes(fresh.getBody()));
			if (fresh.getStatusCode().value() != 200) {
				return ResponseEntity.status(fresh.getStatusCode()).headers(answer.headers()).body(answer.body());
			}
			answers.put(key, answer);
		}
		return ResponseEntity.ok().headers(answer.headers()).body(answer.body());
	}

	/** The whole URL: the {@code Link} header of a page is built from its scheme, host and query. */
	private static String url(HttpServletRequest request) {
		StringBuffer url = request.getRequestURL();
		String query = request.getQueryString();
		return query == null ? url.toString() : url.append('?').append(query).toString();
	}

}
