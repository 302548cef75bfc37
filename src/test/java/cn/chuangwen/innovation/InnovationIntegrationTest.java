package cn.chuangwen.innovation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

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
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.support.Logins;

/**
 * Innovation contests end to end (issue 12 §5): the whole journey through the API, every bad input
 * (400 naming the field, 404, 403, 409, nothing changed), the secrecy of other judges' scores (API
 * and page, before and after a judge's own sheet), scope between units and cities, the published
 * ranking on the public page, and the bonus item reaching the evaluation.
 */
@IntegrationTest
class InnovationIntegrationTest {

	static final String OFFICE = "xiantao.office", LEADER = "xiantao.leader", INSPECTOR = "xiantao.inspector",
			LIAISON = "xiantao.liaison", DEPT = "xiantao.dept";

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	Innovation innovation;

	MockHttpServletResponse call(AbstractMockHttpServletRequestBuilder<?> request, String account) throws Exception {
		return mvc.perform(request.with(logins.as(account)).with(csrf())).andReturn().getResponse();
	}

	JsonNode read(MockHttpServletResponse response) throws Exception {
		return json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
	}

	String text(MockHttpServletResponse response) throws Exception {
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

	int count(String sql) {
		return jdbc.sql(sql).query(Integer.class).single();
	}

	List<String> fields(MockHttpServletResponse r) throws Exception {
		List<String> out = new ArrayList<>();
		read(r).get("errors").forEach(e -> out.add(e.get("field").asString()));
		return out;
	}

	static byte[] png() throws Exception {
		BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
		var out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	String contestBody(String title, String deadline, String criteria, String judges) {
		return """
				{"title": "%s", "description": "测试说明", "deadline": "%s", "criteria": [%s], "judges": [%s]}"""
			.formatted(title, deadline, criteria, judges);
	}

	static final String RUBRIC = """
			{"name": "创新性", "weight": 50}, {"name": "实效性", "weight": 30}, {"name": "可推广性", "weight": 20}""";

	static final String JUDGES = "\"xiantao.leader\", \"xiantao.office\", \"xiantao.inspector\"";

	MockHttpServletResponse createContest(String body) throws Exception {
		return call(post("/api/v1/innovation-contests").contentType(MediaType.APPLICATION_JSON).content(body), OFFICE);
	}

	long contest(String title) throws Exception {
		MockHttpServletResponse r = createContest(contestBody(title, innovation.today().toString(), RUBRIC, JUDGES));
		assertThat(r.getStatus()).as(text(r)).isEqualTo(201);
		return read(r).get("id").asLong();
	}

	MockHttpServletResponse submit(long contest, String account, String title, MockMultipartFile file) throws Exception {
		MockMultipartHttpServletRequestBuilder request = multipart("/api/v1/innovation-cases").param("contestId", String.valueOf(contest));
		if (file != null) {
			request.file(file);
		}
		request.param("title", title).param("summary", "做法和成效");
		return call(request, account);
	}

	long submitted(long contest, String account, String title) throws Exception {
		MockHttpServletResponse r = submit(contest, account, title, new MockMultipartFile("files", "photo.png", "image/png", png()));
		assertThat(r.getStatus()).as(text(r)).isEqualTo(201);
		return read(r).get("id").asLong();
	}

	/** Scores for the contest's three criteria in order. */
	String sheet(long contest, Integer... scores) throws Exception {
		JsonNode criteria = read(call(get("/api/v1/innovation-contests/{id}", contest), OFFICE)).get("contest").get("criteria");
		StringBuilder b = new StringBuilder("{\"scores\": {");
		for (int i = 0; i < scores.length; i++) {
			if (scores[i] != null) {
				b.append(b.charAt(b.length() - 1) == '{' ? "" : ", ").append('"').append(criteria.get(i).get("id").asLong())
					.append("\": ").append(scores[i]);
			}
		}
		return b.append("}}").toString();
	}

	MockHttpServletResponse score(long caseId, String body, String account) throws Exception {
		return call(post("/api/v1/innovation-cases/{id}/scores", caseId).contentType(MediaType.APPLICATION_JSON).content(body),
				account);
	}

	@Test
	void theWholeJourneyKeepsEveryJudgesScoresSecretAndFeedsTheEvaluationOnce() throws Exception {
		String title = "测试评选" + OrgFixtures.unique();
		long contest = contest(title);
		String mine = "巷长制" + OrgFixtures.unique();
		String theirs = "红黑榜" + OrgFixtures.unique();
		long a = submitted(contest, LIAISON, mine);
		long b = submitted(contest, DEPT, theirs);
		JsonNode caseA = read(call(get("/api/v1/innovation-cases/{id}", a), LIAISON));
		assertThat(caseA.get("files").size()).isEqualTo(1);
		assertThat(call(get("/innovation/cases/{id}/files/{f}", a, caseA.get("files").get(0).get("id").asLong()), LIAISON)
			.getStatus()).isEqualTo(200);

		// scope: a unit sees its own case only; another city sees nothing
		JsonNode asLiaison = read(call(get("/api/v1/innovation-contests/{id}", contest), LIAISON));
		assertThat(asLiaison.get("cases").size()).isEqualTo(1);
		assertThat(asLiaison.get("cases").get(0).get("id").asLong()).isEqualTo(a);
		JsonNode listed = read(call(get("/api/v1/innovation-cases").param("contestId", String.valueOf(contest)), LIAISON));
		assertThat(listed.size()).isEqualTo(1);
		assertThat(listed.get(0).get("id").asLong()).isEqualTo(a);
		assertThat(read(call(get("/api/v1/innovation-cases").param("contestId", String.valueOf(contest)), OFFICE)).size())
			.isEqualTo(2);
		assertThat(fields(call(get("/api/v1/innovation-cases"), LIAISON))).contains("contestId");
		assertThat(call(get("/api/v1/innovation-cases").param("contestId", String.valueOf(contest)), "tianmen.office")
			.getStatus()).isEqualTo(404);
		assertThat(call(get("/api/v1/innovation-cases/{id}", b), LIAISON).getStatus()).isEqualTo(404);
		assertThat(call(get("/innovation/cases/{id}", b), LIAISON).getStatus()).isEqualTo(404);
		assertThat(call(get("/innovation/cases/{id}/files/{f}", a, caseA.get("files").get(0).get("id").asLong()), DEPT)
			.getStatus()).isEqualTo(404);
		assertThat(call(put("/api/v1/innovation-cases/{id}", a).contentType(MediaType.APPLICATION_JSON)
			.content("{\"title\": \"改\", \"summary\": \"改\"}"), DEPT).getStatus()).isEqualTo(404);
		assertThat(call(get("/api/v1/innovation-contests/{id}", contest), "tianmen.office").getStatus()).isEqualTo(404);
		assertThat(call(get("/api/v1/innovation-cases/{id}", a), "tianmen.leader").getStatus()).isEqualTo(404);
		assertThat(submit(contest, "tianmen.liaison", "天门", null).getStatus()).isEqualTo(404);
		assertThat(read(call(get("/api/v1/innovation-contests/{id}", contest), OFFICE)).get("cases").size()).isEqualTo(2);
		// the unit edits its own case while OPEN
		MockHttpServletResponse edited = call(put("/api/v1/innovation-cases/{id}", a).contentType(MediaType.APPLICATION_JSON)
			.content("{\"title\": \"" + mine + "\", \"summary\": \"做法、成效和经验\"}"), LIAISON);
		assertThat(edited.getStatus()).isEqualTo(200);
		assertThat(read(edited).get("summary").asString()).isEqualTo("做法、成效和经验");

		// no scoring while OPEN; a unit never scores; the office alone changes the state
		assertThat(score(a, sheet(contest, 90, 90, 90), LEADER).getStatus()).isEqualTo(409);
		assertThat(call(post("/api/v1/innovation-contests/{id}/judging", contest), LEADER).getStatus()).isEqualTo(403);
		assertThat(call(post("/api/v1/innovation-contests/{id}/judging", contest), OFFICE).getStatus()).isEqualTo(200);
		assertThat(score(a, sheet(contest, 90, 90, 90), LIAISON).getStatus()).isEqualTo(403);
		assertThat(score(b, sheet(contest, 90, 90, 90), "xiantao.inspector2").getStatus()).isEqualTo(403);
		// no new case and no change while JUDGING
		int cases = count("select count(*) from innovation_case");
		assertThat(submit(contest, LIAISON, "迟到的案例", null).getStatus()).isEqualTo(409);
		assertThat(call(put("/api/v1/innovation-cases/{id}", a).contentType(MediaType.APPLICATION_JSON)
			.content("{\"title\": \"改\", \"summary\": \"改\"}"), LIAISON).getStatus()).isEqualTo(409);
		assertThat(count("select count(*) from innovation_case")).isEqualTo(cases);

		// the leader scores case a: 50 % × 97 + 30 % × 61 + 20 % × 13 = 69.40; once only
		MockHttpServletResponse first = score(a, sheet(contest, 97, 61, 13), LEADER);
		assertThat(first.getStatus()).as(text(first)).isEqualTo(201);
		assertThat(read(first).get("mySheet").get("total").decimalValue()).isEqualByComparingTo("69.40");
		assertThat(score(a, sheet(contest, 10, 10, 10), LEADER).getStatus()).isEqualTo(409);
		assertThat(count("select count(*) from innovation_sheet where case_id = " + a)).isEqualTo(1);

		// the inspector, before and after its own sheet, never sees the leader's scores (API nor page)
		for (int round = 0; round < 2; round++) {
			MockHttpServletResponse api = call(get("/api/v1/innovation-cases/{id}", a), INSPECTOR);
			JsonNode view = read(api);
			assertThat(view.get("sheets").size()).isZero();
			assertThat(view.get("score").isNull()).isTrue();
			assertThat(text(api)).doesNotContain("69.4").doesNotContain(LEADER);
			String page = text(call(get("/innovation/cases/{id}", a), INSPECTOR));
			assertThat(page).doesNotContain("69.40").doesNotContain(">97<").doesNotContain(">61<");
			assertThat(text(call(get("/innovation/{id}", contest), INSPECTOR))).doesNotContain("69.40");
			assertThat(text(call(get("/api/v1/innovation-contests/{id}", contest), INSPECTOR))).doesNotContain("69.4");
			if (round == 0) {
				assertThat(view.get("mySheet").isNull()).isTrue();
				assertThat(page).contains("id=\"score-form\"");
				assertThat(score(a, sheet(contest, 80, 80, 80), INSPECTOR).getStatus()).isEqualTo(201);
			}
			else {
				assertThat(view.get("mySheet").get("total").decimalValue()).isEqualByComparingTo("80.00");
				assertThat(page).doesNotContain("id=\"score-form\"");
			}
		}
		// nor does the office before publication, though it sees how many sheets each case has
		JsonNode office = read(call(get("/api/v1/innovation-cases/{id}", a), OFFICE));
		assertThat(office.get("sheets").size()).isZero();
		assertThat(office.get("sheetCount").asInt()).isEqualTo(2);
		assertThat(call(get("/api/v1/innovation-contests/{id}/results", contest), OFFICE).getStatus()).isEqualTo(409);

		// publishing waits for a sheet on every case, and names the ones without
		MockHttpServletResponse early = call(post("/api/v1/innovation-contests/{id}/publish", contest), OFFICE);
		assertThat(early.getStatus()).isEqualTo(409);
		assertThat(text(early)).contains(theirs).doesNotContain(mine);
		assertThat(score(b, sheet(contest, 60, 60, 60), OFFICE).getStatus()).isEqualTo(201);
		assertThat(call(post("/api/v1/innovation-contests/{id}/publish", contest), OFFICE).getStatus()).isEqualTo(200);
		assertThat(call(post("/api/v1/innovation-contests/{id}/publish", contest), OFFICE).getStatus()).isEqualTo(409);
		assertThat(score(b, sheet(contest, 60, 60, 60), LEADER).getStatus()).isEqualTo(409);

		// the ranking: mean of the sheets; the leader and the unit read it, only the office reads the sheets
		JsonNode results = read(call(get("/api/v1/innovation-contests/{id}/results", contest), LIAISON));
		assertThat(results.get(0).get("caseId").asLong()).isEqualTo(a);
		assertThat(results.get(0).get("rank").asInt()).isEqualTo(1);
		assertThat(results.get(0).get("score").decimalValue()).isEqualByComparingTo("74.70");
		assertThat(results.get(0).get("sheets").asInt()).isEqualTo(2);
		assertThat(results.get(1).get("score").decimalValue()).isEqualByComparingTo("60.00");
		assertThat(results.get(1).get("unitName").asString()).isNotBlank();
		assertThat(read(call(get("/api/v1/innovation-cases/{id}", a), OFFICE)).get("sheets").size()).isEqualTo(2);
		assertThat(read(call(get("/api/v1/innovation-cases/{id}", a), LEADER)).get("sheets").size()).isZero();
		assertThat(read(call(get("/api/v1/innovation-cases/{id}", a), LEADER)).get("rank").asInt()).isEqualTo(1);
		assertThat(text(call(get("/innovation/{id}", contest), LIAISON))).contains(theirs).contains("74.70");

		// the public page, without a sign-in: titles, units and scores, no person
		MockHttpServletResponse pub = mvc.perform(get("/public/innovation/xiantao")).andReturn().getResponse();
		assertThat(pub.getStatus()).isEqualTo(200);
		assertThat(text(pub)).contains(title).contains(mine).contains(theirs).contains("74.70")
			.doesNotContain(LEADER).doesNotContain(LIAISON).doesNotContain("69.40");
		assertThat(mvc.perform(get("/public/innovation/nowhere")).andReturn().getResponse().getStatus()).isEqualTo(404);

		// the bonus: the office feeds case a into the evaluation once; a unit may not
		String bonus = "{\"period\": \"2027-Q1\", \"points\": 2}";
		assertThat(call(post("/api/v1/innovation-cases/{id}/bonus", a).contentType(MediaType.APPLICATION_JSON).content(bonus),
				LIAISON).getStatus()).isEqualTo(403);
		MockHttpServletResponse fed = call(post("/api/v1/innovation-cases/{id}/bonus", a)
			.contentType(MediaType.APPLICATION_JSON).content(bonus), OFFICE);
		assertThat(fed.getStatus()).as(text(fed)).isEqualTo(201);
		long item = read(fed).get("bonus").get("itemId").asLong();
		var row = jdbc.sql("select unit_id, points, reason, period_code from evaluation_manual_item where id = :id")
			.param("id", item)
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getBigDecimal(2), rs.getString(3), rs.getString(4) })
			.single();
		assertThat(row[0]).isEqualTo(caseA.get("unitId").asLong());
		assertThat((java.math.BigDecimal) row[1]).isEqualByComparingTo("2");
		assertThat(row[2]).isEqualTo("创新案例评选：" + mine + "（第1名）");
		assertThat(row[3]).isEqualTo("2027-Q1");
		int items = count("select count(*) from evaluation_manual_item");
		assertThat(call(post("/api/v1/innovation-cases/{id}/bonus", a).contentType(MediaType.APPLICATION_JSON).content(bonus),
				OFFICE).getStatus()).isEqualTo(409);
		assertThat(count("select count(*) from evaluation_manual_item")).isEqualTo(items);
		assertThat(text(call(get("/innovation/cases/{id}", a), OFFICE))).contains("id=\"case-bonus\"");

		// every change is traced
		assertThat(count("select count(*) from audit_event where object_type = 'innovation_contest' and object_id = '"
				+ contest + "' and action in ('INNOVATION_CONTEST_CREATE', 'INNOVATION_JUDGING_START', 'INNOVATION_PUBLISH')"))
			.isEqualTo(3);
		assertThat(count("select count(*) from audit_event where object_type = 'innovation_case' and object_id = '" + a
				+ "' and action in ('INNOVATION_CASE_SUBMIT', 'INNOVATION_CASE_UPDATE', 'INNOVATION_BONUS')")).isEqualTo(3);
		assertThat(count("select count(*) from audit_event where action = 'INNOVATION_SHEET_SUBMIT' and object_id in"
				+ " (select cast(id as varchar(20)) from innovation_sheet where case_id = " + a + ")")).isEqualTo(2);
	}

