package cn.chuangwen.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestIdFilterTest {

	@Test
	void givesEachRequestItsOwnIdAndIgnoresTheClients() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/x");
		request.addHeader(RequestIdFilter.HEADER, "forged\r\nid");
		MockHttpServletResponse response = new MockHttpServletResponse();
		AtomicReference<String> inMdc = new AtomicReference<>();
		AtomicReference<Object> inAttribute = new AtomicReference<>();

		new RequestIdFilter().doFilter(request, response, new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
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
		assertThat(RequestIdFilter.currentId(request)).isEqualTo(id);
		assertThat(MDC.get(RequestIdFilter.MDC_KEY)).isNull();
	}

	@Test
	void twoRequestsGetTwoIds() throws Exception {
		MockHttpServletResponse first = new MockHttpServletResponse();
		MockHttpServletResponse second = new MockHttpServletResponse();
		new RequestIdFilter().doFilter(new MockHttpServletRequest(), first, new MockFilterChain());
		new RequestIdFilter().doFilter(new MockHttpServletRequest(), second, new MockFilterChain());
		assertThat(first.getHeader(RequestIdFilter.HEADER)).isNotEqualTo(second.getHeader(RequestIdFilter.HEADER));
	}

}
