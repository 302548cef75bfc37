package cn.chuangwen.organization.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.Cookie;

import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.web.context.support.WebApplicationContextUtils;

import cn.chuangwen.support.Logins;

/**
 * One browser for MockMvc: keeps the session cookie ({@code CWSESSION}) across requests, as a
 * cookie jar would, and follows the server when it changes the session id or ends the session.
 * Sessions live in the database (Spring Session JDBC), so the browser holds only the cookie.
 */
public final class Browser {

	public static final String COOKIE = "CWSESSION";

	private final MockMvc mvc;

	private Cookie cookie;

	private ServletContext servletContext;

	public Browser(MockMvc mvc) {
		this.mvc = mvc;
	}

	public MvcResult perform(AbstractMockHttpServletRequestBuilder<?> request) throws Exception {
		if (cookie != null) {
			request.cookie(cookie);
		}
		MvcResult result = mvc.perform(request).andReturn();
		servletContext = result.getRequest().getServletContext();
		Cookie set = result.getResponse().getCookie(COOKIE);
		if (set != null) {
			cookie = set.getMaxAge() == 0 ? null : new Cookie(COOKIE, set.getValue());
		}
		return result;
	}

	/** The form login as the login page posts it, with the CSRF token. */
	public MvcResult login(String username, String password) throws Exception {
		return perform(Logins.form(username, password));
	}

	/** The second step: the authenticator's code on the code page. */
	public MvcResult totp(String code) throws Exception {
		return perform(Logins.totp(code));
	}

	/** The session cookie as the server last set it (null before the first session). */
	public Cookie cookie() {
		return cookie;
	}

	/** The id of the session the browser holds, or null. */
	public String sessionId() {
		if (cookie == null) {
			return null;
		}
		// Spring Session's cookie carries the id in Base64.
		return new String(Base64.getDecoder().decode(cookie.getValue()), StandardCharsets.UTF_8);
	}

	/** The stored session the browser holds, or null when there is none (ended, expired). */
	public Session session() {
		String id = sessionId();
		if (id == null || servletContext == null) {
			return null;
		}
		@SuppressWarnings("unchecked")
		SessionRepository<Session> sessions = WebApplicationContextUtils
			.getRequiredWebApplicationContext(servletContext)
			.getBean(SessionRepository.class);
		return sessions.findById(id);
	}

	/** An attribute of the stored session that the response of {@code result} set its cookie to, or null. */
	public static Object sessionAttribute(MvcResult result, String name) {
		Browser browser = new Browser(null);
		browser.servletContext = result.getRequest().getServletContext();
		Cookie set = result.getResponse().getCookie(COOKIE);
		if (set == null && result.getRequest().getCookies() != null) {
			for (Cookie c : result.getRequest().getCookies()) {
				if (COOKIE.equals(c.getName())) {
					set = c;
				}
			}
		}
		browser.cookie = set;
		return browser.attribute(name);
	}

	/** An attribute of the stored session, or null. */
	public Object attribute(String name) {
		Session session = session();
		return session == null ? null : session.getAttribute(name);
	}

}
