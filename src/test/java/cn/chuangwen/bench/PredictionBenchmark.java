package cn.chuangwen.bench;

import java.io.ByteArrayInputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.ChuangwenApplication;
import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.indicators.IndicatorView;
import cn.chuangwen.inspections.internal.FieldRateStore;
import cn.chuangwen.organization.internal.AccountStore;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.organization.internal.DemoData;
import cn.chuangwen.organization.security.Totp;
import cn.chuangwen.prediction.Predictions;
import cn.chuangwen.shared.PeriodCode;

/**
 * Issue 10 §7 (prediction page < 500 ms) at big-city scale: demo data at scale 10 (1,000+ units in
 * Xiantao), a 300-leaf indicator system in use (a third material review, a third field check, a
 * third both), 20,000 assignments with 200,000 progress reports (160,000 approved) and 400,000
 * evidence rows covering 80 % of the leaves, and 100,000 inspections with 2,000,000 item results in
 * 20 closed rounds of the last months ({@link InspectionsBenchmark#generate}). Times the prediction
 * (service), storing a round's groups at close, the API and the page over HTTP. Prints figures;
 * never passes or fails on time. See bench/README.md.
 */
public final class PredictionBenchmark {

	public static void main(String[] args) throws Exception {
		List<String> arguments = new ArrayList<>(Arrays.asList("--chuangwen.demo.enabled=true",
				"--chuangwen.demo.scale=10", "--server.port=0", "--logging.level.root=WARN",
				"--spring.main.banner-mode=off", "--chuangwen.files.root=/tmp/chuangwen-bench-files"));
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
		IndicatorSystems indicators = context.getBean(IndicatorSystems.class);
		Units units = context.getBean(Units.class);
		AccountStore accountStore = context.getBean(AccountStore.class);
		Accounts accounts = context.getBean(Accounts.class);
		CurrentUser office = accounts.principal(accountStore.findByUsername("xiantao.office").orElseThrow().id());

		StringBuilder csv = new StringBuilder("code,parent_code,level,name,criteria,methods,score,point_types\n");
		csv.append("P,,项目,预测基准体系,,,300,\n");
		String[] methods = { "材料审核", "实地考察", "实地考察|材料审核" };
		for (int g = 1; g <= 10; g++) {
			csv.append("P-").append(g).append(",P,项目,指标组").append(g).append(",,,30,\n");
			for (int l = 1; l <= 30; l++) {
				csv.append("P-").append(g).append('-').append(l).append(",P-").append(g).append(",内容,测评内容")
					.append(g).append('-').append(l).append(",达到标准,").append(methods[l % 3]).append(",1,")
					.append(l % 5 == 0 ? "公共厕所" : "主次干道").append('\n');
			}
		}
		IndicatorSystemView system = indicators.importSystem(office, "预测基准体系 " + System.nanoTime(), "bench.csv",
				new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)));
		context.getBean(TransactionTemplate.class).executeWithoutResult(s -> indicators.markInUse(office.scope(), system.id()));
		List<IndicatorView> leaves = indicators.leaves(office.scope(), system.id());
		List<UnitView> cityUnits = units.search(office.scope(), new UnitQuery("xiantao", null, null, true, null), 100_000)
			.stream()
			.filter(u -> u.parentId() != null && u.rankingGroup() != null)
			.toList();
		List<UnitView> responsible = cityUnits.subList(0, Math.min(1000, cityUnits.size()));
		System.out.printf("city units: %d, responsible units: %d, leaves: %d%n", cityUnits.size(), responsible.size(),
				leaves.size());
		evidence(jdbc, office.cityId(), system, leaves, responsible);
		LocalDate today = LocalDate.now(Predictions.ZONE);
		PeriodCode month = PeriodCode.parse(today.minusMonths(3).toString().substring(0, 7));
		InspectionsBenchmark.generate(jdbc, office.cityId(), responsible, List.of(month.previous(), month));
		System.out.printf("assignments: %d, approved reports: %d, evidence: %d, inspections: %d, item results: %d%n",
				TasksBenchmark.count(jdbc, "assignment"),
				jdbc.queryForObject("select count(*) from progress_report where status = 'APPROVED'", Long.class),
				TasksBenchmark.count(jdbc, "evidence"), TasksBenchmark.count(jdbc, "inspection"),
				TasksBenchmark.count(jdbc, "inspection_result"));

		Predictions predictions = context.getBean(Predictions.class);
		Predictions.Prediction first = predictions.predict(office, null);
		System.out.printf("prediction: total %.2f (%.2f-%.2f), documents %.2f, field %.2f, losses %d, gains %d%n",
				first.result().total(), first.result().low(), first.result().high(), first.result().documents().point(),
				first.result().field().point(), first.result().losses().size(), first.result().gains().size());
		long live = System.nanoTime();
		predictions.predict(office, null);
		report("prediction, rounds not summed yet (from 2,000,000 item results) (ms, once)",
				new double[] { (System.nanoTime() - live) / 1e6 });
		FieldRateStore rates = context.getBean(FieldRateStore.class);
		List<Long> plans = jdbc.queryForList("select id from inspection_plan where city_id = ? and state = 'CLOSED' "
				+ "and created_by = 'bench' order by id", Long.class, office.cityId());
		TransactionTemplate tx = context.getBean(TransactionTemplate.class);
		double[] close = new double[plans.size()];
		for (int i = 0; i < plans.size(); i++) {
			long plan = plans.get(i);
			long t = System.nanoTime();
			tx.executeWithoutResult(s -> rates.storeRound(office.cityId(), plan, Instant.now()));
			close[i] = (System.nanoTime() - t) / 1e6;
		}
		report("sum a closed round's item results (5,000 inspections) (ms)", close);
		report("prediction (service) (ms)", TasksBenchmark.time(60, () -> predictions.predict(office, null)));
		var archive = context.getBean(cn.chuangwen.documents.ArchiveCoverage.class);
		var fieldRates = context.getBean(cn.chuangwen.inspections.FieldScoreRates.class);
		report("  part: archive coverage of 300 leaves (ms)",
				TasksBenchmark.time(30, () -> archive.covered(office.scope(), office.cityId(), system.id(), Instant.now())));
		report("  part: field score rates of a year of rounds (ms)", TasksBenchmark.time(30,
				() -> fieldRates.groups(office.scope(), office.cityId(), Instant.now().minus(365, ChronoUnit.DAYS), Instant.now())));

		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		String base = "http://localhost:" + port;
		HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		// one TOTP step for the API token, the next for the page's sign-in (a step is used once)
		long step = Totp.step(Instant.now());
		String token = token(http, base, "xiantao.office", Totp.code(DemoData.TOTP_SECRET, step));
		signIn(http, base, "xiantao.office", Totp.code(DemoData.TOTP_SECRET, step + 1));
		HttpRequest page = HttpRequest.newBuilder(URI.create(base + "/prediction")).build();
		report("prediction page over HTTP (ms)", TasksBenchmark.time(60, () -> fetch(http, page)));
		// for comparison: what any signed-in page costs here (session, layout, navigation)
		HttpRequest account = HttpRequest.newBuilder(URI.create(base + "/account")).build();
		report("account page over HTTP, for comparison (ms)", TasksBenchmark.time(60, () -> fetch(http, account)));
		HttpRequest api = HttpRequest.newBuilder(URI.create(base + "/api/v1/prediction"))
			.header("Authorization", "Bearer " + token)
			.build();
		report("GET /api/v1/prediction over HTTP (ms)", TasksBenchmark.time(60, () -> fetch(http, api)));
		long t = System.nanoTime();
		int stored = predictions.snapshotWeek(today.minusWeeks(30), false);
		System.out.printf("weekly snapshot of every city (1 run): %.1f ms, %d cities%n", (System.nanoTime() - t) / 1e6,
				stored);
	}

	/**
	 * 20 leaves per unit (the leaves of every fifth group skipped: 80 % covered), 10 reports per
	 * assignment (8 approved over the last 90 days), 2 evidence rows per report. In batches.
	 */
	static void evidence(JdbcTemplate jdbc, long cityId, IndicatorSystemView system, List<IndicatorView> leaves,
			List<UnitView> unitList) {
		Random random = new Random(7);
		Instant now = Instant.now();
		Timestamp created = Timestamp.from(now);
		LocalDate today = LocalDate.now();
		long t0 = System.nanoTime();
		List<IndicatorView> covered = leaves.stream().filter(l -> !l.code().startsWith("P-5-")).toList();
		List<Object[]> rows = new ArrayList<>();
		for (UnitView unit : unitList) {
			int first = random.nextInt(covered.size());
			for (int k = 0; k < 20; k++) {
				IndicatorView leaf = covered.get((first + k * 13) % covered.size());
				rows.add(new Object[] { cityId, system.id(), leaf.id(), leaf.code(), leaf.name(), leaf.parentId(),
						unit.id(), "责任人", today.minusDays(90), today.plusDays(60), 50, created });
			}
		}
		jdbc.batchUpdate("""
				insert into assignment (city_id, system_id, indicator_id, indicator_code, indicator_name, group_id,
				    lead_unit_id, responsible_name, start_date, deadline, percent, version, created_at, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 'bench')
				""", rows);
		List<Object[]> ids = jdbc.query("select id, lead_unit_id from assignment where system_id = ? order by id",
				(rs, n) -> new Object[] { rs.getLong(1), rs.getLong(2) }, system.id());
		List<Object[]> reports = new ArrayList<>();
		for (Object[] a : ids) {
			for (int r = 0; r < 10; r++) {
				String status = r < 8 ? "APPROVED" : (r == 8 ? "RETURNED" : "SUBMITTED");
				Timestamp at = Timestamp.from(now.minus(random.nextInt(90 * 24), ChronoUnit.HOURS));
				reports.add(new Object[] { a[0], cityId, a[1], "完成情况 " + r, r * 10, status, at,
						r < 9 ? "xiantao.office" : null, r < 9 ? at : null });
			}
			if (reports.size() >= 20_000) {
				insertReports(jdbc, reports);
			}
		}
		insertReports(jdbc, reports);
		HexFormat hex = HexFormat.of();
		byte[] sha = new byte[32];
		List<Object[]> evidence = new ArrayList<>();
		jdbc.query("select r.id, r.assignment_id from progress_report r join assignment a on a.id = r.assignment_id "
				+ "where a.system_id = ? order by r.id", rs -> {
			for (int e = 0; e < 2; e++) {
				random.nextBytes(sha);
				evidence.add(new Object[] { rs.getLong(1), rs.getLong(2), cityId, 0L, hex.formatHex(sha), "photo.jpg", created });
			}
			if (evidence.size() >= 20_000) {
				TasksBenchmark.insertEvidence(jdbc, evidence);
				evidence.clear();
			}
		}, system.id());
		TasksBenchmark.insertEvidence(jdbc, evidence);
		jdbc.execute("analyze");
		System.out.printf("evidence generated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
	}

	static void insertReports(JdbcTemplate jdbc, List<Object[]> rows) {
		jdbc.batchUpdate("""
				insert into progress_report (assignment_id, city_id, unit_id, text, percent, status, submitted_by,
				    submitted_at, reviewed_by, reviewed_at, version)
				values (?, ?, ?, ?, ?, ?, 'bench', ?, ?, ?, 0)
				""", rows);
		rows.clear();
	}

	static void signIn(HttpClient http, String base, String username, String code) throws Exception {
		String login = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		post(http, base + "/login", "username=" + username + "&password=" + enc("Demo#2026") + "&_csrf=" + csrf(login));
		String totp = http.send(HttpRequest.newBuilder(URI.create(base + "/login/totp")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		post(http, base + "/login/totp", "code=" + code + "&_csrf=" + csrf(totp));
	}

	static String token(HttpClient http, String base, String username, String code) throws Exception {
		HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"Demo#2026\",\"totp\":\""
					+ code + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		Matcher m = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
		if (!m.find()) {
			throw new IllegalStateException("no token: " + r.statusCode() + " " + r.body());
		}
		return m.group(1);
	}

	private static void post(HttpClient http, String url, String form) throws Exception {
		http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.discarding());
	}

	private static String csrf(String html) {
		Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(html);
		if (!m.find()) {
			throw new IllegalStateException("no CSRF token");
		}
		return m.group(1);
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	private static int fetch(HttpClient http, HttpRequest request) {
		try {
			HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
			if (r.statusCode() != 200) {
				throw new IllegalStateException(request.uri() + " answered " + r.statusCode());
			}
			return r.body().length();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static void report(String what, double[] ms) {
		TasksBenchmark.report(what, ms);
	}

	private PredictionBenchmark() {
	}

}
