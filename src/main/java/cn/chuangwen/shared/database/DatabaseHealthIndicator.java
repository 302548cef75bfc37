package cn.chuangwen.shared.database;

import javax.sql.DataSource;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} is DOWN unless the database answers a query on our own schema. A
 * connection that merely opens is not enough: after a crash H2 can hand out a connection that
 * passes {@code isValid} while every statement fails with "database closed", and an in-memory or
 * wrongly pointed database opens empty. Reads one row of Flyway's history: no write, no lock.
 */
@Component("database")
class DatabaseHealthIndicator extends AbstractHealthIndicator {

	private final JdbcTemplate jdbc;

	DatabaseHealthIndicator(DataSource dataSource) {
		super("Database health check failed");
		this.jdbc = new JdbcTemplate(dataSource);
		this.jdbc.setQueryTimeout(5);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Integer version = jdbc.queryForObject(
				"select max(installed_rank) from flyway_schema_history where success = true", Integer.class);
		if (version == null) {
			builder.down().withDetail("schema", "empty");
			return;
		}
		builder.up();
	}

}
