package cn.chuangwen.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.problems.ProblemDraft;
import cn.chuangwen.problems.ProblemSeverity;
import cn.chuangwen.problems.ProblemSource;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.ReviewFixtures;

/**
 * Care teams (包保, issue 12 §1, Q2): the office sets 3–5 departments on a community; the team's
 * departments' liaisons READ the community's problems and assignments but cannot sign, rectify or
 * report on them; a department not on the team sees nothing; team members report help, which the
 * office and the community read. Every bad input is a 400 naming the field and changes nothing.
 */
@IntegrationTest
class CareTeamsIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OrgFixtures org;

	@Autowired
	ReviewFixtures reviews;

	@Autowired
	Problems problems;

	@Autowired
	java.time.Clock clock;

	static final String OFFICE = "qianjiang.office", TEAM = "qianjiang.dept";

	ReviewFixtures.Community community;

	long assignment;

	long problem;

	long d01, d04, d11, d05;

	String outsider;

	MockHttpServletResponse call(AbstractMockHttpServletRequestBuilder<?> request, String account) throws Exception {
		return mvc.perform(request.with(logins.as(account)).with(csrf())).andReturn().getResponse();
	}

	long unit(String code) {
		return jdbc.sql("select id from unit where code = :c").param("c", code).query(Long.class).single();
	}

	int count(String sql) {
		return jdbc.sql(sql).query(Integer.class).single();
	}

	AbstractMockHttpServletRequestBuilder<?> team(long communityId, String json) {
		return put("/api/v1/care-teams/{id}", communityId).contentType(MediaType.APPLICATION_JSON).content(json);
	}

	@BeforeEach
	void aCommunityWithAProblemAndAnAssignment() {
		community = reviews.community("qianjiang");
		assignment = reviews.assign(community).id();
		problem = problems.create(reviews.office("qianjiang"), new ProblemDraft(ProblemSource.OFFICE, "环境卫生",
				"楼道堆放杂物" + OrgFixtures.unique(), "三号楼楼道", ProblemSeverity.GENERAL, community.unit().id(), null, null,
				null, null, null), true).id();
		d01 = unit("QJ-D01");
		d04 = unit("QJ-D04");
		d11 = unit("QJ-D11");
		d05 = unit("QJ-D05");
		outsider = org.account("care", "qianjiang", d05, Set.of(Role.UNIT_LIAISON)).username();
	}

	@Test
	void aTeamDepartmentReadsTheCommunitysWorkButChangesNothingAndOthersSeeNothing() throws Exception {
		// before the team is set the department sees nothing of the community
		assertThat(call(get("/api/v1/problems/{id}", problem), TEAM).getStatus()).isEqualTo(404);
		assertThat(call(get("/api/v1/assignments/{id}", assignment), TEAM).getStatus()).isEqualTo(404);
		assertThat(call(team(community.unit().id(),
				"{\"departmentIds\":[" + d01 + "," + d04 + "," + d11 + "],\"leadDepartmentId\":" + d01 + "}"), OFFICE)
			.getStatus()).isEqualTo(200);

		// read: the problem, its page without the unit's actions, the list filtered to the community, the assignment
		assertThat(call(get("/api/v1/problems/{id}", problem), TEAM).getStatus()).isEqualTo(200);
		String page = call(get("/problems/{id}", problem), TEAM).getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("楼道堆放杂物").doesNotContain("id=\"sign\"");
		assertThat(call(get("/api/v1/problems").param("unitId", String.valueOf(community.unit().id())), TEAM)
			.getContentAsString()).contains("\"id\":" + problem);
		assertThat(call(get("/api/v1/assignments/{id}", assignment), TEAM).getStatus()).isEqualTo(200);
		assertThat(call(get("/assignments/{id}", assignment), TEAM).getStatus()).isEqualTo(200);
		assertThat(call(get("/api/v1/assignments").param("unitId", String.valueOf(community.unit().id())), TEAM)
			.getContentAsString()).contains("\"id\":" + assignment);

		// never write: sign, dispute, rectify the problem, report on the assignment
		String before = state();
		assertThat(call(post("/api/v1/problems/{id}/sign", problem), TEAM).getStatus()).isIn(403, 404);
		assertThat(call(post("/api/v1/problems/{id}/dispute", problem).contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\":\"不是我们的\"}"), TEAM).getStatus()).isIn(403, 404);
		assertThat(call(multipart("/api/v1/problems/{id}/rectifications", problem).param("text", "已整改"), TEAM)
			.getStatus()).isIn(403, 404);
		assertThat(call(multipart("/api/v1/assignments/{id}/reports", assignment).param("text", "进度").param("percent", "50"),
				TEAM).getStatus()).isIn(403, 404);
		assertThat(state()).isEqualTo(before);
		assertThat(count("select count(*) from progress_report where assignment_id = " + assignment)).isZero();

		// a department not on the team sees nothing
		assertThat(call(get("/api/v1/problems/{id}", problem), outsider).getStatus()).isEqualTo(404);
		assertThat(call(get("/api/v1/assignments/{id}", assignment), outsider).getStatus()).isEqualTo(404);
		assertThat(call(get("/api/v1/problems").param("unitId", String.valueOf(community.unit().id())), outsider)
			.getContentAsString()).doesNotContain("\"id\":" + problem);
		assertThat(call(get("/care-teams/{id}", community.unit().id()), outsider).getStatus()).isEqualTo(404);

		// the community's own liaison still signs it
		assertThat(call(post("/api/v1/problems/{id}/sign", problem), community.username()).getStatus()).isEqualTo(200);
	}

	String state() {
		return jdbc.sql("select state || ':' || version from problem where id = :id").param("id", problem)
			.query(String.class).single();
	}

	@Test
	void badTeamsAreRefusedNamingTheFieldAndChangeNothing() throws Exception {
		long c = community.unit().id();
		long xiantaoDept = jdbc.sql("select min(u.id) from unit u join city y on y.id = u.city_id where y.code = 'xiantao'"
				+ " and u.kind = 'DEPARTMENT'").query(Long.class).single();
		long town = unit("QJ-T02");
		long d06 = unit("QJ-D06"), d10 = unit("QJ-D10"), d12 = unit("QJ-D12");
		String[][] cases = { { "{}", "departmentIds" },
				{ "{\"departmentIds\":[" + d01 + "," + d04 + "],\"leadDepartmentId\":" + d01 + "}", "departmentIds" },
				{ "{\"departmentIds\":[" + d01 + "," + d04 + "," + d11 + "," + d05 + "," + d06 + "," + d10 + "],\"leadDepartmentId\":"
						+ d01 + "}", "departmentIds" },
				{ "{\"departmentIds\":[" + d01 + "," + d04 + "," + town + "],\"leadDepartmentId\":" + d01 + "}", "departmentIds" },
				{ "{\"departmentIds\":[" + d01 + "," + d04 + "," + xiantaoDept + "],\"leadDepartmentId\":" + d01 + "}",
						"departmentIds" },
				{ "{\"departmentIds\":[" + d01 + "," + d04 + "," + d11 + "],\"leadDepartmentId\":" + d12 + "}", "leadDepartmentId" },
				{ "{\"departmentIds\":[" + d01 + "," + d04 + "," + d11 + "]}", "leadDepartmentId" } };
		for (String[] k : cases) {
			MockHttpServletResponse r = call(team(c, k[0]), OFFICE);
			assertThat(r.getStatus()).as(k[0]).isEqualTo(400);
			assertThat(r.getContentAsString()).as(k[0]).contains("\"" + k[1] + "\"");
		}
		// a department is no community; another city's community is not found; only the office sets teams
		String good = "{\"departmentIds\":[" + d01 + "," + d04 + "," + d11 + "],\"leadDepartmentId\":" + d01 + "}";
		assertThat(call(team(d05, good), OFFICE).getStatus()).isEqualTo(400);
		long xiantaoCommunity = jdbc.sql("select min(u.id) from unit u join city y on y.id = u.city_id where y.code = 'xiantao'"
				+ " and u.kind = 'COMMUNITY'").query(Long.class).single();
		assertThat(call(team(xiantaoCommunity, good), OFFICE).getStatus()).isEqualTo(404);
		assertThat(call(team(c, good), "qianjiang.leader").getStatus()).isEqualTo(403);
		assertThat(call(team(c, good), TEAM).getStatus()).isEqualTo(403);
		assertThat(count("select count(*) from care_team where community_id = " + c)).isZero();
		assertThat(count("select count(*) from care_team where community_id = " + xiantaoCommunity)).isZero();

		// a department named twice counts once
		String twice = "{\"departmentIds\":[" + d01 + "," + d01 + "," + d04 + "," + d11 + "],\"leadDepartmentId\":" + d01 + "}";
		assertThat(call(team(c, twice), OFFICE).getStatus()).isEqualTo(200);
		assertThat(count("select count(*) from care_team where community_id = " + c)).isEqualTo(3);
		assertThat(count("select count(*) from audit_event where action = 'CARE_TEAM_SET' and object_id = '" + c + "'"))
			.isEqualTo(1);
		// the creation record shows the team, the lead first
		String record = call(get("/units/{id}", c), OFFICE).getContentAsString(StandardCharsets.UTF_8);
		assertThat(record).contains("市委宣传部", "市教育局", "市住房和城乡建设局");
	}

	@Test
	void teamMembersReportHelpThatTheOfficeAndTheCommunityRead() throws Exception {
		long c = community.unit().id();
		call(team(c, "{\"departmentIds\":[" + d01 + "," + d04 + "," + d11 + "],\"leadDepartmentId\":" + d04 + "}"), OFFICE);
		String today = java.time.LocalDate.now(clock.withZone(java.time.ZoneId.of("Asia/Shanghai"))).toString();
		String[][] bad = { { "", "清理楼道", "date" }, { "2026/01/01", "清理楼道", "date" }, { "2999-01-01", "清理楼道", "date" },
				{ today, "", "text" }, { today, "长".repeat(2001), "text" } };
		for (String[] k : bad) {
			MockHttpServletResponse r = call(multipart("/api/v1/care-teams/{id}/help", c).param("date", k[0]).param("text", k[1]),
					TEAM);
			assertThat(r.getStatus()).as(k[0] + k[1].length()).isEqualTo(400);
			assertThat(r.getContentAsString()).contains("\"" + k[2] + "\"");
		}
		// a reader who is not on the team may not report; a department that does not see the community gets 404
		assertThat(call(multipart("/api/v1/care-teams/{id}/help", c).param("date", today).param("text", "x"), OFFICE)
			.getStatus()).isEqualTo(403);
		assertThat(call(multipart("/api/v1/care-teams/{id}/help", c).param("date", today).param("text", "x"), outsider)
			.getStatus()).isEqualTo(404);
		assertThat(count("select count(*) from care_help where community_id = " + c)).isZero();

		byte[] png = png();
		MockHttpServletResponse created = call(multipart("/api/v1/care-teams/{id}/help", c)
			.file(new org.springframework.mock.web.MockMultipartFile("files", "help.png", "image/png", png))
			.param("date", today)
			.param("text", "组织党员志愿者清理楼道堆物"), TEAM);
		assertThat(created.getStatus()).isEqualTo(201);
		for (String reader : List.of(OFFICE, community.username(), TEAM)) {
			assertThat(call(get("/api/v1/care-teams/{id}/help", c), reader).getContentAsString(StandardCharsets.UTF_8))
				.as(reader).contains("组织党员志愿者清理楼道堆物");
		}
		assertThat(call(get("/api/v1/care-teams/{id}/help", c), outsider).getStatus()).isEqualTo(404);
		long file = jdbc.sql("select p.file_id from care_help_photo p join care_help h on h.id = p.help_id where h.community_id = :c")
			.param("c", c).query(Long.class).single();
		assertThat(call(get("/care-teams/{c}/photos/{f}", c, file), OFFICE).getStatus()).isEqualTo(200);
		assertThat(call(get("/care-teams/{c}/photos/{f}", c, file), outsider).getStatus()).isEqualTo(404);
		assertThat(count("select count(*) from audit_event where action = 'CARE_HELP_ADD' and object_id = '" + c + "'"))
			.isEqualTo(1);
		// the team member's list names the community
		assertThat(call(get("/care-teams"), TEAM).getContentAsString(StandardCharsets.UTF_8)).contains(community.unit().name());
	}

	@Test
	void theDemoHasQianjiangsCareTeamsWithHelp() throws Exception {
		assertThat(count("select count(*) from care_team t join city y on y.id = t.city_id where y.code = 'qianjiang'"))
			.isGreaterThanOrEqualTo(18);
		assertThat(count("select count(*) from care_help")).isGreaterThanOrEqualTo(3);
		assertThat(call(get("/api/v1/care-teams").param("unitId", String.valueOf(unit("QJ-T01-C01"))), TEAM)
			.getContentAsString(StandardCharsets.UTF_8)).contains("市委宣传部");
	}

	static byte[] png() throws java.io.IOException {
		var image = new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB);
		var out = new java.io.ByteArrayOutputStream();
		javax.imageio.ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

}
