package cn.chuangwen;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.ReviewFixtures;
import cn.chuangwen.support.FreshDatabaseConfig;
import cn.chuangwen.support.TestClockConfig;

/**
 * The full application on the test database (H2 in memory, or PostgreSQL with -Ppostgres), with
 * the demo data loaded. All integration tests share this one context, and its test fixtures
 * ({@link Logins}, {@link OrgFixtures}, {@link ReviewFixtures}) are beans of it: autowire them. Tagged {@value #TAG}: they run
 * in {@code ./mvnw verify} (the integration-tests execution), not in the fast {@code ./mvnw test}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Tag(IntegrationTest.TAG)
@Import({ TestClockConfig.class, FreshDatabaseConfig.class, Logins.class, OrgFixtures.class, ReviewFixtures.class })
public @interface IntegrationTest {

	/** The JUnit tag of every test that starts the application; see pom.xml. */
	String TAG = "integration";

}
