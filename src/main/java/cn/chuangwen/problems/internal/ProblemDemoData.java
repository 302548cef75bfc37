package cn.chuangwen.problems.internal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

import javax.imageio.ImageIO;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.files.StoredFile;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.problems.ProblemListPublications;
import cn.chuangwen.problems.ProblemLists;
import cn.chuangwen.problems.ProblemRules;
import cn.chuangwen.problems.ProblemSeverity;
import cn.chuangwen.problems.ProblemSource;
import cn.chuangwen.problems.ProblemState.Action;
import cn.chuangwen.problems.ProblemState;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.shared.GeoPoint;

/**
 * Demo problems that tell a true story: in each demo city about 200 problems over the last four
 * months, from every source, in every state and severity, most of them closed, some overdue, some
 * rejected once, some recurring at the place of a problem closed before, with photos before and
 * after on a few and leaders' instructions on overdue ones (one on the demo liaison's unit, so its
 * home shows it). Every step is in the trace in order, by the account (or the unit's liaison by
 * name) that took it; the rows carry the step's own time. Seeded, so every start looks the same.
 * Runs once, on a database without problems.
 */
@Component
@Order(40)
@ConditionalOnProperty(name = "chuangwen.demo.enabled", havingValue = "true")
class ProblemDemoData implements ApplicationRunner {

	static final int PER_CITY = 200;

	/**
	 * Demo photos per city, before and after together: enough closed problems with both for the
	 * exposure column's demo (participation's ExposureDemoData shows 20 of them).
	 */
	static final int PHOTOS = 56;

	private static final Logger log = LoggerFactory.getLogger(ProblemDemoData.class);

	private static final Map<String, String> PREFIXES = Map.of("xiantao", "XT", "tianmen", "TM", "qianjiang", "QJ");

	private static final Map<String, GeoPoint> CENTRES = Map.of("xiantao", GeoPoint.of(30.362700, 113.454000),
			"tianmen", GeoPoint.of(30.663100, 113.166000), "qianjiang", GeoPoint.of(30.402100, 112.899900));

	private static final String[][] TITLES = {
			{ "环境卫生", "背街小巷垃圾堆积未清运", "农贸市场周边地面油污", "公厕保洁不到位有异味", "绿化带内白色垃圾" },
			{ "占道经营", "流动摊贩占用人行道经营", "商户出店经营占道", "早市摊点超范围摆放" },
			{ "公益广告", "公益广告牌破损褪色", "社区宣传栏内容过期", "围挡公益广告缺失" },
			{ "交通秩序", "非机动车乱停乱放", "机动车占用盲道停放", "路口行人闯红灯无人劝导" },
			{ "违章搭建", "居民楼顶私搭乱建", "临街店铺违规搭建雨棚", "小区绿地被私自圈占" } };

	private final ProblemStore store;

	private final JdbcClient jdbc;

	private final Units units;

	private final Cities cities;

	private final EvidenceStore files;

	private final AuditTrail audit;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final ProblemListPublications publications;

	private final ProblemLists lists;

	private final Accounts accounts;

	ProblemDemoData(ProblemStore store, JdbcClient jdbc, Units units, Cities cities, EvidenceStore files,
			AuditTrail audit, TransactionTemplate tx, Clock clock, ProblemListPublications publications,
			ProblemLists lists, Accounts accounts) {
		this.publications = publications;
		this.lists = lists;
		this.accounts = accounts;
		this.store = store;
		this.jdbc = jdbc;
		this.units = units;
		this.cities = cities;
		this.files = files;
		this.audit = audit;
		this.tx = tx;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (jdbc.sql("select count(*) from problem").query(Integer.class).single() > 0) {
			return;
		}
		for (CityView city : cities.visible(DataScope.all())) {
			if (PREFIXES.containsKey(city.code())) {
				// one transaction per city: the trace writes one chain per transaction
				tx.executeWithoutResult(s -> load(city));
				// the office has published last month's red/yellow/green list, as it does every month
				tx.executeWithoutResult(s -> publications.publish(office(city.code()), lists.lastMonth(), null));
				log.info("Demo problems: {} in {}, last month's red/yellow/green list published", PER_CITY, city.code());
			}
		}
	}

	/** Who acts: the demo accounts where a unit has one, else the unit's liaison by name. */
	record People(String office, String inspector, long leaderId, String leaderName, String liaison, long liaisonUnit,
			String dept, long deptUnit) {

		String of(UnitView unit) {
			if (unit.id() == liaisonUnit) {
				return liaison;
			}
			if (unit.id() == deptUnit) {
				return dept;
			}
			return unit.liaisonName() != null ? unit.liaisonName() : unit.name() + "联络员";
		}

	}

