package cn.chuangwen.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;

/**
 * Two nodes hearing the same event run the work once: each "node" is its own {@link RunOnce}
 * (its own lock provider) on one shared database with the V22 shedlock table.
 */
class RunOnceTest {

	private JdbcTemplate jdbc;

	@BeforeEach
	void database() {
		var ds = new JdbcDataSource();
		ds.setURL("jdbc:h2:mem:runonce-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
		jdbc = new JdbcTemplate(ds);
		jdbc.execute("CREATE TABLE shedlock (name VARCHAR(64) NOT NULL, lock_until TIMESTAMP NOT NULL,"
				+ " locked_at TIMESTAMP NOT NULL, locked_by VARCHAR(255) NOT NULL, CONSTRAINT shedlock_pk PRIMARY KEY (name))");
	}

	private RunOnce node() {
		return new RunOnce(new JdbcTemplateLockProvider(
				JdbcTemplateLockProvider.Configuration.builder().withJdbcTemplate(jdbc).usingDbTime().build()));
	}

	@Test
	void theSecondNodeSkipsWhatTheFirstRanWhileTheLockIsHeld() {
		var runs = new AtomicInteger();
		RunOnce a = node();
		RunOnce b = node();

		assertThat(a.run("notify.daily-reminders:2026-12-01", Duration.ofHours(2), Duration.ofMinutes(10),
				runs::incrementAndGet)).isTrue();
		assertThat(b.run("notify.daily-reminders:2026-12-01", Duration.ofHours(2), Duration.ofMinutes(10),
				runs::incrementAndGet)).isFalse();
		// The next day is another lock: catching up two days runs both.
		assertThat(b.run("notify.daily-reminders:2026-12-02", Duration.ofHours(2), Duration.ofMinutes(10),
				runs::incrementAndGet)).isTrue();

		assertThat(runs).hasValue(2);
		assertThat(jdbc.queryForObject("select count(*) from shedlock", Long.class)).isEqualTo(2);
	}

	@Test
	void nodesRacingForTheSameLockRunTheWorkOnce() throws Exception {
		var runs = new AtomicInteger();
		int nodes = 8;
		var ready = new CountDownLatch(nodes);
		var go = new CountDownLatch(1);
		var pool = Executors.newFixedThreadPool(nodes);
		try {
			List<Future<Boolean>> results = new ArrayList<>();
			for (int i = 0; i < nodes; i++) {
				RunOnce node = node();
				Callable<Boolean> task = () -> {
					ready.countDown();
					go.await();
					return node.run("tasks.daily-snapshots:2026-12-01", Duration.ofHours(2), Duration.ofMinutes(10),
							runs::incrementAndGet);
				};
				results.add(pool.submit(task));
			}
			ready.await();
			go.countDown();
			long ran = 0;
			for (var r : results) {
				ran += r.get() ? 1 : 0;
			}
			assertThat(ran).isEqualTo(1);
			assertThat(runs).hasValue(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aNameLongerThanTheColumnIsRefused() {
		assertThatThrownBy(() -> node().run("x".repeat(65), Duration.ofMinutes(1), Duration.ZERO, () -> {
		})).isInstanceOf(IllegalArgumentException.class);
	}

}
