package cn.chuangwen.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

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
import cn.chuangwen.support.Logins;

/**
 * Plans of a key project (versions, a leader's approval once, file checks, who may upload) and the
 * meeting calendar (the rhythm, its bad input, the meeting it creates ahead and the month a called
 * meeting already counts for), on the demo data.
 */
@IntegrationTest
class PlansAndCalendarIntegrationTest {

	static final String OFFICE = "xiantao.office", LEADER = "xiantao.leader";

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	MeetingCalendar calendar;

	MockHttpServletResponse call(AbstractMockHttpServletRequestBuilder<?> request, String account) throws Exception {
		return mvc.perform(request.with(logins.as(account)).with(csrf())).andReturn().getResponse();
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

	long project(String name) {
		return jdbc.sql("select id from key_project where name = :n").param("n", name).query(Long.class).single();
	}

	int count(String sql) {
		return jdbc.sql(sql).query(Integer.class).single();
	}

	MockHttpServletResponse upload(long project, String name, String file, byte[] content, String account)
			throws Exception {
		MockMultipartHttpServletRequestBuilder r = multipart("/api/v1/projects/{id}/plans", project);
		if (file != null) {
			r.file(new MockMultipartFile("files", file, "application/octet-stream", content));
		}
		if (name != null) {
			r.param("name", name);
		}
		return call(r, account);
	}

	MockHttpServletResponse decide(long project, long version, String body, String account) throws Exception {
		return call(post("/api/v1/projects/{id}/plans/versions/{v}/decision", project, version)
			.contentType(MediaType.APPLICATION_JSON).content(body), account);
	}

	@Test
	void plansKeepTheirVersionsAndALeaderApprovesEachOnce() throws Exception {
		// the demo: 背街小巷改造's 实施方案 v1 approved, v2 waiting
		long lanes = project("背街小巷改造");
		JsonNode demo = read(call(get("/api/v1/projects/{id}/plans", lanes), LEADER));
		assertThat(demo.get(0).get("name").asString()).isEqualTo("实施方案");
		assertThat(demo.get(0).get("versions")).hasSize(2);

		long project = project("交通秩序整治");
		byte[] png = ProjectsIntegrationTest.png();
		int versions = count("select count(*) from project_plan_version");
		assertThat(fields(upload(project, null, null, null, OFFICE))).contains("name", "files");
		assertThat(fields(upload(project, "整治方案", "plan.xlsx", xlsx(), OFFICE))).containsExactly("files");
		assertThat(fields(upload(project, "整治方案", "plan.pdf", "not a pdf".getBytes(), OFFICE))).containsExactly("files");
		assertThat(count("select count(*) from project_plan_version")).isEqualTo(versions);
		// wrong roles: a leader, a liaison of a unit that does not lead it, another city
		assertThat(upload(project, "整治方案", "plan.png", png, LEADER).getStatus()).isEqualTo(403);
		assertThat(upload(project, "整治方案", "plan.png", png, "tianmen.office").getStatus()).isEqualTo(404);

		MockHttpServletResponse first = upload(project, "整治方案", "plan.png", png, OFFICE);
		assertThat(first.getStatus()).isEqualTo(201);
		long v1 = read(first).get("versions").get(0).get("id").asLong();
		MockHttpServletResponse second = upload(project, "整治方案", "plan-2.png", png, OFFICE);
		assertThat(read(second).get("versions")).hasSize(2);
		long v2 = read(second).get("versions").get(0).get("id").asLong();
		assertThat(read(second).get("versions").get(0).get("number").asInt()).isEqualTo(2);

		assertThat(decide(project, v1, "{\"decision\": \"APPROVED\"}", OFFICE).getStatus()).isEqualTo(403);
		assertThat(fields(decide(project, v1, "{\"decision\": \"OK\"}", LEADER))).containsExactly("decision");
		assertThat(decide(project, v1, "{\"decision\": \"APPROVED\"}", "tianmen.leader").getStatus()).isEqualTo(404);
		assertThat(decide(project, v1, "{\"decision\": \"APPROVED\", \"note\": \"同意\"}", LEADER).getStatus())
			.isEqualTo(200);
		assertThat(decide(project, v1, "{\"decision\": \"REJECTED\"}", LEADER).getStatus()).isEqualTo(409);
		assertThat(decide(project, v2, "{\"decision\": \"APPROVED\"}", LEADER).getStatus()).isEqualTo(200);
		assertThat(count("select count(*) from audit_event where object_type = 'project' and object_id = '" + project
				+ "' and action in ('PLAN_UPLOAD', 'PLAN_APPROVE')")).isEqualTo(4);
		// the project page shows the version in force; the file opens for a reader
		String page = call(get("/projects/{id}", project), LEADER).getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("整治方案", "第 2 版（现行）");
		assertThat(call(get("/projects/{id}/plans/versions/{v}/file", project, v1), LEADER).getStatus()).isEqualTo(200);
		assertThat(call(get("/projects/{id}/plans/versions/{v}/file", project, v1), "tianmen.office").getStatus())
			.isEqualTo(404);
	}

	@Test
	void theLeadUnitUploadsItsProjectsPlans() throws Exception {
		// xiantao.dept's unit leads 公益广告提升
		long project = project("公益广告提升");
		MockHttpServletResponse r = upload(project, "宣传方案", "plan.png", ProjectsIntegrationTest.png(), "xiantao.dept");
		assertThat(r.getStatus()).as(r.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
		assertThat(upload(project("背街小巷改造"), "x", "plan.png", ProjectsIntegrationTest.png(), "xiantao.liaison")
			.getStatus()).isEqualTo(403);
	}

	@Test
	void theCalendarCreatesTheMonthsMeetingAheadUnlessOneWasCalled() throws Exception {
		// the demo: xiantao every two months, tianmen monthly on the 15th
		JsonNode xt = read(call(get("/api/v1/meetings/calendar"), OFFICE));
		assertThat(xt.get("rhythm").asString()).isEqualTo("BIMONTHLY");
		assertThat(xt.get("next")).hasSize(3);
		assertThat(read(call(get("/api/v1/meetings/calendar"), "tianmen.office")).get("rhythm").asString())
			.isEqualTo("MONTHLY");

		// bad input: 400 naming the field, nothing changed
		String put = "{\"rhythm\": \"%s\", \"day\": \"%s\", \"firstMonth\": \"%s\", \"unitIds\": %s}";
		long town = jdbc.sql("select unit_id from app_user where username = 'xiantao.liaison'").query(Long.class).single();
		long tianmenTown = jdbc.sql("select unit_id from app_user where username = 'tianmen.liaison'").query(Long.class)
			.single();
		String month = YearMonth.from(calendar.next(logins.principal(OFFICE), 1).get(0).day()).toString();
		for (Object[] bad : List.of(new Object[] { put.formatted("WEEKLY", "10", month, "[" + town + "]"), "rhythm" },
				new Object[] { put.formatted("MONTHLY", "31", month, "[" + town + "]"), "day" },
				new Object[] { put.formatted("MONTHLY", "x", month, "[" + town + "]"), "day" },
				new Object[] { put.formatted("MONTHLY", "10", "1999-01", "[" + town + "]"), "firstMonth" },
				new Object[] { put.formatted("MONTHLY", "10", month, "[]"), "unitIds" },
				new Object[] { put.formatted("MONTHLY", "10", month, "[" + tianmenTown + "]"), "unitIds" })) {
			assertThat(fields(call(put("/api/v1/meetings/calendar").contentType(MediaType.APPLICATION_JSON)
				.content((String) bad[0]), OFFICE))).as((String) bad[0]).containsExactly((String) bad[1]);
		}
		assertThat(read(call(get("/api/v1/meetings/calendar"), OFFICE)).get("rhythm").asString()).isEqualTo("BIMONTHLY");
		assertThat(call(put("/api/v1/meetings/calendar").contentType(MediaType.APPLICATION_JSON)
			.content(put.formatted("MONTHLY", "10", month, "[" + town + "]")), LEADER).getStatus()).isEqualTo(403);

		// the daily run creates the meeting whose day is within the lead time, once; a called meeting counts
		LocalDate next = calendar.next(logins.principal(OFFICE), 1).get(0).day();
		// (the other cities' calendars run too: count xiantao's meetings)
		String xiantao = "select count(*) from joint_meeting j join city c on c.id = j.city_id where c.code = 'xiantao'";
		int meetings = count(xiantao);
		calendar.createDue(next.minusDays(MeetingCalendar.LEAD_DAYS + 1));
		assertThat(count(xiantao)).isEqualTo(meetings);
		assertThat(calendar.createDue(next.minusDays(MeetingCalendar.LEAD_DAYS))).isPositive();
		long created = jdbc.sql("select max(id) from joint_meeting where held_on = :d and created_by = 'system'")
			.param("d", next).query(Long.class).single();
		assertThat(count("select count(*) from joint_meeting_unit where meeting_id = " + created)).isPositive();
		assertThat(jdbc.sql("select agenda from joint_meeting where id = :m").param("m", created).query(String.class)
			.optional()).isEmpty();
		int after = count(xiantao);
		assertThat(after).isEqualTo(meetings + 1);
		calendar.createDue(next.minusDays(3));
		assertThat(count(xiantao)).isEqualTo(after);
		assertThat(read(call(get("/api/v1/meetings/calendar"), OFFICE)).get("next").get(0).get("meetingId").asLong())
			.isEqualTo(created);
		assertThat(count("select count(*) from audit_event where object_type = 'joint_meeting' and object_id = '"
				+ created + "' and action = 'MEETING_CREATE' and actor = 'system'")).isEqualTo(1);
		// a meeting the office called in a month of the calendar counts: none is created for that month
		LocalDate later = calendar.next(logins.principal(OFFICE), 2).get(1).day();
		assertThat(call(post("/api/v1/meetings").contentType(MediaType.APPLICATION_JSON).content(
				"{\"title\": \"提前召开\", \"heldOn\": \"%s\", \"unitIds\": [%d]}".formatted(later.minusDays(5), town)),
				OFFICE).getStatus()).isEqualTo(201);
		int called = count(xiantao);
		calendar.createDue(later.minusDays(MeetingCalendar.LEAD_DAYS));
		assertThat(count(xiantao)).isEqualTo(called);
		// the office changes the rhythm: traced
		assertThat(call(put("/api/v1/meetings/calendar").contentType(MediaType.APPLICATION_JSON)
			.content(put.formatted("BIMONTHLY", "12", month, "[" + town + "]")), OFFICE).getStatus()).isEqualTo(200);
		assertThat(count("select count(*) from audit_event where action = 'MEETING_RHYTHM_SET'")).isGreaterThanOrEqualTo(3);
		// the meetings page shows the calendar
		assertThat(call(get("/meetings"), OFFICE).getContentAsString(StandardCharsets.UTF_8)).contains("会议日历");
	}

	static byte[] xlsx() throws Exception {
		try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); var out = new java.io.ByteArrayOutputStream()) {
			wb.createSheet("s").createRow(0).createCell(0).setCellValue("x");
			wb.write(out);
			return out.toByteArray();
		}
	}

}
