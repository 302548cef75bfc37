package cn.chuangwen.inspections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.indicators.IndicatorView;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.support.Logins;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 9 §1, §5: checklists imported as versions. Each test imports into its own city's chain of
 * versions, so they run in the one shared context: each checks the version it made, not a count.
 */
@IntegrationTest
class ChecklistsIntegrationTest {

	static final String SAMPLE = "src/main/resources/demo/field-checklists-sample.csv";

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	OrgFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	IndicatorSystems indicators;

	long versions(String city) {
		return jdbc.sql("select count(*) from checklist_version where city_id = :c").param("c", fixtures.cityId(city))
			.query(Long.class).single();
	}

	long importCsv(String account, String name, String csv) throws Exception {
		String answer = mvc.perform(multipart("/api/v1/checklists/import")
			.file(new MockMultipartFile("file", "list.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
			.param("name", name)
			.with(logins.as(account)))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		return json.readTree(answer).get("id").asLong();
	}

	JsonNode inUse(String account, String pointType) throws Exception {
		return json.readTree(mvc.perform(get("/api/v1/checklists").param("pointType", pointType).with(logins.as(account)))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString());
	}

	@Test
	void theDemoCitiesUseTheSampleChecklist() throws Exception {
		JsonNode roads = inUse("qianjiang.inspector", "主次干道");
		assertThat(roads.size()).isEqualTo(7);
		assertThat(roads.get(0).get("pointType").asString()).isEqualTo("MAIN_ROAD");
		assertThat(roads.get(0).get("item").asString()).isEqualTo("每200米至少1处公益广告");
		assertThat(roads.get(0).get("perOccurrence").decimalValue()).isEqualByComparingTo("2");
		assertThat(roads.get(0).get("maxDeduction").decimalValue()).isEqualByComparingTo("6");
		assertThat(roads.get(0).has("category")).isTrue();
		// a liaison reads them too (its unit's points are checked against them)
		assertThat(inUse("qianjiang.liaison", "MAIN_ROAD").size()).isEqualTo(7);
	}

	@Test
	void aNewImportIsANewVersionForItsPointTypesAndOlderVersionsAreKept() throws Exception {
		String sample = Files.readString(Path.of(SAMPLE));
		long first = importCsv("tianmen.office", "第一版", sample);
		JsonNode toilets = inUse("tianmen.office", "PUBLIC_TOILET");
		assertThat(toilets.size()).isEqualTo(2);
		assertThat(toilets.get(0).get("versionId").asLong()).isEqualTo(first);
		// the second version has only toilets, one item changed: toilets use it, main roads keep the first
		long second = importCsv("tianmen.office", "第二版（公厕）", """
				point_type,category,item,deduction_rule,per_occurrence,max_deduction
				公共厕所,公共环境,干净无异味、无积水、有洗手液,不达标扣2分,2,4
				""");
		assertThat(second).isGreaterThan(first);
		toilets = inUse("tianmen.office", "公共厕所");
		assertThat(toilets.size()).isEqualTo(1);
		assertThat(toilets.get(0).get("versionId").asLong()).isEqualTo(second);
		assertThat(toilets.get(0).get("maxDeduction").decimalValue()).isEqualByComparingTo("4");
		JsonNode roads = inUse("tianmen.office", "MAIN_ROAD");
		assertThat(roads.get(0).get("versionId").asLong()).isEqualTo(first);
		// the first version's toilet items are still there for the inspections that used them
		assertThat(jdbc.sql("select count(*) from checklist_item where version_id = :v and point_type = 'PUBLIC_TOILET'")
			.param("v", first).query(Long.class).single()).isEqualTo(2);
		// without a point type: every type, each from its version in use
		JsonNode all = json.readTree(mvc.perform(get("/api/v1/checklists").with(logins.as("tianmen.office")))
			.andReturn().getResponse().getContentAsString());
		assertThat(all.size()).isEqualTo(26 - 1);
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'CHECKLIST_IMPORT' and object_id = :id")
			.param("id", Long.toString(second)).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void anXlsxWithChineseHeadersAndAnIndicatorLinkImports() throws Exception {
		IndicatorView leaf = indicators.currentOfCity(DataScope.all(), "qianjiang")
			.map(s -> indicators.leaves(DataScope.all(), s.id()).get(0))
			.orElseThrow();
		byte[] xlsx = workbook(List.of(new String[] { "点位类型", "类别", "测评内容", "扣分标准", "每次扣分", "最高扣分", "指标编码" },
				new String[] { "集贸市场", "经营秩序", "划行归市", "每处扣1分", "1", "4", leaf.code() },
				new String[] { "MARKET", "公益宣传", "诚信经营公益广告", "", "2", "4", "" }));
		String answer = mvc.perform(multipart("/api/v1/checklists/import")
			.file(new MockMultipartFile("file", "list.xlsx", null, xlsx))
			.param("name", "集贸市场 2026 版")
			.with(logins.as("qianjiang.office")))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		long id = json.readTree(answer).get("id").asLong();
		JsonNode markets = inUse("qianjiang.office", "MARKET");
		assertThat(markets.size()).isEqualTo(2);
		assertThat(markets.get(0).get("versionId").asLong()).isEqualTo(id);
		assertThat(markets.get(0).get("indicatorId").asLong()).isEqualTo(leaf.id());
		assertThat(markets.get(1).get("indicatorId").isNull()).isTrue();
	}

	@Test
	void badRowsAreNamedAndNothingIsStored() throws Exception {
		long before = versions("xiantao");
		String answer = mvc.perform(multipart("/api/v1/checklists/import")
			.file(new MockMultipartFile("file", "list.csv", "text/csv", """
					point_type,category,item,deduction_rule,per_occurrence,max_deduction,indicator_code
					主次干道,公共环境,无违章搭建,每发现1处扣1分,1,3,
					飞船,公共环境,无违章搭建,每发现1处扣1分,1,3,
					背街小巷,,路面平整,每处扣1分,1,4,
					背街小巷,公共环境,路面平整,每处扣1分,-1,4,
					背街小巷,公共环境,路面平整,每处扣1分,5,4,
					背街小巷,公共环境,路面平整,每处扣1分,1,abc,
					背街小巷,公共环境,路面平整,每处扣1分,1,4,NO-SUCH-LEAF
					""".getBytes(StandardCharsets.UTF_8)))
			.param("name", "错误的细则")
			.with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.length()").value(6))
			.andExpect(jsonPath("$.errors[0].row").value(3))
			.andExpect(jsonPath("$.errors[1].row").value(4))
			.andExpect(jsonPath("$.errors[2].row").value(5))
			.andExpect(jsonPath("$.errors[3].row").value(6))
			.andExpect(jsonPath("$.errors[4].row").value(7))
			.andExpect(jsonPath("$.errors[5].row").value(8))
			.andReturn().getResponse().getContentAsString();
		assertThat(answer).contains("飞船").contains("NO-SUCH-LEAF");
		// no name, no file, a header without the needed columns, a file that is neither CSV nor a workbook
		mvc.perform(multipart("/api/v1/checklists/import")
			.file(new MockMultipartFile("file", "list.csv", "text/csv", Files.readAllBytes(Path.of(SAMPLE))))
			.with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("name"));
		mvc.perform(multipart("/api/v1/checklists/import").param("name", "x").with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("file"));
		mvc.perform(multipart("/api/v1/checklists/import")
			.file(new MockMultipartFile("file", "list.csv", "text/csv", "a,b,c\n1,2,3\n".getBytes(StandardCharsets.UTF_8)))
			.param("name", "x")
			.with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].row").value(1));
		mvc.perform(multipart("/api/v1/checklists/import")
			.file(new MockMultipartFile("file", "list.xls", null, new byte[] { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 1, 2, 3, 4 }))
			.param("name", "x")
			.with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest());
		assertThat(versions("xiantao")).isEqualTo(before);
	}

	@Test
	void anImportsLocationListsEveryItemOfItsVersion() throws Exception {
		byte[] sample = Files.readAllBytes(Path.of(SAMPLE));
		var answer = mvc.perform(multipart("/api/v1/checklists/import")
			.file(new MockMultipartFile("file", "list.csv", "text/csv", sample))
			.param("name", "版本链接")
			.with(logins.as("tianmen.office")))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse();
		String location = answer.getHeader("Location");
		assertThat(location).startsWith("/api/v1/checklists?version=");
		long rows = Files.readAllLines(Path.of(SAMPLE)).stream().skip(1).filter(l -> !l.isBlank()).count();
		mvc.perform(get(location).with(logins.as("tianmen.inspector")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value((int) rows));
		// another city's version is not found, a version that is no number is refused
		mvc.perform(get(location).with(logins.as("xiantao.office"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/checklists").param("version", "v1").with(logins.as("tianmen.office")))
			.andExpect(status().isBadRequest());
	}

	@Test
	void onlyTheOfficeImportsAndABadPointTypeIsRefused() throws Exception {
		long before = versions("xiantao");
		for (String account : List.of("xiantao.inspector", "xiantao.liaison", "hubei.office", "xiantao.leader")) {
			mvc.perform(multipart("/api/v1/checklists/import")
				.file(new MockMultipartFile("file", "list.csv", "text/csv", Files.readAllBytes(Path.of(SAMPLE))))
				.param("name", "x")
				.with(logins.as(account)))
				.andExpect(status().isForbidden());
		}
		assertThat(versions("xiantao")).isEqualTo(before);
		mvc.perform(get("/api/v1/checklists").param("pointType", "飞船").with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/checklists").param("pointType", "MAIN_ROAD").with(logins.as("xiantao.leader")))
			.andExpect(status().isForbidden());
		// the province reads one city at a time; an unknown city is not found
		mvc.perform(get("/api/v1/checklists").param("pointType", "MAIN_ROAD").param("cityCode", "tianmen")
			.with(logins.as("hubei.office")))
			.andExpect(status().isOk());
		mvc.perform(get("/api/v1/checklists").param("cityCode", "atlantis").with(logins.as("hubei.office")))
			.andExpect(status().isNotFound());
	}

	static byte[] workbook(List<String[]> rows) throws Exception {
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = wb.createSheet("细则");
			int r = 0;
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

}
