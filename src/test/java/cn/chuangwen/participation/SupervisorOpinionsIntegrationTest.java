package cn.chuangwen.participation;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.support.ExifJpeg;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.TestClock;
import cn.chuangwen.shared.InvalidInputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 11 §2, the "public-opinion express": a supervisor's opinion goes to the leader on duty, is
 * instructed, made a problem for a unit carrying the instruction, and the supervisor sees the
 * problem's state; bad input changes nothing; only the supervisor, the city's leaders and its office
 * see an opinion.
 */
@IntegrationTest
class SupervisorOpinionsIntegrationTest {

	static final String API = "/api/v1/supervisor-opinions";

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	SupervisorOpinions opinions;

	@Autowired
	TestClock clock;

	MockMultipartHttpServletRequestBuilder filing(String category, String text) {
		MockMultipartHttpServletRequestBuilder request = multipart(API);
		if (category != null) {
			request.param("category", category);
		}
		if (text != null) {
			request.param("text", text);
		}
		return request;
	}

	static MockMultipartFile photo(String name) {
		return new MockMultipartFile("files", name, "image/jpeg", ExifJpeg.photo().description(name).bytes());
	}

	long file(String supervisor, String text) throws Exception {
		String answer = mvc.perform(filing("环境卫生", text).param("address", "仙桃大道 88 号").with(logins.as(supervisor)))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		return json.readTree(answer).get("id").asLong();
	}

	long opinions() {
		return jdbc.sql("select count(*) from supervisor_opinion").query(Long.class).single();
	}

	long traced(String action, long id) {
		return jdbc.sql("select count(*) from audit_event where action = :a and object_type = 'supervisorOpinion' and object_id = :id")
			.param("a", action)
			.param("id", Long.toString(id))
			.query(Long.class)
			.single();
	}

