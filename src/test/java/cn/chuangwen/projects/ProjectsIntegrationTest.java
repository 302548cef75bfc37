package cn.chuangwen.projects;

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
import java.util.Set;

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
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.support.Logins;

/**
 * Key projects end to end on the demo data (issue 12 §2, §6): the API's shape, scoping (a liaison of
 * an unrelated unit sees nothing and gets 404, another city's office 404), bad input 400s that change
 * nothing, spending with evidence (the 90 % warning, the refusal past the budget with its figures),
 * and the trace of every change.
 */
@IntegrationTest
class ProjectsIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	OrgFixtures fixtures;

	static final String OFFICE = "xiantao.office";

	MockHttpServletResponse call(AbstractMockHttpServletRequestBuilder<?> request, String account) throws Exception {
		return mvc.perform(request.with(logins.as(account)).with(csrf())).andReturn().getResponse();
	}

	JsonNode read(MockHttpServletResponse response) throws Exception {
		return json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
	}

	long unit(String code) {
		return jdbc.sql("select id from unit where code = :c").param("c", code).query(Long.class).single();
	}

	long demoProject(String name) {
		return jdbc.sql("select id from key_project where name = :n").param("n", name).query(Long.class).single();
	}

	int count(String sql) {
		return jdbc.sql(sql).query(Integer.class).single();
	}

	List<String> fields(JsonNode problem) {
		List<String> out = new ArrayList<>();
		problem.get("errors").forEach(e -> out.add(e.get("field").asString()));
		return out;
	}

	String body(String name, String leader, long lead, String coop, String budget, String extra) {
		return """
				{"name": "%s", "goal": "测试目标", "leaderUsername": "%s", "leadUnitId": %d, "cooperatingUnitIds": [%s],
				 "budget": %s%s}""".formatted(name, leader, lead, coop, budget, extra);
	}

	JsonNode create(String body) throws Exception {
		MockHttpServletResponse r = call(post("/api/v1/projects").contentType(MediaType.APPLICATION_JSON).content(body),
				OFFICE);
		assertThat(r.getStatus()).as(r.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
		return read(r);
	}

	static byte[] png() throws Exception {
		BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
		var out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	MockHttpServletResponse spend(long id, String amount, boolean withFile) throws Exception {
		MockMultipartHttpServletRequestBuilder request = multipart("/api/v1/projects/{id}/spending", id);
		if (withFile) {
			request.file(new MockMultipartFile("files", "invoice.png", "image/png", png()));
		}
		if (amount != null) {
			request.param("amount", amount);
		}
		request.param("note", "测试支出");
		return call(request, OFFICE);
	}

	@Test
	void theApiShapeAndWhoSeesWhat() throws Exception {
		JsonNode list = read(call(get("/api/v1/projects").param("size", "100"), OFFICE));
		List<String> names = new ArrayList<>();
		list.forEach(p -> names.add(p.get("name").asString()));
		assertThat(names).contains("背街小巷改造", "农贸市场提档升级", "公厕革命", "交通秩序整治", "公益广告提升", "志愿服务",
				"未成年人思想道德建设", "窗口单位服务提升", "城市绿化", "诚信建设");

		long market = demoProject("农贸市场提档升级");
		MockHttpServletResponse one = call(get("/api/v1/projects/{id}", market), OFFICE);
		assertThat(one.getStatus()).isEqualTo(200);
		JsonNode p = read(one);
		for (String field : List.of("id", "name", "leaderUsername", "leadUnitId", "cooperatingUnitIds", "budget", "spent",
				"state", "linkedAssignmentIds", "linkedProblemIds")) {
			assertThat(p.has(field)).as(field).isTrue();
		}
		assertThat(p.get("leaderUsername").asString()).isEqualTo("xiantao.leader");
		assertThat(p.get("leadUnitId").asLong()).isEqualTo(unit("XT-D19"));
		assertThat(p.get("budget").decimalValue()).isEqualByComparingTo("6000000");
		assertThat(p.get("spent").decimalValue()).isEqualByComparingTo("5500000");
		assertThat(p.get("budgetWarning").asBoolean()).isTrue();
		assertThat(p.get("state").asString()).isEqualTo("RUNNING");
		assertThat(p.get("linkedAssignmentIds").isArray()).isTrue();

		// the leader and the province read it; a liaison of a unit of the city in no project reads nothing
		assertThat(call(get("/api/v1/projects/{id}", market), "xiantao.leader").getStatus()).isEqualTo(200);
		assertThat(call(get("/api/v1/projects/{id}", market), "hubei.office").getStatus()).isEqualTo(200);
		String unrelated = fixtures.account("prj", "xiantao", unit("XT-D20"), Set.of(Role.UNIT_LIAISON)).username();
		assertThat(call(get("/api/v1/projects/{id}", market), unrelated).getStatus()).isEqualTo(404);
		assertThat(read(call(get("/api/v1/projects"), unrelated)).size()).isZero();
		assertThat(call(get("/projects/{id}", market), unrelated).getStatus()).isEqualTo(404);
		// the sub-district's liaison reads the back-alley project its unit cooperates on, not the market one
		assertThat(call(get("/api/v1/projects/{id}", demoProject("背街小巷改造")), "xiantao.liaison").getStatus())
			.isEqualTo(200);
		assertThat(call(get("/api/v1/projects/{id}", market), "xiantao.liaison").getStatus()).isEqualTo(404);
		assertThat(call(get("/api/v1/projects/{id}", market), "tianmen.office").getStatus()).isEqualTo(404);
		assertThat(call(get("/api/v1/projects/{id}", market), "xiantao.inspector").getStatus()).isEqualTo(403);

		// the propaganda department's liaison (XT-D01) reads the projects it leads or cooperates on, only those
		JsonNode dept = read(call(get("/api/v1/projects").param("size", "100"), "xiantao.dept"));
		long d01 = unit("XT-D01");
		assertThat(dept.size()).isGreaterThanOrEqualTo(4);
		dept.forEach(x -> {
			List<Long> coop = new ArrayList<>();
			x.get("cooperatingUnitIds").forEach(c -> coop.add(c.asLong()));
			assertThat(x.get("leadUnitId").asLong() == d01 || coop.contains(d01)).as(x.get("name").asString()).isTrue();
		});
		assertThat(call(get("/api/v1/projects/{id}", demoProject("公益广告提升")), "xiantao.dept").getStatus())
			.isEqualTo(200);
		assertThat(call(get("/api/v1/projects/{id}", market), "xiantao.dept").getStatus()).isEqualTo(404);
		// a liaison cannot write
		assertThat(call(put("/api/v1/projects/{id}", market).contentType(MediaType.APPLICATION_JSON).content("{}"),
				"xiantao.dept").getStatus()).isEqualTo(403);
	}

	@Test
	void theProjectPageListsPublishedNewsNamingIt() throws Exception {
		// the demo's propaganda department published an item naming 公益广告提升 (PublicityDemoData)
		String page = call(get("/projects/{id}", demoProject("公益广告提升")), OFFICE).getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("id=\"news\"", "仙桃启动新一轮公益广告集中投放", "/public/news/xiantao/");
		String other = call(get("/projects/{id}", demoProject("背街小巷改造")), OFFICE).getContentAsString(StandardCharsets.UTF_8);
		assertThat(other).contains("id=\"news\"").doesNotContain("启动新一轮公益广告集中投放");
	}

	@Test
	void aProjectNamesItsTaskForceFromTheCommandStructure() throws Exception {
		long lanes = demoProject("背街小巷改造");
		// the demo names each of xiantao's projects' task force (ProjectTaskForceDemoData)
		String page = call(get("/projects/{id}", lanes), OFFICE).getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("id=\"task-force\"", "背街小巷改造专班", "id=\"task-force-form\"");
		assertThat(call(get("/projects/{id}", lanes), "xiantao.liaison").getContentAsString(StandardCharsets.UTF_8))
			.contains("背街小巷改造专班").doesNotContain("id=\"task-force-form\"");
		long toilets = jdbc.sql("select b.id from command_body b join city c on c.id = b.city_id"
				+ " where c.code = 'xiantao' and b.name = '公厕革命专班'").query(Long.class).single();
		long group = jdbc.sql("select min(b.id) from command_body b where b.kind <> 'TASK_FORCE'").query(Long.class).single();
		long before = jdbc.sql("select task_force_id from key_project where id = :id").param("id", lanes).query(Long.class).single();
		// bad input changes nothing: none named, not a task force, another city's or no such body, a liaison
		for (String body : List.of("{}", "{\"taskForceId\": " + group + "}", "{\"taskForceId\": " + Long.MAX_VALUE + "}")) {
			MockHttpServletResponse r = call(put("/api/v1/projects/{id}/task-force", lanes).contentType(MediaType.APPLICATION_JSON)
				.content(body), OFFICE);
			assertThat(r.getStatus()).as(body).isEqualTo(400);
			assertThat(r.getContentAsString(StandardCharsets.UTF_8)).contains("taskForceId");
		}
		assertThat(call(put("/api/v1/projects/{id}/task-force", lanes).contentType(MediaType.APPLICATION_JSON)
			.content("{\"taskForceId\": " + toilets + "}"), "xiantao.liaison").getStatus()).isEqualTo(403);
		assertThat(call(put("/api/v1/projects/{id}/task-force", lanes).contentType(MediaType.APPLICATION_JSON)
			.content("{\"taskForceId\": " + toilets + "}"), "tianmen.office").getStatus()).isEqualTo(404);
		assertThat(jdbc.sql("select task_force_id from key_project where id = :id").param("id", lanes).query(Long.class).single())
			.isEqualTo(before);
		// the office names another one, traced; the page's form names none again
		MockHttpServletResponse set = call(put("/api/v1/projects/{id}/task-force", lanes).contentType(MediaType.APPLICATION_JSON)
			.content("{\"taskForceId\": " + toilets + "}"), OFFICE);
		assertThat(set.getStatus()).isEqualTo(200);
		assertThat(read(set).get("name").asString()).isEqualTo("公厕革命专班");
		assertThat(jdbc.sql("select count(*) from audit_event where object_type = 'project' and object_id = :id"
				+ " and changes like '%公厕革命专班%'").param("id", String.valueOf(lanes)).query(Long.class).single()).isEqualTo(1);
		assertThat(call(post("/projects/{id}/task-force", lanes).param("taskForceId", ""), OFFICE).getStatus()).isEqualTo(302);
		assertThat(jdbc.sql("select count(*) from key_project where id = :id and task_force_id is null").param("id", lanes)
			.query(Long.class).single()).isEqualTo(1);
		assertThat(call(post("/projects/{id}/task-force", lanes).param("taskForceId", "abc"), OFFICE).getStatus()).isEqualTo(400);
		call(put("/api/v1/projects/{id}/task-force", lanes).contentType(MediaType.APPLICATION_JSON)
			.content("{\"taskForceId\": " + before + "}"), OFFICE);
	}

	@Test
	void createAndReplaceAreTracedAndBadInputChangesNothing() throws Exception {
		String name = "测试项目" + OrgFixtures.unique();
		long lead = unit("XT-D11");
		long coop = unit("XT-D12");
		long assignment = jdbc.sql("select min(a.id) from assignment a join city c on c.id = a.city_id where c.code = 'xiantao'")
			.query(Long.class).single();
		long problem = jdbc.sql("select min(p.id) from problem p join city c on c.id = p.city_id where c.code = 'xiantao'")
			.query(Long.class).single();
		JsonNode created = create(body(name, "xiantao.leader", lead, String.valueOf(coop), "50000",
				", \"linkedAssignmentIds\": [" + assignment + "], \"linkedProblemIds\": [" + problem + "]"));
		long id = created.get("id").asLong();
		assertThat(created.get("state").asString()).isEqualTo("PLANNING");
		assertThat(created.get("spent").decimalValue()).isZero();
		assertThat(created.get("cooperatingUnitIds").get(0).asLong()).isEqualTo(coop);
		assertThat(created.get("linkedAssignmentIds").get(0).asLong()).isEqualTo(assignment);
		assertThat(created.get("linkedProblemIds").get(0).asLong()).isEqualTo(problem);

		int projects = count("select count(*) from key_project");
		long tianmenUnit = jdbc.sql("select min(u.id) from unit u join city c on c.id = u.city_id where c.code = 'tianmen'")
			.query(Long.class).single();
		long tianmenAssignment = jdbc.sql("select coalesce(min(a.id), -1) from assignment a join city c on c.id = a.city_id"
				+ " where c.code = 'tianmen'").query(Long.class).single();
		MockHttpServletResponse empty = call(post("/api/v1/projects").contentType(MediaType.APPLICATION_JSON).content("{}"),
				OFFICE);
		assertThat(empty.getStatus()).isEqualTo(400);
		assertThat(fields(read(empty))).contains("name", "leaderUsername", "leadUnitId", "budget");
		for (var bad : List.of(
				new String[] { body("  ", "xiantao.leader", lead, "", "100", ""), "name" },
				new String[] { body(name, "xiantao.leader", lead, "", "100", ""), "name" },
				new String[] { body("另一个" + name, "xiantao.leader", lead, "", "-1", ""), "budget" },
				new String[] { body("另一个" + name, "xiantao.leader", lead, "", "1.001", ""), "budget" },
				new String[] { body("另一个" + name, "tianmen.leader", lead, "", "100", ""), "leaderUsername" },
				new String[] { body("另一个" + name, "xiantao.office", lead, "", "100", ""), "leaderUsername" },
				new String[] { body("另一个" + name, "xiantao.leader", tianmenUnit, "", "100", ""), "leadUnitId" },
				new String[] { body("另一个" + name, "xiantao.leader", lead, String.valueOf(tianmenUnit), "100", ""),
						"cooperatingUnitIds" },
				new String[] { body("另一个" + name, "xiantao.leader", lead, "", "100", ", \"state\": \"FINISHED\""), "state" },
				new String[] { body("另一个" + name, "xiantao.leader", lead, "", "100",
						", \"linkedAssignmentIds\": [" + tianmenAssignment + "]"), "linkedAssignmentIds" },
				new String[] { body("另一个" + name, "xiantao.leader", lead, "", "100", ", \"linkedProblemIds\": [999999999]"),
						"linkedProblemIds" })) {
			MockHttpServletResponse r = call(post("/api/v1/projects").contentType(MediaType.APPLICATION_JSON).content(bad[0]),
					OFFICE);
			assertThat(r.getStatus()).as(bad[0]).isEqualTo(400);
			assertThat(r.getContentType()).contains("application/problem+json");
			assertThat(fields(read(r))).as(bad[0]).contains(bad[1]);
		}
		assertThat(count("select count(*) from key_project")).isEqualTo(projects);

		// replace: state, budget, no more links
		MockHttpServletResponse replaced = call(put("/api/v1/projects/{id}", id).contentType(MediaType.APPLICATION_JSON)
			.content(body(name, "xiantao.leader", lead, "", "60000", ", \"state\": \"RUNNING\"")), OFFICE);
		assertThat(replaced.getStatus()).as(replaced.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
		JsonNode after = read(replaced);
		assertThat(after.get("state").asString()).isEqualTo("RUNNING");
		assertThat(after.get("budget").decimalValue()).isEqualByComparingTo("60000");
		assertThat(after.get("cooperatingUnitIds").size()).isZero();
		assertThat(after.get("linkedAssignmentIds").size()).isZero();
		// a PUT with bad input changes nothing
		assertThat(call(put("/api/v1/projects/{id}", id).contentType(MediaType.APPLICATION_JSON).content("{}"), OFFICE)
			.getStatus()).isEqualTo(400);
		assertThat(read(call(get("/api/v1/projects/{id}", id), OFFICE)).get("state").asString()).isEqualTo("RUNNING");
		// another city's office cannot replace it
		assertThat(call(put("/api/v1/projects/{id}", id).contentType(MediaType.APPLICATION_JSON)
			.content(body(name, "tianmen.leader", tianmenUnit, "", "1", "")), "tianmen.office").getStatus()).isEqualTo(404);

		assertThat(count("select count(*) from audit_event where object_type = 'project' and object_id = '" + id
				+ "' and action = 'PROJECT_CREATE'")).isEqualTo(1);
		assertThat(count("select count(*) from audit_event where object_type = 'project' and object_id = '" + id
				+ "' and action = 'PROJECT_UPDATE'")).isEqualTo(1);
	}

	@Test
	void spendingWarnsAtNinetyPercentAndIsRefusedPastTheBudget() throws Exception {
		long id = create(body("经费测试" + OrgFixtures.unique(), "xiantao.leader", unit("XT-D05"), "", "1000", ""))
			.get("id").asLong();
		MockHttpServletResponse first = spend(id, "850", true);
		assertThat(first.getStatus()).as(first.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
		assertThat(read(first).get("warning").asBoolean()).isFalse();
		assertThat(read(first).get("spent").decimalValue()).isEqualByComparingTo("850");

		MockHttpServletResponse second = spend(id, "60.50", true);
		assertThat(second.getStatus()).isEqualTo(201);
		assertThat(read(second).get("warning").asBoolean()).isTrue();
		assertThat(read(second).get("spentPercent").asInt()).isEqualTo(91);

		int entries = count("select count(*) from fund_spending s join fund_allocation a on a.id = s.allocation_id where a.project_id = " + id);
		int files = count("select count(*) from stored_file");
		MockHttpServletResponse over = spend(id, "100", true);
		assertThat(over.getStatus()).isEqualTo(400);
		JsonNode problem = read(over);
		assertThat(fields(problem)).containsExactly("amount");
		assertThat(problem.get("budget").decimalValue()).isEqualByComparingTo("1000");
		assertThat(problem.get("spent").decimalValue()).isEqualByComparingTo("910.50");
		assertThat(problem.get("amount").decimalValue()).isEqualByComparingTo("100");
		assertThat(problem.get("errors").get(0).get("message").asString()).contains("1000.00", "910.50", "100.00");

		assertThat(fields(read(spend(id, "-5", true)))).contains("amount");
		assertThat(fields(read(spend(id, "abc", true)))).contains("amount");
		assertThat(fields(read(spend(id, null, true)))).contains("amount");
		assertThat(fields(read(spend(id, "10", false)))).contains("files");
		assertThat(count("select count(*) from fund_spending s join fund_allocation a on a.id = s.allocation_id where a.project_id = " + id)).isEqualTo(entries);
		assertThat(count("select count(*) from stored_file")).isEqualTo(files);
		// a budget below what was spent is refused
		assertThat(call(put("/api/v1/projects/{id}", id).contentType(MediaType.APPLICATION_JSON)
			.content(body(read(call(get("/api/v1/projects/{id}", id), OFFICE)).get("name").asString(), "xiantao.leader",
					unit("XT-D05"), "", "900", ", \"state\": \"RUNNING\"")), OFFICE).getStatus()).isEqualTo(400);

		assertThat(count("select count(*) from audit_event where object_type = 'project' and object_id = '" + id
				+ "' and action = 'PROJECT_SPENDING'")).isEqualTo(2);
		// the evidence opens for a reader of the project, not for another city
		long fileId = jdbc.sql("select min(s.file_id) from fund_spending s join fund_allocation a on a.id = s.allocation_id where a.project_id = :p").param("p", id)
			.query(Long.class).single();
		assertThat(call(get("/projects/{id}/evidence/{f}", id, fileId), "xiantao.leader").getStatus()).isEqualTo(200);
		assertThat(call(get("/projects/{id}/evidence/{f}", id, fileId), "tianmen.office").getStatus()).isEqualTo(404);
		// the pages render
		assertThat(call(get("/projects"), OFFICE).getStatus()).isEqualTo(200);
		assertThat(call(get("/projects/{id}", id), OFFICE).getContentAsString(StandardCharsets.UTF_8)).contains("910.50");
		assertThat(call(get("/projects/export.xlsx"), "xiantao.leader").getStatus()).isEqualTo(200);
	}

}
