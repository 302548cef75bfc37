package cn.chuangwen.problems;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
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
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitDraft;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.support.Logins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Issue 8 §4: a problem list imported all-or-nothing with row errors, and any filtered list exported. */
@IntegrationTest
class ProblemWorkbooksIntegrationTest {

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
	cn.chuangwen.support.TestClock clock;

	UnitView community() {
		CurrentUser liaison = logins.principal("xiantao.liaison");
		return units.create(logins.principal("xiantao.office"),
				new UnitDraft("W" + Math.abs(RANDOM.nextLong() % 1_000_000_000L), "导入社区" + RANDOM.nextInt(100000),
						UnitKind.COMMUNITY, liaison.unitId(), "社区", false, null, null, null));
	}

	static byte[] workbook(List<String[]> rows) throws Exception {
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = wb.createSheet("问题清单");
			Row header = sheet.createRow(0);
			for (int c = 0; c < ProblemWorkbooks.COLUMNS.length; c++) {
				header.createCell(c).setCellValue(ProblemWorkbooks.COLUMNS[c]);
			}
			int r = 1;
			for (String[] cells : rows) {
				Row row = sheet.createRow(r++);
				for (int c = 0; c < cells.length; c++) {
					row.createCell(c).setCellValue(cells[c]);
				}
			}
			wb.write(out);
			return out.toByteArray();
		}
	}

	long count(long unitId) {
		return jdbc.sql("select count(*) from problem where unit_id = :u").param("u", unitId).query(Long.class).single();
	}

	@Test
	void everyRowBecomesAProblemOrNoneDoesAndBadRowsAreNamed() throws Exception {
		UnitView unit = community();
		String[] good = { "文明办", "环境卫生", "垃圾未清运", "三天未清运", "一般", unit.code(), "沔阳大道", "30.364", "113.455", "", "是" };
		String[] alsoGood = { "HOTLINE", "占道经营", "摊贩占道", "", "较重", unit.code(), "", "", "",
				java.time.LocalDate.now(clock.withZone(Problems.ZONE)).plusDays(30).toString(), "否" };
		String[] badUnit = { "热线", "交通秩序", "乱停车", "", "一般", "NO-SUCH-UNIT", "", "", "", "", "否" };
		String[] badCategory = { "热线", "天气", "下雨", "", "严重", unit.code(), "", "", "", "", "否" };
		String[] badPlace = { "热线", "交通秩序", "乱停车", "", "一般", unit.code(), "", "95", "113", "", "否" };
		String answer = mvc.perform(multipart("/api/v1/problems/import")
			.file(new MockMultipartFile("file", "list.xlsx", null, workbook(List.of(good, alsoGood, badUnit, badCategory, badPlace))))
			.with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].row").value(4))
			.andReturn().getResponse().getContentAsString();
		assertThat(answer).contains("NO-SUCH-UNIT").contains("\"row\":5").contains("\"row\":6");
		assertThat(count(unit.id())).isZero();

		mvc.perform(multipart("/api/v1/problems/import")
			.file(new MockMultipartFile("file", "list.xlsx", null, workbook(List.of(good, alsoGood))))
			.with(logins.as("xiantao.office")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.imported").value(2));
		assertThat(count(unit.id())).isEqualTo(2);
		assertThat(jdbc.sql("select state from problem where unit_id = :u order by id").param("u", unit.id())
			.query(String.class).list()).containsExactly("DISPATCHED", "PENDING");

		mvc.perform(multipart("/api/v1/problems/import")
			.file(new MockMultipartFile("file", "list.xlsx", null, "not a workbook".getBytes()))
			.with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest());
		mvc.perform(multipart("/api/v1/problems/import")
			.file(new MockMultipartFile("file", "list.xlsx", null, workbook(List.<String[]>of(good))))
			.with(logins.as("xiantao.liaison")))
			.andExpect(status().isForbidden());
		assertThat(count(unit.id())).isEqualTo(2);

		byte[] export = mvc.perform(get("/api/v1/problems/export.xlsx").param("unitId", Long.toString(unit.id()))
			.with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(export))) {
			Sheet sheet = wb.getSheetAt(0);
			assertThat(sheet.getLastRowNum()).isEqualTo(2);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("编号");
			assertThat(sheet.getRow(1).getCell(3).getStringCellValue()).isEqualTo("摊贩占道");
			assertThat(sheet.getRow(1).getCell(6).getStringCellValue()).isEqualTo("待交办");
		}
		// a unit exports what it may see only: the pending import is not there for the town's liaison
		byte[] theirs = mvc.perform(get("/api/v1/problems/export.xlsx").param("unitId", Long.toString(unit.id()))
			.with(logins.as("xiantao.liaison")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(theirs))) {
			assertThat(wb.getSheetAt(0).getLastRowNum()).isEqualTo(2);
		}
		mvc.perform(get("/api/v1/problems/export.xlsx").param("unitId", Long.toString(unit.id()))
			.with(logins.as("xiantao.dept"))).andExpect(status().isOk());
	}

}
