package cn.chuangwen.participation.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.MessageSource;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.inspections.FieldPointFilter;
import cn.chuangwen.inspections.FieldPointView;
import cn.chuangwen.inspections.FieldPoints;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.participation.ReportChannel;
import cn.chuangwen.participation.ReportState;
import cn.chuangwen.problems.ProblemFilter;
import cn.chuangwen.problems.ProblemSource;
import cn.chuangwen.problems.ProblemState;
import cn.chuangwen.problems.ProblemView;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.shared.GeoPoint;
import cn.chuangwen.shared.PageRequest;

/**
 * Demo citizen reports (issue 11 §7): about {@value #PER_CITY} per demo city over the last three
 * months, mostly from the public page, some hotline calls and report-box letters; at places near
 * the city's field points (so each lies in a town); waiting, rejected with a public reason, or
 * accepted into the demo's citizen and hotline problems (several reports to one problem, as people
 * report the same pile of rubbish) and following them: rectifying, solved, some rated; some with
 * "me too"s. Seeded, so every start looks the same; written with batch SQL in one transaction per
 * city (seconds). Runs once, on a database without citizen reports.
 */
@Component
@Order(70)
@ConditionalOnProperty(name = "chuangwen.demo.enabled", havingValue = "true")
class ReportDemoData implements ApplicationRunner {

	static final int PER_CITY = 300;

	private static final Logger log = LoggerFactory.getLogger(ReportDemoData.class);

	private static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

	private static final String[] WHAT = { "路边垃圾堆积好几天没人清运，气味很大。", "人行道上有流动摊贩占道经营，行人只能走机动车道。",
			"小区门口电动车乱停乱放，堵住了消防通道。", "公益广告牌破损，字都看不清了。", "绿化带里有很多白色垃圾。", "公厕没有人打扫，很脏。",
			"商户把货物摆到店外，占用了盲道。", "楼顶有人私搭乱建。", "路口早高峰没人劝导，行人闯红灯很多。", "宣传栏内容过期很久没有更新。" };

	private static final String[] REASONS = { "经现场核实，该处已于反映前清理完毕，不再受理。", "反映的位置不在本市城区范围内，已转告所在地有关部门。",
			"该事项属于物业服务纠纷，请联系小区物业或社区居委会协调。", "反映内容与已受理的问题重复，请关注原问题的办理进展。" };

	private static final String[] NAMES = { "王先生", "李女士", "张先生", "刘女士", "陈先生", "杨女士", "赵先生", "黄女士" };

	private final Cities cities;

	private final Accounts accounts;

	private final FieldPoints fieldPoints;

	private final Problems problems;

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate batch;

	private final TransactionTemplate tx;

	private final MessageSource messages;

	private final Clock clock;

	ReportDemoData(Cities cities, Accounts accounts, FieldPoints fieldPoints, Problems problems, JdbcClient jdbc,
			NamedParameterJdbcTemplate batch, TransactionTemplate tx, MessageSource messages, Clock clock) {
		this.cities = cities;
		this.accounts = accounts;
		this.fieldPoints = fieldPoints;
		this.problems = problems;
		this.jdbc = jdbc;
		this.batch = batch;
		this.tx = tx;
		this.messages = messages;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (jdbc.sql("select count(*) from citizen_report").query(Integer.class).single() > 0) {
			return;
		}
		for (CityView city : cities.visible(DataScope.all())) {
			Long officeId = jdbc.sql("select id from app_user where username = :u")
				.param("u", city.code() + ".office")
				.query(Long.class)
				.optional()
				.orElse(null);
			if (officeId == null) {
				continue;
			}
			CurrentUser office = accounts.principal(officeId);
			int n = tx.execute(s -> load(city, office));
			log.info("Demo citizen reports: {} in {}", n, city.code());
		}
	}

	/** One report as the demo makes it, before it has an id. */
	private static final class Demo {

		String code;

		ReportChannel channel;

		long categoryId;

		String description;

		String address;

		GeoPoint place;

		Long townId;

		String name;

		String phone;

		ReportState state;

		ProblemView problem;

		String reason;

		Instant createdAt;

		Instant answeredAt;

		Instant closedAt;

		Integer rating;

		int supporters;

	}

