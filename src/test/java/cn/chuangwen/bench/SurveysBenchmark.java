package cn.chuangwen.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.chuangwen.ChuangwenApplication;

/**
 * Issue 10 §7: "1,000 survey answers per minute from many devices accepted without error", over
 * HTTP as a phone does it: each answer is a new device (no survey cookie yet, its own session), so
 * it opens the unit's link ({@code GET /s/{token}}: the form and its CSRF token) and posts the
 * answers (a rating, a single choice, sometimes a multiple choice and a comment). The links of the
 * Xiantao demo round are spread over the clients. One address sends everything, so the public
 * allowance is raised for the run (as CitizenReportsBenchmark does). Runs on the embedded H2, or on
 * the PostgreSQL database named by CHUANGWEN_DB_URL/USER/PASSWORD. Prints figures; never passes or
 * fails on time. See bench/README.md.
 */
public final class SurveysBenchmark {

	static final Duration WARMUP = Duration.ofSeconds(Long.getLong("warmup", 15));

	static final Duration RUN = Duration.ofSeconds(Long.getLong("run", 60));

	static final int CLIENTS = Integer.getInteger("clients", 8);

	static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	static final Pattern SESSION = Pattern.compile("CWSESSION=([^;]+)");

	record Question(long id, String kind, List<Long> options) {
	}

