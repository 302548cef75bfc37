package cn.chuangwen.publicity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.files.EvidenceFixtures;
import cn.chuangwen.support.ExifJpeg;
import cn.chuangwen.support.Logins;

/**
 * Creation news end to end (issue 12 §4, X10): a unit submits an item with a photo, the office
 * publishes it, the public page (no account), its photo (the EXIF-stripped copy, never the original)
 * and the RSS feed show it; the office returns another with a reason (400 without, 409 twice); bad
 * input is 400 with nothing stored; scope: another unit's item and another city's are 404, and what
 * is not published is not public. {@link CreationNews#latestForProject} reads a project's news.
 */
@IntegrationTest
class CreationNewsIntegrationTest {

	static final String OFFICE = "xiantao.office", DEPT = "xiantao.dept", TOWN = "xiantao.liaison";

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	CreationNews news;

	MockHttpServletResponse call(AbstractMockHttpServletRequestBuilder<?> request, String account) throws Exception {
		return mvc.perform(request.with(logins.as(account)).with(csrf())).andReturn().getResponse();
	}

	MockHttpServletResponse anonymous(AbstractMockHttpServletRequestBuilder<?> request) throws Exception {
		return mvc.perform(request).andReturn().getResponse();
	}

	JsonNode read(MockHttpServletResponse response) throws Exception {
		return json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
	}

	int count(String sql) {
		return jdbc.sql(sql).query(Integer.class).single();
	}

	List<Integer> footprint() {
		return List.of(count("select count(*) from publicity_news"), count("select count(*) from publicity_news_photo"),
				count("select count(*) from stored_file"),
				count("select count(*) from audit_event where action like 'NEWS%' or action = 'FILE_UPLOAD'"));
	}

	List<String> fields(MockHttpServletResponse r) throws Exception {
		List<String> out = new ArrayList<>();
		read(r).get("errors").forEach(e -> out.add(e.get("field").asString()));
		return out;
	}

	MockHttpServletResponse submit(String account, Map<String, String> params, MockMultipartFile... files)
			throws Exception {
		MockMultipartHttpServletRequestBuilder request = multipart("/api/v1/news");
		params.forEach(request::param);
		for (MockMultipartFile f : files) {
			request.file(f);
		}
		return call(request, account);
	}

	static MockMultipartFile photo() {
		// a phone's photo: a JPEG with the place and time it was taken in its EXIF
		return new MockMultipartFile("files", "现场.jpg", "image/jpeg",
				ExifJpeg.photo(64, 48).dateTimeOriginal("2026:05:01 09:30:00").place(30.36, 113.45).bytes());
	}

	@Test
	void aUnitSubmitsTheOfficePublishesAndAnyoneReadsIt() throws Exception {
		// bad input: 400 naming each field, nothing stored
		List<Integer> before = footprint();
		assertThat(fields(submit(DEPT, Map.of()))).containsExactlyInAnyOrder("title", "body");
		assertThat(fields(submit(DEPT, Map.of("title", "标".repeat(201), "body", "正文", "projectId", "abc"))))
			.containsExactlyInAnyOrder("title", "projectId");
		MockHttpServletResponse pdf = submit(DEPT, Map.of("title", "标题", "body", "正文"),
				new MockMultipartFile("files", "稿件.pdf", "application/pdf", EvidenceFixtures.pdf()));
		assertThat(pdf.getStatus()).isEqualTo(400);
		assertThat(fields(pdf)).containsExactly("files");
		assertThat(submit(OFFICE, Map.of("title", "标题", "body", "正文")).getStatus()).isEqualTo(403);
		assertThat(footprint()).isEqualTo(before);

		MockHttpServletResponse sent = submit(DEPT,
				Map.of("title", "测试：公益广告进社区", "body", "社区宣传栏更新公益广告 <b>12</b> 处。", "projectId", "424242"), photo());
		assertThat(sent.getStatus()).as(sent.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
		JsonNode item = read(sent);
		long id = item.get("id").asLong();
		assertThat(item.get("state").asString()).isEqualTo("SUBMITTED");
		assertThat(item.get("projectId").asLong()).isEqualTo(424242L);
		assertThat(item.get("photos").asInt()).isEqualTo(1);

		// not public before it is published
		assertThat(anonymous(get("/public/news/xiantao/{id}", id)).getStatus()).isEqualTo(404);
		assertThat(news.latestForProject(cityId("xiantao"), 424242L, 3)).isEmpty();
		// another unit and another city do not see it; the unit cannot review
		assertThat(call(get("/api/v1/news/{id}", id), TOWN).getStatus()).isEqualTo(404);
		assertThat(call(get("/api/v1/news/{id}", id), "tianmen.office").getStatus()).isEqualTo(404);
		assertThat(call(post("/api/v1/news/{id}/publish", id), "tianmen.office").getStatus()).isEqualTo(404);
		assertThat(call(post("/api/v1/news/{id}/publish", id), DEPT).getStatus()).isEqualTo(403);

		MockHttpServletResponse published = call(post("/api/v1/news/{id}/publish", id), OFFICE);
		assertThat(published.getStatus()).isEqualTo(200);
		assertThat(read(published).get("state").asString()).isEqualTo("PUBLISHED");
		assertThat(call(post("/api/v1/news/{id}/publish", id), OFFICE).getStatus()).isEqualTo(409);
		assertThat(call(post("/api/v1/news/{id}/return", id).contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\": \"晚了\"}"), OFFICE).getStatus()).isEqualTo(409);

		// the public list, the item, its photo (the copy without EXIF) and the feed, without an account
		String list = anonymous(get("/public/news/xiantao")).getContentAsString(StandardCharsets.UTF_8);
		assertThat(list).contains("测试：公益广告进社区", "仙桃市创建动态");
		String page = anonymous(get("/public/news/xiantao/{id}", id)).getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("社区宣传栏更新公益广告 &lt;b&gt;12&lt;/b&gt; 处。", "市委宣传部").doesNotContain("xiantao.dept");
		long copy = jdbc.sql("select public_file_id from publicity_news_photo where news_id = :n").param("n", id)
			.query(Long.class).single();
		long original = jdbc.sql("select file_id from publicity_news_photo where news_id = :n").param("n", id)
			.query(Long.class).single();
		MockHttpServletResponse image = anonymous(get("/public/news/xiantao/{id}/photos/{p}", id, copy));
		assertThat(image.getStatus()).isEqualTo(200);
		assertThat(new String(image.getContentAsByteArray(), StandardCharsets.ISO_8859_1)).doesNotContain("Exif");
		assertThat(anonymous(get("/public/news/xiantao/{id}/photos/{p}/thumbnail", id, copy)).getStatus()).isEqualTo(200);
		assertThat(anonymous(get("/public/news/xiantao/{id}/photos/{p}", id, original)).getStatus()).isEqualTo(404);
		assertThat(anonymous(get("/public/news/tianmen/{id}", id)).getStatus()).isEqualTo(404);
		assertThat(anonymous(get("/public/news/nowhere")).getStatus()).isEqualTo(404);
		MockHttpServletResponse rss = anonymous(get("/public/news/xiantao/rss.xml"));
		assertThat(rss.getContentType()).startsWith("application/rss+xml");
		assertThat(rss.getContentAsString(StandardCharsets.UTF_8)).contains("<rss version=\"2.0\"", "测试：公益广告进社区",
				"/public/news/xiantao/" + id, "&lt;b>12&lt;/b>");

		// the project page's read
		assertThat(news.latestForProject(cityId("xiantao"), 424242L, 3)).extracting(PublicNews::id).containsExactly(id);
		assertThat(news.latestForProject(cityId("tianmen"), 424242L, 3)).isEmpty();
	}

