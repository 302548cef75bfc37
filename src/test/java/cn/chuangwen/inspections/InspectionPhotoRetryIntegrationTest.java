package cn.chuangwen.inspections;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.inspections.InspectionFixtures.Point;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.TestClock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static cn.chuangwen.inspections.InspectionFixtures.body;
import static cn.chuangwen.inspections.InspectionPhotosIntegrationTest.png;
import static cn.chuangwen.support.ReviewFixtures.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A phone that lost the answer to a photo upload sends it again: the same bytes for the same finding
 * are stored once, answered with the photo stored the first time, and reach the problem once.
 */
@IntegrationTest
class InspectionPhotoRetryIntegrationTest {

	static final String INSPECTOR = "xiantao.inspector";

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

	InspectionFixtures fx;

	@BeforeEach
	void fixtures() {
		fx = new InspectionFixtures(jdbc);
	}

	/** An inspection of the point with {@code findings} findings (its first items). */
	long inspection(long plan, Point p, int findings) throws Exception {
		String answer = mvc.perform(post("/api/v1/inspections").with(logins.as(INSPECTOR))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body("c-" + UUID.randomUUID(), plan, p, findings, 1, clock.instant(), "")))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return json.readTree(answer).get("id").asLong();
	}

	MockHttpServletResponse api(long id, long item, MockMultipartFile... parts) throws Exception {
		var request = multipart("/api/v1/inspections/{id}/photos", id);
		for (MockMultipartFile f : parts) {
			request.file(f);
		}
		return mvc.perform(request.param("itemId", String.valueOf(item)).with(logins.as(INSPECTOR)))
			.andReturn()
			.getResponse();
	}

	/** The phone's outbox posts here, in its session. */
	MockHttpServletResponse phone(long id, long item, MockMultipartFile... parts) throws Exception {
		var request = multipart("/inspections/field/inspections/{id}/photos", id);
		for (MockMultipartFile f : parts) {
			request.file(f);
		}
		return mvc.perform(request.param("itemId", String.valueOf(item)).with(csrf()).with(logins.as(INSPECTOR)))
			.andReturn()
			.getResponse();
	}

	static MockMultipartFile file(String name, byte[] bytes) {
		return new MockMultipartFile("files", name, "image/png", bytes);
	}

	JsonNode photos(MockHttpServletResponse response) throws Exception {
		return json.readTree(response.getContentAsString()).get("photos");
	}

	long photoRows(long inspectionId, long item) {
		return jdbc.sql("select count(*) from inspection_photo where inspection_id = :i and item_id = :item")
			.param("i", inspectionId)
			.param("item", item)
			.query(Long.class)
			.single();
	}

	long storedFiles(byte[] bytes) throws Exception {
		String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		return jdbc.sql("select count(*) from stored_file where sha256 = :s")
			.param("s", sha)
			.query(Long.class)
			.single();
	}

	long photoAudits(long inspectionId) {
		return jdbc.sql("select count(*) from audit_event where action = 'INSPECTION_PHOTO_ADD' and object_id = :i")
			.param("i", String.valueOf(inspectionId))
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

	boolean findingListenerIdle() {
		return jdbc.sql("select count(*) from event_publication where listener_id like '%InspectionFindingProblems%'")
			.query(Long.class)
			.single() == 0;
	}

	@Test
	void aRetriedUploadAfterTheReleaseIsStoredOnceAndReachesTheProblemOnce() throws Exception {
		Point p = fx.points("xiantao", 70, 1).get(0);
		long plan = fx.plan("xiantao", PlanKind.ANNOUNCED, List.of(p), INSPECTOR);
		long id = inspection(plan, p, 1);
		long item = p.items().get(0).id();
		eventually(() -> jdbc.sql("select count(*) from problem where origin_type = 'inspection' and origin_id = :i")
			.param("i", id)
			.query(Long.class)
			.single() == 1);
		byte[] shot = png(80, 60, 101);

		MockHttpServletResponse first = api(id, item, file("现场.png", shot));
		assertThat(first.getStatus()).as(first.getContentAsString()).isEqualTo(201);
		long photoId = photos(first).get(0).get("id").asLong();
		assertThat(photos(first).get(0).get("repeated").asBoolean()).isFalse();

		// the answer was lost: the same bytes again, under another name
		MockHttpServletResponse again = api(id, item, file("IMG_0001.png", shot));
		assertThat(again.getStatus()).as(again.getContentAsString()).isEqualTo(200);
		assertThat(photos(again)).hasSize(1);
		assertThat(photos(again).get(0).get("id").asLong()).isEqualTo(photoId);
		assertThat(photos(again).get(0).get("repeated").asBoolean()).isTrue();
		assertThat(photos(again).get(0).get("name").asString()).isEqualTo("现场.png");

		// and again through the phone's own endpoint
		MockHttpServletResponse phone = phone(id, item, file("现场.png", shot));
		assertThat(phone.getStatus()).as(phone.getContentAsString()).isEqualTo(200);
		assertThat(json.readTree(phone.getContentAsString()).get(0).asLong()).isEqualTo(photoId);

		assertThat(photoRows(id, item)).isEqualTo(1);
		assertThat(storedFiles(shot)).isEqualTo(1);
		assertThat(photoAudits(id)).isEqualTo(1);
		eventually(() -> beforePhotos(id) == 1);
		eventually(this::findingListenerIdle);
		assertThat(beforePhotos(id)).isEqualTo(1);
	}

	@Test
	void aPhoneRetryBeforeTheCloseGivesTheProblemOneBeforePhoto() throws Exception {
		Point p = fx.points("xiantao", 71, 1).get(0);
		long plan = fx.plan("xiantao", PlanKind.UNANNOUNCED, List.of(p), INSPECTOR);
		long id = inspection(plan, p, 1);
		long item = p.items().get(0).id();
		byte[] shot = png(80, 60, 102);

		MockHttpServletResponse first = phone(id, item, file("finding.png", shot));
		assertThat(first.getStatus()).as(first.getContentAsString()).isEqualTo(201);
		long photoId = json.readTree(first.getContentAsString()).get(0).asLong();
		MockHttpServletResponse again = phone(id, item, file("finding.png", shot));
		assertThat(again.getStatus()).as(again.getContentAsString()).isEqualTo(200);
		assertThat(json.readTree(again.getContentAsString()).get(0).asLong()).isEqualTo(photoId);
		assertThat(photoRows(id, item)).isEqualTo(1);
		assertThat(storedFiles(shot)).isEqualTo(1);

		tx.executeWithoutResult(s -> {
			fx.close(plan);
			events.publishEvent(new InspectionRoundClosed(p.cityId(), plan, PlanKind.UNANNOUNCED));
		});
		eventually(() -> beforePhotos(id) == 1);
		eventually(this::findingListenerIdle);
		assertThat(beforePhotos(id)).isEqualTo(1);
	}

	@Test
	void aMixedBatchStoresOnlyTheNewPhotoAndAnotherFindingKeepsItsOwnCopy() throws Exception {
		Point p = fx.points("xiantao", 72, 1).get(0);
		long plan = fx.plan("xiantao", PlanKind.UNANNOUNCED, List.of(p), INSPECTOR);
		long id = inspection(plan, p, 2);
		long item = p.items().get(0).id();
		long other = p.items().get(1).id();
		byte[] a = png(80, 60, 103);
		byte[] b = png(80, 60, 104);

		long aId = photos(api(id, item, file("a.png", a))).get(0).get("id").asLong();
		MockHttpServletResponse mixed = api(id, item, file("a.png", a), file("b.png", b), file("b-again.png", b));
		assertThat(mixed.getStatus()).as(mixed.getContentAsString()).isEqualTo(201);
		JsonNode answered = photos(mixed);
		// each photo once, in the order sent: the one it had, then the new one (sent twice, stored once)
		assertThat(answered).hasSize(2);
		assertThat(answered.get(0).get("id").asLong()).isEqualTo(aId);
		assertThat(answered.get(0).get("repeated").asBoolean()).isTrue();
		assertThat(answered.get(1).get("id").asLong()).isNotEqualTo(aId);
		assertThat(answered.get(1).get("repeated").asBoolean()).isFalse();
		assertThat(answered.get(1).get("name").asString()).isEqualTo("b.png");
		assertThat(photoRows(id, item)).isEqualTo(2);
		assertThat(storedFiles(a)).isEqualTo(1);
		assertThat(storedFiles(b)).isEqualTo(1);
		assertThat(photoAudits(id)).isEqualTo(2);

		// the same picture for another finding is that finding's photo
		MockHttpServletResponse elsewhere = api(id, other, file("a.png", a));
		assertThat(elsewhere.getStatus()).isEqualTo(201);
		assertThat(photos(elsewhere).get(0).get("repeated").asBoolean()).isFalse();
		assertThat(photoRows(id, other)).isEqualTo(1);
	}

	@Test
	void differentPhotosAreAllStoredAsBefore() throws Exception {
		Point p = fx.points("xiantao", 73, 1).get(0);
		long plan = fx.plan("xiantao", PlanKind.UNANNOUNCED, List.of(p), INSPECTOR);
		long id = inspection(plan, p, 1);
		long item = p.items().get(0).id();

		MockHttpServletResponse two = api(id, item, file("a.png", png(80, 60, 105)), file("b.png", png(80, 60, 106)));
		assertThat(two.getStatus()).as(two.getContentAsString()).isEqualTo(201);
		assertThat(photos(two)).hasSize(2);
		assertThat(photos(two).get(0).get("repeated").asBoolean()).isFalse();
		assertThat(photos(two).get(1).get("repeated").asBoolean()).isFalse();
		MockHttpServletResponse third = phone(id, item, file("c.png", png(80, 60, 107)));
		assertThat(third.getStatus()).isEqualTo(201);
		assertThat(photoRows(id, item)).isEqualTo(3);
		assertThat(photoAudits(id)).isEqualTo(2);
	}

}
