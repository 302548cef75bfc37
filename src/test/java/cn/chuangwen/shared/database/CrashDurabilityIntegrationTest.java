package cn.chuangwen.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.chuangwen.IntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code kill -9} of the app on the embedded database loses no acknowledged write: the app runs
 * as a child JVM on its default H2 file database ({@code ./data} of a fresh folder, the URL of
 * application.yml), issues API tokens (rows in the database, the writes a crash once lost), is
 * killed right after the last answer, and after a restart every token still opens the API.
 */
@Tag(IntegrationTest.TAG)
class CrashDurabilityIntegrationTest {

	private static final Duration START = Duration.ofMinutes(4);

	@TempDir
	Path dir;

	private Process app;

	@AfterEach
	void stop() {
		if (app != null) {
			app.destroyForcibly();
		}
	}

	@Test
	void killMinusNineLosesNoAcknowledgedWrite() throws Exception {
		int port = RunningApp.freePort();
		app = start(port);

		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < 15; i++) {
			HttpResponse<String> issued = post(port, "/api/v1/auth/token",
					"{\"username\":\"xiantao.liaison\",\"password\":\"Demo#2026\"}");
			assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
			tokens.add(JsonMapper.builder().build().readTree(issued.body()).get("token").asString());
		}
		// The last write was acknowledged: kill at once, as kill -9 (SIGKILL) would.
		app.destroyForcibly();
		assertThat(app.waitFor(60, TimeUnit.SECONDS)).isTrue();

		int again = RunningApp.freePort();
		app = start(again);
		for (String token : tokens) {
			HttpResponse<String> me = RunningApp.HTTP.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + again + "/api/v1/me"))
						.header("Authorization", "Bearer " + token)
						.build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(me.statusCode()).as("token %d of %d after the crash", tokens.indexOf(token) + 1, tokens.size())
				.isEqualTo(200);
			assertThat(me.body()).contains("xiantao.liaison");
		}
	}

	private Process start(int port) throws Exception {
		Process process = RunningApp.childProcess(dir, port);
		await().atMost(START)
			.pollInterval(Duration.ofMillis(500))
			.until(() -> !process.isAlive() || RunningApp.health(port) == 200);
		assertThat(process.isAlive()).as(() -> "the app died; its log:\n" + log()).isTrue();
		return process;
	}

	private String log() {
		try {
			String text = Files.readString(dir.resolve("app.log"));
			return text.substring(Math.max(0, text.length() - 5000));
		}
		catch (Exception ex) {
			return ex.toString();
		}
	}

	private static HttpResponse<String> post(int port, String path, String json) throws Exception {
		return RunningApp.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