	private void load(CityView city) {
		Random random = new Random(city.code().hashCode());
		ProblemRules rules = ProblemRules.defaults(PREFIXES.get(city.code()));
		store.insertRules(city.id(), rules);
		People people = people(city.code());
		List<UnitView> responsible = responsibleUnits(city, people);
		List<ProblemStore.Category> categories = store.categories(city.id());
		GeoPoint centre = CENTRES.get(city.code());
		Instant now = clock.instant();
		List<Long> closedLocated = new ArrayList<>();
		List<Long> overdueOpen = new ArrayList<>();
		int photos = 0;
		for (int i = 0; i < PER_CITY; i++) {
			Instant created = now.minus(Duration.ofHours(2 + (long) (PER_CITY - i) * 14 + random.nextInt(10)));
			int c = random.nextInt(categories.size());
			ProblemStore.Category category = categories.get(c);
			String[] titles = TITLES[Math.min(c, TITLES.length - 1)];
			String title = titles[1 + random.nextInt(titles.length - 1)];
			ProblemSeverity severity = random.nextInt(10) < 6 ? ProblemSeverity.GENERAL
					: random.nextInt(4) < 3 ? ProblemSeverity.SERIOUS : ProblemSeverity.CRITICAL;
			ProblemSource source = ProblemSource.values()[random.nextInt(ProblemSource.values().length)];
			UnitView unit = responsible.get(random.nextInt(responsible.size()));
			Long recurrenceOf = null;
			GeoPoint place = null;
			if (i > 120 && i % 12 == 0 && !closedLocated.isEmpty()) {
				// a recurrence (反弹): the same category at the place of a problem closed recently
				ProblemStore.Row earlier = store.find(closedLocated.get(random.nextInt(closedLocated.size()))).orElseThrow();
				recurrenceOf = earlier.id();
				place = new GeoPoint(earlier.lat(), earlier.lng());
				category = new ProblemStore.Category(earlier.categoryId(), earlier.category(), null);
				title = earlier.title();
				unit = responsible.stream().filter(u -> u.id() == earlier.unitId()).findFirst().orElse(unit);
			}
			else if (random.nextInt(5) != 0) {
				place = GeoPoint.of(centre.latitude().doubleValue() + (random.nextDouble() - 0.5) * 0.05,
						centre.longitude().doubleValue() + (random.nextDouble() - 0.5) * 0.05);
			}
			ProblemState target = target(random, now, created);
			String foundBy = source == ProblemSource.INSPECTION ? people.inspector() : people.office();
			String verifier = source == ProblemSource.INSPECTION ? people.inspector() : null;
			int year = LocalDate.ofInstant(created, Problems.ZONE).getYear();
			String code = "%s-%d-%06d".formatted(rules.codePrefix(), year, store.nextSeq(city.id(), year));
			Instant deadline = created.plus(rules.timeFor(severity));
			long id = store.insert(new ProblemStore.NewProblem(city.id(), code, source, category.id(), title,
					title + "，请责任单位立即整改并上传整改后照片。", severity, place == null ? null : unit.name() + "辖区",
					place, unit.id(), ProblemState.PENDING, deadline, null, null, recurrenceOf, foundBy, verifier,
					created));
			audit.record(AuditEntry.of("PROBLEM_CREATE")
				.city(city.id())
				.object("problem", id)
				.actor(foundBy, null)
				.change("code", null, code)
				.change("severity", null, severity)
				.change("unit", null, unit.name())
				.change("recurrenceOf", null, recurrenceOf)
				.change("state", null, ProblemState.PENDING));
			boolean withPhotos = photos < PHOTOS && place != null && target == ProblemState.CLOSED;
			if (withPhotos) {
				photo(city, id, null, "BEFORE", foundBy, created, place, photos++);
			}
			Story story = new Story(city.id(), id, unit, people);
			Instant at = created.plus(Duration.ofHours(1));
			if (target == ProblemState.PENDING) {
				continue;
			}
			story.step(Action.DISPATCH, people.office(), null, "dispatched_at", at);
			if (target == ProblemState.DISPATCHED) {
				continue;
			}
			if (target == ProblemState.DISPUTED) {
				story.step(Action.DISPUTE, people.of(unit), "该点位不在本单位管辖范围", null, at.plus(Duration.ofHours(3)));
				jdbc.sql("update problem set dispute_reason = '该点位不在本单位管辖范围' where id = :id").param("id", id).update();
				continue;
			}
			at = at.plus(Duration.ofHours(2 + random.nextInt(20)));
			story.step(Action.SIGN, people.of(unit), null, "signed_at", at);
			if (target == ProblemState.RECTIFYING) {
				if (deadline.isBefore(now)) {
					overdueOpen.add(id);
				}
				continue;
			}
			long hours = Math.max(3, rules.timeFor(severity).toHours() * (random.nextInt(10) < 8 ? 6 : 14) / 10);
			at = at.plus(Duration.ofHours(hours));
			boolean rejectedOnce = target == ProblemState.CLOSED && random.nextInt(6) == 0;
			if (rejectedOnce) {
				long r = rectify(story, "已安排清理。", at);
				at = at.plus(Duration.ofHours(6));
				story.step(Action.REJECT, verifier == null ? people.office() : verifier, "整改不彻底，现场仍有残留", null, at);
				decide(r, "REJECT", verifier == null ? people.office() : verifier, at, "整改不彻底，现场仍有残留");
				jdbc.sql("update problem set rejections = rejections + 1 where id = :id").param("id", id).update();
				at = at.plus(Duration.ofHours(12));
			}
			long r = rectify(story, "已按要求完成整改，现场已清理干净。", at);
			if (withPhotos) {
				photo(city, id, r, "AFTER", people.of(unit), at, place, photos++);
			}
			if (target == ProblemState.SUBMITTED) {
				continue;
			}
			at = at.plus(Duration.ofHours(4 + random.nextInt(20)));
			String by = verifier == null ? people.office() : verifier;
			story.step(Action.PASS, by, null, "closed_at", at);
			decide(r, "PASS", by, at, null);
			jdbc.sql("update problem set closed_by = :by, hours_to_close = :h where id = :id")
				.param("by", by)
				.param("h", Duration.between(created, at).toHours())
				.param("id", id)
				.update();
			if (place != null) {
				closedLocated.add(id);
			}
		}
		instructions(city, people, overdueOpen, now);
		audit.record(AuditEntry.of("DEMO_DATA_LOAD")
			.city(city.id())
			.object("city", city.id())
			.actor("system", null)
			.reason("problems " + PER_CITY));
	}