	@Test
	void badContestsAreRefusedNamingTheFieldAndChangeNothing() throws Exception {
		String today = innovation.today().toString();
		int contests = count("select count(*) from innovation_contest");
		record Bad(String body, String field) {
		}
		List<Bad> bad = List.of(
				new Bad(contestBody("权重不对", today, """
						{"name": "创新性", "weight": 50}, {"name": "实效性", "weight": 40}""", JUDGES), "criteria"),
				new Bad(contestBody("无名细则", today, """
						{"name": "创新性", "weight": 50}, {"name": " ", "weight": 50}""", JUDGES), "criteria"),
				new Bad(contestBody("一项细则", today, "{\"name\": \"创新性\", \"weight\": 100}", JUDGES), "criteria"),
				new Bad(contestBody("没有评委", today, RUBRIC, ""), "judges"),
				new Bad(contestBody("单位评委", today, RUBRIC, "\"xiantao.liaison\""), "judges"),
				new Bad(contestBody("过期", innovation.today().minusDays(1).toString(), RUBRIC, JUDGES), "deadline"),
				new Bad(contestBody("", today, RUBRIC, JUDGES), "title"));
		for (Bad b : bad) {
			MockHttpServletResponse r = createContest(b.body());
			assertThat(r.getStatus()).as(b.body()).isEqualTo(400);
			assertThat(fields(r)).as(b.body()).contains(b.field());
		}
		assertThat(fields(createContest("{}"))).contains("title", "deadline", "criteria", "judges");
		// a judge of another city is not there for this office
		assertThat(createContest(contestBody("外市评委", today, RUBRIC, "\"xiantao.leader\", \"tianmen.leader\"")).getStatus())
			.isEqualTo(404);
		assertThat(createContest(contestBody("无此人", today, RUBRIC, "\"nobody.here\"")).getStatus()).isEqualTo(404);
		// the wrong role
		for (String account : List.of(LEADER, LIAISON, INSPECTOR, "hubei.office")) {
			assertThat(call(post("/api/v1/innovation-contests").contentType(MediaType.APPLICATION_JSON)
				.content(contestBody("越权", today, RUBRIC, JUDGES)), account).getStatus()).as(account).isEqualTo(403);
		}
		assertThat(call(get("/innovation/new"), LEADER).getStatus()).isEqualTo(403);
		assertThat(count("select count(*) from innovation_contest")).isEqualTo(contests);
		// the page form answers 400 with the errors next to the fields
		MockHttpServletResponse page = call(post("/innovation").param("title", "页面")
			.param("deadline", today).param("criterionName", "创新性", "实效性").param("criterionWeight", "50", "20")
			.param("judges", LEADER), OFFICE);
		assertThat(page.getStatus()).isEqualTo(400);
		assertThat(text(page)).contains("criteria-error");
		assertThat(count("select count(*) from innovation_contest")).isEqualTo(contests);
	}

