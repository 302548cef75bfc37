package cn.chuangwen.inspections;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.inspections.InspectionFixtures.Point;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.TestClock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static cn.chuangwen.inspections.InspectionFixtures.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Submitting inspections through the API (issue 9 §3, §5, §6): scoring, idempotency, secrecy, bad input. */
@IntegrationTest
class InspectionsApiIntegrationTest {

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

	InspectionFixtures fx;

	@BeforeEach
	void fixtures() {
		fx = new InspectionFixtures(jdbc);
	}

	ResultActions submit(String user, String body) throws Exception {
		return mvc.perform(
				post("/api/v1/inspections").with(logins.as(user)).contentType(MediaType.APPLICATION_JSON).content(body));
	}

	static String client() {
		return "c-" + UUID.randomUUID();
	}

	Instant now() {
		return clock.instant();
	}

	Point point(int offset) {
		return fx.points("xiantao", offset, 1).get(0);
	}

	@Test
	void aSubmissionIsScoredAndStoredWithThePlanAndPointCopied() throws Exception {
		Point p = point(0);
		long plan = fx.plan("xiantao", PlanKind.UNANNOUNCED, List.of(p), "xiantao.inspector");
		List<PointScore.Check> checks = new ArrayList<>();
		for (int i = 0; i < p.items().size(); i++) {
			ChecklistItemView item = p.items().get(i);
			checks.add(new PointScore.Check(item.perOccurrence(), item.maxDeduction(), i == 0 ? 1 : 0, true));
		}
		PointScore.Result expected = PointScore.score(checks);
		String answer = submit("xiantao.inspector", body(client(), plan, p, 1, 1, now(), ""))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.findings.length()").value(1))
			.andExpect(jsonPath("$.findings[0].itemId").value(p.items().get(0).id()))
			.andExpect(jsonPath("$.findings[0].verdict").value(expected.items().get(0).verdict().name()))
			.andExpect(jsonPath("$.far").value(false))
			.andExpect(jsonPath("$.distanceMetres").value(0))
			.andReturn()
			.getResponse()
			.getContentAsString();
		JsonNode body = json.readTree(answer);
		long id = body.get("id").asLong();
		assertThat(new BigDecimal(body.get("score").asString())).isEqualByComparingTo(expected.score());
		assertThat(new BigDecimal(body.get("findings").get(0).get("deduction").asString()))
			.isEqualByComparingTo(expected.items().get(0).deduction());
		var row = jdbc.sql("select kind, period, unit_id, city_id, far, findings_dispatched_at from inspection where id = :id")
			.param("id", id)
			.query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getBoolean(5),
					String.valueOf(rs.getObject(6))))
			.single();
		assertThat(row).containsExactly("UNANNOUNCED", "2026-12", p.unitId(), p.cityId(), false, "null");
		assertThat(fx.results(plan)).isEqualTo(p.items().size());
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'INSPECTION_SUBMIT' and object_id = :id")
			.param("id", String.valueOf(id))
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void theLocationNamesTheInspectionAndItReadsBack() throws Exception {
		Point p = point(1);
		long plan = fx.plan("xiantao", PlanKind.UNANNOUNCED, List.of(p), "xiantao.inspector");
		String location = submit("xiantao.inspector", body(client(), plan, p, 0, 0, now(), ""))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getHeader("Location");
		assertThat(location).startsWith("/api/v1/inspections/");
		mvc.perform(get(location).with(logins.as("xiantao.inspector")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.score").value(100.0))
			.andExpect(jsonPath("$.results.length()").value(p.items().size()))
			.andExpect(jsonPath("$.point.lat").value(p.lat().doubleValue()));
		// the office reads its city's records, secret rounds included; another city's office does not
		mvc.perform(get(location).with(logins.as("xiantao.office"))).andExpect(status().isOk());
		mvc.perform(get(location).with(logins.as("tianmen.office"))).andExpect(status().isNotFound());
		mvc.perform(get(location).with(logins.as("tianmen.inspector"))).andExpect(status().isNotFound());
		mvc.perform(get(location).with(logins.as("xiantao.liaison"))).andExpect(status().isForbidden());
	}

	@Test
	void theSameClientIdAgainAnswersTheStoredInspectionAnotherIdForThePointIsAConflict() throws Exception {
		Point p = point(2);
		long plan = fx.plan("xiantao", PlanKind.UNANNOUNCED, List.of(p), "xiantao.inspector");
		String client = client();
		long id = json.readTree(submit("xiantao.inspector", body(client, plan, p, 1, 2, now(), ""))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString()).get("id").asLong();
		submit("xiantao.inspector", body(client, plan, p, 0, 0, now(), ""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(id))
			.andExpect(jsonPath("$.findings.length()").value(1))
			.andExpect(header().string("Location", "/api/v1/inspections/" + id));
		submit("xiantao.inspector", body(client(), plan, p, 0, 0, now(), "")).andExpect(status().isConflict());
		assertThat(fx.inspections(plan)).isEqualTo(1);
		assertThat(fx.results(plan)).isEqualTo(p.items().size());
	}

	@Test
	void twoRetriesAtOnceStoreOneInspection() throws Exception {
		Point p = point(3);
		long plan = fx.plan("xiantao", PlanKind.UNANNOUNCED, List.of(p), "xiantao.inspector");
		String body = body(client(), plan, p, 1, 1, now(), "");
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Callable<String> send = () -> {
				start.await();
				var response = submit("xiantao.inspector", body).andReturn().getResponse();
				return response.getStatus() + ":" + json.readTree(response.getContentAsString()).path("id").asLong();
			};
			Future<String> a = pool.submit(send);
			Future<String> b = pool.submit(send);
			start.countDown();
			List<String> answers = new ArrayList<>(List.of(a.get(), b.get()));
			answers.sort(String::compareTo);
			assertThat(answers.get(0)).startsWith("200:");
			assertThat(answers.get(1)).startsWith("201:");
			assertThat(answers.get(0).substring(4)).isEqualTo(answers.get(1).substring(4));
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(fx.inspections(plan)).isEqualTo(1);
		assertThat(fx.results(plan)).isEqualTo(p.items().size());
	}

	@Test
	void someoneNotOnThePlanFindsAnUnannouncedPlanMissingAndAnAnnouncedOneRefused() throws Exception {
		Point p = point(4);
		long secret = fx.plan("xiantao", PlanKind.UNANNOUNCED, List.of(p), "xiantao.inspector");
		long open = fx.plan("xiantao", PlanKind.ANNOUNCED, List.of(p), "xiantao.inspector");
		// the office holds inspection:submit but is not one of these plans' inspectors
		submit("xiantao.office", body(client(), secret, p, 0, 0, now(), "")).andExpect(status().isNotFound());
		submit("xiantao.office", body(client(), open, p, 0, 0, now(), "")).andExpect(status().isForbidden());
		// another city's inspector never sees this city's plans
		submit("tianmen.inspector", body(client(), secret, p, 0, 0, now(), "")).andExpect(status().isNotFound());
		submit("tianmen.inspector", body(client(), open, p, 0, 0, now(), "")).andExpect(status().isNotFound());
		// no permission at all
		submit("xiantao.liaison", body(client(), open, p, 0, 0, now(), "")).andExpect(status().isForbidden());
		submit("xiantao.inspector", body(client(), Long.MAX_VALUE, p, 0, 0, now(), ""))
			.andExpect(status().isNotFound());
		assertThat(fx.inspections(secret) + fx.inspections(open)).isZero();
	}

	@Test
	void aClosedRoundTakesNoMoreInspections() throws Exception {
		Point p = point(5);
		long plan = fx.plan("xiantao", PlanKind.UNANNOUNCED, List.of(p), "xiantao.inspector");
		fx.close(plan);
		submit("xiantao.inspector", body(client(), plan, p, 0, 0, now(), "")).andExpect(status().isConflict());
		assertThat(fx.inspections(plan)).isZero();
	}

	/** A submission with its results written out, for the bad-input cases. */
	static String with(Point p, long plan, String clientId, String checkedAt, String position, String results) {
		return """
				{"clientId": %s, "planId": %d, "fieldPointId": %d, %s "checkedAt": %s, "results": [%s]}"""
			.formatted(clientId, plan, p.id(), position, checkedAt, results);
	}

	static String ok(ChecklistItemView item) {
		return "{\"itemId\": %d, \"outcome\": \"OK\"}".formatted(item.id());
	}

	static String rest(Point p, int from) {
		return String.join(",", p.items().subList(from, p.items().size()).stream().map(i -> ok(i)).toList());
	}

	record Bad(String what, String body, String field) {
	}

	@Test
	void badInputIsRefusedNamingTheFieldAndStoresNothing() throws Exception {
		Point p = point(6);
		Point other = point(7);
		long plan = fx.plan("xiantao", PlanKind.UNANNOUNCED, List.of(p), "xiantao.inspector");
		assertThat(p.items().size()).isGreaterThan(1);
		long first = p.items().get(0).id();
		String q = "\"" + client() + "\"";
		String at = "\"" + now() + "\"";
		String here = "\"lat\": %s, \"lng\": %s,".formatted(p.lat(), p.lng());
		String all = rest(p, 0);
		String others = rest(p, 1);
		String longNote = "x".repeat(Inspections.MAX_NOTE + 1);
		List<Bad> cases = List.of(
				new Bad("point not in the plan", body(client(), plan, other, 0, 0, now(), ""), "fieldPointId"),
				new Bad("unknown item", with(p, plan, q, at, here, "{\"itemId\": 999999999, \"outcome\": \"OK\"}," + all),
						"results[0].itemId"),
				new Bad("missing item", with(p, plan, q, at, here, others), "results"),
				new Bad("duplicate item", with(p, plan, q, at, here, all + "," + ok(p.items().get(0))),
						"results[" + p.items().size() + "].itemId"),
				new Bad("negative count", with(p, plan, q, at, here,
						"{\"itemId\": %d, \"outcome\": \"DEDUCT\", \"count\": -1},".formatted(first) + others),
						"results[0].count"),
				new Bad("absurd count", with(p, plan, q, at, here, "{\"itemId\": %d, \"outcome\": \"DEDUCT\", \"count\": %d},"
					.formatted(first, PointScore.MAX_COUNT + 1) + others), "results[0].count"),
				new Bad("deduction without count", with(p, plan, q, at, here,
						"{\"itemId\": %d, \"outcome\": \"DEDUCT\", \"count\": 0},".formatted(first) + others),
						"results[0].count"),
				new Bad("unknown outcome", with(p, plan, q, at, here,
						"{\"itemId\": %d, \"outcome\": \"MAYBE\"},".formatted(first) + others), "results[0].outcome"),
				new Bad("no outcome", with(p, plan, q, at, here, "{\"itemId\": %d},".formatted(first) + others),
						"results[0].outcome"),
				new Bad("long note", with(p, plan, q, at, here,
						"{\"itemId\": %d, \"outcome\": \"OK\", \"note\": \"%s\"},".formatted(first, longNote) + others),
						"results[0].note"),
				new Bad("no client id", with(p, plan, "\"\"", at, here, all), "clientId"),
				new Bad("unsafe client id", with(p, plan, "\"a b/../c\"", at, here, all), "clientId"),
				new Bad("long client id", with(p, plan, "\"" + "a".repeat(65) + "\"", at, here, all), "clientId"),
				new Bad("future time", with(p, plan, q, "\"" + now().plus(Duration.ofHours(1)) + "\"", here, all),
						"checkedAt"),
				new Bad("old time", with(p, plan, q, "\"" + now().minus(Duration.ofDays(40)) + "\"", here, all),
						"checkedAt"),
				new Bad("no time", with(p, plan, q, "null", here, all), "checkedAt"),
				new Bad("time not a time", with(p, plan, q, "\"yesterday\"", here, all), "checkedAt"),
				new Bad("latitude alone", with(p, plan, q, at, "\"lat\": 30.1,", all), "lng"),
				new Bad("latitude off the earth", with(p, plan, q, at, "\"lat\": 91, \"lng\": 113.4,", all), "lat"),
				new Bad("no plan", """
						{"clientId": %s, "fieldPointId": %d, "checkedAt": %s, "results": [%s]}"""
					.formatted(q, p.id(), at, all), "planId"));
		for (Bad bad : cases) {
			submit("xiantao.inspector", bad.body())
				.andExpect(status().isBadRequest())
				.andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
				.andExpect(jsonPath("$.errors[*].field", hasItem(bad.field())));
			assertThat(fx.inspections(plan)).as(bad.what()).isZero();
		}
		assertThat(fx.results(plan)).isZero();
	}

	@Test
	void farFromThePointIsFlaggedNotRefused() throws Exception {
		Point p = point(8);
		Point q = point(9);
		long plan = fx.plan("xiantao", PlanKind.UNANNOUNCED, List.of(p, q), "xiantao.inspector");
		// about 1.1 km north of the point: beyond the default 500 m
		String far = body(client(), plan, p, 0, 0, now(), "")
			.replace("\"lat\": " + p.lat().toPlainString(), "\"lat\": " + p.lat().add(new BigDecimal("0.01")).toPlainString());
		long id = json.readTree(submit("xiantao.inspector", far).andExpect(status().isCreated())
			.andExpect(jsonPath("$.far").value(true))
			.andReturn()
			.getResponse()
			.getContentAsString()).get("id").asLong();
		mvc.perform(get("/api/v1/inspections/{id}", id).with(logins.as("xiantao.office")))
			.andExpect(jsonPath("$.far").value(true))
			.andExpect(jsonPath("$.maxDistanceMetres").value(500))
			.andExpect(jsonPath("$.distanceMetres").value(allOf(greaterThan(1100), lessThan(1125))));
		// about 110 m away: within the limit; no position at all: no distance, not far
		String near = body(client(), plan, q, 0, 0, now(), "")
			.replace("\"lat\": " + q.lat().toPlainString(), "\"lat\": " + q.lat().add(new BigDecimal("0.001")).toPlainString());
		submit("xiantao.inspector", near).andExpect(status().isCreated()).andExpect(jsonPath("$.far").value(false));
		assertThat(jdbc.sql("select count(*) from inspection where plan_id = :p and far = true")
			.param("p", plan)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void everyItemNotApplicableLeavesNoScore() throws Exception {
		Point p = point(10);
		long plan = fx.plan("xiantao", PlanKind.UNANNOUNCED, List.of(p), "xiantao.inspector");
		String results = String.join(",",
				p.items().stream().map(i -> "{\"itemId\": %d, \"outcome\": \"NA\"}".formatted(i.id())).toList());
		submit("xiantao.inspector", with(p, plan, "\"" + client() + "\"", "\"" + now() + "\"", "", results))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.score").value(nullValue()))
			.andExpect(jsonPath("$.distanceMetres").value(nullValue()));
	}

}
