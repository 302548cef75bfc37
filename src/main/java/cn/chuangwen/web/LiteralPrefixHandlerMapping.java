package cn.chuangwen.web;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's handler mapping with a cheap first test. A request whose path no mapping names
 * literally ({@code /api/v1/public/xiantao/reports}) is checked against every one of the
 * application's several hundred mappings, each test starting with the HTTP method read through the
 * filters' request wrappers: a fifth of the CPU of a small POST. Here a mapping is first asked
 * whether the path starts with the literal part of one of its patterns (up to the last slash before
 * the first variable or wildcard); only then the full conditions run. The answer is the same:
 * a pattern cannot match a path that does not start with its literal part. Paths with encoded
 * characters or matrix variables ({@code %}, {@code ;}) are matched on decoded segments, so they
 * skip the shortcut. The answers for 405 and 415 are built elsewhere and are unchanged.
 */
class LiteralPrefixHandlerMapping extends RequestMappingHandlerMapping {

	private static final String[] ANY = { "" };

	/** Each mapping's prefixes by identity (a mapping's own hash code is computed, and costly, each time). */
	private volatile Map<RequestMappingInfo, String[]> prefixes = Map.of();

	@Override
	public void afterPropertiesSet() {
		super.afterPropertiesSet();
		Map<RequestMappingInfo, String[]> known = new IdentityHashMap<>();
		for (RequestMappingInfo info : getHandlerMethods().keySet()) {
			known.put(info, literalPrefixes(info));
		}
		prefixes = known;
	}

	/**
	 * The path the current lookup tests, read once per request rather than once per mapping (the
	 * parsed path is a request attribute, read through every filter's wrapper); null outside a lookup
	 * or for a path with escapes or matrix variables, which take the full test.
	 */
	private static final ThreadLocal<String> LOOKUP = new ThreadLocal<>();

	@Override
	protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
		LOOKUP.set(lookupPath.indexOf('%') >= 0 || lookupPath.indexOf(';') >= 0 ? null : lookupPath);
		try {
			return super.lookupHandlerMethod(lookupPath, request);
		}
		finally {
			LOOKUP.remove();
		}
	}

	@Override
	protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
		return matching(info, request, LOOKUP.get());
	}

	/** The mapping's match for the request whose lookup path is {@code path} (null: the full test only). */
	RequestMappingInfo matching(RequestMappingInfo info, HttpServletRequest request, String path) {
		if (path != null && !startsWithAPrefix(info, path)) {
			return null;
		}
		return super.getMatchingMapping(info, request);
	}

	private boolean startsWithAPrefix(RequestMappingInfo info, String path) {
		String[] known = prefixes.get(info);
		for (String prefix : known != null ? known : literalPrefixes(info)) {
			if (path.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	/** The literal start of each pattern of the mapping; {@code ""} (anything) when it has none to offer. */
	static String[] literalPrefixes(RequestMappingInfo info) {
		PathPatternsRequestCondition condition = info.getPathPatternsCondition();
		if (condition == null) {
			return ANY;
		}
		Set<PathPattern> patterns = condition.getPatterns();
		String[] result = new String[patterns.size()];
		int i = 0;
		for (PathPattern pattern : patterns) {
			result[i++] = literalPrefix(pattern.getPatternString());
		}
		return result.length == 0 ? ANY : result;
	}

	/**
	 * {@code /api/v1/public/{cityCode}/reports} → {@code /api/v1/public}; {@code /public/**} →
	 * {@code /public}; a pattern without variables is its own prefix. A pattern that holds an escape
	 * or a matrix variable gives {@code ""}.
	 */
	static String literalPrefix(String pattern) {
		if (pattern.indexOf('%') >= 0 || pattern.indexOf(';') >= 0) {
			return "";
		}
		int wild = -1;
		for (int i = 0; i < pattern.length() && wild < 0; i++) {
			char c = pattern.charAt(i);
			if (c == '{' || c == '*' || c == '?') {
				wild = i;
			}
		}
		if (wild < 0) {
			return pattern;
		}
		int slash = pattern.lastIndexOf('/', wild);
		return slash <= 0 ? "" : pattern.substring(0, slash);
	}

}
