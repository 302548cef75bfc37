package cn.chuangwen;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import cn.chuangwen.support.Logins;
import cn.chuangwen.support.FreshDatabaseConfig;
import cn.chuangwen.support.TestClockConfig;

/**
 * The full application on the test database (H2 in memory, or PostgreSQL with -Ppostgres), with
 * the demo data loaded. All integration tests share this one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({ TestClockConfig.class, FreshDatabaseConfig.class, Logins.class })
public @interface IntegrationTest {

}
