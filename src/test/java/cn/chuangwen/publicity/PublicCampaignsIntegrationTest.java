package cn.chuangwen.publicity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.Cookie;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.TestClock;

/**
 * Public campaigns end to end (issue 12 §4, T5): the office creates and publishes a campaign; anyone
 * sends entries within the device's limit; nothing is shown before the office approves it; anyone
 * votes once per device and day while it votes; the counts are public only once the office publishes
 * the results, after voting ends. A signature drive counts a device once. Bad input is 400 and
 * changes nothing; another city's campaign is 404; a draft or a withdrawn one is not public.
 */
@IntegrationTest
class PublicCampaignsIntegrationTest {

	static final String OFFICE = "xiantao.office";

	static final String COOKIE = "CWCAMPAIGN";

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
	PublicCampaigns campaigns;

	Instant restore;

	@BeforeEach
	void keepClock() {
		restore = clock.instant();
	}

	@AfterEach
	void restoreClock() {
		clock.set(restore);
	}

	MockHttpServletResponse call(AbstractMockHttpServletRequestBuilder<?> request, String account) throws Exception {
		return mvc.perform(request.with(logins.as(account)).with(csrf())).andReturn().getResponse();
	}

	/** A public request, with the device's cookie when it has one. */
	MockHttpServletResponse device(AbstractMockHttpServletRequestBuilder<?> request, Cookie cookie) throws Exception {
		if (cookie != null) {
			request.cookie(cookie);
		}
		return mvc.perform(request.with(csrf())).andReturn().getResponse();
	}

	JsonNode read(MockHttpServletResponse response) throws Exception {
		return json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
	}

	List<String> fields(MockHttpServletResponse r) throws Exception {
		List<String> out = new ArrayList<>();
		read(r).get("errors").forEach(e -> out.add(e.get("field").asString()));
		return out;
	}

	long count(String sql, long id) {
		return jdbc.sql(sql).param("id", id).query(Long.class).single();
	}

	long campaignsStored() {
		return jdbc.sql("select count(*) from public_campaign").query(Long.class).single();
	}

	MockHttpServletResponse create(String body) throws Exception {
		return call(post("/api/v1/campaigns").contentType(MediaType.APPLICATION_JSON).content(body), OFFICE);
	}

	String draft(String kind, LocalDate start, int collectDays, Integer voteDays, int limit) {
		LocalDate until = start.plusDays(collectDays);
		return "{\"kind\": \"" + kind + "\", \"title\": \"测试征集 " + kind + "\", \"description\": \"测试用活动。\","
				+ " \"startsOn\": \"" + start + "\", \"submitUntil\": \"" + until + "\", \"voteUntil\": "
				+ (voteDays == null ? "null" : "\"" + until.plusDays(voteDays) + "\"") + ", \"perDeviceLimit\": " + limit + "}";
	}

	MockHttpServletResponse send(long id, Cookie cookie, String content, String note) throws Exception {
		var request = post("/public/campaigns/xiantao/{id}/entries", id);
		if (content != null) {
			request.param("content", content);
		}
		if (note != null) {
			request.param("note", note);
		}
		return device(request, cookie);
	}

	MockHttpServletResponse vote(long id, Cookie cookie, String entryId) throws Exception {
		return device(post("/public/campaigns/xiantao/{id}/votes", id).param("entryId", entryId), cookie);
	}

	String page(long id, Cookie cookie) throws Exception {
		MockHttpServletResponse r = device(get("/public/campaigns/xiantao/{id}", id), cookie);
		assertThat(r.getStatus()).isEqualTo(200);
		return r.getContentAsString(StandardCharsets.UTF_8);
	}

	long entryId(long campaignId, String content) {
		return jdbc.sql("select id from public_campaign_entry where campaign_id = :c and content = :t")
			.param("c", campaignId)
			.param("t", content)
			.query(Long.class)
			.single();
	}

	void days(int n) {
		clock.advance(Duration.ofDays(n));
	}

