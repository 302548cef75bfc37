package cn.chuangwen.publicity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.files.EvidenceFixtures;
import cn.chuangwen.support.ExifJpeg;
import cn.chuangwen.support.Logins;

/**
 * Demonstration sites end to end (issue 12 §4, T5): the office records a site (a candidate), edits
 * it naming the version it read (409 when stale), adds a phone's photo, names it, withdraws it with a
 * reason; the public pages show named sites only, with the EXIF-stripped copies of their photos.
 * Bad input is 400 naming each field with nothing stored; another city's site is 404; a unit's
 * liaison reads its city's sites but records none (403).
 */
@IntegrationTest
class DemonstrationSitesIntegrationTest {

	static final String OFFICE = "xiantao.office", LIAISON = "xiantao.liaison", DEPT = "xiantao.dept",
			OTHER = "tianmen.office";

	static final String API = "/api/v1/demonstration-sites";

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	DemonstrationSites sites;

	MockHttpServletResponse call(AbstractMockHttpServletRequestBuilder<?> request, String account) throws Exception {
		return mvc.perform(request.with(logins.as(account)).with(csrf())).andReturn().getResponse();
	}

	MockHttpServletResponse anonymous(AbstractMockHttpServletRequestBuilder<?> request) throws Exception {
		return mvc.perform(request).andReturn().getResponse();
	}

	MockHttpServletResponse send(AbstractMockHttpServletRequestBuilder<?> request, String account, Object body)
			throws Exception {
		return call(request.contentType(MediaType.APPLICATION_JSON)
			.content(body instanceof String s ? s : json.writeValueAsString(body)), account);
	}

	JsonNode read(MockHttpServletResponse response) throws Exception {
		return json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
	}