	public static void main(String[] args) throws Exception {
		List<String> arguments = new ArrayList<>(Arrays.asList("--chuangwen.demo.enabled=true",
				"--chuangwen.demo.scale=1", "--server.port=0", "--logging.level.root=WARN",
				"--spring.main.banner-mode=off", "--chuangwen.files.root=/tmp/chuangwen-bench-survey-files",
				// one client address sends every answer of the run
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
		long survey = jdbc.queryForObject(
				"select min(s.id) from survey s join city c on c.id = s.city_id where c.code = 'xiantao'", Long.class);
		List<String> tokens = jdbc.queryForList("select token from survey_link where survey_id = ? order by id",
				String.class, survey);
		List<Question> questions = jdbc.query("select id, kind from survey_question where survey_id = ? order by position",
				(rs, n) -> new Question(rs.getLong(1), rs.getString(2), jdbc.queryForList(
						"select id from survey_option where question_id = ? order by position", Long.class, rs.getLong(1))),
				survey);
		System.out.printf("survey %d: %d window unit links, %d questions, %s%n", survey, tokens.size(), questions.size(),
				System.getenv("CHUANGWEN_DB_URL") == null ? "H2 in memory" : System.getenv("CHUANGWEN_DB_URL"));
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		System.out.printf("warm-up %d s, %d clients ...%n", WARMUP.toSeconds(), CLIENTS);
		load(http, base, tokens, questions, WARMUP);
		long before = count(jdbc, survey);
		Result r = load(http, base, tokens, questions, RUN);
		long stored = count(jdbc, survey) - before;
		double perMinute = r.accepted() * 60.0 / r.seconds();
		System.out.printf("survey answers accepted: %,d in %.1f s = %,.0f a minute (%.1f/s; target 1,000 a minute), "
				+ "%d clients, each answer a new device%n", r.accepted(), r.seconds(), perMinute, perMinute / 60, CLIENTS);
		System.out.printf("  errors (anything but the form's 200 and the answer's 302): %d; responses stored: %,d%n",
				r.errors(), stored);
		System.out.printf("  answer post (ms): median %.1f, 95th %.1f, max %.1f; form get (ms): median %.1f, 95th %.1f%n",
				r.posts().get(0), r.posts().get(1), r.posts().get(2), r.gets().get(0), r.gets().get(1));
		// the results of the round with every answer of the run in it
		long t = System.nanoTime();
		int units = context.getBean(cn.chuangwen.surveys.Satisfaction.class)
			.byUnit(jdbc.queryForObject("select city_id from survey where id = ?", Long.class, survey),
					cn.chuangwen.shared.PeriodCode.parse(jdbc.queryForObject("select round_code from survey where id = ?", String.class, survey)))
			.size();
		System.out.printf("  satisfaction by unit over %,d responses: %.1f ms (%d units)%n", count(jdbc, survey),
				(System.nanoTime() - t) / 1e6, units);
	}

	record Result(long accepted, long errors, double seconds, List<Double> gets, List<Double> posts) {
	}

	static Result load(HttpClient http, String base, List<String> tokens, List<Question> questions, Duration duration)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
		long end = System.nanoTime() + duration.toNanos();
		long start = System.nanoTime();
		AtomicLong ok = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		List<Long> gets = Collections.synchronizedList(new ArrayList<>());
		List<Long> posts = Collections.synchronizedList(new ArrayList<>());
		List<Future<?>> running = new ArrayList<>();
		for (int c = 0; c < CLIENTS; c++) {
			running.add(pool.submit(() -> {
				while (System.nanoTime() < end) {
					String token = tokens.get(ThreadLocalRandom.current().nextInt(tokens.size()));
					URI uri = URI.create(base + "/s/" + token);
					long t0 = System.nanoTime();
					HttpResponse<String> form = http.send(HttpRequest.newBuilder(uri).build(),
							HttpResponse.BodyHandlers.ofString());
					gets.add(System.nanoTime() - t0);
					Matcher csrf = CSRF.matcher(form.body());
					String session = form.headers().allValues("set-cookie").stream()
						.map(SESSION::matcher)
						.filter(Matcher::find)
						.map(m -> m.group(1))
						.findFirst()
						.orElse(null);
					if (form.statusCode() != 200 || !csrf.find() || session == null) {
						if (errors.incrementAndGet() <= 3) {
							System.out.println("  form " + form.statusCode());
						}
						continue;
					}
					long t1 = System.nanoTime();
					HttpResponse<String> sent = http.send(HttpRequest.newBuilder(uri)
						.header("Content-Type", "application/x-www-form-urlencoded")
						.header("Cookie", "CWSESSION=" + session)
						.POST(HttpRequest.BodyPublishers.ofString(body(csrf.group(1), questions)))
						.build(), HttpResponse.BodyHandlers.ofString());
					posts.add(System.nanoTime() - t1);
					if (sent.statusCode() == 302) {
						ok.incrementAndGet();
					}
					else if (errors.incrementAndGet() <= 3) {
						System.out.println("  answer " + sent.statusCode() + ": "
								+ sent.body().substring(0, Math.min(300, sent.body().length())));
					}
				}
				return null;
			}));
		}
		for (Future<?> f : running) {
			f.get();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		pool.shutdown();
		return new Result(ok.get(), errors.get(), seconds, percentiles(gets), percentiles(posts));
	}

	/** A phone's answers: every rating 1 to 5, a single choice, sometimes options of a multiple choice and a comment. */
	static String body(String csrf, List<Question> questions) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		StringBuilder b = new StringBuilder("_csrf=").append(URLEncoder.encode(csrf, StandardCharsets.UTF_8));
		for (Question q : questions) {
			switch (q.kind()) {
				case "RATING" -> b.append("&q").append(q.id()).append('=').append(1 + random.nextInt(5));
				case "SINGLE" -> b.append("&q").append(q.id()).append('=')
					.append(q.options().get(random.nextInt(q.options().size())));
				case "MULTIPLE" -> {
					if (random.nextBoolean()) {
						b.append("&q").append(q.id()).append('=').append(q.options().get(random.nextInt(q.options().size())));
					}
				}
				default -> {
					if (random.nextInt(4) == 0) {
						b.append("&q").append(q.id()).append('=')
							.append(URLEncoder.encode("窗口服务很好，办事快。", StandardCharsets.UTF_8));
					}
				}
			}
		}
		return b.toString();
	}

	static List<Double> percentiles(List<Long> nanos) {
		List<Long> sorted = new ArrayList<>(nanos);
		Collections.sort(sorted);
		if (sorted.isEmpty()) {
			return List.of(0.0, 0.0, 0.0);
		}
		return List.of(sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.95)) / 1e6,
				sorted.get(sorted.size() - 1) / 1e6);
	}

	static long count(JdbcTemplate jdbc, long survey) {
		return jdbc.queryForObject("select count(*) from survey_response where survey_id = ?", Long.class, survey);
	}

	private SurveysBenchmark() {
	}

}
