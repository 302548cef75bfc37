package cn.chuangwen.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.xml.Jaxb2RootElementHttpMessageConverter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

import cn.chuangwen.shared.web.ApiRequests;

/**
 * Chinese first; {@code ?lang=en} switches to English and is remembered in a cookie. A client whose
 * Accept-Language puts English first gets English until it chooses otherwise.
 */
@Configuration
class WebConfig implements WebMvcConfigurer {

	private final LayoutModel layoutModel;

	WebConfig(LayoutModel layoutModel) {
		this.layoutModel = layoutModel;
	}

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("CWLANG");
		// Without a chosen language: Chinese, unless the client asks for English first (API clients).
		resolver.setDefaultLocaleFunction(request -> request.getHeader("Accept-Language") != null
				&& "en".equals(request.getLocale().getLanguage()) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE);
		resolver.setCookieMaxAge(Duration.ofDays(365));
		resolver.setCookieHttpOnly(true);
		return resolver;
	}

	/** Spring MVC's mappings, each asked first whether the path starts with its literal part. */
	@Bean
	WebMvcRegistrations literalPrefixMappings() {
		return new WebMvcRegistrations() {
			@Override
			public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
				return new LiteralPrefixHandlerMapping();
			}
		};
	}

	/**
	 * Boot's filter that lets templates link static files by version, kept off the JSON API: it
	 * wraps every request and intercepts each attribute it sets, and no API answer links a file.
	 */
	@Bean
	FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
		var registration = new FilterRegistrationBean<ResourceUrlEncodingFilter>(new ResourceUrlEncodingFilter() {
			@Override
			public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
					throws IOException, ServletException {
				if (request instanceof HttpServletRequest http && ApiRequests.matches(http)) {
					chain.doFilter(request, response);
				}
				else {
					super.doFilter(request, response, chain);
				}
			}
		});
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
		return registration;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
		interceptor.setParamName("lang");
		interceptor.setIgnoreInvalidLocale(true);
		registry.addInterceptor(interceptor);
		// Pages only: the JSON API renders no layout.
		registry.addInterceptor(layoutModel).excludePathPatterns(ApiRequests.PATTERN);
	}

	/**
	 * JSON only: the JAXB converter comes with jakarta.xml.bind on the class path (a transitive
	 * dependency) and scans each response type's annotations on every API response.
	 */
	@Override
	public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
		builder.configureMessageConvertersList(
				converters -> converters.removeIf(Jaxb2RootElementHttpMessageConverter.class::isInstance));
	}

}
