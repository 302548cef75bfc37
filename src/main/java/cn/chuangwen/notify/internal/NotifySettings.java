package cn.chuangwen.notify.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Reminder settings an installation may tune ({@code chuangwen.notify.*}).
 *
 * @param baseUrl the address people open the app at, for links in e-mails (e.g.
 * {@code https://cw.example.gov.cn}); empty gives links relative to the site
 * @param mailFrom the sender of reminder e-mails
 */
@ConfigurationProperties("chuangwen.notify")
public record NotifySettings(String baseUrl, String mailFrom) {

	public NotifySettings {
		baseUrl = baseUrl == null ? "" : baseUrl.replaceAll("/+$", "");
		mailFrom = mailFrom == null || mailFrom.isBlank() ? "noreply@chuangwen.local" : mailFrom.trim();
	}

}
