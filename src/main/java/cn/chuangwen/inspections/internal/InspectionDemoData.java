package cn.chuangwen.inspections.internal;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.inspections.Checklists;
import cn.chuangwen.inspections.PointType;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.shared.GeoPoint;

/**
 * Demo field points and checklists: in each demo city the city's real area, about 160 points of
 * every common type spread over its towns and sub-districts, with names and addresses on the city's
 * real roads, and the sample checklist imported as the first version. Seeded, so every start looks
 * the same; runs once, on a database without field points.
 */
@Component
@Order(50)
@ConditionalOnProperty(name = "chuangwen.demo.enabled", havingValue = "true")
class InspectionDemoData implements ApplicationRunner {

	static final int PER_CITY = 160;

	private static final Logger log = LoggerFactory.getLogger(InspectionDemoData.class);

	/** What a demo city needs: its code prefix, its area, its centre, its roads. */
	record City(String prefix, GeoPoint.Box area, GeoPoint centre, String[] roads) {
	}

	private static final Map<String, City> CITIES = Map.of(
			"xiantao", new City("XT", box("30.050000", "30.580000", "113.050000", "113.950000"),
					GeoPoint.of(30.362700, 113.454000),
					new String[] { "仙桃大道", "钱沟路", "沔州大道", "复兴大道", "汉江大道", "仙下河路", "建设街", "流潭路", "黄金大道", "天府路" }),
			"tianmen", new City("TM", box("30.400000", "30.950000", "112.600000", "113.480000"),
					GeoPoint.of(30.663100, 113.166000),
					new String[] { "陆羽大道", "东湖路", "西湖路", "竟陵大道", "人民大道", "钟惺大道", "天门大道", "北湖路", "官路", "鸿渐路" }),
			"qianjiang", new City("QJ", box("30.100000", "30.650000", "112.480000", "113.100000"),
					GeoPoint.of(30.402100, 112.899900),
					new String[] { "章华大道", "园林路", "江汉路", "东风路", "广泽大道", "紫月路", "湖滨路", "城南大道", "向阳路", "泽口大道" }));

	/** The types the demo visits, with how often (out of the weights' sum) and how each is named. */
	private static final Object[][] TYPES = { { PointType.MAIN_ROAD, 22 }, { PointType.BACK_STREET, 22 },
			{ PointType.RESIDENTIAL, 22 }, { PointType.COMMUNITY, 10 }, { PointType.MARKET, 12 },
			{ PointType.PUBLIC_TOILET, 16 }, { PointType.CONSTRUCTION_SITE, 10 }, { PointType.BUS_LINE, 8 },
			{ PointType.SERVICE_HALL, 6 }, { PointType.SCHOOL, 8 }, { PointType.SQUARE_PARK, 8 }, { PointType.HOSPITAL, 4 },
			{ PointType.MALL, 6 }, { PointType.HOTEL_RESTAURANT, 6 } };

	private static final String[] ESTATES = { "幸福家园", "锦绣华庭", "丽景花园", "和谐小区", "阳光城", "翰林苑", "金色港湾", "滨江花园",
			"书香门第", "东方明珠", "世纪花园", "梧桐苑" };

	private static final String[] LANES = { "解放", "胜利", "民主", "新华", "光明", "团结", "红旗", "建设", "前进", "文化", "育才", "同心" };

	private final FieldPointStore store;

	private final Checklists checklists;

	private final Cities cities;

	private final Units units;

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final TransactionTemplate tx;

	private final Clock clock;

	InspectionDemoData(FieldPointStore store, Checklists checklists, Cities cities, Units units, JdbcClient jdbc,
			AuditTrail audit, TransactionTemplate tx, Clock clock) {
		this.store = store;
		this.checklists = checklists;
		this.cities = cities;
		this.units = units;
		this.jdbc = jdbc;
		this.audit = audit;
		this.tx = tx;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (jdbc.sql("select count(*) from field_point").query(Integer.class).single() > 0) {
			return;
		}
		for (CityView city : cities.visible(DataScope.all())) {
			City demo = CITIES.get(city.code());
			if (demo != null) {
				// one transaction per city: the trace writes one chain per transaction
				int points = tx.execute(s -> load(city, demo));
				log.info("Demo field points: {} and the sample checklist in {}", points, city.code());
			}
		}
	}

