package cn.chuangwen.participation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.support.Logins;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 11 §4: the office issues Open311 keys to partner apps (name, contact, a limit per minute),
 * sees each key once, keeps only its hash, revokes it; every issue and revocation is traced; another
 * city's key is 404; bad input is 400 and stores nothing. The demo keys of the README work.
 */
@IntegrationTest
class PartnerKeysIntegrationTest {

	static final String OFFICE = "qianjiang.office";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	Logins logins;

	@Autowired
	PartnerKeys keys;

	long keyCount() {
		return jdbc.sql("select count(*) from open311_partner_key").query(Long.class).single();
	}

	long audits(String action, long keyId) {
		return jdbc.sql("select count(*) from audit_event where action = :a and object_type = 'open311Key' and object_id = :id")
			.param("a", action)
			.param("id", String.valueOf(keyId))
			.query(Long.class)
			.single();
	}

	@Test
	void theOfficeIssuesAKeyShownOnceStoredHashedAndTraced() throws Exception {
		MockHttpServletResponse issued = mvc.perform(post("/api/v1/open311-keys").with(logins.as(OFFICE))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"潜江随手拍 App\",\"contact\":\"李四 13800001111\",\"requestsPerMinute\":30}"))
			.andReturn()
			.getResponse();
		assertThat(issued.getStatus()).as(issued.getContentAsString()).isEqualTo(201);
		assertThat(issued.getHeader("Cache-Control")).contains("no-store");
		JsonNode body = json.readTree(issued.getContentAsString());
		String apiKey = body.get("apiKey").asString();
		long id = body.get("key").get("id").asLong();
		assertThat(apiKey).startsWith(PartnerKeys.KEY_PREFIX).hasSizeGreaterThan(40);
		assertThat(body.get("key").get("requestsPerMinute").asInt()).isEqualTo(30);
		assertThat(body.get("key").get("keyPrefix").asString()).isEqualTo(apiKey.substring(0, 12));

		// only the hash is stored; the list and the detail never show the key again
		String stored = jdbc.sql("select key_hash from open311_partner_key where id = :id").param("id", id)
			.query(String.class).single();
		assertThat(stored).isNotEqualTo(apiKey).doesNotContain(apiKey).hasSize(64);
		String list = mvc.perform(get("/api/v1/open311-keys").with(logins.as(OFFICE))).andReturn().getResponse()
			.getContentAsString();
		assertThat(list).contains("潜江随手拍 App").doesNotContain(apiKey).doesNotContain(stored);
		assertThat(mvc.perform(get("/api/v1/open311-keys/{id}", id).with(logins.as(OFFICE))).andReturn().getResponse()
			.getContentAsString()).doesNotContain(apiKey);
		String page = mvc.perform(get("/participation/partners").with(logins.as(OFFICE))).andReturn().getResponse()
			.getContentAsString();
		assertThat(page).contains("潜江随手拍 App").contains(apiKey.substring(0, 12)).doesNotContain(apiKey);
		assertThat(audits("OPEN311_KEY_ISSUE", id)).isEqualTo(1);

		// the key works for Open311 at once
		assertThat(keys.authenticate(cityId("qianjiang"), apiKey)).isPresent();
		assertThat(keys.authenticate(cityId("xiantao"), apiKey)).isEmpty();