	@Test
	void badCampaignsAre400AndStoreNothing() throws Exception {
		long before = campaignsStored();
		assertThat(fields(create("{}"))).containsExactlyInAnyOrder("kind", "title", "description", "startsOn",
				"submitUntil");
		LocalDate today = campaigns.today();
		assertThat(fields(create("{\"kind\": \"LOTTERY\", \"title\": \"" + "标".repeat(201) + "\", \"description\": \"说明\","
				+ " \"startsOn\": \"2026-13-01\", \"submitUntil\": \"" + today + "\", \"perDeviceLimit\": 99}")))
			.containsExactlyInAnyOrder("kind", "title", "startsOn", "perDeviceLimit");
		// entries close before the start, voting ends before entries close, no vote date for a vote
		assertThat(fields(create(draft("SLOGAN", today, -1, 5, 3)))).containsExactly("submitUntil");
		assertThat(fields(create(draft("SLOGAN", today, 5, 0, 3)))).containsExactly("voteUntil");
		assertThat(fields(create(draft("SITE_SELECTION", today, 5, null, 3)))).containsExactly("voteUntil");
		assertThat(fields(create(draft("SLOGAN", today, 400, 5, 3)))).containsExactly("submitUntil");
		assertThat(fields(create("{\"kind\": \"SLOGAN\", \"title\": \"t\\u0007\", \"description\": \"d\","
				+ " \"startsOn\": \"" + today + "\", \"submitUntil\": \"" + today + "\", \"voteUntil\": \"" + today.plusDays(1)
				+ "\"}"))).containsExactly("title");
		assertThat(create("{\"kind\": [1]}").getStatus()).isEqualTo(400);
		assertThat(create("not json").getStatus()).isEqualTo(400);
		// only the office creates
		assertThat(call(post("/api/v1/campaigns").contentType(MediaType.APPLICATION_JSON)
			.content(draft("SLOGAN", today, 5, 5, 3)), "xiantao.liaison").getStatus()).isEqualTo(403);
		assertThat(campaignsStored()).isEqualTo(before);
	}

