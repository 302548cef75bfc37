package cn.chuangwen.participation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.xml.parsers.DocumentBuilderFactory;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.GpsDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.files.StoredFile;
import cn.chuangwen.organization.Units;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.support.Logins;

/**
 * The exposure column (issue 11 §3, §6): what the public gets of a published problem is only the
 * public copies of its photos (no EXIF at all, the marked regions pixelated), the unit and the
 * current state; unpublishing takes it off the page, the photos and the feed, and is traced; another
 * city's office cannot publish; bad input changes nothing.
 */
@IntegrationTest
class ExposureIntegrationTest {

	static final String REGION = "0.25,0.25,0.5,0.5";

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	Problems problems;

	@Autowired
	Units units;

	@Autowired
	ExposureColumn column;

	@Autowired
	EvidenceStore files;

	@Autowired
	JdbcClient jdbc;

	ExposureFixtures fixtures;

	@BeforeEach
	void setUp() {
		fixtures = new ExposureFixtures(problems, units, logins);
	}

	MockHttpServletRequestBuilder publishRequest(ExposureFixtures.Made p, String title, String body) {
		return publishRequest(p, title, body, REGION);
	}

	MockHttpServletRequestBuilder publishRequest(ExposureFixtures.Made p, String title, String body, String beforeRegions) {
		return post("/participation/exposure/problems/{id}", p.id()).with(csrf())
			.with(logins.as("xiantao.office"))
			.param("title", title)
			.param("body", body)
			.param("beforePhotos", Long.toString(p.beforePhotoId()))
			.param("afterPhotos", Long.toString(p.afterPhotoId()))
			.param("regions-" + p.beforePhotoId(), beforeRegions);
	}

	long publish(ExposureFixtures.Made p, String title) throws Exception {
		MockHttpServletResponse r = mvc.perform(publishRequest(p, title, "垃圾堆积，已督促整改。")).andReturn().getResponse();
		assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(302);
		return column.itemOfProblem(logins.principal("xiantao.office"), p.id()).orElseThrow().id();
	}

	byte[] anonymous(String url) throws Exception {
		MockHttpServletResponse r = mvc.perform(get(url)).andReturn().getResponse();
		assertThat(r.getStatus()).as(url).isEqualTo(200);
		return r.getContentAsByteArray();
	}

	int status(String url) throws Exception {
		return mvc.perform(get(url)).andReturn().getResponse().getStatus();
	}

	String page(String url) throws Exception {
		return new String(anonymous(url), StandardCharsets.UTF_8);
	}

	@Test
	void thePublicCopyOfTheAfterPhotoHasNoExifWhileTheOriginalHasItsGpsPosition() throws Exception {
		ExposureFixtures.Made p = fixtures.closed("河堤垃圾 " + ExposureFixtures.RANDOM.nextInt());
		long id = publish(p, "河堤垃圾堆积");
		PublicExposure e = column.publishedItem(column.city("xiantao"), id);
		assertThat(e.afterPhotos()).hasSize(1);
		byte[] copy = anonymous("/public/exposure/xiantao/" + id + "/photos/" + e.afterPhotos().get(0));
		Metadata published = ImageMetadataReader.readMetadata(new ByteArrayInputStream(copy));
		assertThat(published.getFirstDirectoryOfType(GpsDirectory.class)).isNull();
		List<String> exif = directories(published).stream().filter(d -> d instanceof ExifDirectoryBase)
			.map(Directory::getName).toList();
		assertThat(exif).as("EXIF directories of the public copy").isEmpty();

		StoredFile original = files.find(p.afterFileId()).orElseThrow();
		try (InputStream in = files.open(original)) {
			GpsDirectory gps = ImageMetadataReader.readMetadata(in).getFirstDirectoryOfType(GpsDirectory.class);
			assertThat(gps).isNotNull();
			assertThat(gps.getGeoLocation().getLatitude()).isCloseTo(ExposureFixtures.LAT, org.assertj.core.data.Offset.offset(1e-4));
		}
		// and the page shows the unit and the state, read from the problem
		String html = page("/public/exposure/xiantao/" + id);
		assertThat(html).contains("河堤垃圾堆积").contains(e.unitName()).contains("已整改");
	}

