package cn.chuangwen.problems;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitDraft;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.shared.GeoPoint;
import cn.chuangwen.support.ExifJpeg;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.ReviewFixtures;
import cn.chuangwen.support.TestClock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Problems through their API (issue 8 §1, §2, §5, §6, §7): the whole loop, who sees what, and bad input. */
@IntegrationTest
class ProblemsApiIntegrationTest {

	static final Random RANDOM = new Random();

	/** A place in Xiantao; the "far" photo lies about 1.1 km north of it. */
	static final double LAT = 30.364000;

	static final double LNG = 113.455000;

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	Units units;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	TestClock clock;

	/** A fresh community under the demo town liaison's town, so each test has its own unit. */
	UnitView community(String city) {
		CurrentUser liaison = logins.principal(city + ".liaison");
		return units.create(logins.principal(city + ".office"),
				new UnitDraft("P" + Math.abs(RANDOM.nextLong() % 1_000_000_000L), "问题社区" + RANDOM.nextInt(100000),
						UnitKind.COMMUNITY, liaison.unitId(), "社区", false, null, null, null));
	}

	String body(long unitId, String extra) {
		return """
				{"source": "OFFICE", "category": "环境卫生", "title": "背街小巷垃圾堆积", "description": "三天未清运",
				 "severity": "GENERAL", "unitId": %d, "cooperatingUnitIds": [], "address": "沔阳大道 12 号",
				 "lat": %s, "lng": %s%s}""".formatted(unitId, LAT, LNG, extra);
	}

	JsonNode create(String user, String body, int status) throws Exception {
		String answer = mvc
			.perform(post("/api/v1/problems").with(logins.as(user)).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().is(status))
			.andReturn()
			.getResponse()
			.getContentAsString();
		return json.readTree(answer);
	}

	long created(long unitId, boolean dispatch) throws Exception {
		return create("xiantao.office", body(unitId, dispatch ? ", \"dispatch\": true" : ""), 201).get("id").asLong();
	}

