package cn.chuangwen.organization.testing;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.HttpSession;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

/**
 * One browser for MockMvc: keeps the session across requests, as a cookie jar would, and follows
 * the server when it changes the session id or invalidates the session.
 */
public final class Browser {

	private final MockMvc mvc;

	private MockHttpSession session = new MockHttpSession();

	public Browser(MockMvc mvc) {
		this.mvc = mvc;
	}

	public MvcResult perform(AbstractMockHttpServletRequestBuilder<?> request) throws Exception {
		MvcResult result = mvc.perform(request.session(session)).andReturn();
		HttpSession after = result.getRequest().getSession(false);
		session = after instanceof MockHttpSession mock ? mock : new MockHttpSession();
		return result;
	}

	/** The form login as the login page posts it, with the CSRF token. */
	public MvcResult login(String username, String password) throws Exception {
		return perform(post("/login").param("username", username).param("password", password).with(csrf()));
	}

	public MockHttpSession session() {
		return session;
	}

	public String sessionId() {
		return session.getId();
	}

}
