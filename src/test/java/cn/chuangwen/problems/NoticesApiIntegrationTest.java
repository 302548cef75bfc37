package cn.chuangwen.problems;

import java.time.Duration;
import java.util.Random;

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
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.ReviewFixtures;
import cn.chuangwen.support.TestClock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Issue 8 §3: rectification notices and supervision letters, numbered, printed, signed for and answered. */
@IntegrationTest
class NoticesApiIntegrationTest {

	static final Random RANDOM = new Random();

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

	UnitView community() {
		CurrentUser liaison = logins.principal("xiantao.liaison");
		return units.create(logins.principal("xiantao.office"),
				new UnitDraft("N" + Math.abs(RANDOM.nextLong() % 1_000_000_000L), "通知社区" + RANDOM.nextInt(100000),
						UnitKind.COMMUNITY, liaison.unitId(), "社区", false, null, null, null));
	}

	long problem(long unitId, boolean dispatch) throws Exception {
		String body = """
				{"source": "INSPECTION", "category": "占道经营", "title": "流动摊贩占道", "severity": "SERIOUS",
				 "unitId": %d, "address": "仙桃大道", "dispatch": %s}""".formatted(unitId, dispatch);
		String answer = mvc.perform(post("/api/v1/problems").with(logins.as("xiantao.office"))
			.contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return json.readTree(answer).get("id").asLong();
	}

	ResultActions issue(String kind, long unitId, String problemIds, String deadline) throws Exception {
		String body = """
				{"kind": "%s", "unitId": %d, "problemIds": [%s], "deadline": "%s", "requirements": "逐项整改，附整改前后照片"}"""
			.formatted(kind, unitId, problemIds, deadline);
		return mvc.perform(post("/api/v1/notices").with(logins.as("xiantao.office"))
			.contentType(MediaType.APPLICATION_JSON).content(body));
	}

	String inThreeDays() {
		return clock.instant().plus(Duration.ofDays(3)).toString();
	}

	long notices() {
		return jdbc.sql("select count(*) from problem_notice").query(Long.class).single();
	}

	@Test
	void aNoticeIsNumberedPrintedAndSignedForOnce() throws Exception {
		UnitView unit = community();
		long a = problem(unit.id(), true);
		long b = problem(unit.id(), true);
		String answer = issue("RECTIFICATION", unit.id(), a + ", " + b, inThreeDays())
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		JsonNode issued = json.readTree(answer);
		long id = issued.get("id").asLong();
		assertThat(issued.get("number").asString()).matches("仙创整〔20\\d\\d〕\\d+号");
		mvc.perform(get("/api/v1/notices/{id}", id).with(logins.as("xiantao.liaison")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.problemIds.length()").value(2))
			.andExpect(jsonPath("$.receivedAt").doesNotExist());
		byte[] pdf = mvc.perform(get("/api/v1/notices/{id}/pdf", id).with(logins.as("xiantao.liaison")))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_PDF))
			.andReturn().getResponse().getContentAsByteArray();
		assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
		// another unit, another city: not even visible
		mvc.perform(get("/api/v1/notices/{id}", id).with(logins.as("xiantao.dept"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/notices/{id}/pdf", id).with(logins.as("tianmen.office"))).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/notices/{id}/receipt", id).with(logins.as("xiantao.dept"))).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/notices/{id}/receipt", id).with(logins.as("xiantao.liaison")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.receivedBy").value("xiantao.liaison"));
		mvc.perform(post("/api/v1/notices/{id}/receipt", id).with(logins.as("xiantao.liaison")))
			.andExpect(status().isConflict());
		// the next notice of the city takes the next number
		String next = issue("RECTIFICATION", unit.id(), Long.toString(a), inThreeDays())
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		assertThat(seq(json.readTree(next).get("number").asString())).isEqualTo(seq(issued.get("number").asString()) + 1);
	}