	@Test
	void thePublicReadsTheProblemsStateAsItIsNowNotAsItWasWhenPublished() throws Exception {
		ExposureFixtures.Made p = fixtures.withoutAfter("未整改 " + ExposureFixtures.RANDOM.nextInt());
		MockHttpServletResponse r = mvc.perform(post("/participation/exposure/problems/{id}", p.id()).with(csrf())
				.with(logins.as("xiantao.office")).param("title", "小区绿地被圈占").param("body", "已督促整改。")
				.param("beforePhotos", Long.toString(p.beforePhotoId()))).andReturn().getResponse();
		assertThat(r.getStatus()).isEqualTo(302);
		long id = column.itemOfProblem(logins.principal("xiantao.office"), p.id()).orElseThrow().id();
		String url = "/public/exposure/xiantao/" + id;
		assertThat(page(url)).contains("待整改").contains("尚无整改后照片");
		problems.sign(logins.principal("xiantao.liaison"), p.id());
		assertThat(page(url)).contains("整改中").doesNotContain("待整改");
	}

	@Test
	void aHiddenRegionIsPixelatedAndTheRestOfThePhotoIsNot() throws Exception {
		ExposureFixtures.Made p = fixtures.closed("占道 " + ExposureFixtures.RANDOM.nextInt());
		long id = publish(p, "商户占道经营");
		PublicExposure e = column.publishedItem(column.city("xiantao"), id);
		byte[] copy = anonymous("/public/exposure/xiantao/" + id + "/photos/" + e.beforePhotos().get(0));
		byte[] original;
		try (InputStream in = files.open(files.find(p.beforeFileId()).orElseThrow())) {
			original = in.readAllBytes();
		}
		double inside = ExposureFixtures.variance(original, 0.25, 0.25, 0.5, 0.5);
		double hidden = ExposureFixtures.variance(copy, 0.25, 0.25, 0.5, 0.5);
		double outside = ExposureFixtures.variance(copy, 0.0, 0.0, 0.2, 0.2);
		assertThat(hidden).as("variance inside the region, original %.0f", inside).isLessThan(inside / 10);
		assertThat(outside).as("variance outside the region").isGreaterThan(inside / 3);
		// the after photo had no region: full of detail still
		byte[] after = anonymous("/public/exposure/xiantao/" + id + "/photos/" + e.afterPhotos().get(0));
		assertThat(ExposureFixtures.variance(after, 0.25, 0.25, 0.5, 0.5)).isGreaterThan(inside / 3);
	}

	@Test
	void republishingWithNewRegionsReplacesTheCopies() throws Exception {
		ExposureFixtures.Made p = fixtures.closed("乱停 " + ExposureFixtures.RANDOM.nextInt());
		long id = publish(p, "非机动车乱停放");
		long firstCopy = column.publishedItem(column.city("xiantao"), id).beforePhotos().get(0);
		MockHttpServletResponse r = mvc.perform(publishRequest(p, "非机动车乱停放（更新）", "已整改。", "0,0,0.2,0.2"))
			.andReturn()
			.getResponse();
		assertThat(r.getStatus()).isEqualTo(302);
		ExposureItem item = column.item(logins.principal("xiantao.office"), id);
		assertThat(item.title()).isEqualTo("非机动车乱停放（更新）");
		assertThat(item.before().get(0).regions()).isEqualTo("0.0000,0.0000,0.2000,0.2000");
		assertThat(status("/public/exposure/xiantao/" + id + "/photos/" + firstCopy)).isEqualTo(404);
		assertThat(trace(id, "EXPOSURE_EDIT")).isEqualTo(1);
	}

	@Test
	void unpublishingTakesItOffThePageThePhotosAndTheFeedAndIsTraced() throws Exception {
		String title = "绿化带白色垃圾 " + ExposureFixtures.RANDOM.nextInt(1_000_000);
		ExposureFixtures.Made p = fixtures.closed(title);
		long id = publish(p, title);
		long photo = column.publishedItem(column.city("xiantao"), id).beforePhotos().get(0);
		assertThat(page("/public/exposure/xiantao")).contains(title);
		assertThat(page("/public/exposure/xiantao/rss.xml")).contains(title);
		assertThat(trace(id, "EXPOSURE_PUBLISH")).isEqualTo(1);

		// no reason: refused, still published
		MockHttpServletResponse refused = mvc.perform(post("/participation/exposure/{id}/unpublish", id).with(csrf())
				.with(logins.as("xiantao.office")).param("reason", " ")).andReturn().getResponse();
		assertThat(refused.getStatus()).isEqualTo(400);
		assertThat(refused.getContentAsString()).contains("id=\"unpublish-" + id + "-reason-error\"");
		assertThat(status("/public/exposure/xiantao/" + id)).isEqualTo(200);

		MockHttpServletResponse r = mvc.perform(post("/participation/exposure/{id}/unpublish", id).with(csrf())
				.with(logins.as("xiantao.office")).param("reason", "责任单位申请复核")).andReturn().getResponse();
		assertThat(r.getStatus()).isEqualTo(302);
		assertThat(status("/public/exposure/xiantao/" + id)).isEqualTo(404);
		assertThat(status("/public/exposure/xiantao/" + id + "/photos/" + photo)).isEqualTo(404);
		assertThat(page("/public/exposure/xiantao")).doesNotContain(title);
		assertThat(page("/public/exposure/xiantao/rss.xml")).doesNotContain(title);
		assertThat(trace(id, "EXPOSURE_UNPUBLISH")).isEqualTo(1);
		assertThat(jdbc.sql("select reason from audit_event where object_type = 'exposureItem' and object_id = :id"
				+ " and action = 'EXPOSURE_UNPUBLISH'").param("id", Long.toString(id)).query(String.class).single())
			.isEqualTo("责任单位申请复核");
		assertThat(column.item(logins.principal("xiantao.office"), id).unpublishReason()).isEqualTo("责任单位申请复核");
	}