	@Test
	void theLoopOfASloganSolicitation() throws Exception {
		LocalDate today = campaigns.today();
		MockHttpServletResponse created = create(draft("SLOGAN", today, 2, 3, 2));
		assertThat(created.getStatus()).as(created.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
		long id = read(created).get("id").asLong();
		assertThat(read(created).get("state").asString()).isEqualTo("DRAFT");
		assertThat(read(created).get("phase").asString()).isEqualTo("COLLECTING");

		// a draft is not public, and nobody can send to it; another city does not see it
		assertThat(device(get("/public/campaigns/xiantao/{id}", id), null).getStatus()).isEqualTo(404);
		assertThat(send(id, null, "草稿时的投稿", null).getStatus()).isEqualTo(404);
		assertThat(call(get("/api/v1/campaigns/{id}", id), "tianmen.office").getStatus()).isEqualTo(404);
		assertThat(call(post("/api/v1/campaigns/{id}/publish", id), "tianmen.office").getStatus()).isEqualTo(404);
		assertThat(call(post("/api/v1/campaigns/{id}/publish", id), "xiantao.liaison").getStatus()).isEqualTo(403);

		assertThat(call(post("/api/v1/campaigns/{id}/publish", id), OFFICE).getStatus()).isEqualTo(200);
		assertThat(call(post("/api/v1/campaigns/{id}/publish", id), OFFICE).getStatus()).isEqualTo(409);
		// another city's public page does not have it
		assertThat(device(get("/public/campaigns/tianmen/{id}", id), null).getStatus()).isEqualTo(404);
		assertThat(device(get("/public/campaigns/nowhere/{id}", id), null).getStatus()).isEqualTo(404);

		// a device sends: its first entry gives it the cookie
		MockHttpServletResponse first = send(id, null, "文明仙桃 人人共建", "写给家乡");
		assertThat(first.getStatus()).isEqualTo(302);
		Cookie phone = first.getCookie(COOKIE);
		assertThat(phone).isNotNull();
		assertThat(phone.isHttpOnly()).isTrue();
		assertThat(phone.getPath()).isEqualTo("/public/campaigns/");
		// bad input: 400, nothing stored
		long entries = count("select count(*) from public_campaign_entry where campaign_id = :id", id);
		assertThat(send(id, phone, "  ", null).getStatus()).isEqualTo(400);
		assertThat(send(id, phone, "长".repeat(201), null).getStatus()).isEqualTo(400);
		assertThat(send(id, phone, "好", "说".repeat(1001)).getStatus()).isEqualTo(400);
		assertThat(count("select count(*) from public_campaign_entry where campaign_id = :id", id)).isEqualTo(entries);
		// the second is the device's last; the third is refused
		assertThat(send(id, phone, "<script>alert(1)</script>", null).getStatus()).isEqualTo(302);
		MockHttpServletResponse third = send(id, phone, "第三条", null);
		assertThat(third.getStatus()).isEqualTo(409);
		assertThat(third.getContentAsString(StandardCharsets.UTF_8)).contains("每台设备最多投稿 2 条");
		// an edited cookie is not that device: it gets a new one
		Cookie forged = new Cookie(COOKIE, "A" + phone.getValue().substring(1));
		MockHttpServletResponse other = send(id, forged, "另一台设备", null);
		assertThat(other.getStatus()).isEqualTo(302);
		assertThat(other.getCookie(COOKIE).getValue()).isNotEqualTo(phone.getValue());
		assertThat(count("select count(*) from public_campaign_entry where campaign_id = :id", id)).isEqualTo(entries + 2);

		// nothing is shown before the office approves it; the device sees what it sent
		String waiting = page(id, phone);
		assertThat(waiting).doesNotContain("文明仙桃 人人共建").contains("您已提交 2 条");
		long good = entryId(id, "文明仙桃 人人共建");
		long script = entryId(id, "<script>alert(1)</script>");
		long third2 = entryId(id, "另一台设备");

		// moderation: a decision is needed, a rejection needs a reason, a second decision is 409
		String moderation = "/api/v1/campaigns/{id}/entries/{e}/moderation";
		assertThat(call(post(moderation, id, good).contentType(MediaType.APPLICATION_JSON).content("{}"), OFFICE)
			.getStatus()).isEqualTo(400);
		assertThat(call(post(moderation, id, script).contentType(MediaType.APPLICATION_JSON)
			.content("{\"decision\": \"REJECT\"}"), OFFICE).getStatus()).isEqualTo(400);
		assertThat(call(post(moderation, id, good).contentType(MediaType.APPLICATION_JSON)
			.content("{\"decision\": \"APPROVE\"}"), "tianmen.office").getStatus()).isEqualTo(404);
		assertThat(call(post(moderation, id, good).contentType(MediaType.APPLICATION_JSON)
			.content("{\"decision\": \"APPROVE\"}"), OFFICE).getStatus()).isEqualTo(200);
		assertThat(call(post(moderation, id, third2).contentType(MediaType.APPLICATION_JSON)
			.content("{\"decision\": \"APPROVE\"}"), OFFICE).getStatus()).isEqualTo(200);
		MockHttpServletResponse rejected = call(post(moderation, id, script).contentType(MediaType.APPLICATION_JSON)
			.content("{\"decision\": \"REJECT\", \"reason\": \"与活动无关\"}"), OFFICE);
		assertThat(read(rejected).get("state").asString()).isEqualTo("REJECTED");
		assertThat(call(post(moderation, id, good).contentType(MediaType.APPLICATION_JSON)
			.content("{\"decision\": \"REJECT\", \"reason\": \"改主意\"}"), OFFICE).getStatus()).isEqualTo(409);
		assertThat(call(post(moderation, id, 999_999_999L).contentType(MediaType.APPLICATION_JSON)
			.content("{\"decision\": \"APPROVE\"}"), OFFICE).getStatus()).isEqualTo(404);
		assertThat(page(id, phone)).contains("文明仙桃 人人共建").doesNotContain("alert(1)");

		// no vote while it collects
		assertThat(vote(id, phone, String.valueOf(good)).getStatus()).isEqualTo(409);

		// voting: once per device and day, only for a shown entry, without counts on the page
		days(3);
		assertThat(send(id, null, "晚了的投稿", null).getStatus()).isEqualTo(409);
		assertThat(vote(id, phone, "abc").getStatus()).isEqualTo(400);
		assertThat(vote(id, phone, String.valueOf(script)).getStatus()).isEqualTo(404);
		assertThat(vote(id, phone, String.valueOf(good)).getStatus()).isEqualTo(302);
		MockHttpServletResponse twice = vote(id, phone, String.valueOf(third2));
		assertThat(twice.getStatus()).isEqualTo(409);
		assertThat(twice.getContentAsString(StandardCharsets.UTF_8)).contains("您今天已经投过票了");
		assertThat(count("select votes from public_campaign_entry where id = :id", third2)).isZero();
		assertThat(page(id, phone)).doesNotContain("1 票");
		// a new device votes on the same day
		MockHttpServletResponse newcomer = vote(id, null, String.valueOf(good));
		assertThat(newcomer.getStatus()).isEqualTo(302);
		assertThat(newcomer.getCookie(COOKIE)).isNotNull();
		// the next day the phone votes again
		days(1);
		assertThat(vote(id, phone, String.valueOf(third2)).getStatus()).isEqualTo(302);
		assertThat(count("select votes from public_campaign_entry where id = :id", good)).isEqualTo(2);
		assertThat(count("select count(*) from public_campaign_vote where entry_id = :id", good)).isEqualTo(2);

		// results: not before voting ends; then the ranks and counts are public, once
		assertThat(call(post("/publicity/campaigns/{id}/results", id), OFFICE).getStatus()).isEqualTo(409);
		days(3);
		assertThat(vote(id, phone, String.valueOf(good)).getStatus()).isEqualTo(409);
		assertThat(page(id, null)).contains("结果将由市文明办公布").doesNotContain("2 票");
		assertThat(call(post("/publicity/campaigns/{id}/results", id), OFFICE).getStatus()).isEqualTo(302);
		assertThat(call(post("/publicity/campaigns/{id}/results", id), OFFICE).getStatus()).isEqualTo(409);
		String results = page(id, null);
		assertThat(results).contains("第 1 名", "2 票（67%）", "1 票（33%）");
		assertThat(results.indexOf("文明仙桃 人人共建")).isLessThan(results.indexOf("另一台设备"));
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'CAMPAIGN_RESULTS_PUBLISH' and object_id = :id")
			.param("id", String.valueOf(id))
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'CAMPAIGN_VOTE' and object_id = :id")
			.param("id", String.valueOf(good))
			.query(Long.class)
			.single()).isEqualTo(2);

		// the office's workbook lists every entry with its state and votes
		MockHttpServletResponse export = call(get("/publicity/campaigns/{id}/entries.xlsx", id), OFFICE);
		assertThat(export.getStatus()).isEqualTo(200);
		try (var book = new XSSFWorkbook(new ByteArrayInputStream(export.getContentAsByteArray()))) {
			var sheet = book.getSheetAt(0);
			assertThat(sheet.getLastRowNum()).isEqualTo(1 + 3);
			assertThat(sheet.getRow(2).getCell(1).getStringCellValue()).isEqualTo("文明仙桃 人人共建");
			assertThat(sheet.getRow(2).getCell(5).getNumericCellValue()).isEqualTo(2.0);
		}

		// withdrawn: a reason is needed; then it is not public any more
		assertThat(call(post("/publicity/campaigns/{id}/withdraw", id), OFFICE).getStatus()).isEqualTo(400);
		assertThat(call(post("/publicity/campaigns/{id}/withdraw", id).param("reason", "测试结束"), OFFICE).getStatus())
			.isEqualTo(302);
		assertThat(device(get("/public/campaigns/xiantao/{id}", id), null).getStatus()).isEqualTo(404);
	}

