package cn.chuangwen.support;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The browser tests run in their own JVM after the other tests. On H2 their in-memory database
 * starts empty; on PostgreSQL they would find everything the other tests left behind (accounts,
 * units, moved clocks). With {@code chuangwen.test.fresh-database=true} (set for that run in the
 * postgres profile) the schema is emptied before migrating, so both databases start alike.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FreshDatabaseConfig {

	@Bean
	@ConditionalOnProperty(name = "chuangwen.test.fresh-database", havingValue = "true")
	FlywayMigrationStrategy cleanThenMigrate() {
		return flyway -> {
			flyway.clean();
			flyway.migrate();
		};
	}

}