	String text(MockHttpServletResponse response) throws Exception {
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

	List<String> fields(MockHttpServletResponse r) throws Exception {
		assertThat(r.getStatus()).as(text(r)).isEqualTo(400);
		List<String> out = new ArrayList<>();
		read(r).get("errors").forEach(e -> out.add(e.get("field").asString()));
		return out;
	}

	long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

	List<Long> footprint() {
		return List.of(count("select count(*) from demonstration_site"),
				count("select count(*) from demonstration_site_photo"), count("select count(*) from stored_file"),
				count("select count(*) from audit_event where action like 'SITE%' or action = 'FILE_UPLOAD'"));
	}

	long unit(String code) {
		return jdbc.sql("select id from unit where code = :c").param("c", code).query(Long.class).single();
	}

	long city(String code) {
		return jdbc.sql("select id from city where code = :c").param("c", code).query(Long.class).single();
	}

	Map<String, Object> site(String name) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name);
		body.put("kind", "SCHOOL");
		body.put("unitId", unit("XT-D04"));
		body.put("address", "仙桃市干河街道文明路 1 号");
		body.put("latitude", 30.366012);
		body.put("longitude", 113.448731);
		body.put("description", "校园文明宣传<b>长廊</b>，每月评选文明班级。");
		return body;
	}

	static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
		Map<String, Object> copy = new LinkedHashMap<>(body);
		copy.put(key, value);
		return copy;
	}

	static MockMultipartFile photo() {
		// a phone's photo: a JPEG with the place and time it was taken in its EXIF
		return new MockMultipartFile("files", "示范点.jpg", "image/jpeg",
				ExifJpeg.photo(64, 48).dateTimeOriginal("2026:05:01 09:30:00").place(30.36, 113.45).bytes());
	}

	@Test
	void theOfficeRecordsEditsNamesAndWithdrawsASite() throws Exception {
		// bad input: 400 naming each field, nothing stored
		List<Long> before = footprint();
		assertThat(fields(send(post(API), OFFICE, "{}"))).containsExactlyInAnyOrder("name", "kind", "unitId", "address",
				"latitude", "longitude", "description");
		Map<String, Object> good = site("测试：文明路小学");
		assertThat(fields(send(post(API), OFFICE, with(good, "name", " ")))).containsExactly("name");
		assertThat(fields(send(post(API), OFFICE, with(good, "name", "名".repeat(101))))).containsExactly("name");
		assertThat(fields(send(post(API), OFFICE, with(good, "latitude", 91)))).containsExactly("latitude");
		assertThat(fields(send(post(API), OFFICE, with(good, "longitude", -180.5)))).containsExactly("longitude");
		assertThat(fields(send(post(API), OFFICE, with(good, "latitude", 30.1234567)))).containsExactly("latitude");
		assertThat(fields(send(post(API), OFFICE, with(good, "kind", "PALACE")))).containsExactly("kind");
		assertThat(fields(send(post(API), OFFICE, with(good, "unitId", unit("TM-D04"))))).containsExactly("unitId");
		assertThat(fields(send(post(API), OFFICE, with(good, "unitId", Long.MAX_VALUE)))).containsExactly("unitId");
		assertThat(fields(send(post(API), OFFICE, with(good, "description", "长".repeat(2001)))))
			.containsExactly("description");
		assertThat(fields(send(post(API), OFFICE, with(good, "yearNamed", 1800)))).containsExactly("yearNamed");
		assertThat(fields(send(post(API), OFFICE, with(good, "yearNamed", sites.thisYear() + 1))))
			.containsExactly("yearNamed");
		assertThat(fields(send(post(API), OFFICE, with(good, "address", "址".repeat(201))))).containsExactly("address");
		// a huge number and wrong JSON types: refused, never a 500
		String huge = json.writeValueAsString(good).replace("30.366012", "1E+500000000");
		assertThat(fields(send(post(API), OFFICE, huge))).containsExactly("latitude");
		assertThat(send(post(API), OFFICE, with(good, "latitude", "north")).getStatus()).isEqualTo(400);
		assertThat(send(post(API), OFFICE, with(good, "unitId", "abc")).getStatus()).isEqualTo(400);
		assertThat(send(post(API), OFFICE, "[1, 2").getStatus()).isEqualTo(400);
		// a liaison reads but does not record; neither does the province
		assertThat(send(post(API), LIAISON, good).getStatus()).isEqualTo(403);
		assertThat(send(post(API), DEPT, good).getStatus()).isEqualTo(403);
		assertThat(send(post(API), "hubei.office", good).getStatus()).isEqualTo(403);
		assertThat(footprint()).isEqualTo(before);

		MockHttpServletResponse created = send(post(API), OFFICE, good);
		assertThat(created.getStatus()).as(text(created)).isEqualTo(201);
		JsonNode s = read(created);
		long id = s.get("id").asLong();
		assertThat(created.getHeader("Location")).isEqualTo(API + "/" + id);
		assertThat(s.get("state").asString()).isEqualTo("CANDIDATE");
		assertThat(s.get("kind").asString()).isEqualTo("SCHOOL");
		assertThat(s.get("unitName").asString()).isEqualTo("市教育局");
		assertThat(s.get("latitude").decimalValue()).isEqualByComparingTo("30.366012");
		assertThat(s.get("version").asInt()).isZero();
		// the same name again in the city: 400
		assertThat(fields(send(post(API), OFFICE, good))).containsExactly("name");

		// a liaison of the city reads it; another city does not see it, nor changes it
		assertThat(call(get(API + "/{id}", id), LIAISON).getStatus()).isEqualTo(200);
		assertThat(call(get(API + "/{id}", id), OTHER).getStatus()).isEqualTo(404);
		assertThat(call(get("/publicity/sites/{id}", id), OTHER).getStatus()).isEqualTo(404);
		assertThat(send(put(API + "/{id}", id), OTHER, with(good, "version", 0)).getStatus()).isEqualTo(404);
		assertThat(send(post(API + "/{id}/state", id), OTHER, Map.of("state", "NAMED")).getStatus()).isEqualTo(404);
		assertThat(call(multipart(API + "/{id}/photos", id).file(photo()), OTHER).getStatus()).isEqualTo(404);
		assertThat(call(get(API + "/{id}", Long.MAX_VALUE), OFFICE).getStatus()).isEqualTo(404);
		assertThat(send(put(API + "/{id}", id), LIAISON, with(good, "version", 0)).getStatus()).isEqualTo(403);

		// edit from the version read; a stale version is 409 and changes nothing; no version is 400
		Map<String, Object> edit = with(with(good, "version", 0), "address", "仙桃市干河街道文明路 3 号");
		MockHttpServletResponse saved = send(put(API + "/{id}", id), OFFICE, edit);
		assertThat(saved.getStatus()).as(text(saved)).isEqualTo(200);
		assertThat(read(saved).get("address").asString()).isEqualTo("仙桃市干河街道文明路 3 号");
		assertThat(read(saved).get("version").asInt()).isEqualTo(1);
		MockHttpServletResponse stale = send(put(API + "/{id}", id), OFFICE, with(edit, "address", "别处"));
		assertThat(stale.getStatus()).isEqualTo(409);
		assertThat(stale.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(fields(send(put(API + "/{id}", id), OFFICE, good))).containsExactly("version");
		assertThat(fields(send(put(API + "/{id}", id), OFFICE, with(edit, "latitude", 91)))).containsExactly("latitude");
		assertThat(read(call(get(API + "/{id}", id), OFFICE)).get("address").asString()).isEqualTo("仙桃市干河街道文明路 3 号");
		// the form's save from a stale version: 409, what was typed kept, the page on the saved version
		MockHttpServletResponse stalePage = call(post("/publicity/sites/{id}", id).param("version", "0")
			.param("name", "测试：文明路小学").param("kind", "SCHOOL").param("unitId", String.valueOf(unit("XT-D04")))
			.param("address", "表单里的新地址").param("latitude", "30.366012").param("longitude", "113.448731")
			.param("description", "说明"), OFFICE);
		assertThat(stalePage.getStatus()).isEqualTo(409);
		assertThat(text(stalePage)).contains("刚被别人修改过", "value=\"表单里的新地址\"", "name=\"version\" value=\"1\"");
		assertThat(call(get("/publicity/sites/{id}/edit", id), OTHER).getStatus()).isEqualTo(404);

		// a candidate is not public
		assertThat(anonymous(get("/public/sites/xiantao/{id}", id)).getStatus()).isEqualTo(404);
		assertThat(text(anonymous(get("/public/sites/xiantao")))).doesNotContain("测试：文明路小学");
		// but a selection may name it
		assertThat(sites.selectable(city("xiantao"), id)).map(SiteSummary::name).contains("测试：文明路小学");

		// photos: not a photo is 400 and stores nothing; a phone's photo is kept, its public copy made
		before = footprint();
		MockHttpServletResponse pdf = call(multipart(API + "/{id}/photos", id)
			.file(new MockMultipartFile("files", "方案.pdf", "application/pdf", EvidenceFixtures.pdf())), OFFICE);
		assertThat(fields(pdf)).containsExactly("files");
		MockHttpServletResponse text = call(multipart(API + "/{id}/photos", id)
			.file(new MockMultipartFile("files", "photo.jpg", "image/jpeg", "not a picture".getBytes())), OFFICE);
		assertThat(fields(text)).containsExactly("files");
		assertThat(fields(call(multipart(API + "/{id}/photos", id), OFFICE))).containsExactly("files");
		assertThat(call(multipart(API + "/{id}/photos", id).file(photo()), LIAISON).getStatus()).isEqualTo(403);
		assertThat(footprint()).isEqualTo(before);
		MockHttpServletResponse added = call(multipart(API + "/{id}/photos", id).file(photo()), OFFICE);
		assertThat(added.getStatus()).as(text(added)).isEqualTo(200);
		assertThat(read(added).get("photos")).hasSize(1);
		long original = read(added).get("photos").get(0).get("fileId").asLong();
		long copy = read(added).get("photos").get(0).get("publicFileId").asLong();

		// named: public, with this year as the year named; the public copy has no EXIF, the original is not public
		assertThat(fields(send(post(API + "/{id}/state", id), OFFICE, Map.of("state", "FAMOUS")))).containsExactly("state");
		assertThat(fields(send(post(API + "/{id}/state", id), OFFICE, "{}"))).containsExactly("state");
		MockHttpServletResponse named = send(post(API + "/{id}/state", id), OFFICE, Map.of("state", "NAMED"));
		assertThat(named.getStatus()).as(text(named)).isEqualTo(200);
		assertThat(read(named).get("state").asString()).isEqualTo("NAMED");
		assertThat(read(named).get("yearNamed").asInt()).isEqualTo(sites.thisYear());
		assertThat(send(post(API + "/{id}/state", id), OFFICE, Map.of("state", "NAMED")).getStatus()).isEqualTo(409);
		String list = text(anonymous(get("/public/sites/xiantao")));
		assertThat(list).contains("测试：文明路小学", "仙桃市创建示范点");
		String page = text(anonymous(get("/public/sites/xiantao/{id}", id)));
		assertThat(page).contains("测试：文明路小学", "校园文明宣传&lt;b&gt;长廊&lt;/b&gt;", "市教育局", "仙桃市干河街道文明路 3 号")
			.doesNotContain("xiantao.office");
		MockHttpServletResponse image = anonymous(get("/public/sites/xiantao/{id}/photos/{p}", id, copy));
		assertThat(image.getStatus()).isEqualTo(200);
		assertThat(image.getContentType()).isEqualTo("image/jpeg");
		assertThat(new String(image.getContentAsByteArray(), StandardCharsets.ISO_8859_1)).doesNotContain("Exif");
		assertThat(anonymous(get("/public/sites/xiantao/{id}/photos/{p}/thumbnail", id, copy)).getStatus()).isEqualTo(200);
		assertThat(anonymous(get("/public/sites/xiantao/{id}/photos/{p}", id, original)).getStatus()).isEqualTo(404);
		assertThat(anonymous(get("/public/sites/tianmen/{id}", id)).getStatus()).isEqualTo(404);
		assertThat(anonymous(get("/public/sites/tianmen/{id}/photos/{p}", id, copy)).getStatus()).isEqualTo(404);
		assertThat(anonymous(get("/public/sites/nowhere")).getStatus()).isEqualTo(404);
		JsonNode points = json.readTree(text(anonymous(get("/public/sites/xiantao/{id}/map.json", id))));
		assertThat(points).hasSize(1);
		assertThat(points.get(0).get("lat").asDouble()).isEqualTo(30.366012);
		// the office sees the original, with its EXIF
		MockHttpServletResponse office = call(get("/publicity/sites/{id}/photos/{f}", id, original), OFFICE);
		assertThat(office.getStatus()).isEqualTo(200);
		assertThat(new String(office.getContentAsByteArray(), StandardCharsets.ISO_8859_1)).contains("Exif");
		assertThat(call(get("/publicity/sites/{id}/photos/{f}", id, original), OTHER).getStatus()).isEqualTo(404);
		assertThat(sites.selectable(city("xiantao"), id)).map(SiteSummary::name).contains("测试：文明路小学");
		assertThat(sites.selectable(city("xiantao"))).extracting(SiteSummary::id).contains(id);
		assertThat(sites.selectable(city("tianmen"), id)).isEmpty();

		// withdrawn: a reason is required; then not public; a withdrawn site becomes a candidate again, never named directly
		before = footprint();
		assertThat(fields(send(post(API + "/{id}/state", id), OFFICE, Map.of("state", "WITHDRAWN")))).containsExactly("reason");
		assertThat(fields(send(post(API + "/{id}/state", id), OFFICE, Map.of("state", "WITHDRAWN", "reason", "因".repeat(501)))))
			.containsExactly("reason");
		assertThat(footprint()).isEqualTo(before);
		MockHttpServletResponse withdrawn = send(post(API + "/{id}/state", id), OFFICE,
				Map.of("state", "WITHDRAWN", "reason", "复查不达标"));
		assertThat(withdrawn.getStatus()).isEqualTo(200);
		assertThat(read(withdrawn).get("withdrawnReason").asString()).isEqualTo("复查不达标");
		assertThat(anonymous(get("/public/sites/xiantao/{id}", id)).getStatus()).isEqualTo(404);
		assertThat(anonymous(get("/public/sites/xiantao/{id}/photos/{p}", id, copy)).getStatus()).isEqualTo(404);
		assertThat(sites.selectable(city("xiantao"), id)).isEmpty();
		assertThat(send(post(API + "/{id}/state", id), OFFICE, Map.of("state", "NAMED")).getStatus()).isEqualTo(409);

		// the trace, in words on the site's page
		assertThat(jdbc.sql("select action from audit_event where object_type = 'demonstrationSite' and object_id = '" + id
				+ "' and outcome = 'SUCCESS' order by id").query(String.class).list())
			.containsExactly("SITE_CREATE", "SITE_UPDATE", "SITE_PHOTOS", "SITE_STATE", "SITE_STATE");
		String sitePage = text(call(get("/publicity/sites/{id}", id), OFFICE));
		assertThat(sitePage).contains("登记示范点", "修改示范点", "变更示范点状态", "复查不达标", "学校", "已命名", "已撤销",
				"仙桃市干河街道文明路 1 号 → 仙桃市干河街道文明路 3 号");
	}

	@Test
	void listsFilterPageAndExport() throws Exception {
		MockHttpServletResponse schools = call(get(API).param("kind", "SCHOOL").param("size", "2"), LIAISON);
		assertThat(schools.getStatus()).isEqualTo(200);
		assertThat(Long.parseLong(schools.getHeader("X-Total-Count"))).isGreaterThanOrEqualTo(1);
		read(schools).forEach(s -> assertThat(s.get("kind").asString()).isEqualTo("SCHOOL"));
		read(call(get(API).param("state", "CANDIDATE"), OFFICE))
			.forEach(s -> assertThat(s.get("state").asString()).isEqualTo("CANDIDATE"));
		// the city's sites only; the province every city's
		read(call(get(API).param("size", "500"), OFFICE)).forEach(s -> assertThat(s.get("cityId").asLong())
			.isEqualTo(city("xiantao")));
		assertThat(Long.parseLong(call(get(API), "hubei.office").getHeader("X-Total-Count")))
			.isGreaterThan(Long.parseLong(call(get(API), OFFICE).getHeader("X-Total-Count")));
		MockHttpServletResponse paged = call(get(API).param("size", "2"), OFFICE);
		assertThat(read(paged)).hasSize(2);
		assertThat(paged.getHeader("Link")).contains("rel=\"next\"");
		assertThat(fields(call(get(API).param("kind", "PALACE"), OFFICE))).containsExactly("kind");
		assertThat(fields(call(get(API).param("state", "LOST").param("page", "0"), OFFICE)))
			.containsExactlyInAnyOrder("state", "page");
		assertThat(call(get(API), "xiantao.supervisor").getStatus()).isEqualTo(403);

		// the office's pages: a wrong filter in the address is ignored, never an error
		String list = text(call(get("/publicity/sites").param("kind", "PALACE").param("state", "NAMED"), LIAISON));
		assertThat(list).contains("示范点", "钱沟路农贸市场").doesNotContain("沔阳公园", "登记示范点");
		assertThat(text(call(get("/publicity/sites"), OFFICE))).contains("登记示范点", "沔阳公园", "/publicity/sites.xlsx");
		MockHttpServletResponse xlsx = call(get("/publicity/sites.xlsx").param("kind", "MARKET"), OFFICE);
		assertThat(xlsx.getStatus()).isEqualTo(200);
		assertThat(xlsx.getContentType()).startsWith("application/vnd.openxmlformats");
		assertThat(xlsx.getContentAsByteArray()).startsWith(new byte[] { 'P', 'K' });
		JsonNode points = json.readTree(text(call(get("/publicity/sites/map.json").param("state", "CANDIDATE"), OFFICE)));
		assertThat(points).isNotEmpty();
		points.forEach(p -> assertThat(p.get("colour").asString()).isEqualTo("blue"));
		// the form's bad input is shown beside the fields, with what was typed
		MockHttpServletResponse form = call(multipart("/publicity/sites").param("name", "测试：表单").param("latitude", "91")
			.param("longitude", "东经"), OFFICE);
		assertThat(form.getStatus()).isEqualTo(400);
		assertThat(text(form)).contains("错误：", "纬度应在 -90 到 90 之间", "请填写数字", "请选择类型", "value=\"测试：表单\"");
		assertThat(call(get("/publicity/sites/new"), LIAISON).getStatus()).isEqualTo(403);
	}

	@Test
	void theDemoHasNamedSitesOfEachKindAndOneCandidatePerCity() throws Exception {
		for (String city : List.of("xiantao", "tianmen", "qianjiang")) {
			String where = "from demonstration_site s join city c on c.id = s.city_id where c.code = '" + city + "'";
			assertThat(count("select count(*) " + where + " and s.state = 'NAMED' and s.year_named is not null"))
				.as(city).isGreaterThanOrEqualTo(5);
			assertThat(count("select count(*) " + where + " and s.state = 'CANDIDATE' and s.name not like '测试%'"))
				.as(city).isEqualTo(1);
			assertThat(count("select count(distinct s.kind) " + where)).as(city).isEqualTo(7);
			assertThat(anonymous(get("/public/sites/" + city)).getStatus()).isEqualTo(200);
		}
		String xiantao = text(anonymous(get("/public/sites/xiantao")));
		assertThat(xiantao).contains("仙桃市第一人民医院", "仙桃市政务服务中心").doesNotContain("沔阳公园");
		long park = count("select id from demonstration_site where name = '沔阳公园'");
		assertThat(anonymous(get("/public/sites/xiantao/{id}", park)).getStatus()).isEqualTo(404);
		// a candidate is no public site, but a selection may name it
		assertThat(sites.selectable(city("xiantao"))).extracting(SiteSummary::name).contains("沔阳公园", "沙嘴街道新华社区");
	}

}