	@Test
	void aSignatureDriveCountsADeviceOnce() throws Exception {
		LocalDate today = campaigns.today();
		long id = read(create(draft("SIGNATURE", today, 10, null, 5))).get("id").asLong();
		assertThat(call(get("/api/v1/campaigns/{id}", id), OFFICE).getContentAsString(StandardCharsets.UTF_8))
			.contains("\"perDeviceLimit\":1");
		call(post("/api/v1/campaigns/{id}/publish", id), OFFICE);
		MockHttpServletResponse signed = send(id, null, null, null);
		assertThat(signed.getStatus()).isEqualTo(302);
		Cookie phone = signed.getCookie(COOKIE);
		assertThat(page(id, phone)).contains("已有 1 人签名", "您已签名");
		MockHttpServletResponse again = send(id, phone, "再签一次", null);
		assertThat(again.getStatus()).isEqualTo(409);
		assertThat(again.getContentAsString(StandardCharsets.UTF_8)).contains("您已经签过名了");
		// a message waits for the office but the signature counts at once
		assertThat(send(id, null, "支持创文", null).getStatus()).isEqualTo(302);
		assertThat(page(id, null)).contains("已有 2 人签名").doesNotContain("支持创文");
		// no vote and no office entry for a signature drive
		assertThat(vote(id, phone, String.valueOf(entryId(id, "支持创文"))).getStatus()).isEqualTo(409);
		assertThat(call(post("/publicity/campaigns/{id}/entries", id).param("content", "办公室"), OFFICE).getStatus())
			.isEqualTo(409);
	}