		// revoked: refused, still listed, traced; a second revocation is 409 and changes nothing
		MockHttpServletResponse revoked = mvc.perform(post("/api/v1/open311-keys/{id}/revoke", id).with(logins.as(OFFICE))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\":\"合作结束\"}")).andReturn().getResponse();
		assertThat(revoked.getStatus()).isEqualTo(200);
		assertThat(json.readTree(revoked.getContentAsString()).get("revokeReason").asString()).isEqualTo("合作结束");
		assertThat(keys.authenticate(cityId("qianjiang"), apiKey)).isEmpty();
		assertThat(audits("OPEN311_KEY_REVOKE", id)).isEqualTo(1);
		assertThat(mvc.perform(post("/api/v1/open311-keys/{id}/revoke", id).with(logins.as(OFFICE))
			.contentType(MediaType.APPLICATION_JSON).content("{}")).andReturn().getResponse().getStatus()).isEqualTo(409);
		assertThat(audits("OPEN311_KEY_REVOKE", id)).isEqualTo(1);
	}

	@Test
	void anotherCitysKeyIsNotFoundAndStaysActive() throws Exception {
		var issued = keys.issue(logins.principal(OFFICE), new PartnerKeys.PartnerDraft("跨市测试", "周八 13800002222", 10));
		long id = issued.key().id();
		assertThat(mvc.perform(get("/api/v1/open311-keys/{id}", id).with(logins.as("tianmen.office"))).andReturn()
			.getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(post("/api/v1/open311-keys/{id}/revoke", id).with(logins.as("tianmen.office"))
			.contentType(MediaType.APPLICATION_JSON).content("{}")).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(post("/participation/partners/{id}/revoke", id).with(logins.as("tianmen.office")).with(csrf()))
			.andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(get("/api/v1/open311-keys").with(logins.as("tianmen.office"))).andReturn().getResponse()
			.getContentAsString()).doesNotContain("跨市测试");
		assertThat(keys.authenticate(cityId("qianjiang"), issued.apiKey())).isPresent();
		assertThat(audits("OPEN311_KEY_REVOKE", id)).isZero();
	}

	@Test
	void badInputIs400AndStoresNothing() throws Exception {
		long before = keyCount();
		for (String body : new String[] { "{}", "{\"name\":\" \",\"contact\":\"x\"}", "{\"name\":\"x\",\"contact\":\"\"}",
				"{\"name\":\"x\",\"contact\":\"y\",\"requestsPerMinute\":0}",
				"{\"name\":\"x\",\"contact\":\"y\",\"requestsPerMinute\":10001}",
				"{\"name\":\"" + "名".repeat(101) + "\",\"contact\":\"y\"}" }) {
			MockHttpServletResponse r = mvc.perform(post("/api/v1/open311-keys").with(logins.as(OFFICE))
				.contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse();
			assertThat(r.getStatus()).as(body).isEqualTo(400);
			assertThat(r.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		}
		MockHttpServletResponse page = mvc.perform(post("/participation/partners").with(logins.as(OFFICE)).with(csrf())
			.param("name", "").param("contact", "王五").param("requestsPerMinute", "abc")).andReturn().getResponse();
		assertThat(page.getStatus()).isEqualTo(400);
		assertThat(page.getContentAsString()).contains("error-summary").contains("王五");
		assertThat(keyCount()).isEqualTo(before);
		var k = keys.issue(logins.principal(OFFICE), new PartnerKeys.PartnerDraft("原因过长", "x", null));
		assertThat(k.key().requestsPerMinute()).isEqualTo(PartnerKeys.DEFAULT_PER_MINUTE);
		assertThat(mvc.perform(post("/api/v1/open311-keys/{id}/revoke", k.key().id()).with(logins.as(OFFICE))
			.contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"" + "长".repeat(1001) + "\"}")).andReturn()
			.getResponse().getStatus()).isEqualTo(400);
		assertThat(keys.get(logins.principal(OFFICE), k.key().id()).revoked()).isFalse();
	}

	@Test
	void thePageIssuesAKeyOnceAndRevokesIt() throws Exception {
		MockHttpServletResponse issued = mvc.perform(post("/participation/partners").with(logins.as(OFFICE)).with(csrf())
			.param("name", "页面发放测试").param("contact", "孙九 13800003333").param("requestsPerMinute", "20"))
			.andReturn()
			.getResponse();
		assertThat(issued.getStatus()).isEqualTo(200);
		assertThat(issued.getHeader("Cache-Control")).contains("no-store");
		String html = issued.getContentAsString();
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("id=\"issued-api-key\"[^>]*value=\"(o311_[^\"]+)\"").matcher(html);
		assertThat(m.find()).as(html).isTrue();
		String apiKey = m.group(1);
		assertThat(keys.authenticate(cityId("qianjiang"), apiKey)).isPresent();
		// shown once: the next view of the page has only its beginning
		String again = mvc.perform(get("/participation/partners").with(logins.as(OFFICE))).andReturn().getResponse()
			.getContentAsString();
		assertThat(again).contains("页面发放测试").doesNotContain(apiKey);
		long id = jdbc.sql("select id from open311_partner_key where name = '页面发放测试'").query(Long.class).single();
		MockHttpServletResponse revoked = mvc.perform(post("/participation/partners/{id}/revoke", id).with(logins.as(OFFICE))
			.with(csrf()).param("reason", "密钥泄露")).andReturn().getResponse();
		assertThat(revoked.getStatus()).isEqualTo(302);
		assertThat(keys.authenticate(cityId("qianjiang"), apiKey)).isEmpty();
		assertThat(keys.get(logins.principal(OFFICE), id).revokeReason()).isEqualTo("密钥泄露");
		// without the CSRF token nothing happens
		long other = keys.issue(logins.principal(OFFICE), new PartnerKeys.PartnerDraft("CSRF", "x", 5)).key().id();
		assertThat(mvc.perform(post("/participation/partners/{id}/revoke", other).with(logins.as(OFFICE))).andReturn()
			.getResponse().getStatus()).isEqualTo(403);
		assertThat(keys.get(logins.principal(OFFICE), other).revoked()).isFalse();
	}

	@Test
	void everyDemoCityHasItsDocumentedKey() {
		for (String city : new String[] { "qianjiang", "xiantao", "tianmen" }) {
			assertThat(keys.authenticate(cityId(city), "demo-" + city + "-open311-key")).as(city).isPresent();
		}
	}

	long cityId(String code) {
		return jdbc.sql("select id from city where code = :c").param("c", code).query(Long.class).single();
	}

}
