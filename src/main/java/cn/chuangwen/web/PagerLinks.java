package cn.chuangwen.web;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Links of the page-navigation fragment ({@code fragments/pager}), used from templates as
 * {@code @pagerLinks}: the current URL with only {@code page} replaced, so every filter stays.
 */
@Component("pagerLinks")
public class PagerLinks {

	public String to(int page) {
		var url = ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("page", page).build();
		// Path and query only: the page may be served behind a proxy under another host name.
		return url.getPath() + (url.getQuery() == null ? "" : "?" + url.getQuery());
	}

}
