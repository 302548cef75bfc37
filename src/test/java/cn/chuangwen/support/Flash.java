package cn.chuangwen.support;

import java.util.Map;

import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Flash attributes handed to the next request in a MockMvc test. MockMvc's own {@code flashAttr}
 * stores them in the mock request's session, which Spring Session replaces with the session in the
 * database before the controller runs; the input flash map as a request attribute reaches the page.
 */
public final class Flash {

	private Flash() {
	}

	public static RequestPostProcessor of(Map<String, ?> attributes) {
		return request -> {
			request.setAttribute(DispatcherServlet.INPUT_FLASH_MAP_ATTRIBUTE, Map.copyOf(attributes));
			return request;
		};
	}

	public static RequestPostProcessor of(String name, Object value) {
		return of(Map.of(name, value));
	}

}