	/** Mostly closed for old problems, more of every open state for recent ones. */
	private static ProblemState target(Random random, Instant now, Instant created) {
		long days = Duration.between(created, now).toDays();
		int roll = random.nextInt(100);
		if (days > 40) {
			return roll < 85 ? ProblemState.CLOSED : roll < 95 ? ProblemState.RECTIFYING : ProblemState.SUBMITTED;
		}
		if (roll < 35) {
			return ProblemState.CLOSED;
		}
		if (roll < 60) {
			return ProblemState.RECTIFYING;
		}
		if (roll < 75) {
			return ProblemState.SUBMITTED;
		}
		if (roll < 87) {
			return ProblemState.DISPATCHED;
		}
		return roll < 93 ? ProblemState.DISPUTED : ProblemState.PENDING;
	}

	/** One problem's steps, each written to the row (state, its time column) and the trace. */
	private final class Story {

		private final long cityId;

		private final long id;

		private final UnitView unit;

		private final People people;

		private ProblemState state = ProblemState.PENDING;

		Story(long cityId, long id, UnitView unit, People people) {
			this.cityId = cityId;
			this.id = id;
			this.unit = unit;
			this.people = people;
		}

		void step(Action action, String by, String reason, String timeColumn, Instant at) {
			String column = timeColumn == null ? "" : ", " + timeColumn + " = :at";
			jdbc.sql("update problem set state = :s" + column + " where id = :id")
				.param("s", action.to().name())
				.param("at", ProblemStore.utc(at))
				.param("id", id)
				.update();
			audit.record(AuditEntry.of(action.auditAction())
				.city(cityId)
				.object("problem", id)
				.actor(by, by.equals(people.office()) || by.equals(people.inspector()) ? null : unit.id())
				.reason(reason)
				.change("state", state, action.to()));
			state = action.to();
		}

	}

	private long rectify(Story story, String text, Instant at) {
		long r = store.insertRectification(story.id, story.cityId, story.unit.id(), text, story.people.of(story.unit), at);
		story.step(Action.SUBMIT, story.people.of(story.unit), null, "submitted_at", at);
		return r;
	}

	private void decide(long rectificationId, String decision, String by, Instant at, String reason) {
		jdbc.sql("update rectification set decision = :d, decided_by = :by, decided_at = :at, reason = :r where id = :id")
			.param("d", decision)
			.param("by", by)
			.param("at", ProblemStore.utc(at))
			.param("r", reason)
			.param("id", rectificationId)
			.update();
	}

