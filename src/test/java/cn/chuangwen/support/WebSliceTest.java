package cn.chuangwen.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import cn.chuangwen.audit.internal.RequestOrigins;
import cn.chuangwen.notify.Notifications;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.LeaderAttachments;
import cn.chuangwen.organization.Units;
import cn.chuangwen.shared.web.CachedAnswers;
import cn.chuangwen.tasks.Assignments;

/**
 * A controller slice: the MVC layer of the named controllers (mapping, binding, advice, templates,
 * problem JSON) without the database, in the fast {@code ./mvnw test}. The services behind every
 * page (the layout's city and object names, the notification bell) are mocks here; a test adds
 * {@code @MockitoBean} fields for its controller's own services and stubs what it needs.
 * <p>
 * Security is Boot's default chain (every request signed in, CSRF on every POST), not the app's
 * SecurityConfig: who may call what is {@code EndpointRoleMatrixTest}'s job, on the full context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest
// the request-id filter, which every slice has, hands the origin to the trace; API lists keep answers
@Import({ RequestOrigins.class, CachedAnswers.class })
@MockitoBean(types = { Cities.class, Units.class, Assignments.class, Notifications.class, LeaderAttachments.class })
public @interface WebSliceTest {

	/** The controllers under test. */
	@AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
	Class<?>[] value() default {};

}
