package cn.chuangwen.organization.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.organization.testing.OrgFixtures.NewAccount;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.TestClock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Personal API tokens: issue with the same factors as the web, use, revoke, expire (A8, A9, A11). */
@IntegrationTest
class ApiTokenIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiTokens tokens;

	@Autowired
	Accounts accounts;

	@Autowired
	Logins logins;

	@Autowired
	TestClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	OrgFixtures fixtures;

	@Test
	void aPasswordOnlyAccountGetsATokenThatOpensTheApi() throws Exception {
		MockHttpServletResponse issued = logins.token("xiantao.leader", OrgFixtures.DEMO_PASSWORD, null);
		assertThat(issued.getStatus()).isEqualTo(200);
		JsonNode body = json.readTree(issued.getContentAsString());
		String token = body.get("token").asString();
		Instant expiresAt = Instant.parse(body.get("expiresAt").asString());
		assertThat(token).startsWith("cw_").hasSizeGreaterThan(40);
		assertThat(expiresAt).isBetween(clock.instant().plus(Duration.ofDays(29)), clock.instant().plus(Duration.ofDays(31)));

		MockHttpServletResponse me = logins.me(token);
		assertThat(me.getStatus()).isEqualTo(200);
		JsonNode who = json.readTree(me.getContentAsString());
		assertThat(who.get("username").asString()).isEqualTo("xiantao.leader");
		assertThat(who.get("roles").values()).extracting(JsonNode::asString).containsExactly("CITY_LEADER");
		assertThat(who.get("cityCode").asString()).isEqualTo("xiantao");
		assertThat(who.has("unitId")).isTrue();
		assertThat(who.get("unitId").isNull()).isTrue();

		// a liaison's token carries its unit
		String liaison = json.readTree(logins.token("xiantao.liaison", OrgFixtures.DEMO_PASSWORD, null).getContentAsString())
			.get("token")
			.asString();
		assertThat(json.readTree(logins.me(liaison).getContentAsString()).get("unitId").asLong())
			.isEqualTo(fixtures.unitOf("xiantao.liaison"));
	}

	@Test
	void anAccountWithASecondFactorNeedsItsCode() throws Exception {
		MockHttpServletResponse without = logins.token("xiantao.office", OrgFixtures.DEMO_PASSWORD, null);
		assertThat(without.getStatus()).isEqualTo(401);
		assertThat(without.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(json.readTree(without.getContentAsString()).get("status").asInt()).isEqualTo(401);
		assertThat(json.readTree(without.getContentAsString()).has("token")).isFalse();

		MockHttpServletResponse wrongCode = logins.token("xiantao.office", OrgFixtures.DEMO_PASSWORD, "000000x");
		assertThat(wrongCode.getStatus()).isEqualTo(401);

		MockHttpServletResponse with = logins.token("xiantao.office", OrgFixtures.DEMO_PASSWORD, logins.nextTotp());
		assertThat(with.getStatus()).isEqualTo(200);
		String token = json.readTree(with.getContentAsString()).get("token").asString();
		assertThat(json.readTree(logins.me(token).getContentAsString()).get("roles").values()).extracting(JsonNode::asString)
			.containsExactly("CITY_OFFICE");
	}

	@Test
	void wrongPasswordAndUnknownUserAreRefusedAlike() throws Exception {
		MockHttpServletResponse wrong = logins.token("xiantao.inspector", "Wrong#Pass1", null);
		MockHttpServletResponse unknown = logins.token("nobody." + OrgFixtures.unique(), "Wrong#Pass1", null);
		assertThat(wrong.getStatus()).isEqualTo(401).isEqualTo(unknown.getStatus());
		assertThat(wrong.getContentAsString()).isEqualTo(unknown.getContentAsString());
		assertThat(wrong.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
	}

	@Test
	void anAccountThatMustChangeItsPasswordGetsNoToken() throws Exception {
		NewAccount fresh = fixtures.xiantaoLeader("tokenfresh");
		MockHttpServletResponse refused = logins.token(fresh.username(), fresh.password(), null);
		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(refused.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(fixtures.apiTokens(fresh.id())).isZero();
	}

	@Test
	void aRevokedTokenNoLongerWorks() throws Exception {
		NewAccount account = fixtures.activated(fixtures.xiantaoLeader("revoke"));
		String token = logins.issueToken(account);
		assertThat(logins.me(token).getStatus()).isEqualTo(200);
		long tokenId = jdbc.sql("select id from api_token where token_hash = :h")
			.param("h", ApiTokens.hash(token))
			.query(Long.class)
			.single();
		// another user cannot revoke it
		assertThat(tokens.revoke(logins.principal("xiantao.leader"), tokenId)).isFalse();
		assertThat(logins.me(token).getStatus()).isEqualTo(200);

		assertThat(tokens.revoke(fixtures.principal(account), tokenId)).isTrue();
		MockHttpServletResponse after = logins.me(token);
		assertThat(after.getStatus()).isEqualTo(401);
		assertThat(after.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(fixtures.auditCount("TOKEN_REVOKE", String.valueOf(tokenId))).isEqualTo(1);
	}

	@Test
	void aTokenExpiresAfterThirtyDays() throws Exception {
		NewAccount account = fixtures.activated(fixtures.xiantaoLeader("expire"));
		String token = logins.issueToken(account);
		Instant before = clock.instant();
		try {
			clock.advance(Duration.ofDays(29));
			assertThat(logins.me(token).getStatus()).isEqualTo(200);
			clock.advance(Duration.ofDays(2));
			assertThat(logins.me(token).getStatus()).isEqualTo(401);
		}
		finally {
			// other tests sign in demo accounts whose passwords expire after 90 days of test time
			clock.set(before);
		}
	}

	@Test
	void aDisabledAccountsTokenStopsWorking() throws Exception {
		NewAccount account = fixtures.activated(fixtures.xiantaoLeader("tokdisable"));
		String token = logins.issueToken(account);
		assertThat(logins.me(token).getStatus()).isEqualTo(200);
		accounts.setEnabled(logins.principal("admin.system"), account.id(), false, "离职");
		assertThat(logins.me(token).getStatus()).isEqualTo(401);
	}

	@Test
	void withoutAValidTokenTheApiAnswers401ProblemJson() throws Exception {
		for (String authorization : new String[] { null, "Bearer ", "Bearer cw_" + OrgFixtures.unique(),
				"Bearer not-a-token", "Basic eGlhbnRhby5sZWFkZXI6RGVtbyMyMDI2" }) {
			var request = get("/api/v1/me");
			if (authorization != null) {
				request.header(HttpHeaders.AUTHORIZATION, authorization);
			}
			MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
			assertThat(response.getStatus()).as(String.valueOf(authorization)).isEqualTo(401);
			assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			JsonNode problem = json.readTree(response.getContentAsString());
			assertThat(problem.get("status").asInt()).isEqualTo(401);
			assertThat(problem.get("detail").asString()).isNotBlank();
		}
	}

	@Test
	void theTokenIsStoredOnlyAsItsSha256() throws Exception {
		NewAccount account = fixtures.activated(fixtures.xiantaoLeader("hash"));
		String token = logins.issueToken(account);
		List<Map<String, Object>> rows = jdbc.sql("select * from api_token where user_id = :u")
			.param("u", account.id())
			.query()
			.listOfRows();
		assertThat(rows).hasSize(1);
		for (Object value : rows.get(0).values()) {
			assertThat(String.valueOf(value)).doesNotContain(token).doesNotContain(token.substring(3));
		}
		String stored = (String) rows.get(0).entrySet()
			.stream()
			.filter(e -> e.getKey().equalsIgnoreCase("token_hash"))
			.findFirst()
			.orElseThrow()
			.getValue();
		assertThat(stored).isNotEqualTo(token).matches("[0-9a-f]{64}");
		java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
		assertThat(stored).isEqualTo(java.util.HexFormat.of()
			.formatHex(sha.digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
	}

}