	/** Instructions on overdue problems: the demo liaison's unit's first, so its home shows one. */
	private void instructions(CityView city, People people, List<Long> overdueOpen, Instant now) {
		List<ProblemStore.Row> rows = overdueOpen.stream()
			.map(id -> store.find(id).orElseThrow())
			.sorted(Comparator.comparing((ProblemStore.Row r) -> r.unitId() != people.liaisonUnit()))
			.limit(2)
			.toList();
		for (ProblemStore.Row row : rows) {
			String text = "请" + row.unitName() + "主要负责同志亲自过问，三日内整改到位并报市创建办。";
			long id = store.insertInstruction(row.id(), city.id(), people.leaderId(), people.leaderName(), text,
					now.minus(Duration.ofHours(5)));
			audit.record(AuditEntry.of("PROBLEM_INSTRUCT")
				.city(city.id())
				.object("problem", row.id())
				.actor(people.leaderName(), null)
				.change("instruction", null, id)
				.change("text", null, text));
		}
	}

	/** A small photo, different for every problem (files are stored by content hash). */
	private void photo(CityView city, long problemId, Long rectificationId, String stage, String by, Instant at,
			GeoPoint place, int n) {
		BufferedImage image = new BufferedImage(96, 72, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor("BEFORE".equals(stage) ? new Color(0x9a6700) : new Color(0x1a7f37));
		g.fillRect(0, 0, 96, 72);
		g.setColor(Color.WHITE);
		g.fillRect(8 + n * 5 % 60, 8 + (int) (problemId % 40), 20, 20);
		g.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "jpg", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		String name = ("BEFORE".equals(stage) ? "现场-" : "整改后-") + problemId + ".jpg";
		StoredFile f = files.store(city.id(), by, name, new ByteArrayInputStream(out.toByteArray()));
		// demo photos have no EXIF: give them the step's time and the problem's place, as a phone would
		StoredFile taken = new StoredFile(f.id(), f.cityId(), f.sha256(), f.name(), f.kind(), f.contentType(), f.size(), at,
				f.thumbnail(), f.uploadedBy(), f.uploadedAt(), place);
		store.insertPhoto(new ProblemStore.NewPhoto(problemId, city.id(), rectificationId, stage, taken, by, at));
	}

	private People people(String code) {
		Map<String, Object> leader = jdbc.sql("select id, display_name from app_user where username = :u")
			.param("u", code + ".leader")
			.query((rs, n) -> Map.<String, Object>of("id", rs.getLong(1), "name", rs.getString(2)))
			.single();
		return new People(code + ".office", code + ".inspector", (Long) leader.get("id"), (String) leader.get("name"),
				code + ".liaison", unitOf(code + ".liaison"), code + ".dept", unitOf(code + ".dept"));
	}

	private CurrentUser office(String cityCode) {
		return accounts.principal(jdbc.sql("select id from app_user where username = :u")
			.param("u", cityCode + ".office")
			.query(Long.class)
			.single());
	}

	private long unitOf(String username) {
		return jdbc.sql("select unit_id from app_user where username = :u and unit_id is not null")
			.param("u", username)
			.query(Long.class)
			.optional()
			.orElse(-1L);
	}

	/** Towns, departments and the demo liaison's own unit and the communities under it. */
	private List<UnitView> responsibleUnits(CityView city, People people) {
		List<UnitView> all = units.search(DataScope.all(), new UnitQuery(city.code(), null, null, true, null), 10_000)
			.stream()
			.sorted(Comparator.comparing(UnitView::id))
			.toList();
		Map<Long, UnitView> chosen = new LinkedHashMap<>();
		all.stream().filter(u -> u.id() == people.liaisonUnit() || u.id() == people.deptUnit()).forEach(u -> chosen.put(u.id(), u));
		all.stream().filter(u -> u.kind().isTownLevel()).limit(8).forEach(u -> chosen.put(u.id(), u));
		all.stream().filter(u -> u.kind() == UnitKind.DEPARTMENT).limit(5).forEach(u -> chosen.put(u.id(), u));
		all.stream()
			.filter(u -> u.kind() == UnitKind.COMMUNITY && u.parentId() != null && u.parentId() == people.liaisonUnit())
			.limit(3)
			.forEach(u -> chosen.put(u.id(), u));
		// the demo liaison's unit takes a bigger share, so its pages have something to show
		List<UnitView> weighted = new ArrayList<>(chosen.values());
		chosen.values().stream().filter(u -> u.id() == people.liaisonUnit()).forEach(u -> {
			weighted.add(u);
			weighted.add(u);
		});
		return weighted;
	}

}
