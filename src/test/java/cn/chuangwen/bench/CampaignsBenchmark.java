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
import java.util.function.Supplier;
import java.util.regex.Matcher;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.chuangwen.ChuangwenApplication;

/**
 * Public campaigns (issue 12 §4) over HTTP as phones use them, on the demo's Tianmen site selection
 * (voting): (1) the campaign page read by clients that keep their device cookie; (2) votes, each by a
 * new device, which opens the page (its CSRF token and session) and posts one vote for a random shown
 * entry (accepted: the redirect, 302); the votes stored are counted in the database afterwards. With
 * {@code BARE_URL} (the bench/bare app's {@code GET /bare}) it reads that with the same clients and
 * prints the page's rate as a share of it. One address sends everything, so the public allowance is
 * raised for the run. Runs on the embedded H2, or on the PostgreSQL database named by
 * CHUANGWEN_DB_URL/USER/PASSWORD. Prints figures; never passes or fails on time. See bench/README.md.
 */
public final class CampaignsBenchmark {

	static final Duration WARMUP = Duration.ofSeconds(Long.getLong("warmup", 15));

	static final Duration RUN = Duration.ofSeconds(Long.getLong("run", 30));

	static final int CLIENTS = Integer.getInteger("clients", 8);

	public static void main(String[] args) throws Exception {
		List<String> arguments = new ArrayList<>(Arrays.asList("--chuangwen.demo.enabled=true",
				"--chuangwen.demo.scale=1", "--server.port=0", "--logging.level.root=WARN",
				"--spring.main.banner-mode=off", "--chuangwen.files.root=/tmp/chuangwen-bench-campaign-files",
				// one client address sends every request of the run
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
		String base = "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
		long campaign = jdbc.queryForObject("select id from public_campaign where title = '2026 年度文明创建示范点评选'",
				Long.class);
		List<Long> entries = jdbc.queryForList(
				"select id from public_campaign_entry where campaign_id = ? and state = 'APPROVED' order by id", Long.class,
				campaign);
		URI page = URI.create(base + "/public/campaigns/tianmen/" + campaign);
		System.out.printf("campaign %d: %d shown entries, %s%n", campaign, entries.size(),
				System.getenv("CHUANGWEN_DB_URL") == null ? "H2 in memory" : System.getenv("CHUANGWEN_DB_URL"));
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		// (1) the page, read by a device that has its cookie (one vote first gives it one)
		String device = deviceCookie(http, page, entries.get(0));
		Supplier<HttpRequest> read = () -> HttpRequest.newBuilder(page).header("Cookie", device).build();
		CitizenReportsBenchmark.load(http, read, CLIENTS, WARMUP, 200);
		double pages = CitizenReportsBenchmark.load(http, read, CLIENTS, RUN, 200);
		System.out.printf("campaign page GET: %,.0f/s, %d clients%n", pages, CLIENTS);
		String bare = System.getenv("BARE_URL");
		if (bare != null) {
			Supplier<HttpRequest> bareRead = () -> HttpRequest.newBuilder(URI.create(bare)).build();
			CitizenReportsBenchmark.load(http, bareRead, CLIENTS, WARMUP, 200);
			double bareRate = CitizenReportsBenchmark.load(http, bareRead, CLIENTS, RUN, 200);
			System.out.printf("bare GET (%s): %,.0f/s; the campaign page at %.1f %% of it%n", bare, bareRate,
					100 * pages / bareRate);
		}

		// (2) votes, each by a new device
		System.out.printf("votes: warm-up %d s, %d clients ...%n", WARMUP.toSeconds(), CLIENTS);
		votes(http, page, entries, WARMUP);
		long before = stored(jdbc, campaign);
		Result r = votes(http, page, entries, RUN);
		long stored = stored(jdbc, campaign) - before;
		System.out.printf("votes accepted: %,d in %.1f s = %,.0f/s, %d clients, each vote a new device%n", r.accepted(),
				r.seconds(), r.accepted() / r.seconds(), CLIENTS);
		System.out.printf("  errors (anything but the page's 200 and the vote's 302): %d; votes stored: %,d%n",
				r.errors(), stored);
		System.out.printf("  vote POST (ms): median %.1f, 95th %.1f, max %.1f; page GET of a new device (ms): median %.1f, 95th %.1f%n",
				r.posts().get(0), r.posts().get(1), r.posts().get(2), r.gets().get(0), r.gets().get(1));
	}

	/** A device that voted once: its cookie header, so the page is read as a returning phone reads it. */
	static String deviceCookie(HttpClient http, URI page, long entry) throws Exception {
		HttpResponse<String> form = http.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString());
		String session = session(form);
		Matcher csrf = SurveysBenchmark.CSRF.matcher(form.body());
		if (!csrf.find() || session == null) {
			throw new IllegalStateException("no form on " + page + ": " + form.statusCode());
		}
		HttpResponse<String> voted = http.send(vote(page, session, csrf.group(1), entry), HttpResponse.BodyHandlers.ofString());
		String device = voted.headers().allValues("set-cookie").stream()
			.filter(c -> c.startsWith("CWCAMPAIGN="))
			.map(c -> c.substring(0, c.indexOf(';')))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no device cookie: " + voted.statusCode()));
		return device + "; CWSESSION=" + session;
	}

	static HttpRequest vote(URI page, String session, String csrf, long entry) {
		return HttpRequest.newBuilder(URI.create(page + "/votes"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", "CWSESSION=" + session)
			.POST(HttpRequest.BodyPublishers.ofString(
					"_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8) + "&entryId=" + entry))
			.build();
	}

	static String session(HttpResponse<?> response) {
		return response.headers().allValues("set-cookie").stream()
			.map(SurveysBenchmark.SESSION::matcher)
			.filter(Matcher::find)
			.map(m -> m.group(1))
			.findFirst()
			.orElse(null);
	}

	record Result(long accepted, long errors, double seconds, List<Double> gets, List<Double> posts) {
	}

	static Result votes(HttpClient http, URI page, List<Long> entries, Duration duration) throws Exception {
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
					long t0 = System.nanoTime();
					HttpResponse<String> form = http.send(HttpRequest.newBuilder(page).build(),
							HttpResponse.BodyHandlers.ofString());
					gets.add(System.nanoTime() - t0);
					Matcher csrf = SurveysBenchmark.CSRF.matcher(form.body());
					String session = session(form);
					if (form.statusCode() != 200 || !csrf.find() || session == null) {
						if (errors.incrementAndGet() <= 3) {
							System.out.println("  page " + form.statusCode());
						}
						continue;
					}
					long entry = entries.get(ThreadLocalRandom.current().nextInt(entries.size()));
					long t1 = System.nanoTime();
					HttpResponse<String> sent = http.send(vote(page, session, csrf.group(1), entry),
							HttpResponse.BodyHandlers.ofString());
					posts.add(System.nanoTime() - t1);
					if (sent.statusCode() == 302) {
						ok.incrementAndGet();
					}
					else if (errors.incrementAndGet() <= 3) {
						System.out.println("  vote " + sent.statusCode() + ": "
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
		return new Result(ok.get(), errors.get(), seconds, SurveysBenchmark.percentiles(gets),
				SurveysBenchmark.percentiles(posts));
	}

	static long stored(JdbcTemplate jdbc, long campaign) {
		return jdbc.queryForObject("select count(*) from public_campaign_vote where campaign_id = ?", Long.class, campaign);
	}

	private CampaignsBenchmark() {
	}

}
