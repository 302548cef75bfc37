package cn.chuangwen.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.support.BigWorkbooks;
import cn.chuangwen.support.ImportMemoryChild;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A 5 MB workbook whose sheet expands past 50 MB, imported while two other users work, on the
 * application started in a child JVM with {@code -Xmx256m -XX:+ExitOnOutOfMemoryError}: the heap
 * bound is the JVM's own, so running out of it would end the process and fail every later request.
 * The import is refused (400, the row reached), the other users get their answers, nothing is
 * written, and the process is still alive afterwards.
 */
@Tag(IntegrationTest.TAG)
class ImportMemoryTest {

	static final String DEMO_PASSWORD = "Demo#2026";

	static final String DEMO_TOTP_SECRET = "CHUANGWENDEMOTOTPSECRETABCDEFGHI";

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	final JsonMapper json = JsonMapper.builder().build();

	Process child;

	Path log;

	String base;

	@AfterEach
	void stop() throws Exception {
		if (child != null && child.isAlive()) {
			child.destroyForcibly().waitFor();
		}
	}

	@Test
	void aWorkbookBombIsRefusedWithinA256MegabyteHeapWhileOthersWork() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		base = "http://127.0.0.1:" + port;
		log = Files.createTempFile("import-memory-child", ".log");
		String javaCommand = ProcessHandle.current().info().command().orElse("java");
		child = new ProcessBuilder(javaCommand, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true", "-cp",
				System.getProperty("java.class.path"), ImportMemoryChild.class.getName(), "--server.port=" + port,
				"--spring.profiles.active=test", "--spring.datasource.url=jdbc:h2:mem:memchild;MODE=PostgreSQL;"
						+ "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		awaitReady(Duration.ofMinutes(8));

		String office = token("xiantao.office", totp());
		String leader = token("xiantao.leader", null);
		String liaison = token("xiantao.liaison", null);
		int systemsBefore = systems(office);

		byte[] bomb = BigWorkbooks.expanding(new String[] { "code", "name", "score", "criteria" },
				new String[] { "B{r}", "名称", "1" }, 3500, 20_000, 42);
		// About 5 MB on the wire (the import's byte limit), 70 MB of sheet XML.
		assertThat(bomb.length).isBetween(9 * 512 * 1024, 5 * 1024 * 1024);

		AtomicBoolean importing = new AtomicBoolean(true);
		CompletableFuture<List<Integer>> leaderWork = CompletableFuture.supplyAsync(() -> work(leader, importing));
		CompletableFuture<List<Integer>> liaisonWork = CompletableFuture.supplyAsync(() -> work(liaison, importing));
		HttpResponse<String> refused;
		try {
			refused = upload(office, bomb);
		}
		finally {
			importing.set(false);
		}

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		JsonNode error = json.readTree(refused.body()).get("errors").get(0);
		assertThat(error.get("field").asString()).isEqualTo("file");
		assertThat(error.get("row").asInt()).isBetween(1000, 2000);
		assertThat(leaderWork.get()).isNotEmpty().containsOnly(200);
		assertThat(liaisonWork.get()).isNotEmpty().containsOnly(200);
		assertThat(systems(office)).isEqualTo(systemsBefore);
		assertThat(child.isAlive()).as(Files.readString(log)).isTrue();

		child.getOutputStream().write("stop\n".getBytes(StandardCharsets.UTF_8));
		child.getOutputStream().flush();
		assertThat(child.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
		String output = Files.readString(log);
		assertThat(output).doesNotContain("OutOfMemoryError").doesNotContain("Terminating due to java.lang.OutOfMemoryError");
		Matcher heap = Pattern.compile("HEAP_MAX=(\\d+) HEAP_POOL_PEAKS=(\\d+)").matcher(output);
		assertThat(heap.find()).as(output).isTrue();
		assertThat(Long.parseLong(heap.group(1))).isLessThanOrEqualTo(256L * 1024 * 1024);
		System.out.printf("child heap: max %d MB, sum of pool peaks %d MB%n", Long.parseLong(heap.group(1)) >> 20,
				Long.parseLong(heap.group(2)) >> 20);
	}

	/** GETs as another user while the import runs: at least a few, at most 200. */
	List<Integer> work(String token, AtomicBoolean importing) {
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 200 && (importing.get() || statuses.size() < 3); i++) {
			for (String path : new String[] { "/api/v1/me", "/api/v1/indicator-systems" }) {
				try {
					statuses.add(http.send(get(path, token), HttpResponse.BodyHandlers.discarding()).statusCode());
				}
				catch (IOException | InterruptedException ex) {
					statuses.add(-1);
				}
			}
		}
		return statuses;
	}

	HttpRequest get(String path, String token) {
		return HttpRequest.newBuilder(URI.create(base + path))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json")
			.GET()
			.build();
	}

	int systems(String token) throws Exception {
		HttpResponse<String> r = http.send(get("/api/v1/indicator-systems", token), HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).isEqualTo(200);
		return json.readTree(r.body()).size();
	}

	HttpResponse<String> upload(String token, byte[] workbook) throws Exception {
		String boundary = "b" + UUID.randomUUID().toString().replace("-", "");
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n大文件"
				+ UUID.randomUUID() + "\r\n--" + boundary
				+ "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.xlsx\"\r\n"
				+ "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.writeBytes(workbook);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/indicator-systems/import"))
			.timeout(Duration.ofMinutes(5))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json")
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	String token(String username, String totp) throws Exception {
		String body = "{\"username\":\"" + username + "\",\"password\":\"" + DEMO_PASSWORD + "\""
				+ (totp == null ? "" : ",\"totp\":\"" + totp + "\"") + "}";
		HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
		return json.readTree(r.body()).get("token").asString();
	}

	/** RFC 6238 for the demo secret, written out here so the test does not lean on the code it checks. */
	static String totp() throws Exception {
		byte[] key = new Base32().decode(DEMO_TOTP_SECRET);
		long step = Instant.now().getEpochSecond() / 30;
		Mac mac = Mac.getInstance("HmacSHA1");
		mac.init(new SecretKeySpec(key, "HmacSHA1"));
		byte[] hash = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(step).array());
		int offset = hash[hash.length - 1] & 0xf;
		int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
				| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
		return String.format("%06d", binary % 1_000_000);
	}

	void awaitReady(Duration timeout) throws Exception {
		Instant until = Instant.now().plus(timeout);
		while (Instant.now().isBefore(until)) {
			if (!child.isAlive()) {
				throw new AssertionError("the child JVM stopped:\n" + Files.readString(log));
			}
			if (Files.readString(log).contains("CHILD_READY")) {
				return;
			}
			// Wait on the process, not a sleep: returns at once if it ends.
			child.waitFor(1, java.util.concurrent.TimeUnit.SECONDS);
		}
		throw new AssertionError("the child JVM did not start in time:\n" + Files.readString(log));
	}

}