	@Test
	void anOpinionIsInstructedMadeAProblemAndTheSupervisorSeesItsState() throws Exception {
		CurrentUser leader = logins.principal("xiantao.leader");
		CurrentUser liaison = logins.principal("xiantao.liaison");
		// filed with a photo and a place inside the city: sent to the leader on duty (the demo roster)
		String answer = mvc.perform(filing("环境卫生", "菜市场西门垃圾堆积三天无人清运").param("address", "仙桃大道 88 号")
				.file(photo("rubbish.jpg")).with(logins.as("xiantao.supervisor2")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.state").value("FILED"))
			.andExpect(jsonPath("$.dutyLeader").value(leader.displayName()))
			.andExpect(jsonPath("$.photoIds.length()").value(1))
			.andReturn().getResponse().getContentAsString();
		long id = json.readTree(answer).get("id").asLong();
		long photoId = json.readTree(answer).get("photoIds").get(0).asLong();
		mvc.perform(get(API + "/{id}/photos/{p}", id, photoId).with(logins.as("xiantao.supervisor2")))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.IMAGE_JPEG));
		// the leader's queue has it; the leader instructs
		mvc.perform(get(API).param("queue", "true").param("size", "500").with(logins.as("xiantao.leader")))
			.andExpect(status().isOk())
			.andExpect(header().exists("X-Total-Count"))
			.andExpect(jsonPath("$[?(@.id == " + id + ")]").exists());
		mvc.perform(post(API + "/{id}/instruction", id).with(logins.as("xiantao.leader"))
				.contentType(MediaType.APPLICATION_JSON).content("{\"text\": \"请属地三日内清运并建立长效机制\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("INSTRUCTED"))
			.andExpect(jsonPath("$.instruction.leader").value(leader.displayName()))
			.andExpect(jsonPath("$.hoursToInstruction").value(0));
		// a second instruction is refused and changes nothing
		mvc.perform(post(API + "/{id}/instruction", id).with(logins.as("xiantao.leader"))
				.contentType(MediaType.APPLICATION_JSON).content("{\"text\": \"再批\"}"))
			.andExpect(status().isConflict());
		// the office's page offers the forward form (units to choose) and the decline
		mvc.perform(get("/participation/opinions/{id}", id).with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"forward-panel\"")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString(liaison.unitName())))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"decline-panel\"")));
		// the office makes it a problem of the liaison's town
		String forwarded = mvc.perform(post(API + "/{id}/problem", id).with(logins.as("xiantao.office"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"unitId\": %d, \"severity\": \"SERIOUS\"}".formatted(liaison.unitId())))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.state").value("FORWARDED"))
			.andExpect(jsonPath("$.problem.state").value("DISPATCHED"))
			.andReturn().getResponse().getContentAsString();
		long problemId = json.readTree(forwarded).get("problem").get("id").asLong();
		var problem = jdbc.sql("select source, origin_type, origin_id, unit_id, description from problem where id = :p")
			.param("p", problemId)
			.query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5)))
			.single();
		assertThat(problem).containsExactly("SUPERVISOR", "supervisor_opinion", id, liaison.unitId(),
				"菜市场西门垃圾堆积三天无人清运");
		assertThat(jdbc.sql("select leader_user_id, text from problem_instruction where problem_id = :p")
			.param("p", problemId)
			.query((rs, n) -> rs.getLong(1) + " " + rs.getString(2))
			.list()).containsExactly(leader.id() + " 请属地三日内清运并建立长效机制");
		assertThat(jdbc.sql("select count(*) from problem_photo where problem_id = :p").param("p", problemId)
			.query(Long.class).single()).isEqualTo(1);
		// the unit sees the problem (through problems), never the opinion
		mvc.perform(get("/api/v1/problems/{id}", problemId).with(logins.as("xiantao.liaison"))).andExpect(status().isOk());
		mvc.perform(get(API + "/{id}", id).with(logins.as("xiantao.liaison"))).andExpect(status().isForbidden());
		// the town signs for it: the supervisor's page follows the problem's state
		mvc.perform(post("/api/v1/problems/{id}/sign", problemId).with(logins.as("xiantao.liaison")))
			.andExpect(status().isOk());
		mvc.perform(get(API + "/{id}", id).with(logins.as("xiantao.supervisor2")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.problem.state").value("RECTIFYING"))
			.andExpect(jsonPath("$.problem.unit").value(liaison.unitName()))
			.andExpect(jsonPath("$.instruction.text").value("请属地三日内清运并建立长效机制"));
		mvc.perform(get("/participation/opinions/{id}", id).with(logins.as("xiantao.supervisor2")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("请属地三日内清运并建立长效机制")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("整改中")));
		assertThat(traced("OPINION_FILE", id)).isEqualTo(1);
		assertThat(traced("OPINION_INSTRUCT", id)).isEqualTo(1);
		assertThat(traced("OPINION_FORWARD", id)).isEqualTo(1);
	}

	@Test
	void badInputIsRefusedAndStoresNothing() throws Exception {
		long before = opinions();
		expectBad(filing("环境卫生", null), "text");
		expectBad(filing("环境卫生", "   "), "text");
		expectBad(filing("环境卫生", "长".repeat(4001)), "text");
		expectBad(filing("不存在的类别", "有问题"), "category");
		expectBad(filing("环境卫生", "有问题").file(photo("a.jpg")).file(photo("b.jpg")).file(photo("c.jpg"))
			.file(photo("d.jpg")), "files");
		expectBad(filing("环境卫生", "有问题").file(new MockMultipartFile("files", "evil.jpg", "image/jpeg",
				"#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.UTF_8))), "files");
		// Beijing is far outside Xiantao's area
		assertThat(jdbc.sql("select count(*) from field_point_area a join city c on c.id = a.city_id where c.code = 'xiantao'")
			.query(Long.class).single()).isEqualTo(1);
		expectBad(filing("环境卫生", "有问题").param("lat", "39.904200").param("lng", "116.407400"), "lat");
		expectBad(filing("环境卫生", "有问题").param("lat", "abc").param("lng", "113.45"), "lat");
		assertThat(opinions()).isEqualTo(before);
		long id = file("xiantao.supervisor3", "路灯不亮");
		// an instruction without words, a decline without a reason, a forward without a unit
		mvc.perform(post(API + "/{id}/instruction", id).with(logins.as("xiantao.leader"))
				.contentType(MediaType.APPLICATION_JSON).content("{\"text\": \"\"}"))
			.andExpect(status().isBadRequest());
		mvc.perform(post(API + "/{id}/decline", id).with(logins.as("xiantao.office"))
				.contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isBadRequest());
		mvc.perform(post(API + "/{id}/problem", id).with(logins.as("xiantao.office"))
				.contentType(MediaType.APPLICATION_JSON).content("{\"severity\": \"GENERAL\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("unitId"));
		// not instructed yet: it cannot be forwarded
		mvc.perform(post(API + "/{id}/problem", id).with(logins.as("xiantao.office"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"unitId\": %d, \"severity\": \"GENERAL\"}".formatted(logins.principal("xiantao.liaison").unitId())))
			.andExpect(status().isConflict());
		assertThat(jdbc.sql("select state from supervisor_opinion where id = :id").param("id", id).query(String.class)
			.single()).isEqualTo("FILED");
		// declined with a reason: the supervisor reads it
		mvc.perform(post(API + "/{id}/decline", id).with(logins.as("xiantao.office"))
				.contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"已由随手拍反映\"}"))
			.andExpect(status().isOk());
		mvc.perform(get(API + "/{id}", id).with(logins.as("xiantao.supervisor3")))
			.andExpect(jsonPath("$.state").value("DECLINED"))
			.andExpect(jsonPath("$.decline.reason").value("已由随手拍反映"));
		// the roster takes only a leader of the city
		CurrentUser office = logins.principal("xiantao.office");
		long supervisorId = logins.principal("xiantao.supervisor").id();
		assertThatThrownBy(() -> opinions.setDuty(office, supervisorId, java.time.LocalDate.now(clock)))
			.isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> opinions.setDuty(office, logins.principal("tianmen.leader").id(), java.time.LocalDate.now(clock)))
			.isInstanceOf(InvalidInputException.class);
	}

	void expectBad(MockMultipartHttpServletRequestBuilder request, String field) throws Exception {
		ResultActions result = mvc.perform(request.with(logins.as("xiantao.supervisor2")));
		result.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[?(@.field == '" + field + "')]").exists());
	}

	@Test
	void onlyTheSupervisorTheCitysLeadersAndItsOfficeSeeAnOpinion() throws Exception {
		long id = file("xiantao.supervisor4", "公交站台广告破损");
		mvc.perform(get(API + "/{id}", id).with(logins.as("xiantao.supervisor4"))).andExpect(status().isOk());
		mvc.perform(get(API + "/{id}", id).with(logins.as("xiantao.leader"))).andExpect(status().isOk());
		mvc.perform(get(API + "/{id}", id).with(logins.as("xiantao.office"))).andExpect(status().isOk());
		// another supervisor of the city, another city's office, leader and supervisor: not found
		for (String other : List.of("xiantao.supervisor5", "tianmen.office", "tianmen.leader", "tianmen.supervisor")) {
			mvc.perform(get(API + "/{id}", id).with(logins.as(other))).andExpect(status().isNotFound());
		}
		mvc.perform(post(API + "/{id}/instruction", id).with(logins.as("tianmen.leader"))
				.contentType(MediaType.APPLICATION_JSON).content("{\"text\": \"批示\"}"))
			.andExpect(status().isNotFound());
		mvc.perform(get("/participation/opinions/{id}", id).with(logins.as("xiantao.supervisor5")))
			.andExpect(status().isNotFound());
		// units, inspectors and the province are not on the express at all
		for (String other : List.of("xiantao.liaison", "xiantao.dept", "xiantao.inspector", "hubei.office")) {
			mvc.perform(get(API + "/{id}", id).with(logins.as(other))).andExpect(status().isForbidden());
		}
		// a supervisor's list holds only their own
		String mine = mvc.perform(get(API).param("size", "500").with(logins.as("xiantao.supervisor5")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		for (JsonNode o : json.readTree(mine)) {
			assertThat(o.get("supervisor").asString()).isEqualTo(logins.principal("xiantao.supervisor5").displayName());
		}
		// work comes to people: each home names what waits for them
		mvc.perform(get("/").with(logins.as("xiantao.leader")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("待我批示的意见")));
		mvc.perform(get("/").with(logins.as("xiantao.office")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("已批示待转办的意见")));
		mvc.perform(get("/").with(logins.as("xiantao.supervisor4")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("我提交的意见")));
		// a supervisor cannot instruct or forward
		mvc.perform(post(API + "/{id}/instruction", id).with(logins.as("xiantao.supervisor4"))
				.contentType(MediaType.APPLICATION_JSON).content("{\"text\": \"自己批\"}"))
			.andExpect(status().isForbidden());
	}


	/** The forms of the pages: field errors beside the fields, nothing changed; the roster traced. */
	@Test
	void pageFormsShowFieldErrorsAndTheRosterIsTraced() throws Exception {
		long before = opinions();
		mvc.perform(multipart("/participation/opinions").param("category", "环境卫生").param("text", "")
				.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
				.with(logins.as("xiantao.supervisor2")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("<title>错误：提交意见</title>")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("请填写意见内容")));
		assertThat(opinions()).isEqualTo(before);
		var csrf = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf();
		long supervisorId = logins.principal("xiantao.supervisor").id();
		mvc.perform(post("/participation/opinions/duty").param("leaderId", Long.toString(supervisorId))
				.param("from", "2026-12-31").with(csrf).with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("请选择本市的一位市领导")));
		String day = java.time.LocalDate.now(clock.withZone(cn.chuangwen.problems.Problems.ZONE)).plusDays(30).toString();
		long leaderId = logins.principal("xiantao.leader").id();
		mvc.perform(post("/participation/opinions/duty").param("leaderId", Long.toString(leaderId)).param("from", day)
				.with(csrf).with(logins.as("xiantao.office")))
			.andExpect(status().isFound());
		Long entry = jdbc.sql("select d.id from leader_duty d join city c on c.id = d.city_id where c.code = 'xiantao' and d.from_day = :d")
			.param("d", java.time.LocalDate.parse(day))
			.query(Long.class)
			.single();
		mvc.perform(get("/participation/opinions/duty").with(logins.as("xiantao.office")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString(day)));
		// another city's office cannot remove it
		mvc.perform(post("/participation/opinions/duty/{id}/delete", entry).with(csrf).with(logins.as("tianmen.office")))
			.andExpect(status().isNotFound());
		mvc.perform(post("/participation/opinions/duty/{id}/delete", entry).with(csrf).with(logins.as("xiantao.office")))
			.andExpect(status().isFound());
		assertThat(jdbc.sql("select count(*) from leader_duty where id = :id").param("id", entry).query(Long.class).single())
			.isZero();
		assertThat(jdbc.sql("select count(*) from audit_event where action in ('LEADER_DUTY_SET', 'LEADER_DUTY_REMOVE') and changes like :d")
			.param("d", "%" + day + "%")
			.query(Long.class).single()).isEqualTo(2);
		// a round with a deadline in the past: the form says so
		mvc.perform(post("/participation/rounds").param("topic", "主题").param("description", "说明")
				.param("deadline", "2020-01-01T09:00").with(csrf).with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("截止时间必须晚于现在")));
	}

}
