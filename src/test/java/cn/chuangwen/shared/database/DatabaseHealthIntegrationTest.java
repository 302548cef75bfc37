package cn.chuangwen.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.chuangwen.IntegrationTest;

/**
 * {@code /actuator/health} follows the database: DOWN (503) as soon as the database cannot answer
 * a query on our schema, although a connection still opens. Its own context on its own in-memory
 * database, which the test shuts down.
 */
@Tag(IntegrationTest.TAG)
class DatabaseHealthIntegrationTest {

	@TempDir
	Path files;

	@Test
	void healthIsDownOnceTheDatabaseIsClosed() throws Exception {
		String url = "jdbc:h2:mem:health-" + UUID.randomUUID() + RunningApp.H2_OPTIONS + ";DB_CLOSE_DELAY=-1";
		try (var app = RunningApp.inProcess(Map.of("spring.datasource.url", url, "chuangwen.demo.enabled", "false",
				"chuangwen.files.root", files.toString()))) {
			int port = RunningApp.port(app);
			assertThat(get(port).statusCode()).isEqualTo(200);
			assertThat(app.getBean(EmbeddedDatabaseBackup.class).backup()).as("no backup of an in-memory database")
				.isEmpty();

			// What H2 does after a fatal error: the database is closed under the pool's feet.
			app.getBean(JdbcTemplate.class).execute("SHUTDOWN");

			HttpResponse<String> down = get(port);
			assertThat(down.statusCode()).isEqualTo(503);
			assertThat(down.body()).contains("DOWN");
		}
	}

	private static HttpResponse<String> get(int port) throws Exception {
		return RunningApp.HTTP.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
