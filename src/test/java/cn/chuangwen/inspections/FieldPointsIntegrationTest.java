package cn.chuangwen.inspections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.support.Logins;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Issue 9 §1, §5, §6: the field point register: who sees what, entering and changing, import and export. */
@IntegrationTest
class FieldPointsIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	OrgFixtures fixtures;

	@Autowired
	FieldPoints points;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	/** A sub-district of xiantao (the demo liaison's) and a department, by code. */
	static final String TOWN = "XT-T01";

	long unit(String code) {
		return jdbc.sql("select u.id from unit u join city c on c.id = u.city_id where c.code = 'xiantao' and u.code = :c")
			.param("c", code)
			.query(Long.class)
			.single();
	}

	String body(String code, String lat, String lng, long unitId, long townId) {
		return """
				{"code": "%s", "name": "测试点位 %s", "pointType": "BACK_STREET", "unitId": %d, "townId": %d,
				 "lat": %s, "lng": %s, "address": "沔州大道旁"}
				""".formatted(code, code, unitId, townId, lat, lng);
	}

	long count(String code) {
		return jdbc.sql("select count(*) from field_point where code = :c").param("c", code).query(Long.class).single();
	}

	long audited(String action, long id) {
		return jdbc.sql("select count(*) from audit_event where action = :a and object_type = 'fieldPoint' and object_id = :id")
			.param("a", action)
			.param("id", Long.toString(id))
			.query(Long.class)
			.single();
	}

	@Test
	void theDemoCitiesHaveTheirPointsInsideTheirAreas() {
		for (String city : List.of("xiantao", "tianmen", "qianjiang")) {
			long cityId = fixtures.cityId(city);
			assertThat(jdbc.sql("select count(*) from field_point where city_id = :c").param("c", cityId)
				.query(Long.class).single()).as(city).isGreaterThanOrEqualTo(150);
			assertThat(jdbc.sql("select count(distinct point_type) from field_point where city_id = :c").param("c", cityId)
				.query(Long.class).single()).as(city).isGreaterThanOrEqualTo(8);
			assertThat(jdbc.sql("select count(distinct town_id) from field_point where city_id = :c").param("c", cityId)
				.query(Long.class).single()).as(city).isGreaterThanOrEqualTo(4);
			assertThat(jdbc.sql("""
					select count(*) from field_point f join field_point_area a on a.city_id = f.city_id
					where f.city_id = :c and (f.lat not between a.min_lat and a.max_lat or f.lng not between a.min_lng and a.max_lng)
					""").param("c", cityId).query(Long.class).single()).as(city).isZero();
		}
	}

	@Test
	void aLiaisonReadsOnlyThePointsOfItsUnitAndBelow() throws Exception {
		String path = fixtures.path(fixtures.unitOf("xiantao.liaison"));
		String answer = mvc.perform(get("/api/v1/field-points").param("size", "500").with(logins.as("xiantao.liaison")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		JsonNode items = json.readTree(answer);
		assertThat(items.size()).isPositive();
		for (JsonNode p : items) {
			assertThat(fixtures.path(p.get("unitId").asLong())).startsWith(path);
		}
		long all = jdbc.sql("select count(*) from field_point f join city c on c.id = f.city_id where c.code = 'xiantao'")
			.query(Long.class).single();
		assertThat((long) items.size()).isLessThan(all);
		// a point of another unit of the same city is not found
		long other = jdbc.sql("""
				select min(f.id) from field_point f join unit u on u.id = f.unit_id join city c on c.id = f.city_id
				where c.code = 'xiantao' and u.path not like :p
				""").param("p", path + "%").query(Long.class).single();
		mvc.perform(get("/api/v1/field-points/" + other).with(logins.as("xiantao.liaison"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/field-points/" + items.get(0).get("id").asLong()).with(logins.as("xiantao.liaison")))
			.andExpect(status().isOk());
		// the facade says the same
		CurrentUser liaison = logins.principal("xiantao.liaison");
		assertThat(points.page(liaison, liaison.cityId(), FieldPointFilter.none(), PageRequest.first(500)).total())
			.isEqualTo(items.size());
		assertThatThrownBy(() -> points.get(liaison, other)).isInstanceOf(NotFoundException.class);
	}

	@Test
	void anotherCitysPointIsNotFoundAndTheListHoldsOnlyTheCallersCity() throws Exception {
		long tianmen = jdbc.sql("select min(f.id) from field_point f join city c on c.id = f.city_id where c.code = 'tianmen'")
			.query(Long.class).single();
		mvc.perform(get("/api/v1/field-points/" + tianmen).with(logins.as("xiantao.office"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/field-points/" + tianmen).with(logins.as("xiantao.inspector")))
			.andExpect(status().isNotFound());
		mvc.perform(put("/api/v1/field-points/" + tianmen).contentType(MediaType.APPLICATION_JSON)
			.content(body("TM-X", "30.66", "113.17", unit(TOWN), unit(TOWN)).replace("}", ", \"version\": 0}"))
			.with(logins.as("xiantao.office"))).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/field-points/" + tianmen).with(logins.as("tianmen.office"))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/field-points/" + tianmen).with(logins.as("hubei.office"))).andExpect(status().isOk());
		long xiantao = fixtures.cityId("xiantao");
		String page = mvc.perform(get("/api/v1/field-points").param("size", "500").with(logins.as("xiantao.inspector")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		for (JsonNode p : json.readTree(page)) {
			assertThat(jdbc.sql("select city_id from field_point where id = :id").param("id", p.get("id").asLong())
				.query(Long.class).single()).isEqualTo(xiantao);
		}
	}

	@Test
	void anInspectorReadsButMayNotWrite() throws Exception {
		long id = jdbc.sql("select min(f.id) from field_point f join city c on c.id = f.city_id where c.code = 'xiantao'")
			.query(Long.class).single();
		mvc.perform(get("/api/v1/field-points/" + id).with(logins.as("xiantao.inspector"))).andExpect(status().isOk());
		mvc.perform(post("/api/v1/field-points").contentType(MediaType.APPLICATION_JSON)
			.content(body("INS-1", "30.36", "113.45", unit(TOWN), unit(TOWN)))
			.with(logins.as("xiantao.inspector"))).andExpect(status().isForbidden());
		mvc.perform(put("/api/v1/field-points/" + id).contentType(MediaType.APPLICATION_JSON)
			.content(body("INS-1", "30.36", "113.45", unit(TOWN), unit(TOWN)).replace("}", ", \"version\": 0}"))
			.with(logins.as("xiantao.inspector"))).andExpect(status().isForbidden());
		mvc.perform(multipart("/api/v1/field-points/import")
			.file(new MockMultipartFile("file", "p.xlsx", null, workbook(List.<String[]>of())))
			.with(logins.as("xiantao.inspector"))).andExpect(status().isForbidden());
		assertThat(count("INS-1")).isZero();
		CurrentUser inspector = logins.principal("xiantao.inspector");
		assertThatThrownBy(() -> points.create(inspector, new FieldPointDraft("INS-2", "x", "MARKET", null,
				new BigDecimal("30.36"), new BigDecimal("113.45"), unit(TOWN), unit(TOWN), true)))
			.isInstanceOf(AccessDeniedException.class);
	}

	@Test
	void theOfficeEntersAndChangesAPointAndEveryChangeIsTraced() throws Exception {
		String code = "T-" + OrgFixtures.unique();
		String created = mvc.perform(post("/api/v1/field-points").contentType(MediaType.APPLICATION_JSON)
			.content(body(code, "30.361234", "113.451234", unit(TOWN), unit(TOWN)))
			.with(logins.as("xiantao.office")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.code").value(code))
			.andExpect(jsonPath("$.pointType").value("BACK_STREET"))
			.andExpect(jsonPath("$.townId").value(unit(TOWN)))
			.andExpect(jsonPath("$.lat").value(30.361234))
			.andExpect(jsonPath("$.active").value(true))
			.andReturn().getResponse().getContentAsString();
		long id = json.readTree(created).get("id").asLong();
		assertThat(audited("FIELD_POINT_CREATE", id)).isEqualTo(1);
		// a change with the version read: saved and traced; the same version again: 409, nothing changed
		String change = body(code, "30.362", "113.452", unit(TOWN), unit(TOWN)).replace("BACK_STREET", "MARKET")
			.replace("}", ", \"version\": 0, \"active\": false}");
		mvc.perform(put("/api/v1/field-points/" + id).contentType(MediaType.APPLICATION_JSON).content(change)
			.with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.pointType").value("MARKET"))
			.andExpect(jsonPath("$.active").value(false))
			.andExpect(jsonPath("$.version").value(1));
		assertThat(audited("FIELD_POINT_UPDATE", id)).isEqualTo(1);
		// the trace says it in words: the types' names, not codes or ids; only what changed
		String changes = jdbc.sql("select changes from audit_event where action = 'FIELD_POINT_UPDATE' and object_id = :id")
			.param("id", Long.toString(id)).query(String.class).single();
		assertThat(changes).contains("背街小巷", "集贸市场", "30.362000,113.452000").doesNotContain("\"unit\"", "\"name\"");
		assertThat(jdbc.sql("select changes from audit_event where action = 'FIELD_POINT_CREATE' and object_id = :id")
			.param("id", Long.toString(id)).query(String.class).single()).contains("沙嘴街道办事处");
		mvc.perform(put("/api/v1/field-points/" + id).contentType(MediaType.APPLICATION_JSON)
			.content(change.replace("MARKET", "SCHOOL"))
			.with(logins.as("xiantao.office")))
			.andExpect(status().isConflict());
		assertThat(jdbc.sql("select point_type from field_point where id = :id").param("id", id).query(String.class).single())
			.isEqualTo("MARKET");
		// the filters find it: by type, by town, by text, inactive
		mvc.perform(get("/api/v1/field-points").param("pointType", "集贸市场").param("active", "false").param("q", code)
			.with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andExpect(header().string("X-Total-Count", "1"))
			.andExpect(jsonPath("$[0].id").value(id));
	}

	@Test
	void badPointsAreRefusedWithTheirFieldsAndNothingIsStored() throws Exception {
		String code = "B-" + OrgFixtures.unique();
		long town = unit(TOWN);
		// Beijing is not in Xiantao
		mvc.perform(post("/api/v1/field-points").contentType(MediaType.APPLICATION_JSON)
			.content(body(code, "39.904200", "116.407400", town, town)).with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest())
			.andExpect(header().string("Content-Type", org.hamcrest.Matchers.containsString("application/problem+json")))
			.andExpect(jsonPath("$.errors[0].field").value("lat"));
		// latitude and longitude swapped
		mvc.perform(post("/api/v1/field-points").contentType(MediaType.APPLICATION_JSON)
			.content(body(code, "113.45", "30.36", town, town)).with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest());
		// unknown unit, another city's unit, a community as the town, no type, no place
		long tianmenUnit = jdbc.sql("select min(u.id) from unit u join city c on c.id = u.city_id where c.code = 'tianmen'")
			.query(Long.class).single();
		mvc.perform(post("/api/v1/field-points").contentType(MediaType.APPLICATION_JSON)
			.content(body(code, "30.36", "113.45", 999_999_999L, town)).with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("unitId"));
		mvc.perform(post("/api/v1/field-points").contentType(MediaType.APPLICATION_JSON)
			.content(body(code, "30.36", "113.45", tianmenUnit, town)).with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("unitId"));
		mvc.perform(post("/api/v1/field-points").contentType(MediaType.APPLICATION_JSON)
			.content(body(code, "30.36", "113.45", town, unit("XT-T01-C01"))).with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("townId"));
		mvc.perform(post("/api/v1/field-points").contentType(MediaType.APPLICATION_JSON)
			.content("{\"code\": \"" + code + "\", \"name\": \"x\", \"pointType\": \"SPACESHIP\"}")
			.with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.length()").value(5));
		// a code already used in the city
		String taken = jdbc.sql("select min(f.code) from field_point f join city c on c.id = f.city_id where c.code = 'xiantao'")
			.query(String.class).single();
		mvc.perform(post("/api/v1/field-points").contentType(MediaType.APPLICATION_JSON)
			.content(body(taken, "30.36", "113.45", town, town)).with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("code"));
		// bad filters and paging are 400 too
		mvc.perform(get("/api/v1/field-points").param("pointType", "X").param("unitId", "abc").param("size", "9999")
			.with(logins.as("xiantao.office"))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.length()").value(3));
		assertThat(count(code)).isZero();
		assertThat(count(taken)).isEqualTo(1);
	}

	@Test
	void theListPagesInTheDatabaseWithTotalAndLinks() throws Exception {
		mvc.perform(get("/api/v1/field-points?page=2&size=5&pointType=MAIN_ROAD")
			.with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(5))
			.andExpect(header().string("Link", org.hamcrest.Matchers.allOf(
					org.hamcrest.Matchers.containsString("rel=\"next\""), org.hamcrest.Matchers.containsString("rel=\"prev\""),
					org.hamcrest.Matchers.containsString("pointType=MAIN_ROAD"))))
			.andExpect(jsonPath("$[0].pointType").value("MAIN_ROAD"));
		long mainRoads = jdbc.sql("""
				select count(*) from field_point f join city c on c.id = f.city_id
				where c.code = 'xiantao' and f.point_type = 'MAIN_ROAD'
				""").query(Long.class).single();
		mvc.perform(get("/api/v1/field-points").param("pointType", "MAIN_ROAD").param("size", "10")
			.with(logins.as("xiantao.office")))
			.andExpect(header().string("X-Total-Count", Long.toString(mainRoads)));
	}

	// --- import

	static byte[] workbook(List<String[]> rows) throws Exception {
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = wb.createSheet("点位");
			Row header = sheet.createRow(0);
			for (int c = 0; c < FieldPointWorkbooks.COLUMNS.length; c++) {
				header.createCell(c).setCellValue(FieldPointWorkbooks.COLUMNS[c]);
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

	@Test
	void anImportRowShowsAllItsProblemsAtOnceAndBlankCodesAreRequiredNotDuplicates() throws Exception {
		String p = "J" + OrgFixtures.unique();
		// no name and a place outside the city: both named for the one row
		String[] twoProblems = { p + "-1", "", "主次干道", "", "39.9042", "116.4074", TOWN, TOWN, "是" };
		String[] blank = { "", "无编码一", "背街小巷", "", "30.3601", "113.4501", TOWN, TOWN, "是" };
		String[] blankAgain = { "", "无编码二", "背街小巷", "", "30.3602", "113.4502", TOWN, TOWN, "是" };
		String answer = mvc.perform(multipart("/api/v1/field-points/import")
			.file(new MockMultipartFile("file", "points.xlsx", null, workbook(List.of(twoProblems, blank, blankAgain))))
			.with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest())
			.andReturn().getResponse().getContentAsString();
		List<String> rowTwo = new ArrayList<>();
		List<String> blanks = new ArrayList<>();
		for (var e : json.readTree(answer).get("errors")) {
			if (e.get("row").asInt() == 2) {
				rowTwo.add(e.get("field").asString());
			}
			else {
				blanks.add(e.get("field").asString() + ":" + e.get("message").asString());
			}
		}
		assertThat(rowTwo).contains("name", "lat");
		assertThat(blanks).hasSize(2).allMatch(m -> m.startsWith("code:")).noneMatch(m -> m.contains("重复"));
		assertThat(count(p + "-1")).isZero();
	}

	@Test
	void anImportIsAllOrNothingAndNamesEveryBadRow() throws Exception {
		String p = "I" + OrgFixtures.unique();
		String[] a = { p + "-1", "导入点位一", "主次干道", "仙桃大道", "30.3601", "113.4501", TOWN, TOWN, "是" };
		String[] b = { p + "-2", "导入点位二", "PUBLIC_TOILET", "钱沟路", "30.3602", "113.4502", "XT-T02", "XT-T02", "" };
		String[] duplicate = { p + "-1", "重复编码", "背街小巷", "", "30.3603", "113.4503", TOWN, TOWN, "是" };
		String[] unknownUnit = { p + "-4", "未知单位", "背街小巷", "", "30.3604", "113.4504", "NO-SUCH-UNIT", TOWN, "是" };
		String[] outside = { p + "-5", "范围外", "背街小巷", "", "39.9042", "116.4074", TOWN, TOWN, "否" };
		String answer = mvc.perform(multipart("/api/v1/field-points/import")
			.file(new MockMultipartFile("file", "points.xlsx", null, workbook(List.of(a, b, duplicate, unknownUnit, outside))))
			.with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].row").value(4))
			.andExpect(jsonPath("$.errors[0].field").value("code"))
			.andExpect(jsonPath("$.errors[1].row").value(5))
			.andExpect(jsonPath("$.errors[1].field").value("unitId"))
			.andExpect(jsonPath("$.errors[2].row").value(6))
			.andExpect(jsonPath("$.errors[2].field").value("lat"))
			.andReturn().getResponse().getContentAsString();
		assertThat(answer).contains("NO-SUCH-UNIT");
		assertThat(count(p + "-1") + count(p + "-2")).isZero();

		String ok = mvc.perform(multipart("/api/v1/field-points/import")
			.file(new MockMultipartFile("file", "points.xlsx", null, workbook(List.of(a, b))))
			.with(logins.as("xiantao.office")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.length()").value(2))
			.andExpect(jsonPath("$[0].code").value(p + "-1"))
			.andExpect(jsonPath("$[1].pointType").value("PUBLIC_TOILET"))
			.andReturn().getResponse().getContentAsString();
		assertThat(count(p + "-1")).isEqualTo(1);
		assertThat(audited("FIELD_POINT_CREATE", json.readTree(ok).get(0).get("id").asLong())).isEqualTo(1);
		// importing the same file again: every code is taken now, nothing is stored twice
		mvc.perform(multipart("/api/v1/field-points/import")
			.file(new MockMultipartFile("file", "points.xlsx", null, workbook(List.of(a, b))))
			.with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].row").value(2))
			.andExpect(jsonPath("$.errors[1].row").value(3));
		assertThat(count(p + "-1")).isEqualTo(1);
	}

	@Test
	void anImportThatIsNoWorkbookOrHasNoFileIsRefused() throws Exception {
		mvc.perform(multipart("/api/v1/field-points/import")
			.file(new MockMultipartFile("file", "points.xlsx", null, "code,name\nA,B\n".getBytes()))
			.with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("file"));
		mvc.perform(multipart("/api/v1/field-points/import").with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest());
		mvc.perform(multipart("/api/v1/field-points/import")
			.file(new MockMultipartFile("file", "points.xlsx", null, workbook(List.<String[]>of())))
			.with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest());
	}

	@Test
	void theExportHoldsTheFilteredPointsAndOnlyTheOfficeTakesTheTemplate() throws Exception {
		byte[] export = mvc.perform(get("/api/v1/field-points/export.xlsx").param("pointType", "MARKET")
			.with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		long markets = jdbc.sql("""
				select count(*) from field_point f join city c on c.id = f.city_id
				where c.code = 'xiantao' and f.point_type = 'MARKET'
				""").query(Long.class).single();
		try (XSSFWorkbook wb = new XSSFWorkbook(new java.io.ByteArrayInputStream(export))) {
			Sheet sheet = wb.getSheetAt(0);
			assertThat(sheet.getLastRowNum()).isEqualTo((int) markets);
			assertThat(sheet.getRow(1).getCell(2).getStringCellValue()).isEqualTo("集贸市场");
		}
		mvc.perform(get("/api/v1/field-points/import-template.xlsx").with(logins.as("xiantao.office")))
			.andExpect(status().isOk());
		// an inspector does not take the template (no writing) but exports what it reads
		mvc.perform(get("/api/v1/field-points/import-template.xlsx").with(logins.as("xiantao.inspector")))
			.andExpect(status().isForbidden());
	}

	@Test
	void theFacadeRefusesAPlaceOutsideTheCity() {
		CurrentUser office = logins.principal("xiantao.office");
		assertThatThrownBy(() -> points.create(office, new FieldPointDraft("F-" + OrgFixtures.unique(), "x", "MARKET", null,
				new BigDecimal("30.66"), new BigDecimal("112.00"), unit(TOWN), unit(TOWN), true)))
			.isInstanceOf(InvalidInputException.class)
			.satisfies(ex -> assertThat(((InvalidInputException) ex).problems().get(0).messageKey())
				.isEqualTo("fieldPoint.error.outside"));
	}

}