	@Test
	void badCasesAndSheetsAreRefusedAndChangeNothing() throws Exception {
		long contest = contest("坏输入评选" + OrgFixtures.unique());
		int cases = count("select count(*) from innovation_case");
		// a file that is not allowed (by content), no title, no summary
		MockHttpServletResponse file = submit(contest, LIAISON, "文件不对",
				new MockMultipartFile("files", "notes.txt", "text/plain", "just text".getBytes(StandardCharsets.UTF_8)));
		assertThat(file.getStatus()).isEqualTo(400);
		assertThat(fields(file)).contains("files");
		MockHttpServletResponse empty = call(multipart("/api/v1/innovation-cases").param("contestId", String.valueOf(contest)), LIAISON);
		assertThat(fields(empty)).contains("title", "summary");
		// the wrong role: the office and leaders do not submit cases
		assertThat(submit(contest, OFFICE, "越权", null).getStatus()).isEqualTo(403);
		assertThat(submit(contest, LEADER, "越权", null).getStatus()).isEqualTo(403);
		assertThat(count("select count(*) from innovation_case")).isEqualTo(cases);

		long a = submitted(contest, LIAISON, "好案例");
		// after the deadline: 409
		jdbc.sql("update innovation_contest set deadline = :d where id = :id")
			.param("d", innovation.today().minusDays(1))
			.param("id", contest)
			.update();
		assertThat(submit(contest, DEPT, "晚了", null).getStatus()).isEqualTo(409);
		MockHttpServletResponse latePage = call(multipart("/innovation/{id}/cases", contest).param("title", "晚了")
			.param("summary", "晚了"), DEPT);
		assertThat(latePage.getStatus()).isEqualTo(409);
		assertThat(text(latePage)).contains("case-refusal", "申报已于");
		assertThat(count("select count(*) from innovation_case")).isEqualTo(cases + 1);

		assertThat(call(post("/api/v1/innovation-contests/{id}/judging", contest), OFFICE).getStatus()).isEqualTo(200);
		assertThat(call(post("/api/v1/innovation-contests/{id}/judging", contest), OFFICE).getStatus()).isEqualTo(409);
		// scores outside 0–100, a missing criterion, an unknown criterion, nothing: 400 on scores, no sheet
		for (String body : List.of(sheet(contest, 101, 50, 50), sheet(contest, -1, 50, 50), sheet(contest, 50, 50, null),
				"{\"scores\": {\"999999999\": 50}}", "{}")) {
			MockHttpServletResponse r = score(a, body, LEADER);
			assertThat(r.getStatus()).as(body).isEqualTo(400);
			assertThat(fields(r)).as(body).contains("scores");
		}
		MockHttpServletResponse page = call(post("/innovation/cases/{id}/sheet", a).param("score_1", "x"), LEADER);
		assertThat(page.getStatus()).isEqualTo(400);
		assertThat(count("select count(*) from innovation_sheet where case_id = " + a)).isZero();
		// the bonus waits for publication
		assertThat(call(post("/api/v1/innovation-cases/{id}/bonus", a).contentType(MediaType.APPLICATION_JSON)
			.content("{\"period\": \"2027-Q1\", \"points\": 1}"), OFFICE).getStatus()).isEqualTo(409);
		// another city's office cannot move this contest
		assertThat(call(post("/api/v1/innovation-contests/{id}/publish", contest), "tianmen.office").getStatus())
			.isEqualTo(404);
	}