	@Test
	void theOfficeReturnsAnItemWithAReason() throws Exception {
		long id = read(submit(TOWN, Map.of("title", "测试：退回的稿件", "body", "内容不全"))).get("id").asLong();
		List<Integer> before = footprint();
		MockHttpServletResponse noReason = call(post("/api/v1/news/{id}/return", id).contentType(MediaType.APPLICATION_JSON)
			.content("{}"), OFFICE);
		assertThat(noReason.getStatus()).isEqualTo(400);
		assertThat(fields(noReason)).containsExactly("reason");
		assertThat(footprint()).isEqualTo(before);
		MockHttpServletResponse returned = call(post("/api/v1/news/{id}/return", id).contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\": \"请补充现场照片\"}"), OFFICE);
		assertThat(returned.getStatus()).isEqualTo(200);
		assertThat(read(returned).get("state").asString()).isEqualTo("RETURNED");
		assertThat(read(returned).get("returnReason").asString()).isEqualTo("请补充现场照片");
		assertThat(anonymous(get("/public/news/xiantao/{id}", id)).getStatus()).isEqualTo(404);
		// the unit sees why on its item
		assertThat(call(get("/publicity/news/{id}", id), TOWN).getContentAsString(StandardCharsets.UTF_8))
			.contains("请补充现场照片");
		// each unit lists its own items only; the office its city's, the waiting ones first
		List<String> town = new ArrayList<>();
		read(call(get("/api/v1/news").param("size", "100"), TOWN)).forEach(n -> town.add(n.get("unitName").asString()));
		assertThat(town).isNotEmpty().allMatch(u -> !u.equals("市委宣传部"));
		JsonNode office = read(call(get("/api/v1/news").param("state", "SUBMITTED"), OFFICE));
		office.forEach(n -> assertThat(n.get("state").asString()).isEqualTo("SUBMITTED"));
		assertThat(call(get("/api/v1/news").param("state", "LOST"), OFFICE).getStatus()).isEqualTo(400);
	}

	@Test
	void theDemoColumnHasPublishedItemsAndOneWaiting() throws Exception {
		for (String city : List.of("xiantao", "tianmen", "qianjiang")) {
			assertThat(count("select count(*) from publicity_news n join city c on c.id = n.city_id where c.code = '" + city
					+ "' and n.state = 'PUBLISHED'")).as(city).isGreaterThanOrEqualTo(5);
			assertThat(anonymous(get("/public/news/" + city)).getStatus()).isEqualTo(200);
		}
		assertThat(count("select count(*) from publicity_news where title = '文明交通劝导岗上岗' and state = 'SUBMITTED'"))
			.isEqualTo(3);
	}

	long cityId(String code) {
		return jdbc.sql("select id from city where code = :c").param("c", code).query(Long.class).single();
	}

}
