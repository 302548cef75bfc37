package cn.chuangwen.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

import cn.chuangwen.IntegrationTest;

/**
 * The shortcut of {@link LiteralPrefixHandlerMapping} never turns a match away: for a path made
 * from every pattern of the application, every mapping whose conditions match it also passes the
 * shortcut, and a path outside a mapping's literal part is turned away by it.
 */
@IntegrationTest
class LiteralPrefixHandlerMappingIntegrationTest {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void theApplicationUsesTheShortcut() {
		assertThat(mappings).isInstanceOf(LiteralPrefixHandlerMapping.class);
	}

	@Test
	void everyMappingThatMatchesAPathPassesTheShortcut() {
		LiteralPrefixHandlerMapping mapping = (LiteralPrefixHandlerMapping) mappings;
		Map<RequestMappingInfo, HandlerMethod> all = mapping.getHandlerMethods();
		List<MockHttpServletRequest> requests = new ArrayList<>();
		for (RequestMappingInfo info : all.keySet()) {
			for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
				String path = concrete(pattern.getPatternString());
				for (String method : List.of("GET", "POST", "PUT", "DELETE")) {
					for (String type : List.of("multipart/form-data; boundary=x", "application/json",
							"application/x-www-form-urlencoded")) {
						requests.add(request(method, path, type));
					}
				}
			}
		}
		assertThat(all).hasSizeGreaterThan(300);
		int matched = 0;
		int turnedAway = 0;
		for (MockHttpServletRequest request : requests) {
			for (RequestMappingInfo info : all.keySet()) {
				RequestMappingInfo full = info.getMatchingCondition(request);
				RequestMappingInfo shortcut = mapping.matching(info, request, request.getRequestURI());
				if (full != null) {
					matched++;
					assertThat(shortcut).as("%s %s for %s", request.getMethod(), request.getRequestURI(), info)
						.isNotNull();
				}
				else {
					assertThat(shortcut).isNull();
					turnedAway++;
				}
			}
		}
		assertThat(matched).isGreaterThanOrEqualTo(all.size());
		assertThat(turnedAway).isGreaterThan(matched);
	}

	@Test
	void literalPrefixesStopBeforeTheFirstVariableSegment() {
		assertThat(LiteralPrefixHandlerMapping.literalPrefix("/api/v1/public/{cityCode}/reports"))
			.isEqualTo("/api/v1/public");
		assertThat(LiteralPrefixHandlerMapping.literalPrefix("/public/**")).isEqualTo("/public");
		assertThat(LiteralPrefixHandlerMapping.literalPrefix("/problems/{id}")).isEqualTo("/problems");
		assertThat(LiteralPrefixHandlerMapping.literalPrefix("/api/v1/units")).isEqualTo("/api/v1/units");
		assertThat(LiteralPrefixHandlerMapping.literalPrefix("/{any}")).isEmpty();
		assertThat(LiteralPrefixHandlerMapping.literalPrefix("/files/a%20b/{x}")).isEmpty();
		assertThat(LiteralPrefixHandlerMapping.literalPrefix("/report-*.pdf")).isEmpty();
	}

	@Test
	void encodedPathsSkipTheShortcut() throws Exception {
		LiteralPrefixHandlerMapping mapping = (LiteralPrefixHandlerMapping) mappings;
		RequestMappingInfo units = mapping.getHandlerMethods()
			.keySet()
			.stream()
			.filter(i -> i.getPatternValues().contains("/api/v1/units") && i.getMethodsCondition().getMethods().toString().contains("GET"))
			.findFirst()
			.orElseThrow();
		// "/api/v1/unit%73" is /api/v1/units once decoded: the full conditions decide
		MockHttpServletRequest encoded = request("GET", "/api/v1/unit%73");
		assertThat(mapping.getMatchingMapping(units, encoded)).isEqualTo(units.getMatchingCondition(encoded));
		// through the whole lookup: the encoded path takes the full test and finds the unit list
		assertThat(((HandlerMethod) mapping.getHandler(request("GET", "/api/v1/unit%73")).getHandler()).getMethod().getName())
			.isEqualTo(((HandlerMethod) mapping.getHandler(request("GET", "/api/v1/units")).getHandler()).getMethod().getName());
		// outside a lookup (no path handed over) every mapping takes the full test
		assertThat(mapping.getMatchingMapping(units, request("GET", "/api/v1/units"))).isNotNull();
		assertThat(mapping.matching(units, request("GET", "/api/v1/problems"), "/api/v1/problems")).isNull();
	}

	/** A path the pattern matches: variables and wildcards filled in. */
	private static String concrete(String pattern) {
		return pattern.replace("/**", "/a/b").replaceAll("\\{\\*[^}]*}", "a/b").replaceAll("\\{[^}]*}", "7").replace("*", "x");
	}

	private static MockHttpServletRequest request(String method, String path) {
		return request(method, path, "application/json");
	}

	private static MockHttpServletRequest request(String method, String path, String contentType) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		request.setContentType(contentType);
		request.addHeader("Accept", "*/*");
		ServletRequestPathUtils.parseAndCache(request);
		return request;
	}

}
