package cn.chuangwen.shared.database;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import cn.chuangwen.ChuangwenApplication;

/**
 * The application outside the shared test context, for tests about the database itself: in this
 * JVM ({@link #inProcess}) or as a child process that can be killed ({@link #childProcess}).
 * Neither uses the "test" profile: each runs on the database its test gives it.
 */
final class RunningApp {

	static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

	static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private RunningApp() {
	}

	/** A started context on the given properties (command-line arguments beat every other source). */
	static ConfigurableApplicationContext inProcess(Map<String, String> properties) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off"));
		// The PostgreSQL run passes its credentials as system properties; an H2 database here is ours.
		args.addAll(List.of("--spring.datasource.username=sa", "--spring.datasource.password="));
		properties.forEach((k, v) -> args.add("--" + k + "=" + v));
		return new SpringApplicationBuilder(ChuangwenApplication.class).run(args.toArray(String[]::new));
	}

	static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	/**
	 * The app as its own JVM on this test classpath, working in {@code dir} (so the default
	 * {@code ./data} database of application.yml is used), with its output in {@code dir/app.log}.
	 * The CHUANGWEN_DB_* variables are dropped: the child always runs on the embedded database.
	 */
	static Process childProcess(Path dir, int port, String... extraArgs) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+ExitOnOutOfMemoryError",
				"-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true", "-cp", classpath,
				ChuangwenApplication.class.getName(), "--server.port=" + port, "--spring.main.banner-mode=off"));
		command.addAll(List.of(extraArgs));
		var builder = new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("app.log").toFile()));
		builder.environment().keySet().removeIf(k -> k.startsWith("CHUANGWEN_"));
		return builder.start();
	}

	static int freePort() throws IOException {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** The health endpoint's status code, or -1 while nothing answers. */
	static int health(int port) {
		try {
			return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

}