	private int load(CityView city, CurrentUser office) {
		Random random = new Random(31L * city.code().hashCode() + 11);
		List<FieldPointView> points = fieldPoints.list(office, city.id(), new FieldPointFilter(null, null, null, true, null),
				FieldPoints.MAX_ON_MAP);
		if (points.isEmpty()) {
			return 0;
		}
		points = points.stream().sorted(Comparator.comparingLong(FieldPointView::id)).toList();
		Map<String, Long> categories = new HashMap<>();
		problems.categoryChoices(city.id()).forEach(c -> categories.put(c.name(), c.id()));
		List<Long> categoryIds = problems.categoryChoices(city.id()).stream().map(Problems.Category::id).toList();
		List<ProblemView> targets = new ArrayList<>();
		for (ProblemSource source : List.of(ProblemSource.CITIZEN, ProblemSource.HOTLINE)) {
			targets.addAll(problems
				.page(office, city.id(), new ProblemFilter(null, null, source, null, null, null, null, null),
						new PageRequest(1, PageRequest.MAX_SIZE))
				.items());
		}
		targets.sort(Comparator.comparingLong(ProblemView::id));
		Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
		List<Demo> demos = new ArrayList<>();
		// several reports per problem (people report the same thing); the rest wait or are rejected
		int linked = Math.min(PER_CITY * 55 / 100, targets.size() * 5);
		for (int i = 0; i < PER_CITY; i++) {
			Demo d = new Demo();
			double c = random.nextDouble();
			d.channel = c < 0.78 ? ReportChannel.WEB : c < 0.92 ? ReportChannel.HOTLINE : ReportChannel.REPORT_BOX;
			FieldPointView near = points.get(random.nextInt(points.size()));
			if (i < linked) {
				d.problem = targets.get(i % targets.size());
				d.categoryId = categories.getOrDefault(d.problem.category(), categoryIds.get(0));
				GeoPoint base = d.problem.located() ? new GeoPoint(d.problem.lat(), d.problem.lng()) : near.place();
				d.place = jitter(base, 80, random);
				Instant problemAt = d.problem.createdAt();
				d.createdAt = problemAt.minus(Duration.ofMinutes(30 + random.nextInt(60 * 20)));
				d.answeredAt = problemAt;
				d.state = switch (d.problem.state()) {
					case CLOSED -> ReportState.SOLVED;
					case RECTIFYING, SUBMITTED -> ReportState.RECTIFYING;
					default -> ReportState.ACCEPTED;
				};
				d.closedAt = d.state == ReportState.SOLVED ? d.problem.closedAt() : null;
				if (d.state == ReportState.SOLVED && random.nextInt(100) < 45) {
					d.rating = 3 + random.nextInt(3);
				}
			}
			else {
				d.categoryId = categoryIds.get(random.nextInt(categoryIds.size()));
				d.place = jitter(near.place(), 300, random);
				d.createdAt = now.minus(Duration.ofMinutes(20 + random.nextInt(60 * 24 * 90)));
				if (random.nextInt(100) < 30) {
					d.state = ReportState.REJECTED;
					d.reason = REASONS[random.nextInt(REASONS.length)];
					d.answeredAt = d.createdAt.plus(Duration.ofHours(2 + random.nextInt(40)));
					if (d.answeredAt.isAfter(now)) {
						d.answeredAt = now;
					}
				}
				else {
					d.state = ReportState.RECEIVED;
				}
			}
			d.description = WHAT[random.nextInt(WHAT.length)];
			d.address = near.address() != null ? near.address() + "附近" : near.name() + "附近";
			// a letter may give no coordinates, only an address
			if (d.channel == ReportChannel.REPORT_BOX && random.nextBoolean()) {
				d.place = null;
			}
			if (d.channel != ReportChannel.WEB || random.nextInt(100) < 40) {
				d.name = NAMES[random.nextInt(NAMES.length)];
				d.phone = "13" + (100_000_000 + random.nextInt(899_999_999));
			}
			d.townId = d.state == ReportState.RECEIVED ? null : town(d.place, near, points);
			d.supporters = random.nextInt(100) < 20 ? 1 + random.nextInt(5) : 0;
			demos.add(d);
		}
		demos.sort(Comparator.comparing((Demo d) -> d.createdAt));
		String prefix = problems.rules(city.id()).codePrefix();
		Map<Integer, Integer> seqs = new HashMap<>();
		for (Demo d : demos) {
			int year = LocalDate.ofInstant(d.createdAt, Problems.ZONE).getYear();
			d.code = "%s-R-%d-%06d".formatted(prefix, year, seqs.merge(year, 1, Integer::sum));
		}
		insert(city.id(), office.username(), demos);
		for (var e : seqs.entrySet()) {
			jdbc.sql("insert into citizen_report_counter (city_id, code_year, last_seq) values (:c, :y, 0) on conflict do nothing")
				.param("c", city.id())
				.param("y", e.getKey())
				.update();
			jdbc.sql("update citizen_report_counter set last_seq = greatest(last_seq, :n) where city_id = :c and code_year = :y")
				.param("n", e.getValue())
				.param("c", city.id())
				.param("y", e.getKey())
				.update();
		}
		return demos.size();
	}

