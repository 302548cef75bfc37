package cn.chuangwen.tasks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Random;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitDraft;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.support.Logins;
import cn.chuangwen.tasks.internal.AssignmentWorkbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Bulk assignment, thresholds and the planning pages. */
@IntegrationTest
class PlanningIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	IndicatorSystems indicators;

	@Autowired
	Units units;

	@Autowired
	Assignments assignments;

	@Autowired
	JdbcClient jdbc;

	static final Random RANDOM = new Random();

	IndicatorSystemView system() {
		CurrentUser office = logins.principal("tianmen.office");
		return indicators.list(office.scope()).stream().filter(s -> s.cityId() == office.cityId()).findFirst().orElseThrow();
	}

	UnitView community() {
		CurrentUser office = logins.principal("tianmen.office");
		CurrentUser liaison = logins.principal("tianmen.liaison");
		return units.create(office, new UnitDraft("P" + Math.abs(RANDOM.nextLong() % 1_000_000_000L),
				"规划测试社区" + RANDOM.nextInt(100000), UnitKind.COMMUNITY, liaison.unitId(), "社区", false, null, null, null));
	}

	static byte[] workbook(String[][] rows) throws IOException {
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = wb.createSheet("指标分解");
			Row header = sheet.createRow(0);
			for (int i = 0; i < AssignmentWorkbooks.COLUMNS.length; i++) {
				header.createCell(i).setCellValue(AssignmentWorkbooks.COLUMNS[i]);
			}
			for (int r = 0; r < rows.length; r++) {
				Row row = sheet.createRow(r + 1);
				for (int c = 0; c < rows[r].length; c++) {
					row.createCell(c).setCellValue(rows[r][c]);
				}
			}
			wb.write(out);
			return out.toByteArray();
		}
	}

	long count() {
		return jdbc.sql("select count(*) from assignment").query(Long.class).single();
	}

	@Test
	void bulkAssignmentIsAllOrNothing() throws Exception {
		UnitView a = community(), b = community();
		String deadline = assignments.today().plusDays(50).toString();
		long before = count();
		byte[] bad = workbook(new String[][] {
				{ "I-1-1", "", a.code(), "", "张三", "", "", "", "", deadline, "是" },
				{ "I-1-2", "", "NO-SUCH-UNIT", "", "李四", "", "", "", "", deadline, "否" },
				{ "I-1-3", "", b.code(), "", "王五", "", "", "", "", "2026-13-40", "否" } });
		String page = mvc.perform(multipart("/assignments/import").file(new MockMultipartFile("file", "a.xlsx", null, bad))
				.param("systemId", String.valueOf(system().id())).with(csrf()).with(logins.as("tianmen.office")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("NO-SUCH-UNIT").contains("日期格式");
		assertThat(count()).isEqualTo(before);

		byte[] good = workbook(new String[][] {
				{ "I-1-1", "", a.code(), b.code(), "张三", "主任", "13800001111", "全覆盖", "", deadline, "是" },
				{ "I-1-2", "", b.code(), "", "李四", "", "", "", "", deadline, "否" },
				{ "I-1-3", "", "", "", "", "", "", "", "", "", "" } });
		mvc.perform(multipart("/assignments/import").file(new MockMultipartFile("file", "a.xlsx", null, good))
				.param("systemId", String.valueOf(system().id())).with(csrf()).with(logins.as("tianmen.office")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("已分配 2 项任务")));
		assertThat(count()).isEqualTo(before + 2);
		var created = assignments.page(logins.principal("tianmen.office"), logins.principal("tianmen.office").cityId(),
				new AssignmentFilter(null, a.id(), null, "I-1-1", null), cn.chuangwen.shared.PageRequest.first(10)).items();
		assertThat(created).hasSize(1);
		assertThat(created.get(0).milestones()).extracting(Milestone::percent).containsExactly(25, 50, 75, 100);
		assertThat(created.get(0).cooperatingUnitIds()).containsExactly(b.id());

		// A liaison cannot bulk-assign.
		mvc.perform(multipart("/assignments/import").file(new MockMultipartFile("file", "a.xlsx", null, good))
				.param("systemId", String.valueOf(system().id())).with(csrf()).with(logins.as("tianmen.liaison")))
			.andExpect(status().isForbidden());
	}

	@Test
	void thresholdsAreCitySettingsThatChangeTheState() throws Exception {
		UnitView unit = community();
		CurrentUser office = logins.principal("tianmen.office");
		var leaf = indicators.leaves(office.scope(), system().id()).get(5);
		LocalDate today = assignments.today();
		var created = assignments.create(office, new AssignmentDraft(leaf.id(), unit.id(), null,
				new AssignmentView.Responsible("赵六", null, null), null, today, today.plusDays(10), java.util.List.of()));
		assertThat(created.state()).isEqualTo(AssignmentState.NOT_STARTED);
		TaskSettings before = assignments.settings(office.scope(), office.cityId());
		try {
			mvc.perform(post("/assignments/settings").with(csrf()).with(logins.as("tianmen.office"))
					.param("atRiskPoints", "20").param("atRiskDays", "14").param("oldPhotoDays", "30")
					.param("version", String.valueOf(before.version())))
				.andExpect(status().is3xxRedirection());
			assertThat(assignments.get(office.scope(), created.id()).state()).isEqualTo(AssignmentState.AT_RISK);
			// Bad input: nothing changes.
			mvc.perform(post("/assignments/settings").with(csrf()).with(logins.as("tianmen.office"))
					.param("atRiskPoints", "abc").param("atRiskDays", "14").param("oldPhotoDays", "30")
					.param("version", String.valueOf(before.version() + 1)))
				.andExpect(status().isOk())
				.andExpect(content().string(org.hamcrest.Matchers.containsString("请填写整数")));
			assertThat(assignments.settings(office.scope(), office.cityId()).atRiskDays()).isEqualTo(14);
		}
		finally {
			TaskSettings now = assignments.settings(office.scope(), office.cityId());
			assignments.saveSettings(office, new TaskSettings(before.atRiskPoints(), before.atRiskDays(),
					before.oldPhotoDays(), before.assessmentDate(), now.version()));
		}
	}

	@Test
	void planningPagesRender() throws Exception {
		long systemId = system().id();
		mvc.perform(get("/assignments/unassigned").param("systemId", String.valueOf(systemId)).with(logins.as("tianmen.office")))
			.andExpect(status().isOk());
		mvc.perform(get("/roadmap").param("systemId", String.valueOf(systemId)).with(logins.as("tianmen.leader")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("rm-bar")));
		mvc.perform(get("/battle-map").with(logins.as("tianmen.leader")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("battle-data")));
		mvc.perform(get("/assignments/import/template.xlsx").param("systemId", String.valueOf(systemId))
				.with(logins.as("tianmen.office")))
			.andExpect(status().isOk());
		mvc.perform(get("/").with(logins.as("tianmen.office")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"overview\"")));
		mvc.perform(get("/").with(logins.as("tianmen.liaison")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"my-work\"")));
		// Another city's system: 404 on the roadmap and the API battle map.
		long xiantao = indicators.list(logins.principal("xiantao.office").scope()).get(0).id();
		mvc.perform(get("/api/v1/battle-map").param("systemId", String.valueOf(xiantao)).with(logins.as("tianmen.office")))
			.andExpect(status().isNotFound());
	}

}