	ResultActions act(String user, long id, String action, String body) throws Exception {
		return mvc.perform(post("/api/v1/problems/{id}/" + action, id).with(logins.as(user))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body == null ? "{}" : body));
	}

	ResultActions rectify(String user, long id, String text, MockMultipartFile... files) throws Exception {
		var request = multipart("/api/v1/problems/{id}/rectifications", id);
		for (MockMultipartFile f : files) {
			request.file(f);
		}
		return mvc.perform(request.param("text", text).with(logins.as(user)));
	}

	JsonNode detail(String user, long id) throws Exception {
		return json.readTree(mvc.perform(get("/api/v1/problems/{id}", id).with(logins.as(user)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

	String state(long id) {
		return jdbc.sql("select state from problem where id = :id").param("id", id).query(String.class).single();
	}

	int count(String sql, long id) {
		return jdbc.sql(sql).param("id", id).query(Integer.class).single();
	}

	static byte[] png(int seed) throws IOException {
		BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
		image.setRGB(seed % 40, seed % 30, 0xff0000 + seed);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	static MockMultipartFile photo(String name, byte[] bytes) {
		return new MockMultipartFile("files", name, "image/jpeg", bytes);
	}

	@Test
	void theWholeLoopFromEntryToCloseWithARejectionInBetween() throws Exception {
		UnitView unit = community("xiantao");
		JsonNode created = create("xiantao.office", body(unit.id(), ""), 201);
		long id = created.get("id").asLong();
		assertThat(created.get("code").asString()).matches("XT-20\\d\\d-\\d{6}");
		assertThat(created.get("state").asString()).isEqualTo("PENDING");
		// the city's rule for a general problem: seven days
		Instant deadline = Instant.parse(created.get("deadline").asString());
		assertThat(Duration.between(clock.instant(), deadline).toHours()).isBetween(167L, 168L);

		act("xiantao.office", id, "dispatch", null).andExpect(status().isOk()).andExpect(jsonPath("$.state").value("DISPATCHED"));
		// a unit cannot rectify before it signed for the problem
		rectify("xiantao.liaison", id, "已清理", photo("a.png", png(RANDOM.nextInt(1000)))).andExpect(status().isConflict());
		act("xiantao.liaison", id, "sign", null).andExpect(status().isOk()).andExpect(jsonPath("$.state").value("RECTIFYING"));
		rectify("xiantao.liaison", id, "已清理", photo("after.png", png(RANDOM.nextInt(1000) + 1000)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.id").isNumber());
		assertThat(state(id)).isEqualTo("SUBMITTED");
		// an inspector neither asked to verify nor the finder does not even see it
		act("xiantao.inspector", id, "verification", "{\"decision\": \"REJECT\", \"reason\": \"仍有残留\"}")
			.andExpect(status().isNotFound());
		act("xiantao.office", id, "verification", "{\"decision\": \"REJECT\", \"reason\": \"仍有残留\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("RECTIFYING"))
			.andExpect(jsonPath("$.rejections").value(1));
		rectify("xiantao.liaison", id, "已彻底清理", photo("after2.png", png(RANDOM.nextInt(1000) + 2000)))
			.andExpect(status().isCreated());
		act("xiantao.office", id, "verification", "{\"decision\": \"PASS\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("CLOSED"));

		JsonNode detail = detail("xiantao.liaison", id);
		assertThat(detail.get("rectifications")).hasSize(2);
		assertThat(detail.get("rectifications").get(0).get("decision").asString()).isEqualTo("PASS");
		assertThat(detail.get("rectifications").get(1).get("decision").asString()).isEqualTo("REJECT");
		List<String> actions = new ArrayList<>();
		// the notices sent on the way are traced too, after their own commits: left out here
		detail.get("history").forEach(h -> {
			if (!h.get("action").asString().equals("PROBLEM_NOTICE")) {
				actions.add(h.get("action").asString());
			}
		});
		assertThat(actions).containsExactly("PROBLEM_PASS", "PROBLEM_SUBMIT", "PROBLEM_REJECT", "PROBLEM_SUBMIT",
				"PROBLEM_SIGN", "PROBLEM_DISPATCH", "PROBLEM_CREATE");
		// closed is final: no further rectification
		rectify("xiantao.liaison", id, "再次整改", photo("c.png", png(RANDOM.nextInt(1000) + 3000)))
			.andExpect(status().isConflict());
		assertThat(count("select count(*) from rectification where problem_id = :id", id)).isEqualTo(2);
	}

	@Test
	void aFarAwayAfterPhotoWarnsTheVerifierOfTheDistance() throws Exception {
		UnitView unit = community("xiantao");
		long id = created(unit.id(), true);
		act("xiantao.liaison", id, "sign", null).andExpect(status().isOk());
		byte[] far = ExifJpeg.photo().capturedAt(clock.instant()).place(LAT + 0.01, LNG)
			.description("far " + RANDOM.nextLong()).bytes();
		String answer = rectify("xiantao.liaison", id, "已清理", photo("far.jpg", far))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		JsonNode warnings = json.readTree(answer).get("warnings");
		assertThat(warnings).hasSize(1);
		assertThat(warnings.get(0).get("kind").asString()).isEqualTo("LOCATION_MISMATCH");
		assertThat(warnings.get(0).get("file").asString()).isEqualTo("far.jpg");
		assertThat(warnings.get(0).get("message").asString()).contains("1112");
		// the verifier sees the same warning on the rectification
		JsonNode rect = detail("xiantao.office", id).get("rectifications").get(0);
		assertThat(rect.get("warnings").get(0).get("kind").asString()).isEqualTo("LOCATION_MISMATCH");
	}

	@Test
	void aPhotoNearThePlaceAndTheSamePhotoAgainAreTreatedApart() throws Exception {
		UnitView unit = community("xiantao");
		long first = created(unit.id(), true);
		long second = created(unit.id(), true);
		byte[] near = ExifJpeg.photo().capturedAt(clock.instant()).place(LAT + 0.0005, LNG)
			.description("near " + RANDOM.nextLong()).bytes();
		for (long id : new long[] { first, second }) {
			act("xiantao.liaison", id, "sign", null).andExpect(status().isOk());
		}
		rectify("xiantao.liaison", first, "已清理", photo("near.jpg", near)).andExpect(status().isCreated())
			.andExpect(jsonPath("$.warnings.length()").value(0));
		String answer = rectify("xiantao.liaison", second, "已清理", photo("again.jpg", near))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		JsonNode warning = json.readTree(answer).get("warnings").get(0);
		assertThat(warning.get("kind").asString()).isEqualTo("DUPLICATE_EVIDENCE");
		assertThat(warning.get("problemId").asLong()).isEqualTo(first);
	}

	@Test
	void anAfterPhotoTakenBeforeTheProblemWasFoundIsAnOldPhoto() throws Exception {
		UnitView unit = community("xiantao");
		long id = created(unit.id(), true);
		act("xiantao.liaison", id, "sign", null).andExpect(status().isOk());
		byte[] old = ExifJpeg.photo().capturedAt(clock.instant().minus(Duration.ofDays(20))).place(LAT, LNG)
			.description("old " + RANDOM.nextLong()).bytes();
		rectify("xiantao.liaison", id, "已清理", photo("old.jpg", old)).andExpect(status().isCreated())
			.andExpect(jsonPath("$.warnings[0].kind").value("OLD_PHOTO"));
	}

	@Test
	void aDisputeIsReRoutedOrInsistedOn() throws Exception {
		UnitView unit = community("xiantao");
		UnitView other = community("xiantao");
		long id = created(unit.id(), true);
		act("xiantao.liaison", id, "dispute", "{}").andExpect(status().isBadRequest());
		assertThat(state(id)).isEqualTo("DISPATCHED");
		act("xiantao.liaison", id, "dispute", "{\"reason\": \"不属本社区\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("DISPUTED"))
			.andExpect(jsonPath("$.disputeReason").value("不属本社区"));
		act("xiantao.office", id, "insist", "{\"reason\": \"经核实属该社区\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("DISPATCHED"));
		act("xiantao.liaison", id, "dispute", "{\"reason\": \"仍不属本社区\"}").andExpect(status().isOk());
		act("xiantao.office", id, "reroute", "{\"unitId\": " + other.id() + ", \"reason\": \"改由相邻社区\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("DISPATCHED"))
			.andExpect(jsonPath("$.unitId").value(other.id()));
	}

	@Test
	void aUnitSeesItsOwnProblemsOnlyAndNoInspectionFindingBeforeItIsDispatched() throws Exception {
		UnitView unit = community("xiantao");
		long mine = created(unit.id(), true);
		String finding = body(unit.id(), "").replace("\"OFFICE\"", "\"INSPECTION\"");
		long secret = create("xiantao.office", finding, 201).get("id").asLong();
		// the town liaison sees problems of the communities under it, not the pending finding
		mvc.perform(get("/api/v1/problems/{id}", mine).with(logins.as("xiantao.liaison"))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/problems/{id}", secret).with(logins.as("xiantao.liaison"))).andExpect(status().isNotFound());
		String list = mvc.perform(get("/api/v1/problems").param("unitId", Long.toString(unit.id()))
			.with(logins.as("xiantao.liaison")))
			.andExpect(status().isOk())
			.andExpect(header().string("X-Total-Count", "1"))
			.andReturn().getResponse().getContentAsString();
		assertThat(json.readTree(list).get(0).get("id").asLong()).isEqualTo(mine);
		// a department's liaison and another city see neither
		for (String user : List.of("xiantao.dept", "tianmen.office", "tianmen.liaison")) {
			mvc.perform(get("/api/v1/problems/{id}", mine).with(logins.as(user))).andExpect(status().isNotFound());
			act(user, mine, "sign", null).andExpect(status().is(org.hamcrest.Matchers.oneOf(403, 404)));
		}
		// the inspector sees only what it found or verifies: not the office's problem
		mvc.perform(get("/api/v1/problems/{id}", mine).with(logins.as("xiantao.inspector"))).andExpect(status().isNotFound());
		act("xiantao.office", secret, "dispatch", null).andExpect(status().isOk());
		mvc.perform(get("/api/v1/problems/{id}", secret).with(logins.as("xiantao.liaison"))).andExpect(status().isOk());
		// the province reads across cities
		mvc.perform(get("/api/v1/problems/{id}", mine).with(logins.as("hubei.office"))).andExpect(status().isOk());
		assertThat(state(mine)).isEqualTo("DISPATCHED");
	}

	@Test
	void anInspectorAskedToVerifySeesTheProblemAndVerifiesIt() throws Exception {
		UnitView unit = community("xiantao");
		long id = create("xiantao.office", body(unit.id(), ", \"dispatch\": true, \"verifier\": \"xiantao.inspector\""), 201)
			.get("id").asLong();
		detail("xiantao.inspector", id);
		act("xiantao.liaison", id, "sign", null).andExpect(status().isOk());
		rectify("xiantao.liaison", id, "已清理", photo("i.png", png(RANDOM.nextInt(1000) + 4000))).andExpect(status().isCreated());
		act("xiantao.inspector", id, "verification", "{\"decision\": \"PASS\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("CLOSED"));
	}

	@Test
	void twoVerifiersAtOnceOneWinsTheOtherGetsAConflict() throws Exception {
		UnitView unit = community("xiantao");
		long id = create("xiantao.office", body(unit.id(), ", \"dispatch\": true, \"verifier\": \"xiantao.inspector\""), 201)
			.get("id").asLong();
		act("xiantao.liaison", id, "sign", null).andExpect(status().isOk());
		rectify("xiantao.liaison", id, "已清理", photo("r.png", png(RANDOM.nextInt(1000) + 5000))).andExpect(status().isCreated());
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Callable<Integer> office = () -> {
				start.await();
				return act("xiantao.office", id, "verification", "{\"decision\": \"PASS\"}").andReturn().getResponse().getStatus();
			};
			Callable<Integer> inspector = () -> {
				start.await();
				return act("xiantao.inspector", id, "verification", "{\"decision\": \"REJECT\", \"reason\": \"不合格\"}")
					.andReturn().getResponse().getStatus();
			};
			Future<Integer> a = pool.submit(office);
			Future<Integer> b = pool.submit(inspector);
			start.countDown();
			List<Integer> statuses = new ArrayList<>(List.of(a.get(), b.get()));
			statuses.sort(Integer::compare);
			assertThat(statuses).containsExactly(200, 409);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(count("select count(*) from rectification where problem_id = :id and decision is not null", id))
			.isEqualTo(1);
		assertThat(state(id)).isIn("CLOSED", "RECTIFYING");
	}

	@Test
	void theUnitThatRectifiedCannotVerifyItsOwnWork() throws Exception {
		UnitView unit = community("xiantao");
		long id = created(unit.id(), true);
		act("xiantao.liaison", id, "sign", null).andExpect(status().isOk());
		rectify("xiantao.liaison", id, "已清理", photo("s.png", png(RANDOM.nextInt(1000) + 6000))).andExpect(status().isCreated());
		act("xiantao.liaison", id, "verification", "{\"decision\": \"PASS\"}").andExpect(status().isForbidden());
		assertThat(state(id)).isEqualTo("SUBMITTED");
	}

	@Test
	void onlyALeaderWritesAnInstructionAndItShowsOnTheProblem() throws Exception {
		UnitView unit = community("xiantao");
		long id = created(unit.id(), true);
		act("xiantao.office", id, "instructions", "{\"text\": \"请立即整改\"}").andExpect(status().isForbidden());
		act("xiantao.liaison", id, "instructions", "{\"text\": \"请立即整改\"}").andExpect(status().isForbidden());
		assertThat(count("select count(*) from problem_instruction where problem_id = :id", id)).isZero();
		act("xiantao.leader", id, "instructions", "{\"text\": \"" + "长".repeat(2001) + "\"}").andExpect(status().isBadRequest());
		act("xiantao.leader", id, "instructions", "{\"text\": \"请主要负责同志亲自过问\"}").andExpect(status().isCreated())
			.andExpect(jsonPath("$.instructions[0].text").value("请主要负责同志亲自过问"));
		assertThat(detail("xiantao.liaison", id).get("instructions").get(0).get("leaderName").asString()).isNotBlank();
	}

	@Test
	void badInputIsRefusedAndChangesNothing() throws Exception {
		UnitView unit = community("xiantao");
		long before = jdbc.sql("select count(*) from problem").query(Long.class).single();
		long otherCity = logins.principal("tianmen.liaison").unitId();
		create("xiantao.office", body(otherCity, ""), 404);
		create("xiantao.office", body(unit.id(), ", \"deadline\": \"2020-01-01\""), 400);
		create("xiantao.office", body(unit.id(), ", \"deadline\": \"tomorrow\""), 400);
		create("xiantao.office", body(unit.id(), "").replace("\"OFFICE\"", "\"NEIGHBOUR\""), 400);
		create("xiantao.office", body(unit.id(), "").replace("\"GENERAL\"", "\"HUGE\""), 400);
		create("xiantao.office", body(unit.id(), "").replace("环境卫生", "天气"), 400);
		create("xiantao.office", body(unit.id(), "").replace("三天未清运", "长".repeat(4001)), 400);
		create("xiantao.office", body(unit.id(), "").replace("\"lat\": " + LAT, "\"lat\": 1e500000000"), 400);
		create("xiantao.office", body(unit.id(), "").replace("\"lat\": " + LAT, "\"lat\": 95"), 400);
		create("xiantao.office", body(unit.id(), "").replace("\"unitId\": " + unit.id(), "\"unitId\": 99999999999999999999"), 400);
		create("xiantao.office", "{\"source\": ", 400);
		create("xiantao.liaison", body(unit.id(), ""), 403);
		assertThat(jdbc.sql("select count(*) from problem").query(Long.class).single()).isEqualTo(before);

		long id = created(unit.id(), false);
		// a pending problem cannot be rectified
		rectify("xiantao.liaison", id, "已清理", photo("p.png", png(RANDOM.nextInt(1000) + 7000))).andExpect(status().isConflict());
		act("xiantao.office", id, "dispatch", null).andExpect(status().isOk());
		act("xiantao.liaison", id, "sign", null).andExpect(status().isOk());
		act("xiantao.liaison", id, "sign", null).andExpect(status().isConflict());
		// not an image; text too long; no photo at all
		rectify("xiantao.liaison", id, "已清理", new MockMultipartFile("files", "a.pdf", "application/pdf",
				"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF".getBytes())).andExpect(status().isBadRequest());
		rectify("xiantao.liaison", id, "已清理", new MockMultipartFile("files", "a.jpg", "image/jpeg", "not a jpeg".getBytes()))
			.andExpect(status().isBadRequest());
		rectify("xiantao.liaison", id, "长".repeat(4001), photo("t.png", png(RANDOM.nextInt(1000) + 8000)))
			.andExpect(status().isBadRequest());
		rectify("xiantao.liaison", id, "已清理").andExpect(status().isBadRequest());
		act("xiantao.office", id, "verification", "{\"decision\": \"MAYBE\"}").andExpect(status().isBadRequest());
		act("xiantao.office", id, "deadline", "{\"deadline\": \"2020-01-01\", \"reason\": \"延期\"}").andExpect(status().isBadRequest());
		act("xiantao.office", id, "reroute", "{\"unitId\": " + otherCity + ", \"reason\": \"改派\"}").andExpect(status().isNotFound());
		assertThat(state(id)).isEqualTo("RECTIFYING");
		assertThat(count("select count(*) from rectification where problem_id = :id", id)).isZero();
		assertThat(count("select count(*) from problem_photo where problem_id = :id", id)).isZero();
		mvc.perform(get("/api/v1/problems").param("state", "LOST").with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/problems").param("overdue", "maybe").with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/problems").param("size", "501").with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest());
	}

	@Test
	void aProblemOfTheSameCategoryNearOneClosedRecentlyIsARecurrence() throws Exception {
		UnitView unit = community("xiantao");
		long first = created(unit.id(), true);
		act("xiantao.liaison", first, "sign", null).andExpect(status().isOk());
		rectify("xiantao.liaison", first, "已清理", photo("x.png", png(RANDOM.nextInt(1000) + 9000))).andExpect(status().isCreated());
		act("xiantao.office", first, "verification", "{\"decision\": \"PASS\"}").andExpect(status().isOk());
		// 30 m away: a recurrence; 200 m away or another category: not
		long again = create("xiantao.office", body(unit.id(), "").replace("\"lat\": " + LAT, "\"lat\": 30.364270"), 201)
			.get("id").asLong();
		long far = create("xiantao.office", body(unit.id(), "").replace("\"lat\": " + LAT, "\"lat\": 30.365800"), 201)
			.get("id").asLong();
		long other = create("xiantao.office", body(unit.id(), "").replace("环境卫生", "占道经营"), 201).get("id").asLong();
		assertThat(detail("xiantao.office", again).get("recurrenceOf").asLong()).isEqualTo(first);
		assertThat(detail("xiantao.office", far).get("recurrenceOf").isNull()).isTrue();
		assertThat(detail("xiantao.office", other).get("recurrenceOf").isNull()).isTrue();
	}

	@Test
	void theListFiltersByStateAndOverdueAndPagesWithHeaders() throws Exception {
		UnitView unit = community("xiantao");
		long late = create("xiantao.office",
				body(unit.id(), ", \"dispatch\": true, \"deadline\": \"" + clock.instant().plus(Duration.ofMinutes(30)) + "\""),
				201).get("id").asLong();
		created(unit.id(), true);
		created(unit.id(), false);
		clock.advance(Duration.ofHours(1));
		String overdue = mvc.perform(get("/api/v1/problems").param("unitId", Long.toString(unit.id()))
			.param("overdue", "true").with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andExpect(header().string("X-Total-Count", "1"))
			.andReturn().getResponse().getContentAsString();
		JsonNode row = json.readTree(overdue).get(0);
		assertThat(row.get("id").asLong()).isEqualTo(late);
		assertThat(row.get("overdue").asBoolean()).isTrue();
		assertThat(row.get("state").asString()).isEqualTo("DISPATCHED");
		mvc.perform(get("/api/v1/problems").param("unitId", Long.toString(unit.id())).param("state", "PENDING")
			.with(logins.as("xiantao.office")))
			.andExpect(header().string("X-Total-Count", "1"));
		mvc.perform(get("/api/v1/problems").param("unitId", Long.toString(unit.id())).param("size", "2")
			.with(logins.as("xiantao.office")))
			.andExpect(header().string("X-Total-Count", "3"))
			.andExpect(header().string("Link", org.hamcrest.Matchers.containsString("rel=\"next\"")))
			.andExpect(jsonPath("$.length()").value(2));
	}

	@Test
	void theTextFindsACodeOrAPieceOfTheTitleAndTakesWildcardsLiterally() throws Exception {
		UnitView unit = community("xiantao");
		JsonNode percent = create("xiantao.office",
				body(unit.id(), "").replace("背街小巷垃圾堆积", "路灯 100% 不亮"), 201);
		create("xiantao.office", body(unit.id(), "").replace("背街小巷垃圾堆积", "路灯 1000 号不亮"), 201);
		mvc.perform(get("/api/v1/problems").param("unitId", Long.toString(unit.id())).param("q", "100%")
			.with(logins.as("xiantao.office")))
			.andExpect(header().string("X-Total-Count", "1"))
			.andExpect(jsonPath("$[0].id").value(percent.get("id").asLong()));
		mvc.perform(get("/api/v1/problems").param("unitId", Long.toString(unit.id())).param("q", "路灯")
			.with(logins.as("xiantao.office")))
			.andExpect(header().string("X-Total-Count", "2"));
		mvc.perform(get("/api/v1/problems").param("q", percent.get("code").asString().toLowerCase())
			.with(logins.as("xiantao.office")))
			.andExpect(header().string("X-Total-Count", "1"))
			.andExpect(jsonPath("$[0].code").value(percent.get("code").asString()));
	}

	@Test
	void theLoopTellsTheUnitTheVerifierAndTheInstructingLeader() throws Exception {
		long town = logins.principal("xiantao.liaison").unitId();
		long id = create("xiantao.office", body(town, ", \"dispatch\": true, \"verifier\": \"xiantao.inspector\""), 201)
			.get("id").asLong();
		ReviewFixtures.eventually(() -> notices("xiantao.liaison", "PROBLEM_DISPATCHED", id) == 1);
		act("xiantao.leader", id, "instructions", "{\"text\": \"限期整改\"}").andExpect(status().isCreated());
		act("xiantao.liaison", id, "sign", null).andExpect(status().isOk());
		rectify("xiantao.liaison", id, "已清理", photo("n1.png", png(RANDOM.nextInt(1000) + 11000))).andExpect(status().isCreated());
		ReviewFixtures.eventually(() -> notices("xiantao.inspector", "PROBLEM_SUBMITTED", id) == 1);
		act("xiantao.inspector", id, "verification", "{\"decision\": \"REJECT\", \"reason\": \"照片不清楚\"}")
			.andExpect(status().isOk());
		ReviewFixtures.eventually(() -> notices("xiantao.liaison", "PROBLEM_RETURNED", id) == 1);
		rectify("xiantao.liaison", id, "已清理", photo("n2.png", png(RANDOM.nextInt(1000) + 12000))).andExpect(status().isCreated());
		act("xiantao.inspector", id, "verification", "{\"decision\": \"PASS\"}").andExpect(status().isOk());
		ReviewFixtures.eventually(() -> notices("xiantao.leader", "PROBLEM_CLOSED", id) == 1);
		// nobody else hears of it: the office had a verifier to rely on
		assertThat(notices("xiantao.office", "PROBLEM_SUBMITTED", id)).isZero();
	}

	int notices(String username, String kind, long problemId) {
		return jdbc.sql("select count(*) from notification where recipient = :u and kind = :k and link = :l")
			.param("u", username)
			.param("k", kind)
			.param("l", "/problems/" + problemId)
			.query(Integer.class)
			.single();
	}

}
