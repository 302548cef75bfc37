package cn.chuangwen.notify.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import cn.chuangwen.notify.Notifications;
import cn.chuangwen.shared.web.ApiRequests;

@Configuration(proxyBeanMethods = false)
class NotifyWebConfig implements WebMvcConfigurer {

	private final Notifications notifications;

	NotifyWebConfig(Notifications notifications) {
		this.notifications = notifications;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new UnreadCount(notifications)).excludePathPatterns(ApiRequests.PATTERN, "/css/**", "/js/**",
				"/images/**", "/webjars/**", "/actuator/**");
	}

}