	@Test
	void anotherCitysOfficeCannotPublishThisCitysProblem() throws Exception {
		ExposureFixtures.Made p = fixtures.closed("他市 " + ExposureFixtures.RANDOM.nextInt());
		for (String url : List.of("/participation/exposure/problems/" + p.id())) {
			assertThat(mvc.perform(get(url).with(logins.as("tianmen.office"))).andReturn().getResponse().getStatus())
				.isEqualTo(404);
		}
		MockHttpServletResponse r = mvc.perform(post("/participation/exposure/problems/{id}", p.id()).with(csrf())
				.with(logins.as("tianmen.office")).param("title", "x").param("body", "y")
				.param("beforePhotos", Long.toString(p.beforePhotoId()))).andReturn().getResponse();
		assertThat(r.getStatus()).isEqualTo(404);
		assertThat(items(p.id())).isZero();
		// a unit's liaison may read the problem but not publish it
		assertThat(mvc.perform(post("/participation/exposure/problems/{id}", p.id()).with(csrf())
				.with(logins.as("xiantao.liaison")).param("title", "x").param("body", "y")
				.param("beforePhotos", Long.toString(p.beforePhotoId()))).andReturn().getResponse().getStatus())
			.isEqualTo(403);
		assertThat(items(p.id())).isZero();
		// another city's address of a published item is 404 too
		long id = publish(p, "跨市测试");
		assertThat(status("/public/exposure/tianmen/" + id)).isEqualTo(404);
		// nor take it off
		assertThat(mvc.perform(post("/participation/exposure/{id}/unpublish", id).with(csrf())
				.with(logins.as("tianmen.office")).param("reason", "不是我们的")).andReturn().getResponse().getStatus())
			.isEqualTo(404);
		assertThat(status("/public/exposure/xiantao/" + id)).isEqualTo(200);
		assertThat(status("/public/exposure/nowhere")).isEqualTo(404);
	}

	@Test
	void badInputGetsFieldErrorsAndChangesNothing() throws Exception {
		ExposureFixtures.Made p = fixtures.closed("坏输入 " + ExposureFixtures.RANDOM.nextInt());
		ExposureFixtures.Made open = fixtures.withoutAfter("无整改照片 " + ExposureFixtures.RANDOM.nextInt());
		long filesBefore = jdbc.sql("select count(*) from stored_file").query(Long.class).single();
		String tooMany = IntStream.range(0, 21).mapToObj(i -> "0.01,0.01,0.02,0.02").collect(Collectors.joining(";"));
		record Case(String what, MockHttpServletRequestBuilder request, String field, long problem) {
		}
		List<Case> cases = List.of(
				new Case("region outside 0..1", publishRequest(p, "标题", "说明", "0.8,0.8,0.5,0.5"),
						"regions-" + p.beforePhotoId(), p.id()),
				new Case("negative region", publishRequest(p, "标题", "说明").param("regions-" + p.afterPhotoId(), "-0.1,0,0.5,0.5"),
						"regions-" + p.afterPhotoId(), p.id()),
				new Case("not numbers", publishRequest(p, "标题", "说明").param("regions-" + p.afterPhotoId(), "a,b,c,d"),
						"regions-" + p.afterPhotoId(), p.id()),
				new Case("too many regions", publishRequest(p, "标题", "说明").param("regions-" + p.afterPhotoId(), tooMany),
						"regions-" + p.afterPhotoId(), p.id()),
				new Case("text too long", publishRequest(p, "标题", "长".repeat(ExposureColumn.MAX_BODY + 1)), "body", p.id()),
				new Case("title too long", publishRequest(p, "长".repeat(ExposureColumn.MAX_TITLE + 1), "说明"), "title", p.id()),
				new Case("no title", publishRequest(p, " ", "说明"), "title", p.id()),
				new Case("a before photo as the after photo of a problem without after photos",
						post("/participation/exposure/problems/{id}", open.id()).with(csrf()).with(logins.as("xiantao.office"))
							.param("title", "标题").param("body", "说明")
							.param("beforePhotos", Long.toString(open.beforePhotoId()))
							.param("afterPhotos", Long.toString(open.beforePhotoId())),
						"afterPhotos", open.id()),
				new Case("another problem's photo", publishRequest(p, "标题", "说明").param("afterPhotos", Long.toString(open.beforePhotoId())),
						"afterPhotos", p.id()),
				new Case("no before photo", post("/participation/exposure/problems/{id}", p.id()).with(csrf())
						.with(logins.as("xiantao.office")).param("title", "标题").param("body", "说明"), "beforePhotos", p.id()));
		for (Case c : cases) {
			MockHttpServletResponse r = mvc.perform(c.request()).andReturn().getResponse();
			assertThat(r.getStatus()).as(c.what()).isEqualTo(400);
			String html = r.getContentAsString();
			assertThat(html).as(c.what()).contains("class=\"error-summary\"").contains("id=\"" + c.field() + "-error\"");
			assertThat(items(c.problem())).as(c.what()).isZero();
		}
		assertThat(jdbc.sql("select count(*) from stored_file").query(Long.class).single()).as("no copy kept").isEqualTo(filesBefore);
	}

