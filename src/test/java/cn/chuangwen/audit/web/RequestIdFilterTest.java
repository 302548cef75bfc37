package cn.chuangwen.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import cn.chuangwen.audit.internal.RequestOrigins;

class RequestIdFilterTest {

	final RequestOrigins origins = new RequestOrigins();

	@Test
	void givesEachRequestItsOwnIdAndIgnoresTheClients() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/x");
		request.addHeader(RequestIdFilter.HEADER, "forged\r\nid");
		MockHttpServletResponse response = new MockHttpServletResponse();
		AtomicReference<String> inMdc = new AtomicReference<>();
		AtomicReference<Object> inAttribute = new AtomicReference<>();

		new RequestIdFilter(origins).doFilter(request, response, new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
			@Override
			protected void service(jakarta.servlet.http.HttpServletRequest req,
					jakarta.servlet.http.HttpServletResponse res) {
				inMdc.set(MDC.get(RequestIdFilter.MDC_KEY));
				inAttribute.set(req.getAttribute(RequestIdFilter.ATTRIBUTE));
			}
		}));

		String id = response.getHeader(RequestIdFilter.HEADER);
		assertThat(id).matches("[0-9a-f]{32}");
		assertThat(inMdc.get()).isEqualTo(id);
		assertThat(inAttribute.get()).isEqualTo(id);
		assertThat(MDC.get(RequestIdFilter.MDC_KEY)).isNull();
	}

	/** The trace learns the origin from the filter, never from the servlet request, and only while it runs. */
	@Test
	void handsTheTraceTheOriginForTheLengthOfTheRequest() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/x");
		request.setRemoteAddr("10.20.30.40");
		MockHttpServletResponse response = new MockHttpServletResponse();
		AtomicReference<RequestOrigins.Origin> inOrigin = new AtomicReference<>();

		new RequestIdFilter(origins).doFilter(request, response,
				new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
					@Override
					protected void service(jakarta.servlet.http.HttpServletRequest req,
							jakarta.servlet.http.HttpServletResponse res) {
						inOrigin.set(origins.current().orElse(null));
					}
				}));

		assertThat(inOrigin.get())
			.isEqualTo(new RequestOrigins.Origin("10.20.30.40", response.getHeader(RequestIdFilter.HEADER)));
		assertThat(origins.current()).isEmpty();
	}

	@Test
	void twoRequestsGetTwoIds() throws Exception {
		MockHttpServletResponse first = new MockHttpServletResponse();
		MockHttpServletResponse second = new MockHttpServletResponse();
		new RequestIdFilter(origins).doFilter(new MockHttpServletRequest(), first, new MockFilterChain());
		new RequestIdFilter(origins).doFilter(new MockHttpServletRequest(), second, new MockFilterChain());
		assertThat(first.getHeader(RequestIdFilter.HEADER)).isNotEqualTo(second.getHeader(RequestIdFilter.HEADER));
	}

}
