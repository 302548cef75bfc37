package cn.chuangwen.bench;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.chuangwen.ChuangwenApplication;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.files.EvidenceFixtures;
import cn.chuangwen.participation.ReportState;
import cn.chuangwen.problems.Problems;

/**
 * Issue 11 §7, Open311: in Qianjiang 100,000 citizen reports over the last 89 days (every state and
 * channel, a third with a photo, accepted ones joined to a problem of a unit) and about 200,000
 * public updates, in batches. Times {@code GET /open311/v2/requests.json} returning 1,000 requests
 * ({@code page_size=1000}) over HTTP, also with {@code extensions=true}, as XML, filtered by status
 * and by service, and one deep page. Prints figures; never passes or fails on time. See
 * bench/README.md.
 */
public final class Open311Benchmark {

	static final int REPORTS = 100_000;

	static final long FIRST_ID = 60_000_000L;

	public static void main(String[] args) throws Exception {
		List<String> arguments = new ArrayList<>(Arrays.asList("--chuangwen.demo.enabled=true",
				"--server.port=0", "--logging.level.root=WARN", "--spring.main.banner-mode=off",
				"--chuangwen.files.root=/tmp/chuangwen-bench-files",
				// the benchmark reads Open311 far more often than one address may
				"--chuangwen.public.requests-per-minute=1000000"));
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
		touched = jdbc;
		long city = jdbc.queryForObject("select id from city where code = 'qianjiang'", Long.class);
		List<Long> categories = context.getBean(Problems.class).categoryChoices(city).stream().map(Problems.Category::id).toList();
		List<Long> problems = jdbc.queryForList("select id from problem where city_id = ? order by id", Long.class, city);
		long photo = context.getBean(EvidenceStore.class)
			.store(city, "bench", "bench.jpg", new ByteArrayInputStream(EvidenceFixtures.jpeg(64, 48)))
			.id();
		BigDecimal[] area = jdbc.queryForObject("select min_lat, max_lat, min_lng, max_lng from field_point_area where city_id = ?",
				(rs, n) -> new BigDecimal[] { rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4) },
				city);
		Random random = new Random(311);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		long started = System.nanoTime();
		List<Object[]> reports = new ArrayList<>();
		List<Object[]> photos = new ArrayList<>();
		List<Object[]> updates = new ArrayList<>();
		int updateCount = 0;
		String[] channels = { "WEB", "WEB", "WEB", "HOTLINE", "REPORT_BOX", "OPEN311" };
		for (int i = 0; i < REPORTS; i++) {
			long id = FIRST_ID + i;
			Instant created = now.minusSeconds(1 + (long) (random.nextDouble() * 89 * 86_400));
			int pick = random.nextInt(100);
			ReportState state = pick < 40 ? ReportState.RECEIVED : pick < 60 ? ReportState.ACCEPTED
					: pick < 75 ? ReportState.RECTIFYING : pick < 90 ? ReportState.SOLVED : ReportState.REJECTED;
			boolean withProblem = state != ReportState.RECEIVED && state != ReportState.REJECTED && !problems.isEmpty();
			Instant answered = state == ReportState.RECEIVED ? null : created.plusSeconds(3600 + random.nextInt(86_400));
			Instant closed = state == ReportState.SOLVED || state == ReportState.REJECTED
					? answered.plusSeconds(random.nextInt(5 * 86_400)) : null;
			BigDecimal lat = between(area[0], area[1], random);
			BigDecimal lng = between(area[2], area[3], random);
			reports.add(new Object[] { id, city, "QJ-R-2025-" + String.format("%07d", i), channels[random.nextInt(channels.length)],
					categories.get(random.nextInt(categories.size())), "测试反映 " + i + "：路边垃圾堆放，影响通行。",
					"园林路 " + (i % 500) + " 号", lat, lng, state.name(),
					withProblem ? problems.get(random.nextInt(problems.size())) : null,
					state == ReportState.REJECTED ? "与已有反映重复" : null, Timestamp.from(created),
					answered == null ? null : Timestamp.from(answered), closed == null ? null : Timestamp.from(closed),
					"张三" + i, "1380000" + String.format("%04d", i % 10_000) });
			if (i % 3 == 0) {
				photos.add(new Object[] { id, city, photo, photo });
			}
			updates.add(new Object[] { id, city, "RECEIVED", null, Timestamp.from(created) });
			updateCount++;
			if (answered != null) {
				updates.add(new Object[] { id, city, state == ReportState.REJECTED ? "REJECTED" : "ACCEPTED",
						state == ReportState.REJECTED ? "与已有反映重复" : "已转交责任单位办理", Timestamp.from(answered) });
				updateCount++;
			}
			if (reports.size() == 5_000) {
				flush(jdbc, reports, photos, updates);
			}
		}
		flush(jdbc, reports, photos, updates);
		System.out.printf("%,d reports, %,d updates written in %.1f s%n", REPORTS, updateCount,
				(System.nanoTime() - started) / 1e9);
		jdbc.execute("analyze");
		// the plan of the page's ids (what the index must serve: the window, newest first, stopping at 1,000)
		jdbc.queryForList("explain select s.id from citizen_report s where s.city_id = ? and s.created_at >= ?"
				+ " and s.created_at <= ? order by s.city_id, s.created_at desc, s.id desc limit 1000 offset 0", city,
				Timestamp.from(now.minusSeconds(90 * 86_400L)), Timestamp.from(now))
			.forEach(row -> System.out.println("plan: " + row.values()));

		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpClient http = HttpClient.newHttpClient();
		String base = "http://localhost:" + port + "/open311/v2/";
		String q = "jurisdiction_id=qianjiang&page_size=1000";
		report("requests.json, 1,000 results (ms)", time(40, () -> fetch(http, base + "requests.json?" + q, 1000)));
		report("requests.json, 1,000 results + notes (ms)",
				time(40, () -> fetch(http, base + "requests.json?" + q + "&extensions=true", 1000)));
		report("requests.xml, 1,000 results (ms)", time(40, () -> fetch(http, base + "requests.xml?" + q, -1)));
		report("requests.json, status=open, 1,000 (ms)",
				time(40, () -> fetch(http, base + "requests.json?" + q + "&status=open", 1000)));
		report("requests.json, one service, 1,000 (ms)",
				time(40, () -> fetch(http, base + "requests.json?" + q + "&service_code=" + categories.get(0), 1000)));
		report("requests.json, page 50 of 1,000 (ms)",
				time(40, () -> fetch(http, base + "requests.json?" + q + "&page=50", 1000)));
		report("requests.json, default (last 90 days, 1,000) (ms)",
				time(40, () -> fetch(http, base + "requests.json?jurisdiction_id=qianjiang", 1000)));
		report("requests/{id}.json (ms)",
				time(40, () -> fetch(http, base + "requests/QJ-R-2025-0000123.json?jurisdiction_id=qianjiang", -1)));
	}

	private static BigDecimal between(BigDecimal min, BigDecimal max, Random random) {
		return min.add(max.subtract(min).multiply(BigDecimal.valueOf(0.05 + 0.9 * random.nextDouble())))
			.setScale(6, java.math.RoundingMode.HALF_UP);
	}

	private static void flush(JdbcTemplate jdbc, List<Object[]> reports, List<Object[]> photos, List<Object[]> updates) {
		jdbc.batchUpdate("""
				insert into citizen_report (id, city_id, code, channel, category_id, description, address, lat, lng, state,
				    problem_id, public_reason, created_at, answered_at, closed_at, reporter_name, reporter_phone)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", reports);
		jdbc.batchUpdate("insert into citizen_report_photo (report_id, city_id, file_id, public_file_id, position) values (?, ?, ?, ?, 1)",
				photos);
		jdbc.batchUpdate("insert into citizen_report_update (report_id, city_id, state, text, created_at) values (?, ?, ?, ?, ?)",
				updates);
		reports.clear();
		photos.clear();
		updates.clear();
	}

	/** Touches a report row before each run (untimed): H2 reuses a repeated query's result while its tables are unchanged. */
	static double[] time(int times, Supplier<?> work) {
		for (int i = 0; i < 5; i++) {
			touch();
			work.get();
		}
		double[] ms = new double[times];
		for (int i = 0; i < times; i++) {
			touch();
			long t = System.nanoTime();
			work.get();
			ms[i] = (System.nanoTime() - t) / 1e6;
		}
		return ms;
	}

	private static JdbcTemplate touched;

	private static void touch() {
		touched.update("update citizen_report set supporters = supporters where id = ?", FIRST_ID);
	}

	static void report(String what, double[] ms) {
		TasksBenchmark.report(what, ms);
	}

	/** Fetches and checks: 200, and the number of requests in a JSON answer when {@code expected} is not -1. */
	private static int fetch(HttpClient http, String url, int expected) {
		try {
			HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
					HttpResponse.BodyHandlers.ofString());
			if (r.statusCode() != 200) {
				throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
			}
			if (expected >= 0) {
				int n = r.body().split("\"service_request_id\"", -1).length - 1;
				if (n != expected) {
					throw new IllegalStateException(url + " gave " + n + " requests, not " + expected);
				}
			}
			if (r.body().contains("张三") || r.body().contains("1380000")) {
				throw new IllegalStateException("personal data in " + url);
			}
			return r.body().length();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Open311Benchmark() {
	}

}