	@Test
	void aSupervisionLetterHasItsOwnNumbersAndTakesOneReplyWithEvidence() throws Exception {
		UnitView unit = community();
		long a = problem(unit.id(), true);
		String answer = issue("SUPERVISION", unit.id(), Long.toString(a), inThreeDays())
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		long id = json.readTree(answer).get("id").asLong();
		assertThat(json.readTree(answer).get("number").asString()).matches("仙创督〔20\\d\\d〕\\d+号");
		var pdf = new MockMultipartFile("files", "回复.pdf", "application/pdf",
				"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF".getBytes());
		mvc.perform(multipart("/api/v1/notices/{id}/reply", id).file(pdf).with(logins.as("xiantao.liaison")))
			.andExpect(status().isBadRequest());
		mvc.perform(multipart("/api/v1/notices/{id}/reply", id).file(pdf).param("text", "已全部整改到位")
			.with(logins.as("xiantao.liaison")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.replyText").value("已全部整改到位"))
			.andExpect(jsonPath("$.receivedBy").value("xiantao.liaison"));
		mvc.perform(multipart("/api/v1/notices/{id}/reply", id).param("text", "再次回复").with(logins.as("xiantao.liaison")))
			.andExpect(status().isConflict());
		assertThat(jdbc.sql("select count(*) from problem_notice_file where notice_id = :n").param("n", id)
			.query(Integer.class).single()).isEqualTo(1);
		// a rectification notice takes no reply
		String notice = issue("RECTIFICATION", unit.id(), Long.toString(a), inThreeDays())
			.andReturn().getResponse().getContentAsString();
		mvc.perform(multipart("/api/v1/notices/{id}/reply", json.readTree(notice).get("id").asLong())
			.param("text", "回复").with(logins.as("xiantao.liaison")))
			.andExpect(status().isConflict());
	}

	@Test
	void badNoticesAreRefusedAndNothingIsIssued() throws Exception {
		UnitView unit = community();
		UnitView other = community();
		long mine = problem(unit.id(), true);
		long theirs = problem(other.id(), true);
		long pending = problem(unit.id(), false);
		long before = notices();
		issue("RECTIFICATION", unit.id(), mine + ", " + theirs, inThreeDays()).andExpect(status().isBadRequest());
		issue("RECTIFICATION", unit.id(), Long.toString(pending), inThreeDays()).andExpect(status().isBadRequest());
		issue("RECTIFICATION", unit.id(), Long.toString(mine), "2020-01-01").andExpect(status().isBadRequest());
		issue("WARNING", unit.id(), Long.toString(mine), inThreeDays()).andExpect(status().isBadRequest());
		issue("RECTIFICATION", unit.id(), "", inThreeDays()).andExpect(status().isBadRequest());
		issue("RECTIFICATION", logins.principal("tianmen.liaison").unitId(), Long.toString(mine), inThreeDays())
			.andExpect(status().isNotFound());
		issue("RECTIFICATION", unit.id(), Long.toString(Long.MAX_VALUE), inThreeDays()).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/notices").with(logins.as("xiantao.liaison")).contentType(MediaType.APPLICATION_JSON)
			.content("{}")).andExpect(status().isForbidden());
		assertThat(notices()).isEqualTo(before);
	}

	@Test
	void theTownsLiaisonIsToldToSignForANoticeToItsTown() throws Exception {
		long town = logins.principal("xiantao.liaison").unitId();
		long a = problem(town, true);
		long id = json.readTree(issue("RECTIFICATION", town, Long.toString(a), inThreeDays())
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asLong();
		ReviewFixtures.eventually(() -> jdbc.sql("select count(*) from notification where recipient = 'xiantao.liaison'"
				+ " and kind = 'NOTICE_ISSUED' and link = :l").param("l", "/problems/notices/" + id).query(Integer.class)
			.single() == 1);
	}

	static int seq(String number) {
		return Integer.parseInt(number.substring(number.indexOf('〕') + 1, number.length() - 1));
	}

}
