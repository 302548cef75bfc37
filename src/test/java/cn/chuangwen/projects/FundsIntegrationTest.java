package cn.chuangwen.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.support.Logins;

/**
 * Creation funds end to end on the demo data (issue 12 §2, T4): the year's budget, allocations that
 * may not pass it (400 with the figures), spending with evidence that warns past 90 % and is refused
 * past 100 %, an increase a leader approves once (409 after, 403 for one's own), a key project's
 * budget as its allocation, scope (a liaison its unit's only, another city 404), and bad input that
 * changes nothing.
 */
@IntegrationTest
class FundsIntegrationTest {

	static final String OFFICE = "xiantao.office", LEADER = "xiantao.leader", LIAISON = "xiantao.liaison";

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	Funds funds;

	@Autowired
	Accounts accounts;

	MockHttpServletResponse call(AbstractMockHttpServletRequestBuilder<?> request, String account) throws Exception {
		return mvc.perform(request.with(logins.as(account)).with(csrf())).andReturn().getResponse();
	}

	MockHttpServletResponse json(AbstractMockHttpServletRequestBuilder<?> request, String body, String account)
			throws Exception {
		return call(request.contentType(MediaType.APPLICATION_JSON).content(body), account);
	}

	JsonNode read(MockHttpServletResponse response) throws Exception {
		return json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
	}

