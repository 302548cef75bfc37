package cn.chuangwen.participation;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.TestClock;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 11 §2, opinion collection rounds (征集): the office opens a round; supervisors answer signed
 * in and the public on an anonymous page; a closed or past-deadline round refuses with a clear
 * message; the office reads and exports the answers, the name and phone only with
 * participation:personal, and never on a public page or in a log line.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class OpinionRoundsIntegrationTest {

	static final String API = "/api/v1/opinion-rounds";

	static final String PHONE = "13912345678";

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	OpinionRounds rounds;

	@Autowired
	TestClock clock;

	long open(String topic, Instant deadline) throws Exception {
		String answer = mvc.perform(post(API).with(logins.as("xiantao.office")).contentType(MediaType.APPLICATION_JSON)
				.content("{\"topic\": \"%s\", \"description\": \"请提出意见和建议\", \"deadline\": \"%s\"}".formatted(topic, deadline)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.state").value("OPEN"))
			.andReturn().getResponse().getContentAsString();
		return json.readTree(answer).get("id").asLong();
	}

	long rounds() {
		return jdbc.sql("select count(*) from opinion_round").query(Long.class).single();
	}

	long answers(long round) {
		return jdbc.sql("select count(*) from opinion_round_answer where round_id = :r").param("r", round)
			.query(Long.class).single();
	}

	@Test
	void supervisorsAndThePublicAnswerAndTheOfficeExportsWithPersonalDataOnlyWithThePermission(CapturedOutput output)
			throws Exception {
		long id = open("背街小巷整治征求意见", clock.instant().plus(Duration.ofDays(7)));
		// the public page: the question, a form, no account
		mvc.perform(get("/public/opinions/xiantao/{id}", id))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("背街小巷整治征求意见")));
		mvc.perform(post("/public/opinions/xiantao/{id}", id).with(csrf()).param("text", "巷子里路灯太暗")
				.param("name", "王小明").param("phone", PHONE))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/public/opinions/xiantao/" + id + "?sent=true"));
		mvc.perform(post("/public/opinions/xiantao/{id}", id).with(csrf()).param("text", "不留名的意见"))
			.andExpect(status().isFound());
		// the public page never shows what others sent, nor anyone's name or phone
		mvc.perform(get("/public/opinions/xiantao/{id}", id).param("sent", "true"))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString(PHONE))))
			.andExpect(content().string(not(containsString("王小明"))))
			.andExpect(content().string(not(containsString("巷子里路灯太暗"))));
		// a supervisor answers signed in and sees only their own
		mvc.perform(post(API + "/{id}/answers", id).with(logins.as("xiantao.supervisor3"))
				.contentType(MediaType.APPLICATION_JSON).content("{\"text\": \"建议增设垃圾收集点\"}"))
			.andExpect(status().isCreated());
		mvc.perform(get(API + "/{id}/answers", id).with(logins.as("xiantao.supervisor3")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(1))
			.andExpect(jsonPath("$[0].text").value("建议增设垃圾收集点"));
		// the office reads all three, the name and phone with participation:personal
		mvc.perform(get(API + "/{id}/answers", id).with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(3))
			.andExpect(jsonPath("$[?(@.phone == '" + PHONE + "')].name").value("王小明"));
		CurrentUser office = logins.principal("xiantao.office");
		var permissions = new java.util.HashSet<>(office.permissions());
		permissions.remove(Permissions.PARTICIPATION_PERSONAL);
		CurrentUser withoutPersonal = new CurrentUser(office.id(), office.username(), office.displayName(),
				office.cityId(), office.cityCode(), office.cityName(), office.unitId(), office.unitName(), office.roles(),
				permissions, office.scope(), office.version());
		mvc.perform(get(API + "/{id}/answers", id).with(Logins.signedIn(withoutPersonal)))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString(PHONE))))
			.andExpect(content().string(not(containsString("王小明"))));
		List<List<String>> full = sheet(mvc.perform(get("/participation/rounds/{id}/answers.xlsx", id)
				.with(logins.as("xiantao.office"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray());
		assertThat(full.get(1)).containsExactly("提交时间", "来源", "意见", "姓名", "电话");
		assertThat(full).anySatisfy(r -> assertThat(r).contains("巷子里路灯太暗", "王小明", PHONE));
		assertThat(full).hasSize(2 + 3);
		List<List<String>> plain = sheet(mvc.perform(get("/participation/rounds/{id}/answers.xlsx", id)
				.with(Logins.signedIn(withoutPersonal))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsByteArray());
		assertThat(plain.get(1)).containsExactly("提交时间", "来源", "意见");
		assertThat(plain.toString()).doesNotContain(PHONE).doesNotContain("王小明").contains("巷子里路灯太暗");
		// each export is traced, saying whether it held personal data
		assertThat(jdbc.sql("select changes from audit_event where action = 'OPINION_ROUND_EXPORT' and object_id = :id order by id")
			.param("id", Long.toString(id)).query(String.class).list())
			.hasSize(2)
			.satisfies(c -> assertThat(c.get(0)).contains("true"), c -> assertThat(c.get(1)).contains("false"));
		// no personal data in any log line or the trace
		assertThat(output.getAll()).doesNotContain(PHONE).doesNotContain("王小明");
		assertThat(jdbc.sql("select count(*) from audit_event where changes like :p or changes like :n")
			.param("p", "%" + PHONE + "%")
			.param("n", "%王小明%")
			.query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'OPINION_ROUND_ANSWER' and object_id = :id")
			.param("id", Long.toString(id)).query(Long.class).single()).isEqualTo(3);
	}

	@Test
	void badInputClosedAndPastRoundsAreRefusedAndChangeNothing() throws Exception {
		long before = rounds();
		for (String body : List.of("{\"topic\": \"\", \"description\": \"说明\", \"deadline\": \"%s\"}",
				"{\"topic\": \"主题\", \"description\": \"说明\", \"deadline\": \"2020-01-01T00:00:00Z\"}",
				"{\"topic\": \"主题\", \"description\": \"说明\", \"deadline\": \"明天\"}",
				"{\"topic\": \"主题\", \"description\": \"\", \"deadline\": \"%s\"}")) {
			mvc.perform(post(API).with(logins.as("xiantao.office")).contentType(MediaType.APPLICATION_JSON)
					.content(body.formatted(clock.instant().plus(Duration.ofDays(3)))))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}
		// the past deadline is named as such
		mvc.perform(post(API).with(logins.as("xiantao.office")).contentType(MediaType.APPLICATION_JSON)
				.content("{\"topic\": \"主题\", \"description\": \"说明\", \"deadline\": \"2020-01-01T00:00:00Z\"}"))
			.andExpect(jsonPath("$.errors[0].field").value("deadline"))
			.andExpect(jsonPath("$.errors[0].message").value("截止时间必须晚于现在"));
		assertThat(rounds()).isEqualTo(before);
		long id = open("文明餐桌征求意见", clock.instant().plus(Duration.ofDays(2)));
		// too long, empty, a bad phone: 400 and nothing stored
		mvc.perform(post("/public/opinions/xiantao/{id}", id).with(csrf()).param("text", "长".repeat(2001)))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("意见不能超过 2,000 个字")));
		mvc.perform(post("/public/opinions/xiantao/{id}", id).with(csrf()).param("text", " "))
			.andExpect(status().isBadRequest());
		mvc.perform(post("/public/opinions/xiantao/{id}", id).with(csrf()).param("text", "好").param("phone", "<script>"))
			.andExpect(status().isBadRequest());
		// another city's address, an unknown round: 404
		mvc.perform(get("/public/opinions/tianmen/{id}", id)).andExpect(status().isNotFound());
		mvc.perform(post("/public/opinions/tianmen/{id}", id).with(csrf()).param("text", "好")).andExpect(status().isNotFound());
		mvc.perform(get("/public/opinions/xiantao/{id}", Long.MAX_VALUE)).andExpect(status().isNotFound());
		mvc.perform(get(API + "/{id}", id).with(logins.as("tianmen.office"))).andExpect(status().isNotFound());
		assertThat(answers(id)).isZero();
		// past its deadline: refused with a clear message
		Instant now = clock.instant();
		try {
			clock.set(now.plus(Duration.ofDays(3)));
			mvc.perform(post("/public/opinions/xiantao/{id}", id).with(csrf()).param("text", "迟到的意见"))
				.andExpect(status().isConflict())
				.andExpect(content().string(containsString("这次征集已过截止时间，不再接收意见。")));
			mvc.perform(post(API + "/{id}/answers", id).with(logins.as("xiantao.supervisor"))
					.contentType(MediaType.APPLICATION_JSON).content("{\"text\": \"迟到\"}"))
				.andExpect(status().isConflict());
		}
		finally {
			clock.set(now);
		}
		// closed by the office: refused, and closing twice is a conflict
		mvc.perform(post(API + "/{id}/close", id).with(logins.as("xiantao.office"))).andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("CLOSED"));
		mvc.perform(post(API + "/{id}/close", id).with(logins.as("xiantao.office"))).andExpect(status().isConflict());
		mvc.perform(get("/public/opinions/xiantao/{id}", id))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("这次征集已经结束，不再接收意见。")))
			.andExpect(content().string(not(containsString("send-answer"))));
		mvc.perform(post("/public/opinions/xiantao/{id}", id).with(csrf()).param("text", "结束后的意见"))
			.andExpect(status().isConflict());
		mvc.perform(post(API + "/{id}/answers", id).with(logins.as("xiantao.supervisor"))
				.contentType(MediaType.APPLICATION_JSON).content("{\"text\": \"结束后\"}"))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		assertThat(answers(id)).isZero();
		// who may do what: a supervisor cannot open or export, a liaison sees no round
		mvc.perform(post(API).with(logins.as("xiantao.supervisor")).contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isForbidden());
		mvc.perform(get("/participation/rounds/{id}/answers.xlsx", id).with(logins.as("xiantao.supervisor")))
			.andExpect(status().isForbidden());
		mvc.perform(get(API + "/{id}", id).with(logins.as("xiantao.liaison"))).andExpect(status().isForbidden());
	}

	static List<List<String>> sheet(byte[] xlsx) throws Exception {
		List<List<String>> rows = new ArrayList<>();
		DataFormatter format = new DataFormatter();
		try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			for (Row row : book.getSheetAt(0)) {
				List<String> cells = new ArrayList<>();
				row.forEach(c -> cells.add(format.formatCellValue(c)));
				rows.add(cells);
			}
		}
		return rows;
	}

}
