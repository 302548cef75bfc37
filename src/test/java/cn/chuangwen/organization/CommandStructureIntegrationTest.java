package cn.chuangwen.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.charset.StandardCharsets;

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

/**
 * The command structure (issue 12 §1, Q1) on the demo data: Qianjiang's leading group, command,
 * office and five groups; Xiantao's task forces; the office's edits with bad input (400 naming the
 * field, nothing changed), another city's body (404), wrong roles (403), and phones masked for
 * readers who are neither the office nor the body's members (PIPL).
 */
@IntegrationTest
class CommandStructureIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	MockHttpServletResponse call(AbstractMockHttpServletRequestBuilder<?> request, String account) throws Exception {
		return mvc.perform(request.with(logins.as(account)).with(csrf())).andReturn().getResponse();
	}

	JsonNode read(MockHttpServletResponse response) throws Exception {
		return json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
	}

	AbstractMockHttpServletRequestBuilder<?> body(AbstractMockHttpServletRequestBuilder<?> r, String body) {
		return r.contentType(MediaType.APPLICATION_JSON).content(body);
	}

	long body(String name) {
		return jdbc.sql("select id from command_body where name = :n").param("n", name).query(Long.class).single();
	}

	int count(String sql) {
		return jdbc.sql(sql).query(Integer.class).single();
	}

	@Test
	void theDemoHasQianjiangsStructureAndXiantaosTaskForces() throws Exception {
		JsonNode list = read(call(get("/api/v1/command-bodies"), "qianjiang.office"));
		assertThat(list.size()).isEqualTo(8);
		assertThat(list.get(0).get("kind").asString()).isEqualTo("LEADING_GROUP");
		long command = body("潜江市创文指挥部");
		int groups = 0;
		for (JsonNode b : list) {
			if (b.get("parentId").isNumber() && b.get("parentId").asLong() == command) {
				groups++;
			}
		}
		assertThat(groups).isEqualTo(6);
		assertThat(count("select count(*) from command_member where user_id is not null")).isPositive();
		JsonNode xiantao = read(call(get("/api/v1/command-bodies"), "xiantao.leader"));
		assertThat(xiantao.size()).isEqualTo(10);
		assertThat(xiantao.get(0).get("kind").asString()).isEqualTo("TASK_FORCE");
		assertThat(xiantao.get(0).get("name").asString()).endsWith("专班");
		// the page lists them
		String page = call(get("/command"), "qianjiang.liaison").getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("潜江市创建全国文明城市工作领导小组", "宣传教育组", "指挥部办公室");
	}

	@Test
	void phonesAreWholeForTheOfficeAndMembersOnlyAndMaskedForOthers() throws Exception {
		long group = body("潜江市创建全国文明城市工作领导小组");
		// the office sees every phone
		assertThat(call(get("/api/v1/command-bodies/{id}", group), "qianjiang.office").getContentAsString())
			.contains("13907280001");
		// qianjiang.leader is a member of the leading group: whole
		assertThat(call(get("/api/v1/command-bodies/{id}", group), "qianjiang.leader").getContentAsString())
			.contains("13907280001");
		// an inspector of the city is not a member: masked
		String masked = call(get("/api/v1/command-bodies/{id}", group), "qianjiang.inspector").getContentAsString();
		assertThat(masked).doesNotContain("13907280001").contains("139****0001");
		String page = call(get("/command"), "qianjiang.inspector").getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).doesNotContain("13907280001").contains("139****0001");
		assertThat(CommandBodies.mask("138 1234 5678")).isEqualTo("138****5678");
	}

	@Test
	void anotherCitysBodyIsNotFoundAndOnlyTheOfficeEdits() throws Exception {
		long qj = body("潜江市创文指挥部");
		assertThat(call(get("/api/v1/command-bodies/{id}", qj), "xiantao.office").getStatus()).isEqualTo(404);
		assertThat(call(body(post("/api/v1/command-bodies/{id}/members", qj), "{\"name\":\"X\",\"role\":\"MEMBER\"}"),
				"xiantao.office").getStatus()).isEqualTo(404);
		assertThat(call(body(post("/api/v1/command-bodies"), "{\"kind\":\"TASK_FORCE\",\"name\":\"X\"}"),
				"qianjiang.leader").getStatus()).isEqualTo(403);
		assertThat(call(body(post("/api/v1/command-bodies/{id}/members", qj), "{\"name\":\"X\",\"role\":\"MEMBER\"}"),
				"qianjiang.liaison").getStatus()).isEqualTo(403);
		assertThat(call(get("/api/v1/command-bodies"), "qianjiang.supervisor").getStatus()).isEqualTo(403);
	}

	@Test
	void badInputIsRefusedNamingTheFieldAndChangesNothing() throws Exception {
		int bodies = count("select count(*) from command_body");
		int members = count("select count(*) from command_member");
		long command = body("潜江市创文指挥部");
		long group = body("宣传教育组");
		long tianmenRoot = jdbc.sql("select b.id from command_body b join city c on c.id = b.city_id where c.code = 'xiantao' order by b.id limit 1")
			.query(Long.class).single();
		String[][] cases = {
				{ "{}", "kind" }, { "{\"kind\":\"SQUAD\",\"name\":\"X\"}", "kind" }, { "{\"kind\":\"TASK_FORCE\"}", "name" },
				{ "{\"kind\":\"GROUP\",\"name\":\"无上级组\"}", "parentId" },
				{ "{\"kind\":\"GROUP\",\"name\":\"三级组\",\"parentId\":" + group + "}", "parentId" },
				{ "{\"kind\":\"GROUP\",\"name\":\"外市上级\",\"parentId\":" + tianmenRoot + "}", "parentId" },
				{ "{\"kind\":\"TASK_FORCE\",\"name\":\"" + "长".repeat(129) + "\"}", "name" } };
		for (String[] c : cases) {
			MockHttpServletResponse r = call(body(post("/api/v1/command-bodies"), c[0]), "qianjiang.office");
			assertThat(r.getStatus()).as(c[0]).isEqualTo(400);
			assertThat(r.getContentAsString()).as(c[0]).contains("\"" + c[1] + "\"");
		}
		long leader = jdbc.sql("select id from app_user where username = 'xiantao.leader'").query(Long.class).single();
		String[][] memberCases = { { "{}", "name" }, { "{\"name\":\"张三\"}", "role" },
				{ "{\"name\":\"张三\",\"role\":\"BOSS\"}", "role" },
				{ "{\"name\":\"张三\",\"role\":\"MEMBER\",\"phone\":\"abc\"}", "phone" },
				{ "{\"name\":\"张三\",\"role\":\"MEMBER\",\"userId\":" + leader + "}", "userId" } };
		for (String[] c : memberCases) {
			MockHttpServletResponse r = call(body(post("/api/v1/command-bodies/{id}/members", command), c[0]), "qianjiang.office");
			assertThat(r.getStatus()).as(c[0]).isEqualTo(400);
			assertThat(r.getContentAsString()).as(c[0]).contains("\"" + c[1] + "\"");
		}
		assertThat(call(body(put("/api/v1/command-bodies/{id}", command), "{\"kind\":\"COMMAND\",\"name\":\"X\"}"),
				"qianjiang.office").getStatus()).isEqualTo(400);
		assertThat(count("select count(*) from command_body")).isEqualTo(bodies);
		assertThat(count("select count(*) from command_member")).isEqualTo(members);
	}

	@Test
	void theOfficeCreatesATaskForceAddsAndRemovesAMemberAndItIsTraced() throws Exception {
		long liaison = jdbc.sql("select id from app_user where username = 'qianjiang.dept'").query(Long.class).single();
		MockHttpServletResponse created = call(body(post("/api/v1/command-bodies"),
				"{\"kind\":\"TASK_FORCE\",\"name\":\"城区道路提升专班\",\"duties\":\"主次干道整治\"}"), "qianjiang.office");
		assertThat(created.getStatus()).isEqualTo(201);
		long id = read(created).get("id").asLong();
		JsonNode withMember = read(call(body(post("/api/v1/command-bodies/{id}/members", id),
				"{\"name\":\"贺春生\",\"post\":\"部长\",\"phone\":\"13800002496\",\"role\":\"HEAD\",\"userId\":" + liaison + "}"),
				"qianjiang.office"));
		JsonNode member = withMember.get("members").get(0);
		assertThat(member.get("username").asString()).isEqualTo("qianjiang.dept");
		// the linked member sees its own body's phones whole; the liaison of a town does not
		assertThat(call(get("/api/v1/command-bodies/{id}", id), "qianjiang.dept").getContentAsString()).contains("13800002496");
		assertThat(call(get("/api/v1/command-bodies/{id}", id), "qianjiang.liaison").getContentAsString())
			.doesNotContain("13800002496").contains("138****2496");
		JsonNode edited = read(call(body(put("/api/v1/command-bodies/{id}", id),
				"{\"kind\":\"TASK_FORCE\",\"name\":\"城区道路提升工作专班\",\"version\":0}"), "qianjiang.office"));
		assertThat(edited.get("name").asString()).isEqualTo("城区道路提升工作专班");
		assertThat(call(body(put("/api/v1/command-bodies/{id}", id),
				"{\"kind\":\"TASK_FORCE\",\"name\":\"旧版本\",\"version\":0}"), "qianjiang.office").getStatus()).isEqualTo(409);
		assertThat(call(delete("/api/v1/command-bodies/{id}/members/{m}", id, member.get("id").asLong()), "qianjiang.office")
			.getStatus()).isEqualTo(200);
		assertThat(call(delete("/api/v1/command-bodies/{id}/members/{m}", id, member.get("id").asLong()), "qianjiang.office")
			.getStatus()).isEqualTo(404);
		assertThat(count("select count(*) from audit_event where object_type = 'commandBody' and object_id = '" + id + "'"))
			.isEqualTo(4);
	}

}