	private int load(CityView city, City demo) {
		store.setArea(city.id(), demo.area());
		String office = city.code() + ".office";
		List<UnitView> all = units.search(DataScope.all(), new UnitQuery(city.code(), null, null, null, null), 10_000);
		// by code: the demo files list the urban sub-districts first
		List<UnitView> towns = all.stream()
			.filter(u -> u.kind().isTownLevel() && u.active())
			.sorted(Comparator.comparing(UnitView::code))
			.toList();
		List<UnitView> departments = all.stream()
			.filter(u -> (u.kind() == UnitKind.DEPARTMENT || u.kind() == UnitKind.WINDOW) && u.active())
			.toList();
		Random random = new Random(city.code().hashCode());
		int weights = 0;
		for (Object[] t : TYPES) {
			weights += (int) t[1];
		}
		Instant now = clock.instant();
		int[] serial = new int[PointType.values().length];
		int made = 0;
		for (int i = 0; i < PER_CITY; i++) {
			PointType type = pick(random, weights);
			int n = ++serial[type.ordinal()];
			// the first towns are the city's urban sub-districts: most points lie there, near the centre
			UnitView town = towns.get(i % 3 == 0 ? random.nextInt(towns.size()) : random.nextInt(Math.min(4, towns.size())));
			UnitView unit = responsible(type, town, departments, i);
			GeoPoint place = place(random, demo, town, towns);
			String road = demo.roads()[random.nextInt(demo.roads().length)];
			String[] named = name(type, n, road, town, demo, random);
			String code = "%s-%s-%03d".formatted(demo.prefix(), abbreviation(type), n);
			FieldPointStore.NewPoint point = new FieldPointStore.NewPoint(city.id(), code, named[0], type, named[1], place,
					unit.id(), town.id(), i % 37 != 36, now);
			long id = store.insert(point);
			audit.record(AuditEntry.of("FIELD_POINT_CREATE")
				.city(city.id())
				.object("fieldPoint", id)
				.actor(office, null)
				.change("code", null, code)
				.change("name", null, named[0])
				.change("pointType", null, type.chineseName())
				.change("place", null, place)
				.change("unit", null, unit.name())
				.change("town", null, town.name()));
			made++;
		}
		try (InputStream in = new ClassPathResource("demo/field-checklists-sample.csv").getInputStream()) {
			checklists.importVersion(city.id(), city.code(), "2026 年度实地测评细则", office, in);
		}
		catch (IOException ex) {
			throw new IllegalStateException("demo checklist unreadable", ex);
		}
		return made;
	}

	private static PointType pick(Random random, int weights) {
		int r = random.nextInt(weights);
		for (Object[] t : TYPES) {
			r -= (int) t[1];
			if (r < 0) {
				return (PointType) t[0];
			}
		}
		throw new IllegalStateException();
	}

	/** Streets, estates and markets are the town's; halls, hospitals, buses and sites a department's. */
	private static UnitView responsible(PointType type, UnitView town, List<UnitView> departments, int i) {
		boolean department = switch (type) {
			case SERVICE_HALL, HOSPITAL, BUS_LINE, CONSTRUCTION_SITE, SCHOOL, HOTEL_RESTAURANT, MALL -> true;
			default -> false;
		};
		return department && !departments.isEmpty() ? departments.get(i % departments.size()) : town;
	}

	/**
	 * Urban sub-districts (the first towns) lie within a few kilometres of the centre, the others on
	 * a ring out in the city's area; always inside the area.
	 */
	private static GeoPoint place(Random random, City demo, UnitView town, List<UnitView> towns) {
		int index = towns.indexOf(town);
		double lat = demo.centre().latitude().doubleValue();
		double lng = demo.centre().longitude().doubleValue();
		if (index >= 4) {
			double angle = index * 2.399963; // the golden angle: towns spread round the centre
			double reach = 0.08 + 0.10 * ((index * 7) % 10) / 10.0;
			lat += Math.sin(angle) * reach;
			lng += Math.cos(angle) * reach * 1.3;
		}
		lat += (random.nextDouble() - 0.5) * 0.04;
		lng += (random.nextDouble() - 0.5) * 0.05;
		GeoPoint.Box a = demo.area();
		lat = Math.max(a.minLat().doubleValue() + 0.01, Math.min(a.maxLat().doubleValue() - 0.01, lat));
		lng = Math.max(a.minLng().doubleValue() + 0.01, Math.min(a.maxLng().doubleValue() - 0.01, lng));
		return GeoPoint.of(lat, lng);
	}

