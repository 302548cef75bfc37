package cn.chuangwen.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.chuangwen.ChuangwenApplication;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.files.StoredFile;
import cn.chuangwen.participation.CitizenReports;
import cn.chuangwen.support.ExifJpeg;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 11 §7: citizen reports sent over HTTP by concurrent clients (the public API, multipart, as a
 * phone sends them), without a photo and with a 2 MB photo (each request's photo differs by its
 * EXIF text, so no upload is answered from the content store); and the nearby lookup ("the same
 * category within 250 m in the last 30 days") with 1,000,000 reports in the table. With
 * {@code BARE_URL} (the bench/bare app's {@code POST /bare}) it measures that endpoint with the same
 * clients right after and prints the ratio. Prints figures; never passes or fails on time. See
 * bench/README.md.
 */
public final class CitizenReportsBenchmark {

	static final int REPORTS = Integer.getInteger("reports", 1_000_000);

	static final String CATEGORY = "环境卫生";

	static final Duration WARMUP = Duration.ofSeconds(Long.getLong("warmup", 15));

	static final Duration RUN = Duration.ofSeconds(Long.getLong("run", 20));

	static final int CLIENTS = Integer.getInteger("clients", 16);

	static final int PHOTO_CLIENTS = Integer.getInteger("photoClients", 4);

	static final JsonMapper JSON = JsonMapper.builder().build();

	public static void main(String[] args) throws Exception {
		List<String> arguments = new ArrayList<>(Arrays.asList("--chuangwen.demo.enabled=true",
				"--chuangwen.demo.scale=1", "--server.port=0", "--logging.level.root=WARN",
				"--spring.main.banner-mode=off", "--chuangwen.files.root=/tmp/chuangwen-bench-citizen-files",
				// one client address sends every report of the run
				"--chuangwen.public.requests-per-minute=100000000"));
		if (System.getenv("CHUANGWEN_DB_URL") == null) {
			arguments.add("--spring.datasource.url=jdbc:h2:mem:bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
					+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
		}
		try (ConfigurableApplicationContext context = SpringApplication.run(ChuangwenApplication.class,
				arguments.toArray(String[]::new))) {
			run(context);
		}
	}

	static void run(ConfigurableApplicationContext context) throws Exception {
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		String base = "http://localhost:" + port;
		long cityId = jdbc.queryForObject("select id from city where code = 'xiantao'", Long.class);
		List<Long> categories = context.getBean(CitizenReports.class).categories(cityId).stream().map(c -> c.id()).toList();

		long t = System.nanoTime();
		generate(jdbc, cityId, categories);
		System.out.printf("citizen reports: %,d (generated in %.1f s)%n",
				jdbc.queryForObject("select count(*) from citizen_report", Long.class), (System.nanoTime() - t) / 1e9);

		// the nearby lookup: in the service and over HTTP, at random places of the city
		CitizenReports reports = context.getBean(CitizenReports.class);
		Random random = new Random(11);
		int[] found = new int[1];
		TasksBenchmark.report("nearby lookup, service, 1M reports (ms)", time(200, () -> {
			BigDecimal[] p = place(random);
			found[0] += reports.nearby(cityId, CATEGORY, p[0], p[1]).size();
			return null;
		}));
		System.out.printf("  reports offered per lookup: %.1f%n", found[0] / 205.0);
		// CPU time of the lookup on its own thread: what it costs when the cores are not shared
		TasksBenchmark.report("nearby lookup, service, CPU time of the thread (ms)", cpuTime(200, () -> {
			BigDecimal[] p = place(random);
			return reports.nearby(cityId, CATEGORY, p[0], p[1]).size();
		}));
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		TasksBenchmark.report("nearby lookup over HTTP, 1M reports (ms)", time(200, () -> {
			BigDecimal[] p = place(random);
			HttpRequest get = HttpRequest.newBuilder(URI.create(base + "/api/v1/public/xiantao/reports/nearby?lat=" + p[0]
					+ "&lng=" + p[1] + "&category=" + java.net.URLEncoder.encode(CATEGORY, StandardCharsets.UTF_8))).build();
			expect(send(http, get, HttpResponse.BodyHandlers.ofString()), 200);
			return null;
		}));

		// every report comes from this one address: after three the answer to a challenge goes with each
		HttpResponse<String> asked = send(http,
				HttpRequest.newBuilder(URI.create(base + "/api/v1/public/xiantao/reports/challenge")).build(),
				HttpResponse.BodyHandlers.ofString());
		JsonNode challenge = JSON.readTree(asked.body());
		String[] q = challenge.get("question").asString().split(" ");
		String token = challenge.get("token").asString();
		String answer = String.valueOf(Integer.parseInt(q[0]) + Integer.parseInt(q[2]));

		URI post = URI.create(base + "/api/v1/public/xiantao/reports");
		Supplier<HttpRequest> plain = () -> multipart(post, token, answer, null);
		System.out.printf("warm-up %d s, %d clients, no photo ...%n", WARMUP.toSeconds(), CLIENTS);
		load(http, plain, CLIENTS, WARMUP, 201);
		long cpu = processCpu();
		long clientCpu = clientCpu();
		long accepted = count(jdbc);
		double noPhoto = load(http, plain, CLIENTS, RUN, 201);
		System.out.printf("reports without photo: %.0f accepted/s (%d clients, %d s; target 200/s)%n", noPhoto, CLIENTS,
				RUN.toSeconds());
		cpuPerReport(cpu, clientCpu, count(jdbc) - accepted);

		byte[] photo = twoMegabytes();
		AtomicLong n = new AtomicLong();
		Supplier<HttpRequest> withPhoto = () -> multipart(post, token, answer,
				ExifJpeg.photo().description("bench " + n.incrementAndGet()).into(photo));
		System.out.printf("photo: %,d bytes; warm-up %d s, %d clients ...%n", photo.length, WARMUP.toSeconds(), PHOTO_CLIENTS);
		load(http, withPhoto, PHOTO_CLIENTS, WARMUP, 201);
		cpu = processCpu();
		clientCpu = clientCpu();
		accepted = count(jdbc);
		double photos = load(http, withPhoto, PHOTO_CLIENTS, RUN, 201);
		System.out.printf("reports with a 2 MB photo: %.1f accepted/s (%d clients, %d s; target 20/s)%n", photos,
				PHOTO_CLIENTS, RUN.toSeconds());
		cpuPerReport(cpu, clientCpu, count(jdbc) - accepted);
		// where a photo's time goes: the whole of a report's photo work (type check, metadata, hash, one
		// decode, thumbnail, public copy and its thumbnail, rows and trace), then an office-made copy alone
		EvidenceStore files = context.getBean(EvidenceStore.class);
		var tx = context.getBean(org.springframework.transaction.support.TransactionTemplate.class);
		StoredFile[] original = new StoredFile[1];
		TasksBenchmark.report("2 MB photo: prepare and record it with its public copy, CPU (ms)", cpuTime(10, () -> {
			byte[] bytes = ExifJpeg.photo().description("profile " + n.incrementAndGet()).into(photo);
			original[0] = tx.execute(st -> files.record(
					files.preparePhoto(cityId, "photo.jpg", new java.io.ByteArrayInputStream(bytes)), "bench").original());
			return null;
		}));
		TasksBenchmark.report("2 MB photo: a public copy made later (decode, scale, encode), CPU (ms)", cpuTime(10,
				() -> tx.execute(st -> files.storePublicCopy(original[0], List.of(), "bench"))));
		TasksBenchmark.report("2 MB photo: ImageIO decode alone, CPU (ms)", cpuTime(10, () -> {
			try {
				return ImageIO.read(new java.io.ByteArrayInputStream(photo)).getWidth();
			}
			catch (java.io.IOException ex) {
				throw new IllegalStateException(ex);
			}
		}));

		String bare = System.getenv("BARE_URL");
		if (bare != null) {
			AtomicLong k = new AtomicLong(System.nanoTime());
			Supplier<HttpRequest> bareRequest = () -> HttpRequest.newBuilder(URI.create(bare))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"c" + k.incrementAndGet() + "\",\"name\":\"bench\"}"))
				.build();
			load(http, bareRequest, CLIENTS, WARMUP, 201);
			double bareRate = load(http, bareRequest, CLIENTS, RUN, 201);
			System.out.printf("bare POST (%s): %.0f/s; reports without photo at %.1f %% of it%n", bare, bareRate,
					100 * noPhoto / bareRate);
		}
	}

	static long count(JdbcTemplate jdbc) {
		return jdbc.queryForObject("select count(*) from citizen_report", Long.class);
	}

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	/** CPU time the client threads of {@link #load} spent building requests and reading answers. */
	private static final AtomicLong CLIENT_CPU = new AtomicLong();

	/**
	 * CPU time of the load generator so far: the client threads' share, plus the JDK HTTP client's own
	 * threads (selector and workers, which stay alive with the client).
	 */
	static long clientCpu() {
		long sum = CLIENT_CPU.get();
		for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
			if (info != null && info.getThreadName().startsWith("HttpClient-")) {
				sum += Math.max(0, THREADS.getThreadCpuTime(info.getThreadId()));
			}
		}
		return sum;
	}

	static long processCpu() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	/**
	 * The process's CPU time per report accepted since {@code before} (the clients' share included, so
	 * an upper bound) and the rate two otherwise idle cores would sustain at that cost.
	 */
	static void cpuPerReport(long before, long clientsBefore, long reports) {
		double ms = (processCpu() - before) / 1e6 / Math.max(1, reports);
		double clients = (clientCpu() - clientsBefore) / 1e6 / Math.max(1, reports);
		System.out.printf("  CPU per accepted report (server and clients): %.1f ms; two idle cores: about %.0f/s%n", ms,
				2000 / ms);
		// the server's share: the process less the client threads (GC and JIT stay on the server's side)
		System.out.printf("  of which the clients' threads: %.1f ms; the server alone: %.1f ms, about %.0f/s on two cores%n",
				clients, ms - clients, 2000 / (ms - clients));
	}

	/** CPU time of the calling thread per run (after five untimed runs), in ms. */
	static double[] cpuTime(int times, Supplier<?> work) {
		var threads = java.lang.management.ManagementFactory.getThreadMXBean();
		for (int i = 0; i < 5; i++) {
			work.get();
		}
		double[] ms = new double[times];
		for (int i = 0; i < times; i++) {
			long t = threads.getCurrentThreadCpuTime();
			work.get();
			ms[i] = (threads.getCurrentThreadCpuTime() - t) / 1e6;
		}
		return ms;
	}

	/** 1,000,000 reports over the last 60 days, spread over the city's area and categories, in batches. */
	static void generate(JdbcTemplate jdbc, long cityId, List<Long> categories) {
		Random random = new Random(7);
		Instant now = Instant.now();
		String[] states = { "RECEIVED", "ACCEPTED", "RECTIFYING", "SOLVED", "REJECTED" };
		int batch = 20_000;
		for (int from = 0; from < REPORTS; from += batch) {
			List<Object[]> rows = new ArrayList<>(batch);
			for (int i = from; i < Math.min(REPORTS, from + batch); i++) {
				BigDecimal[] p = place(random);
				rows.add(new Object[] { cityId, "XB-R-2025-%07d".formatted(i), categories.get(random.nextInt(categories.size())),
						"生成的反映 " + i, p[0], p[1], states[random.nextInt(states.length)],
						Timestamp.from(now.minusSeconds(random.nextInt(60 * 24 * 3600))) });
			}
			jdbc.batchUpdate("""
					insert into citizen_report (city_id, code, channel, category_id, description, lat, lng, state, created_at)
					values (?, ?, 'WEB', ?, ?, ?, ?, ?, ?)""", rows);
		}
	}

	/** A random place inside Xiantao's area (V36: 30.05–30.58 N, 113.05–113.95 E). */
	static BigDecimal[] place(Random random) {
		return new BigDecimal[] { BigDecimal.valueOf(30.05 + random.nextDouble() * 0.53).setScale(6, java.math.RoundingMode.HALF_UP),
				BigDecimal.valueOf(113.05 + random.nextDouble() * 0.90).setScale(6, java.math.RoundingMode.HALF_UP) };
	}

	static double[] time(int times, Supplier<?> work) {
		for (int i = 0; i < 5; i++) {
			work.get();
		}
		double[] ms = new double[times];
		for (int i = 0; i < times; i++) {
			long t = System.nanoTime();
			work.get();
			ms[i] = (System.nanoTime() - t) / 1e6;
		}
		return ms;
	}

	/** Requests per second answered with {@code status} by {@code clients} threads sending for {@code duration}. */
	static double load(HttpClient http, Supplier<HttpRequest> request, int clients, Duration duration, int status)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		long end = System.nanoTime() + duration.toNanos();
		long start = System.nanoTime();
		AtomicLong ok = new AtomicLong();
		AtomicLong other = new AtomicLong();
		List<Future<?>> running = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			running.add(pool.submit(() -> {
				long cpu = THREADS.getCurrentThreadCpuTime();
				while (System.nanoTime() < end) {
					HttpResponse<String> r = send(http, request.get(), HttpResponse.BodyHandlers.ofString());
					if (r.statusCode() == status) {
						ok.incrementAndGet();
					}
					else if (other.incrementAndGet() <= 3) {
						System.out.println("  unexpected " + r.statusCode() + ": " + r.body());
					}
				}
				CLIENT_CPU.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu);
				return null;
			}));
		}
		for (Future<?> f : running) {
			f.get();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		pool.shutdown();
		if (other.get() > 0) {
			System.out.printf("  %d answers other than %d%n", other.get(), status);
		}
		return ok.get() / seconds;
	}

	/** The public report form as a phone sends it: the fields, the challenge's answer, a photo or none. */
	static HttpRequest multipart(URI uri, String token, String answer, byte[] photo) {
		String boundary = "----bench" + ThreadLocalRandom.current().nextLong(Long.MAX_VALUE);
		ByteArrayOutputStream body = new ByteArrayOutputStream(photo == null ? 1024 : photo.length + 1024);
		BigDecimal[] p = place(ThreadLocalRandom.current());
		field(body, boundary, "category", CATEGORY);
		field(body, boundary, "description", "小区门口生活垃圾堆积，三天没人清运");
		field(body, boundary, "lat", p[0].toPlainString());
		field(body, boundary, "lng", p[1].toPlainString());
		field(body, boundary, "address", "沔阳大道 12 号东侧");
		field(body, boundary, "challenge", token);
		field(body, boundary, "answer", answer);
		if (photo != null) {
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"photo.jpg\"\r\n"
					+ "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
			body.writeBytes(photo);
			body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return HttpRequest.newBuilder(uri)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build();
	}

	static void field(ByteArrayOutputStream body, String boundary, String name, String value) {
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
			.getBytes(StandardCharsets.UTF_8));
	}

	/** A phone-sized photo (4000×3000, a noisy scene) encoded at the quality that makes it about 2 MB. */
	static byte[] twoMegabytes() throws Exception {
		BufferedImage image = new BufferedImage(4000, 3000, BufferedImage.TYPE_INT_RGB);
		Random random = new Random(3);
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				int base = (x / 40 + y / 30) % 2 == 0 ? 0x5a7d9a : 0xc8a060;
				int noise = random.nextInt(24);
				image.setRGB(x, y, base + (noise << 16) + (noise << 8) + noise);
			}
		}
		byte[] best = null;
		for (float quality = 0.95f; quality > 0.3f; quality -= 0.05f) {
			byte[] jpeg = encode(image, quality);
			best = jpeg;
			if (jpeg.length <= 2_200_000) {
				break;
			}
		}
		return best;
	}

	static byte[] encode(BufferedImage image, float quality) throws Exception {
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
			writer.setOutput(stream);
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(quality);
			writer.write(null, new IIOImage(image, null, null), param);
		}
		finally {
			writer.dispose();
		}
		return out.toByteArray();
	}

	static <T> HttpResponse<T> send(HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> body) {
		try {
			return http.send(request, body);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static void expect(HttpResponse<?> r, int status) {
		if (r.statusCode() != status) {
			throw new IllegalStateException("answered " + r.statusCode() + ": " + r.body());
		}
	}

	private CitizenReportsBenchmark() {
	}

}