	List<String> fields(MockHttpServletResponse response) throws Exception {
		assertThat(response.getStatus()).as(response.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(400);
		List<String> out = new ArrayList<>();
		read(response).get("errors").forEach(e -> out.add(e.get("field").asString()));
		return out;
	}

	long unit(String code) {
		return jdbc.sql("select id from unit where code = :c").param("c", code).query(Long.class).single();
	}

	int count(String sql) {
		return jdbc.sql(sql).query(Integer.class).single();
	}

	MockHttpServletResponse spend(long allocation, String amount, String account) throws Exception {
		MockMultipartHttpServletRequestBuilder request = multipart("/api/v1/funds/allocations/{id}/spending", allocation);
		request.file(new MockMultipartFile("files", "invoice.png", "image/png", ProjectsIntegrationTest.png()));
		if (amount != null) {
			request.param("amount", amount);
		}
		request.param("note", "测试支出");
		return call(request, account);
	}

	String year() {
		return String.valueOf(funds.year());
	}

	@Test
	void theOfficeAllocatesSpendsAndALeaderApprovesAnIncrease() throws Exception {
		String year = year();
		JsonNode before = read(call(get("/api/v1/funds"), OFFICE));
		assertThat(before.get("year").asInt()).isEqualTo(funds.year());
		assertThat(before.get("budget").decimalValue()).isPositive();
		int allocations = count("select count(*) from fund_allocation");

		// the budget: never below what is allocated, bad years and amounts, nothing changed
		assertThat(fields(json(put("/api/v1/funds/budget"), "{\"year\": \"%s\", \"amount\": \"1\"}".formatted(year), OFFICE)))
			.containsExactly("amount");
		assertThat(fields(json(put("/api/v1/funds/budget"), "{\"year\": \"1999\", \"amount\": \"1\"}", OFFICE)))
			.containsExactly("year");
		for (String bad : List.of("-1", "abc", "99999999999", "1.001")) {
			assertThat(fields(json(put("/api/v1/funds/budget"),
					"{\"year\": \"%s\", \"amount\": \"%s\"}".formatted(year, bad), OFFICE))).containsExactly("amount");
		}
		assertThat(read(call(get("/api/v1/funds"), OFFICE)).get("budget").decimalValue())
			.isEqualByComparingTo(before.get("budget").decimalValue());

		// an allocation to a unit; once a year; exactly one target; of the city; within the budget (with figures)
		long unit = unit("XT-D05");
		MockHttpServletResponse created = json(post("/api/v1/funds/allocations"),
				"{\"year\": \"%s\", \"unitId\": %d, \"amount\": \"1000\"}".formatted(year, unit), OFFICE);
		assertThat(created.getStatus()).as(created.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
		long id = read(created).get("id").asLong();
		assertThat(fields(json(post("/api/v1/funds/allocations"),
				"{\"year\": \"%s\", \"unitId\": %d, \"amount\": \"5\"}".formatted(year, unit), OFFICE))).containsExactly("unitId");
		assertThat(fields(json(post("/api/v1/funds/allocations"), "{\"year\": \"%s\", \"unitId\": %d, \"projectId\": 1, \"amount\": \"5\"}"
			.formatted(year, unit("XT-D06")), OFFICE))).containsExactly("projectId");
		assertThat(fields(json(post("/api/v1/funds/allocations"), "{}", OFFICE))).contains("year", "amount", "projectId");
		assertThat(fields(json(post("/api/v1/funds/allocations"),
				"{\"year\": \"%s\", \"unitId\": %d, \"amount\": \"5\"}".formatted(year, unit("TM-D05")), OFFICE)))
			.containsExactly("unitId");
		MockHttpServletResponse past = json(post("/api/v1/funds/allocations"),
				"{\"year\": \"%s\", \"unitId\": %d, \"amount\": \"9000000000\"}".formatted(year, unit("XT-D06")), OFFICE);
		assertThat(fields(past)).containsExactly("amount");
		assertThat(read(past).get("budget").decimalValue()).isEqualByComparingTo(before.get("budget").decimalValue());
		assertThat(read(past).get("allocated")).isNotNull();
		assertThat(count("select count(*) from fund_allocation")).isEqualTo(allocations + 1);

		// spending: warns from 90 %, refused past 100 % with the figures, nothing stored
		assertThat(spend(id, "850", OFFICE).getStatus()).isEqualTo(201);
		JsonNode warned = read(spend(id, "60.50", OFFICE));
		assertThat(warned.get("warning").asBoolean()).isTrue();
		assertThat(warned.get("spentPercent").asInt()).isEqualTo(91);
		int entries = count("select count(*) from fund_spending where allocation_id = " + id);
		MockHttpServletResponse over = spend(id, "100", OFFICE);
		assertThat(fields(over)).containsExactly("amount");
		assertThat(read(over).get("budget").decimalValue()).isEqualByComparingTo("1000");
		assertThat(read(over).get("spent").decimalValue()).isEqualByComparingTo("910.50");
		for (String bad : List.of("-5", "abc", "0", "99999999999")) {
			assertThat(fields(spend(id, bad, OFFICE))).contains("amount");
		}
		assertThat(count("select count(*) from fund_spending where allocation_id = " + id)).isEqualTo(entries);

		// an increase: the office asks, a leader approves once; the allocation rises; spending goes through
		assertThat(fields(json(post("/api/v1/funds/allocations/{id}/increases", id), "{\"amount\": \"-1\"}", OFFICE)))
			.contains("amount", "reason");
		MockHttpServletResponse asked = json(post("/api/v1/funds/allocations/{id}/increases", id),
				"{\"amount\": \"200\", \"reason\": \"材料涨价\"}", OFFICE);
		assertThat(asked.getStatus()).isEqualTo(201);
		long increase = read(asked).get("id").asLong();
		assertThat(read(call(get("/api/v1/funds"), LEADER)).get("pendingIncreases").toString()).contains("材料涨价");
		assertThat(json(post("/api/v1/funds/increases/{id}/decision", increase), "{\"decision\": \"APPROVED\"}", OFFICE)
			.getStatus()).isEqualTo(403);
		assertThat(fields(json(post("/api/v1/funds/increases/{id}/decision", increase), "{\"decision\": \"MAYBE\"}", LEADER)))
			.containsExactly("decision");
		assertThat(json(post("/api/v1/funds/increases/{id}/decision", increase), "{\"decision\": \"APPROVED\"}",
				"tianmen.leader").getStatus()).isEqualTo(404);
		MockHttpServletResponse approved = json(post("/api/v1/funds/increases/{id}/decision", increase),
				"{\"decision\": \"APPROVED\", \"note\": \"同意\"}", LEADER);
		assertThat(approved.getStatus()).isEqualTo(200);
		assertThat(read(approved).get("decidedBy").asString()).isEqualTo(LEADER);
		assertThat(json(post("/api/v1/funds/increases/{id}/decision", increase), "{\"decision\": \"REJECTED\"}", LEADER)
			.getStatus()).isEqualTo(409);
		JsonNode raised = read(call(get("/api/v1/funds/allocations/{id}", id), OFFICE)).get("allocation");
		assertThat(raised.get("amount").decimalValue()).isEqualByComparingTo("1200");
		assertThat(spend(id, "100", OFFICE).getStatus()).isEqualTo(201);

		// an increase past the year's budget cannot be approved (400 with the figures); it stays pending
		long big = read(json(post("/api/v1/funds/allocations/{id}/increases", id),
				"{\"amount\": \"9000000000\", \"reason\": \"过大\"}", OFFICE)).get("id").asLong();
		assertThat(fields(json(post("/api/v1/funds/increases/{id}/decision", big), "{\"decision\": \"APPROVED\"}", LEADER)))
			.containsExactly("amount");
		assertThat(jdbc.sql("select state from fund_increase where id = :i").param("i", big).query(String.class).single())
			.isEqualTo("PENDING");
		assertThat(json(post("/api/v1/funds/increases/{id}/decision", big), "{\"decision\": \"REJECTED\", \"note\": \"超出年度预算\"}",
				LEADER).getStatus()).isEqualTo(200);

		// traced
		for (String action : List.of("FUND_ALLOCATE", "FUND_SPENDING", "FUND_INCREASE_REQUEST", "FUND_INCREASE_APPROVE",
				"FUND_INCREASE_REJECT")) {
			assertThat(count("select count(*) from audit_event where object_type = 'fund_allocation' and object_id = '" + id
					+ "' and action = '" + action + "'")).as(action).isPositive();
		}

		// scope: another city 404, the liaison only its unit's, wrong roles 403
		assertThat(call(get("/api/v1/funds/allocations/{id}", id), "tianmen.office").getStatus()).isEqualTo(404);
		assertThat(spend(id, "1", "tianmen.office").getStatus()).isEqualTo(404);
		assertThat(call(get("/api/v1/funds/allocations/{id}", id), LIAISON).getStatus()).isEqualTo(404);
		assertThat(spend(id, "1", LIAISON).getStatus()).isEqualTo(403);
		assertThat(json(put("/api/v1/funds/budget"), "{}", LEADER).getStatus()).isEqualTo(403);
		JsonNode liaison = read(call(get("/api/v1/funds"), LIAISON));
		assertThat(liaison.get("budget").isNull()).isTrue();
		Long liaisonUnit = jdbc.sql("select unit_id from app_user where username = :u").param("u", LIAISON)
			.query(Long.class).single();
		Set<Long> seen = new HashSet<>();
		liaison.get("allocations").forEach(a -> seen.add(a.get("unitId").asLong()));
		assertThat(seen).containsOnly(liaisonUnit);
		// the pages render
		assertThat(call(get("/funds"), OFFICE).getContentAsString(StandardCharsets.UTF_8)).contains("1,200.00");
		assertThat(call(get("/funds/allocations/{id}", id), LEADER).getStatus()).isEqualTo(200);
		assertThat(call(get("/funds"), LIAISON).getStatus()).isEqualTo(200);
		assertThat(call(get("/funds/export.xlsx"), OFFICE).getStatus()).isEqualTo(200);
	}

	@Test
	void noOneApprovesTheirOwnIncrease() {
		CurrentUser leader = accounts.principal(jdbc.sql("select id from app_user where username = :u").param("u", LEADER)
			.query(Long.class).single());
		Set<String> both = new HashSet<>(leader.permissions());
		both.add(Permissions.FUND_MANAGE);
		CurrentUser officeAndLeader = new CurrentUser(leader.id(), leader.username(), leader.displayName(),
				leader.cityId(), leader.cityCode(), leader.cityName(), leader.unitId(), leader.unitName(), leader.roles(),
				both, leader.scope(), leader.version());
		long allocation = funds.year(officeAndLeader, null).allocations().get(0).id();
		FundIncrease own = funds.requestIncrease(officeAndLeader, allocation, "10", "自己申请");
		assertThatThrownBy(() -> funds.decide(officeAndLeader, own.id(), "APPROVED", null))
			.isInstanceOf(AccessDeniedException.class);
		assertThat(jdbc.sql("select state from fund_increase where id = :i").param("i", own.id()).query(String.class)
			.single()).isEqualTo("PENDING");
	}

	@Test
	void aProjectsBudgetIsItsAllocation() throws Exception {
		long lead = unit("XT-D07");
		String body = """
				{"name": "经费测试项目", "leaderUsername": "xiantao.leader", "leadUnitId": %d, "budget": %s}""";
		int projects = count("select count(*) from key_project");
		// past the year's budget: 400 on budget with the figures, no project
		MockHttpServletResponse past = json(post("/api/v1/projects"), body.formatted(lead, "9000000000"), OFFICE);
		assertThat(fields(past)).containsExactly("budget");
		assertThat(read(past).get("budget").decimalValue()).isPositive();
		assertThat(count("select count(*) from key_project")).isEqualTo(projects);

		MockHttpServletResponse created = json(post("/api/v1/projects"), body.formatted(lead, "500"), OFFICE);
		assertThat(created.getStatus()).as(created.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
		long id = read(created).get("id").asLong();
		long allocation = jdbc.sql("select id from fund_allocation where project_id = :p").param("p", id)
			.query(Long.class).single();
		assertThat(jdbc.sql("select amount from fund_allocation where id = :a").param("a", allocation)
			.query(java.math.BigDecimal.class).single()).isEqualByComparingTo("500");

		// the project's spending contract: {amount, note} + evidence, against its allocation
		MockMultipartHttpServletRequestBuilder spend = multipart("/api/v1/projects/{id}/spending", id);
		spend.file(new MockMultipartFile("files", "invoice.png", "image/png", ProjectsIntegrationTest.png()));
		spend.param("amount", "480").param("note", "首笔");
		MockHttpServletResponse spent = call(spend, OFFICE);
		assertThat(spent.getStatus()).isEqualTo(201);
		assertThat(read(spent).get("warning").asBoolean()).isTrue();
		assertThat(count("select count(*) from fund_spending where allocation_id = " + allocation)).isEqualTo(1);
		MockMultipartHttpServletRequestBuilder more = multipart("/api/v1/projects/{id}/spending", id);
		more.file(new MockMultipartFile("files", "invoice.png", "image/png", ProjectsIntegrationTest.png()));
		more.param("amount", "50");
		assertThat(fields(call(more, OFFICE))).containsExactly("amount");

		// an approved increase raises the project's budget
		long increase = read(json(post("/api/v1/funds/allocations/{id}/increases", allocation),
				"{\"amount\": \"100\", \"reason\": \"追加\"}", OFFICE)).get("id").asLong();
		assertThat(json(post("/api/v1/funds/increases/{id}/decision", increase), "{\"decision\": \"APPROVED\"}", LEADER)
			.getStatus()).isEqualTo(200);
		assertThat(read(call(get("/api/v1/projects/{id}", id), OFFICE)).get("budget").decimalValue())
			.isEqualByComparingTo("600");
		MockMultipartHttpServletRequestBuilder again = multipart("/api/v1/projects/{id}/spending", id);
		again.file(new MockMultipartFile("files", "invoice.png", "image/png", ProjectsIntegrationTest.png()));
		again.param("amount", "50");
		assertThat(call(again, OFFICE).getStatus()).isEqualTo(201);
		assertThat(count("select count(*) from audit_event where object_type = 'project' and object_id = '" + id
				+ "' and action in ('PROJECT_SPENDING', 'FUND_INCREASE_APPROVE')")).isEqualTo(3);
	}

}