	@Test
	void theDemoHasXiantaosPublishedContestAndTianmensOpenOne() throws Exception {
		long xiantao = jdbc.sql("select id from innovation_contest where title = '2026年度创文创新案例评选'")
			.query(Long.class).single();
		JsonNode d = read(call(get("/api/v1/innovation-contests/{id}", xiantao), OFFICE));
		assertThat(d.get("contest").get("state").asString()).isEqualTo("PUBLISHED");
		assertThat(d.get("contest").get("criteria").size()).isEqualTo(3);
		assertThat(d.get("contest").get("judges").size()).isEqualTo(3);
		assertThat(d.get("cases").size()).isEqualTo(6);
		d.get("ranking").forEach(l -> assertThat(l.get("sheets").asInt()).isEqualTo(3));
		JsonNode tianmen = read(call(get("/api/v1/innovation-contests"), "tianmen.office"));
		assertThat(tianmen.size()).isGreaterThanOrEqualTo(1);
		JsonNode open = read(call(get("/api/v1/innovation-contests/{id}", tianmen.get(tianmen.size() - 1).get("id").asLong()),
				"tianmen.office"));
		assertThat(open.get("contest").get("state").asString()).isEqualTo("OPEN");
		assertThat(open.get("cases").size()).isEqualTo(2);
	}

}