	@Test
	void theFeedIsRss2WithEscapedTextAndAbsoluteLinks() throws Exception {
		ExposureFixtures.Made p = fixtures.closed("订阅 " + ExposureFixtures.RANDOM.nextInt());
		String title = "<script>alert(1)</script> & \"引号\" " + ExposureFixtures.RANDOM.nextInt(1_000_000);
		long id = publish(p, title);
		MockHttpServletResponse r = mvc.perform(get("/public/exposure/xiantao/rss.xml")).andReturn().getResponse();
		assertThat(r.getStatus()).isEqualTo(200);
		assertThat(r.getContentType()).startsWith("application/rss+xml");
		assertThat(r.getContentAsString(StandardCharsets.UTF_8)).doesNotContain("<script>");
		var factory = DocumentBuilderFactory.newInstance();
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		Document feed = factory.newDocumentBuilder().parse(new ByteArrayInputStream(r.getContentAsByteArray()));
		assertThat(feed.getDocumentElement().getTagName()).isEqualTo("rss");
		assertThat(feed.getDocumentElement().getAttribute("version")).isEqualTo("2.0");
		NodeList items = feed.getElementsByTagName("item");
		assertThat(items.getLength()).isPositive();
		boolean found = false;
		for (int i = 0; i < items.getLength(); i++) {
			var item = (org.w3c.dom.Element) items.item(i);
			String link = item.getElementsByTagName("link").item(0).getTextContent();
			assertThat(link).startsWith("http://").contains("/public/exposure/xiantao/");
			if (item.getElementsByTagName("title").item(0).getTextContent().equals(title)) {
				found = true;
				assertThat(link).endsWith("/public/exposure/xiantao/" + id);
				assertThat(item.getElementsByTagName("pubDate").item(0).getTextContent()).endsWith("GMT");
			}
		}
		assertThat(found).as("the item with its title as written").isTrue();
	}

	@Test
	void theDemoHasTwentyItemsPerCityOneOfThemTakenOff() {
		for (String city : List.of("xiantao", "tianmen", "qianjiang")) {
			long published = jdbc.sql("""
					select count(*) from exposure_item e join city c on c.id = e.city_id
					where c.code = :c and e.published_by = :office""")
				.param("c", city).param("office", city + ".office").query(Long.class).single();
			assertThat(published).as(city).isGreaterThanOrEqualTo(20);
			assertThat(jdbc.sql("""
					select count(*) from exposure_item e join city c on c.id = e.city_id
					where c.code = :c and e.published = false and e.unpublish_reason is not null""")
				.param("c", city).query(Long.class).single()).as(city).isGreaterThanOrEqualTo(1);
			assertThat(jdbc.sql("""
					select count(*) from exposure_photo ph join city c on c.id = ph.city_id
					where c.code = :c and ph.regions is not null""")
				.param("c", city).query(Long.class).single()).as(city).isPositive();
		}
	}

	long items(long problemId) {
		return jdbc.sql("select count(*) from exposure_item where problem_id = :p").param("p", problemId)
			.query(Long.class).single();
	}

	long trace(long itemId, String action) {
		return jdbc.sql("select count(*) from audit_event where object_type = 'exposureItem' and object_id = :id and action = :a")
			.param("id", Long.toString(itemId)).param("a", action).query(Long.class).single();
	}

	static List<Directory> directories(Metadata metadata) {
		List<Directory> all = new java.util.ArrayList<>();
		metadata.getDirectories().forEach(all::add);
		return all;
	}

}
