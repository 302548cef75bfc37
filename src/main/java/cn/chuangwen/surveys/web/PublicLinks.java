package cn.chuangwen.surveys.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The address a survey link is printed with (API answers, QR posters): the setting
 * {@code chuangwen.surveys.public-base-url} (e.g. {@code https://cw.xiantao.gov.cn}) when set, else
 * the address the request came to. Set it when the office works on an internal address that the
 * public cannot reach.
 */
@Component
class PublicLinks {

	private final String base;

	PublicLinks(@Value("${chuangwen.surveys.public-base-url:}") String base) {
		this.base = base == null ? "" : base.strip().replaceAll("/+$", "");
	}

	/** The base to put before {@code /s/{token}}, without a trailing slash. */
	String base() {
		return base.isEmpty() ? ServletUriComponentsBuilder.fromCurrentContextPath().toUriString() : base;
	}

}