	/** The point's name and address. */
	private static String[] name(PointType type, int n, String road, UnitView town, City demo, Random random) {
		// two other roads, distinct from the point's and from each other: a stretch runs between them
		List<String> others = new java.util.ArrayList<>(List.of(demo.roads()));
		others.remove(road);
		java.util.Collections.shuffle(others, random);
		String other = others.get(0);
		String third = others.get(1);
		String townName = town.name();
		int number = 1 + random.nextInt(380);
		return switch (type) {
			case MAIN_ROAD -> new String[] { road + "（" + other + "至" + third + "段）",
					townName + road };
			case BACK_STREET -> new String[] { LANES[n % LANES.length] + "巷" + (n > LANES.length ? "（" + n + "号段）" : ""),
					townName + road + "旁" + LANES[n % LANES.length] + "巷" };
			case RESIDENTIAL -> new String[] { ESTATES[n % ESTATES.length] + (n > ESTATES.length ? (n / ESTATES.length + 1) + "期" : ""),
					road + number + "号" };
			case COMMUNITY -> new String[] { townName.replaceAll("(街道办事处|镇|乡|办事处)$", "") + LANES[n % LANES.length] + "社区",
					road + number + "号" };
			case MARKET -> new String[] { road + "农贸市场" + (n > 1 ? "（" + n + "号）" : ""), road + number + "号" };
			case PUBLIC_TOILET -> new String[] { road + "公厕" + (n > 1 ? n : ""), road + "与" + other + "交汇处" };
			case CONSTRUCTION_SITE -> new String[] { ESTATES[n % ESTATES.length] + "二期项目工地", road + "东侧" };
			case BUS_LINE -> new String[] { n + "路公交", road + "公交首末站" };
			case SERVICE_HALL -> new String[] { n == 1 ? "市民之家政务服务大厅" : townName + "便民服务中心", road + number + "号" };
			case SCHOOL -> new String[] { road.substring(0, 2) + (n % 2 == 0 ? "小学" : "中学") + (n > 2 ? "（" + n + "校区）" : ""),
					road + number + "号" };
			case SQUARE_PARK -> new String[] { road.substring(0, 2) + (n % 2 == 0 ? "广场" : "公园") + (n > 2 ? n : ""),
					road + "与" + other + "交汇处" };
			case HOSPITAL -> new String[] { n == 1 ? "市第一人民医院" : "市中医院" + (n > 2 ? "（" + n + "院区）" : ""),
					road + number + "号" };
			case MALL -> new String[] { road.substring(0, 2) + "购物中心" + (n > 1 ? n : ""), road + number + "号" };
			case HOTEL_RESTAURANT -> new String[] { road.substring(0, 2) + "大酒店" + (n > 1 ? n : ""), road + number + "号" };
			default -> new String[] { type.chineseName() + n, road + number + "号" };
		};
	}

	private static String abbreviation(PointType type) {
		return switch (type) {
			case MAIN_ROAD -> "ZD";
			case BACK_STREET -> "BJ";
			case RESIDENTIAL -> "XQ";
			case COMMUNITY -> "SQ";
			case MARKET -> "SC";
			case PUBLIC_TOILET -> "GC";
			case CONSTRUCTION_SITE -> "GD";
			case BUS_LINE -> "GJ";
			case SERVICE_HALL -> "ZW";
			case SCHOOL -> "XX";
			case SQUARE_PARK -> "GY";
			case HOSPITAL -> "YY";
			case MALL -> "SH";
			case HOTEL_RESTAURANT -> "BG";
			default -> "QT";
		};
	}

	private static GeoPoint.Box box(String minLat, String maxLat, String minLng, String maxLng) {
		return new GeoPoint.Box(new BigDecimal(minLat), new BigDecimal(maxLat), new BigDecimal(minLng),
				new BigDecimal(maxLng));
	}

}