	private void insert(long cityId, String officeName, List<Demo> demos) {
		List<MapSqlParameterSource> rows = new ArrayList<>();
		for (Demo d : demos) {
			rows.add(new MapSqlParameterSource().addValue("city", cityId)
				.addValue("code", d.code)
				.addValue("channel", d.channel.name())
				.addValue("category", d.categoryId)
				.addValue("description", d.description)
				.addValue("address", d.address)
				.addValue("lat", d.place == null ? null : d.place.latitude())
				.addValue("lng", d.place == null ? null : d.place.longitude())
				.addValue("name", d.name)
				.addValue("phone", d.phone)
				.addValue("state", d.state.name())
				.addValue("town", d.townId)
				.addValue("problem", d.problem == null ? null : d.problem.id())
				.addValue("reason", d.reason)
				.addValue("enteredBy", d.channel == ReportChannel.WEB ? null : officeName)
				.addValue("supporters", d.supporters)
				.addValue("rating", d.rating)
				.addValue("ratedAt", d.rating == null ? null : ts(d.closedAt.plus(Duration.ofHours(6))))
				.addValue("createdAt", ts(d.createdAt))
				.addValue("answeredAt", ts(d.answeredAt))
				.addValue("closedAt", ts(d.closedAt)));
		}
		batch.batchUpdate("""
				insert into citizen_report (city_id, code, channel, category_id, description, address, lat, lng,
				    reporter_name, reporter_phone, state, town_id, problem_id, public_reason, entered_by, supporters,
				    rating, rated_at, created_at, answered_at, closed_at)
				values (:city, :code, :channel, :category, :description, :address, :lat, :lng, :name, :phone, :state,
				    :town, :problem, :reason, :enteredBy, :supporters, :rating, :ratedAt, :createdAt, :answeredAt, :closedAt)
				""", rows.toArray(MapSqlParameterSource[]::new));
		Map<String, Long> ids = new HashMap<>();
		jdbc.sql("select id, code from citizen_report where city_id = :c")
			.param("c", cityId)
			.query((rs, n) -> ids.put(rs.getString(2), rs.getLong(1)))
			.list();
		List<MapSqlParameterSource> updates = new ArrayList<>();
		List<MapSqlParameterSource> supports = new ArrayList<>();
		for (Demo d : demos) {
			long id = ids.get(d.code);
			updates.add(update(id, cityId, ReportState.RECEIVED, null, d.createdAt));
			if (d.state == ReportState.REJECTED) {
				updates.add(update(id, cityId, ReportState.REJECTED, d.reason, d.answeredAt));
			}
			if (d.problem != null) {
				updates.add(update(id, cityId, ReportState.ACCEPTED,
						text("citizenReport.update.accepted", d.problem.unitName()), d.answeredAt));
				if (d.state == ReportState.RECTIFYING || d.state == ReportState.SOLVED) {
					Instant signed = d.answeredAt.plus(Duration.ofHours(3));
					updates.add(update(id, cityId, ReportState.RECTIFYING, text("citizenReport.update.rectifying"),
							d.closedAt != null && d.closedAt.isBefore(signed) ? d.closedAt : signed));
				}
				if (d.state == ReportState.SOLVED) {
					updates.add(update(id, cityId, ReportState.SOLVED, text("citizenReport.update.solved"), d.closedAt));
				}
			}
			for (int s = 0; s < d.supporters; s++) {
				supports.add(new MapSqlParameterSource().addValue("report", id)
					.addValue("city", cityId)
					.addValue("sender", "demo-" + d.code + "-" + s)
					.addValue("at", ts(d.createdAt.plus(Duration.ofHours(1 + s * 5L)))));
			}
		}
		batch.batchUpdate("""
				insert into citizen_report_update (report_id, city_id, state, text, created_at)
				values (:report, :city, :state, :text, :at)
				""", updates.toArray(MapSqlParameterSource[]::new));
		batch.batchUpdate("""
				insert into citizen_report_support (report_id, city_id, sender_hash, created_at)
				values (:report, :city, :sender, :at)
				""", supports.toArray(MapSqlParameterSource[]::new));
	}

	private static MapSqlParameterSource update(long id, long cityId, ReportState state, String text, Instant at) {
		return new MapSqlParameterSource().addValue("report", id)
			.addValue("city", cityId)
			.addValue("state", state.name())
			.addValue("text", text)
			.addValue("at", ts(at));
	}

	/** The town of the nearest point within the routing's town distance, as triage would set it. */
	private static Long town(GeoPoint place, FieldPointView near, List<FieldPointView> points) {
		if (place == null) {
			return near.townId();
		}
		return points.stream()
			.min(Comparator.comparingDouble(p -> place.metresTo(p.place())))
			.filter(p -> place.metresTo(p.place()) <= 2000)
			.map(FieldPointView::townId)
			.orElse(null);
	}

	/** A place within about {@code metres} of {@code base}. */
	private static GeoPoint jitter(GeoPoint base, int metres, Random random) {
		double dLat = (random.nextDouble() * 2 - 1) * metres / 111_000.0;
		double dLng = (random.nextDouble() * 2 - 1) * metres / 96_000.0;
		return new GeoPoint(base.latitude().add(BigDecimal.valueOf(dLat)).setScale(GeoPoint.SCALE, RoundingMode.HALF_UP),
				base.longitude().add(BigDecimal.valueOf(dLng)).setScale(GeoPoint.SCALE, RoundingMode.HALF_UP));
	}

	private String text(String key, Object... args) {
		return messages.getMessage(key, args, CHINESE);
	}

	private static Timestamp ts(Instant at) {
		return at == null ? null : Timestamp.from(at);
	}

}
