package cn.chuangwen.notify.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.chuangwen.notify.SmsGateway;

@Configuration(proxyBeanMethods = false)
class NotifyConfiguration {

	/** Writes text messages to the log until an installation declares a real gateway. */
	@Bean
	@ConditionalOnMissingBean(SmsGateway.class)
	SmsGateway loggingSmsGateway() {
		return new LoggingSmsGateway();
	}

}
