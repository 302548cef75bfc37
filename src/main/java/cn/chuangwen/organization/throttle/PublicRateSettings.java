package cn.chuangwen.organization.throttle;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many requests one client address may make to the anonymous public pages
 * ({@code /public/**}) per minute. The default is far above what a reader clicking through the
 * published results ever does, and low enough that one address cannot monopolise the node.
 */
@ConfigurationProperties("chuangwen.public")
public record PublicRateSettings(int requestsPerMinute) {

	public PublicRateSettings {
		requestsPerMinute = requestsPerMinute <= 0 ? 120 : requestsPerMinute;
	}

}
