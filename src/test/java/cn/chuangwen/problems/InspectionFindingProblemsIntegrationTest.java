package cn.chuangwen.problems;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.inspections.InspectionFindingReleased;
import cn.chuangwen.inspections.InspectionFixtures;
import cn.chuangwen.inspections.InspectionFixtures.Point;
import cn.chuangwen.inspections.InspectionPhotosAdded;
import cn.chuangwen.inspections.InspectionRoundClosed;
import cn.chuangwen.inspections.PlanKind;
import cn.chuangwen.inspections.PointScore;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.TestClock;
import tools.jackson.databind.json.JsonMapper;

import static cn.chuangwen.inspections.InspectionFixtures.body;
import static cn.chuangwen.support.ReviewFixtures.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Inspection findings become problems by event (issue 9 §3): at once for an announced round, at the
 * close for an unannounced one; once per finding however often the event comes; with the finding's
 * photos; and a finding at a point where the same category was closed lately is a recurrence.
 */
@IntegrationTest
class InspectionFindingProblemsIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	TestClock clock;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	EvidenceStore files;

	InspectionFixtures fx;

	@BeforeEach
	void fixtures() {
		fx = new InspectionFixtures(jdbc);
	}

	long submit(long plan, Point p, int deduct, int count) throws Exception {
		String answer = mvc.perform(post("/api/v1/inspections").with(logins.as("xiantao.inspector"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body("c-" + UUID.randomUUID(), plan, p, deduct, count, clock.instant(), "")))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return json.readTree(answer).get("id").asLong();
	}

	static byte[] png(int seed) throws java.io.IOException {
		BufferedImage image = new BufferedImage(60, 40, BufferedImage.TYPE_INT_RGB);
		image.setRGB(seed % 60, seed % 40, 0xff0000 + seed);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	void photo(long inspectionId, long itemId, int seed) throws Exception {
		mvc.perform(multipart("/api/v1/inspections/{id}/photos", inspectionId)
			.file(new MockMultipartFile("files", "f.png", "image/png", png(seed)))
			.param("itemId", String.valueOf(itemId))
			.with(logins.as("xiantao.inspector"))).andExpect(status().isCreated());
	}

	long problems(long inspectionId) {
		return jdbc.sql("select count(*) from problem where origin_type = 'inspection' and origin_id = :i")
			.param("i", inspectionId)
			.query(Long.class)
			.single();
	}

	long beforePhotos(long inspectionId) {
		return jdbc.sql("""
				select count(*) from problem_photo ph join problem p on p.id = ph.problem_id
				where p.origin_type = 'inspection' and p.origin_id = :i and ph.stage = 'BEFORE'""")
			.param("i", inspectionId)
			.query(Long.class)
			.single();
	}

	boolean released(long inspectionId) {
		return jdbc.sql("select findings_dispatched_at from inspection where id = :i")
			.param("i", inspectionId)
			.query((rs, n) -> rs.getObject(1) != null)
			.single();
	}

	/** Whether the problems' listener has nothing left to do (done publications are deleted). */
	boolean findingListenerIdle() {
		return jdbc.sql("select count(*) from event_publication where listener_id like '%InspectionFindingProblems%'")
			.query(Long.class)
			.single() == 0;
	}

	@Test
	void anAnnouncedRoundsFindingsBecomeProblemsOfTheUnitAtOnce() throws Exception {
		Point p = fx.points("xiantao", 30, 1).get(0);
		long plan = fx.plan("xiantao", PlanKind.ANNOUNCED, List.of(p), "xiantao.inspector");
		// one finding, at its cap (serious)
		long id = submit(plan, p, 1, PointScore.MAX_COUNT);
		assertThat(released(id)).isTrue();
		eventually(() -> problems(id) == 1);
		var row = jdbc.sql("""
				select p.source, p.severity, p.unit_id, p.field_point_id, p.state, p.found_by, p.title, p.lat,
				       p.description, c.name
				from problem p join problem_category c on c.id = p.category_id
				where p.origin_type = 'inspection' and p.origin_id = :i""")
			.param("i", id)
			.query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
					rs.getString(6), rs.getString(7), rs.getBigDecimal(8), rs.getString(9), rs.getString(10)))
			.single();
		assertThat(row.subList(0, 7)).containsExactly("INSPECTION", "SERIOUS", p.unitId(), p.id(), "DISPATCHED",
				"xiantao.inspector", p.items().get(0).item());
		assertThat((BigDecimal) row.get(7)).isEqualByComparingTo(p.lat());
		assertThat((String) row.get(8)).contains(p.items().get(0).item()).contains("发现问题");
		assertThat(jdbc.sql("select count(*) from problem_category where city_id = :c and name = :n")
			.param("c", p.cityId())
			.param("n", row.get(9))
			.query(Long.class)
			.single() + jdbc.sql("select count(*) from problem_category where city_id is null and name = :n")
				.param("n", row.get(9))
				.query(Long.class)
				.single()).isPositive();
		// a photo added after the release goes to the problem too
		photo(id, p.items().get(0).id(), 17);
		eventually(() -> beforePhotos(id) == 1);
		// traced as the inspector's entry
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'PROBLEM_CREATE' and actor = 'xiantao.inspector'")
			.query(Long.class)
			.single()).isPositive();
		// the problem's page names the inspection it was found in: a link for the office, words for the unit
		long problem = jdbc.sql("select id from problem where origin_type = 'inspection' and origin_id = :i")
			.param("i", id)
			.query(Long.class)
			.single();
		String office = mvc.perform(get("/problems/" + problem).with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(office).contains("href=\"/inspections/records/" + id + "\"", "实地检查记录 " + id);
		String inspector = mvc.perform(get("/problems/" + problem).with(logins.as("xiantao.inspector")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(inspector).contains("实地检查记录 " + id).doesNotContain("href=\"/inspections/records/" + id + "\"");
	}

	@Test
	void anUnannouncedRoundsFindingsWaitForTheCloseAndAreMadeOnce() throws Exception {
		List<Point> points = fx.points("xiantao", 31, 2);
		Point p = points.get(0);
		long plan = fx.plan("xiantao", PlanKind.UNANNOUNCED, points, "xiantao.inspector");
		long id = submit(plan, p, 2, 1);
		long clean = submit(plan, points.get(1), 0, 0);
		photo(id, p.items().get(0).id(), 23);
		assertThat(released(id)).isFalse();
		assertThat(problems(id)).isZero();

		tx.executeWithoutResult(s -> {
			fx.close(plan);
			events.publishEvent(new InspectionRoundClosed(p.cityId(), plan, PlanKind.UNANNOUNCED));
		});
		eventually(() -> problems(id) == 2);
		assertThat(released(id)).isTrue();
		assertThat(released(clean)).isTrue();
		assertThat(problems(clean)).isZero();
		// the photo taken before the close is the problem's "before" photo
		assertThat(beforePhotos(id)).isEqualTo(1);
		eventually(this::findingListenerIdle);

		// the close heard again, and the finding's event delivered again: nothing more
		long before = jdbc.sql("select count(*) from problem").query(Long.class).single();
		var item = p.items().get(0);
		tx.executeWithoutResult(s -> {
			events.publishEvent(new InspectionRoundClosed(p.cityId(), plan, PlanKind.UNANNOUNCED));
			events.publishEvent(new InspectionFindingReleased(p.cityId(), plan, PlanKind.UNANNOUNCED, id,
					new InspectionFindingReleased.Point(p.id(), "X", "X", null, p.lat(), p.lng()), p.unitId(),
					"xiantao.inspector", clock.instant(),
					new InspectionFindingReleased.Finding(item.id(), item.category(), item.item(), BigDecimal.ONE,
							PointScore.Verdict.FAIL, null, null, List.of())));
		});
		eventually(this::findingListenerIdle);
		assertThat(jdbc.sql("select count(*) from problem").query(Long.class).single()).isEqualTo(before);
		assertThat(problems(id)).isEqualTo(2);
	}

	@Test
	void photosHeardOfBeforeTheFindingsProblemIsMadeAreKeptForIt() throws Exception {
		Point p = fx.points("xiantao", 33, 1).get(0);
		long plan = fx.plan("xiantao", PlanKind.UNANNOUNCED, List.of(p), "xiantao.inspector");
		long id = submit(plan, p, 1, 1);
		long item = p.items().get(0).id();
		photo(id, item, 29);
		// a photo event overtaking the finding's own (the listeners run side by side)
		long early = files.store(p.cityId(), "xiantao.inspector", "early.png",
				new java.io.ByteArrayInputStream(png(31))).id();
		tx.executeWithoutResult(s -> events.publishEvent(
				new InspectionPhotosAdded(p.cityId(), id, item, "xiantao.inspector", List.of(early))));
		eventually(this::findingListenerIdle);
		assertThat(problems(id)).isZero();

		tx.executeWithoutResult(s -> {
			fx.close(plan);
			events.publishEvent(new InspectionRoundClosed(p.cityId(), plan, PlanKind.UNANNOUNCED));
		});
		eventually(() -> problems(id) == 1);
		assertThat(beforePhotos(id)).isEqualTo(2);
		assertThat(jdbc.sql("select count(*) from problem_inspection_photo where inspection_id = :i")
			.param("i", id)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void anAnnouncedRoundsFindingsWaitForTheCloseWhenTheCitySaysSo() throws Exception {
		long qianjiang = fx.cityId("qianjiang");
		// the demo's rounds gave Qianjiang its rules (40/60 by bimonth); without them the test writes its own
		boolean hadRules = jdbc.sql("select count(*) from inspection_settings where city_id = :c")
			.param("c", qianjiang)
			.query(Long.class)
			.single() > 0;
		if (!hadRules) {
			jdbc.sql("""
					insert into inspection_settings (city_id, period_kind, announced_weight, unannounced_weight, min_points,
					    green_share, red_share, max_distance_m, dispatch_announced_at_once, updated_at, updated_by)
					values (:c, 'BIMONTH', 40, 60, 3, 33.33, 33.33, 500, true, :at, 'test')""")
				.param("c", qianjiang)
				.param("at", OffsetDateTime.now(ZoneOffset.UTC))
				.update();
		}
		boolean atOnce = jdbc.sql("select dispatch_announced_at_once from inspection_settings where city_id = :c")
			.param("c", qianjiang)
			.query(Boolean.class)
			.single();
		jdbc.sql("update inspection_settings set dispatch_announced_at_once = false where city_id = :c")
			.param("c", qianjiang)
			.update();
		try {
			Point p = fx.points("qianjiang", 0, 1).get(0);
			long plan = fx.plan("qianjiang", PlanKind.ANNOUNCED, List.of(p), "qianjiang.inspector");
			String answer = mvc.perform(post("/api/v1/inspections").with(logins.as("qianjiang.inspector"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(body("c-" + UUID.randomUUID(), plan, p, 1, 1, clock.instant(), "")))
				.andExpect(status().isCreated())
				.andReturn()
				.getResponse()
				.getContentAsString();
			long id = json.readTree(answer).get("id").asLong();
			assertThat(released(id)).isFalse();
			tx.executeWithoutResult(s -> {
				fx.close(plan);
				events.publishEvent(new InspectionRoundClosed(qianjiang, plan, PlanKind.ANNOUNCED));
			});
			eventually(() -> problems(id) == 1);
			assertThat(released(id)).isTrue();
		}
		finally {
			if (hadRules) {
				jdbc.sql("update inspection_settings set dispatch_announced_at_once = :a where city_id = :c")
					.param("a", atOnce)
					.param("c", qianjiang)
					.update();
			}
			else {
				jdbc.sql("delete from inspection_settings where city_id = :c").param("c", qianjiang).update();
			}
		}
	}

	@Test
	void aFindingWhereTheSameCategoryWasClosedLatelyIsARecurrenceHoweverFarTheCoordinates() throws Exception {
		Point p = fx.points("xiantao", 32, 1).get(0);
		long first = submit(fx.plan("xiantao", PlanKind.ANNOUNCED, List.of(p), "xiantao.inspector"), p, 1, 1);
		eventually(() -> problems(first) == 1);
		long closed = jdbc.sql("select id from problem where origin_type = 'inspection' and origin_id = :i")
			.param("i", first)
			.query(Long.class)
			.single();
		// closed yesterday, and entered some 20 km away from the point
		jdbc.sql("""
				update problem set state = 'CLOSED', closed_at = :at, lat = lat + 0.2, lng = lng + 0.05
				where id = :id""")
			.param("id", closed)
			.param("at", OffsetDateTime.ofInstant(clock.instant().minusSeconds(86_400), ZoneOffset.UTC))
			.update();
		long second = submit(fx.plan("xiantao", PlanKind.ANNOUNCED, List.of(p), "xiantao.inspector"), p, 1, 1);
		eventually(() -> problems(second) == 1);
		assertThat(jdbc.sql("select recurrence_of from problem where origin_type = 'inspection' and origin_id = :i")
			.param("i", second)
			.query(Long.class)
			.single()).isEqualTo(closed);
	}

}