	@Test
	void aSiteSelectionNamesTheRegistrysSitesOfItsCity() throws Exception {
		LocalDate today = campaigns.today();
		long id = read(create(draft("SITE_SELECTION", today, 5, 5, 2))).get("id").asLong();
		long slogans = read(create(draft("SLOGAN", today, 5, 5, 2))).get("id").asLong();
		long park = jdbc.sql("select id from demonstration_site where name = '沔阳公园'").query(Long.class).single();
		long tianmens = jdbc.sql("select id from demonstration_site where name = '陆羽公园'").query(Long.class).single();
		String add = "/publicity/campaigns/{id}/entries";
		long before = count("select count(*) from public_campaign_entry where campaign_id = :id", id);
		// another city's site, a made-up id, a site in a slogan solicitation: 400, nothing stored
		assertThat(call(post(add, id).param("siteId", String.valueOf(tianmens)), OFFICE).getStatus()).isEqualTo(400);
		assertThat(call(post(add, id).param("siteId", "1e9"), OFFICE).getStatus()).isEqualTo(400);
		assertThat(call(post(add, slogans).param("siteId", String.valueOf(park)).param("content", "公园"), OFFICE)
			.getStatus()).isEqualTo(400);
		assertThat(count("select count(*) from public_campaign_entry where campaign_id = :id", id)).isEqualTo(before);
		// a candidate of the registry: its name is the entry's, shown at once; naming it twice is 409
		assertThat(call(post(add, id).param("siteId", String.valueOf(park)).param("note", "园林局推荐"), OFFICE).getStatus())
			.isEqualTo(302);
		assertThat(jdbc.sql("select content || '|' || site_id || '|' || state from public_campaign_entry where campaign_id = "
				+ id).query(String.class).single()).isEqualTo("沔阳公园|" + park + "|APPROVED");
		assertThat(call(post(add, id).param("siteId", String.valueOf(park)), OFFICE).getStatus()).isEqualTo(409);
		String page = call(get("/publicity/campaigns/{id}", id), OFFICE).getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("/publicity/sites/" + park, "登记的示范点");
	}

	@Test
	void thePublicsWayInListsTheCitiesAndACitysOpenCampaigns() throws Exception {
		String cities = device(get("/public"), null).getContentAsString(StandardCharsets.UTF_8);
		assertThat(cities).contains("href=\"/public/tianmen\"", "href=\"/public/xiantao\"", "href=\"/public/qianjiang\"");
		MockHttpServletResponse tianmen = device(get("/public/tianmen"), null);
		assertThat(tianmen.getStatus()).isEqualTo(200);
		// the open ones (voting, signing), not the ended one nor another city's
		assertThat(tianmen.getContentAsString(StandardCharsets.UTF_8))
			.contains("2026 年度文明创建示范点评选", "文明创建万人签名", "/public/reports/tianmen/new", "/public/sites/tianmen")
			.doesNotContain("天门市文明城市创建用语征集", "仙桃市民文明公约征集");
		assertThat(device(get("/public/nowhere"), null).getStatus()).isEqualTo(404);
	}

	@Test
	void theDemoHasTianmensCampaignsInEachPhase() throws Exception {
		String list = device(get("/public/campaigns/tianmen"), null).getContentAsString(StandardCharsets.UTF_8);
		assertThat(list).contains("天门市文明城市创建用语征集", "2026 年度文明创建示范点评选", "文明创建万人签名");
		long slogans = jdbc.sql("select id from public_campaign where title = '天门市文明城市创建用语征集'").query(Long.class).single();
		String results = device(get("/public/campaigns/tianmen/{id}", slogans), null)
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(results).contains("第 1 名", "文明天门 你我共建").doesNotContain("代办各类证件");
		// a draft of Qianjiang is not public
		assertThat(device(get("/public/campaigns/qianjiang"), null).getContentAsString(StandardCharsets.UTF_8))
			.doesNotContain("小手拉大手");
	}

}
