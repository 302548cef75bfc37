package cn.chuangwen.organization.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.internal.UnitWorkbooks;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.support.Logins;

/** Units from Excel: all rows or none, every bad row reported with its number and reason. */
@IntegrationTest
class UnitImportIntegrationTest {

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	static final String[] HEADER = { "编码", "上级编码", "名称", "类型", "排名分组", "文明委成员单位", "一把手", "联络员", "联络电话" };

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MessageSource messages;

	@Autowired
	OrgFixtures fixtures;

	String cityCode;

	@BeforeEach
	void setUp() {
		cityCode = fixtures.code(fixtures.cityRoot("xiantao"));
	}

	@Test
	void aGoodFileCreatesEveryRowWithParentsFromTheFileInAnyOrder() throws Exception {
		String u = OrgFixtures.unique().toUpperCase();
		String town = "IM-T-" + u, community = "IM-C-" + u, village = "IM-V-" + u;
		byte[] file = workbook(List.of(
				row(community, town, "导入社区", "社区", "社区", "否", "王一", "李二", "13800000001"),
				row(town, cityCode, "导入街道", "街道办事处", "镇办", "是", "张三", "", ""),
				row(village, town, "导入村", "VILLAGE", "", "", "", "", "")));

		MvcResult result = upload(file, "units.xlsx");

		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(errors(result).any()).as(String.valueOf(errors(result))).isFalse();
		UnitWorkbooks.Imported imported = (UnitWorkbooks.Imported) result.getModelAndView().getModel().get("imported");
		assertThat(imported.count()).isEqualTo(3);
		assertThat(imported.codes()).containsExactlyInAnyOrder(town, community, village);
		assertThat(result.getResponse().getContentAsString())
			.contains(messages.getMessage("import.done", new Object[] { 3 }, Locale.SIMPLIFIED_CHINESE));

		long townId = idOf(town), communityId = idOf(community), villageId = idOf(village);
		long root = fixtures.cityRoot("xiantao");
		assertThat(parentOf(townId)).isEqualTo(root);
		assertThat(parentOf(communityId)).isEqualTo(townId);
		assertThat(parentOf(villageId)).isEqualTo(townId);
		assertThat(fixtures.path(townId)).isEqualTo(fixtures.path(root) + townId + "/");
		assertThat(fixtures.path(communityId)).isEqualTo(fixtures.path(townId) + communityId + "/");
		assertThat(jdbc.sql("select committee_member from unit where id = :id").param("id", townId)
			.query(Boolean.class)
			.single()).isTrue();
		assertThat(jdbc.sql("select kind || '/' || liaison_phone from unit where id = :id").param("id", communityId)
			.query(String.class)
			.single()).isEqualTo("COMMUNITY/13800000001");
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'UNIT_IMPORT' and reason like :r")
			.param("r", "%" + town + "%")
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	static Stream<Arguments> badRows() {
		return Stream.of(
				Arguments.of("duplicate code in the city", "EXISTING", null, null, null, "unit.error.code.duplicate"),
				Arguments.of("duplicate code in the file", "FIRST", null, null, null, "import.error.code.duplicateInFile"),
				Arguments.of("unknown parent", null, "NOPE-404", null, null, "import.error.parent.unknown"),
				Arguments.of("unknown kind", null, null, null, "宇宙", "import.error.kind.unknown"),
				Arguments.of("missing name", null, null, "", null, "unit.error.name.required"),
				Arguments.of("a city as a kind", null, null, null, "市", "unit.error.kind.city"),
				Arguments.of("a community under the city", null, "CITY", null, "社区", "unit.error.parent.kind"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badRows")
	void oneBadRowAmongGoodOnesImportsNothingAndNamesTheRow(String label, String code, String parent, String name,
			String kind, String key) throws Exception {
		String u = OrgFixtures.unique().toUpperCase();
		String first = "IB-A-" + u, last = "IB-C-" + u;
		String existing = fixtures.code(fixtures.unitOf("xiantao.liaison"));
		String badCode = code == null ? "IB-B-" + u : code.equals("EXISTING") ? existing : first;
		String badParent = parent == null ? first : parent.equals("CITY") ? cityCode : parent;
		String badName = name == null ? "坏行" : name;
		String badKind = kind == null ? "社区" : kind;
		byte[] file = workbook(List.of(row(first, cityCode, "好街道", "街道办事处", "镇办", "否", "", "", ""),
				row(badCode, badParent, badName, badKind, "", "", "", "", ""),
				row(last, first, "好社区", "社区", "社区", "否", "", "", "")));
		int before = fixtures.countUnits();

		MvcResult result = upload(file, "units.xlsx");

		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(result.getModelAndView().getModel().get("imported")).isNull();
		FormErrors errors = errors(result);
		assertThat(errors.items()).as(label).isNotEmpty();
		assertThat(errors.items()).extracting(FormErrors.Item::row).as("only the bad row is reported").containsOnly(3);
		Object[] args = switch (key) {
			case "unit.error.code.duplicate" -> new Object[] { existing };
			case "import.error.code.duplicateInFile" -> new Object[] { first, 2 };
			case "import.error.parent.unknown" -> new Object[] { badParent };
			case "import.error.kind.unknown" -> new Object[] { badKind };
			case "unit.error.parent.kind" -> new Object[] { jdbc.sql("select name from unit where id = :id")
				.param("id", fixtures.cityRoot("xiantao"))
				.query(String.class)
				.single() };
			default -> new Object[0];
		};
		String expected = messages.getMessage(key, args, Locale.SIMPLIFIED_CHINESE);
		assertThat(errors.items()).extracting(FormErrors.Item::message).contains(expected);
		String html = result.getResponse().getContentAsString();
		assertThat(html).contains(escape(expected)).containsPattern(">\\s*3\\s*<")
			.contains(messages.getMessage("import.nothing", null, Locale.SIMPLIFIED_CHINESE));

		assertThat(fixtures.countUnits()).isEqualTo(before);
		List<String> newCodes = new ArrayList<>(List.of(first, last, "IB-B-" + u));
		assertThat(fixtures.countCodes(newCodes)).isZero();
	}

	@Test
	void rowErrorsSpeakEnglishWhenAsked() throws Exception {
		String u = OrgFixtures.unique().toUpperCase();
		byte[] file = workbook(List.<String[]>of(row("IE-" + u, "NOPE-" + u, "x", "社区", "", "", "", "", "")));
		MvcResult result = mvc.perform(multipart("/units/import?lang=en").file(new MockMultipartFile("file", "u.xlsx", XLSX, file))
			.with(csrf())
			.with(logins.as("xiantao.office"))).andReturn();
		assertThat(errors(result).items().get(0).message())
			.isEqualTo(messages.getMessage("import.error.parent.unknown", new Object[] { "NOPE-" + u }, Locale.ENGLISH))
			.contains("NOPE-" + u)
			.doesNotContainPattern("\\p{IsHan}");
	}

	@Test
	void aCycleBetweenNewRowsIsAnError() throws Exception {
		String u = OrgFixtures.unique().toUpperCase();
		String a = "CY-A-" + u, b = "CY-B-" + u, c = "CY-C-" + u;
		byte[] file = workbook(List.of(row(a, b, "部门甲", "市直部门", "", "", "", "", ""),
				row(b, a, "部门乙", "市直部门", "", "", "", "", ""),
				row(c, c, "部门丙", "市直部门", "", "", "", "", "")));
		int before = fixtures.countUnits();
		MvcResult result = upload(file, "cycle.xlsx");
		FormErrors errors = errors(result);
		assertThat(errors.items()).extracting(FormErrors.Item::row, FormErrors.Item::message)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(2, cycle(b)), org.assertj.core.groups.Tuple.tuple(3, cycle(a)),
					org.assertj.core.groups.Tuple.tuple(4, cycle(c)));
		assertThat(fixtures.countUnits()).isEqualTo(before);
		assertThat(fixtures.countCodes(List.of(a, b, c))).isZero();
	}

	static Stream<Arguments> badFiles() throws IOException {
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0,
				0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, (byte) 0xc4, (byte) 0x89 };
		ByteArrayOutputStream zip = new ByteArrayOutputStream();
		try (ZipOutputStream out = new ZipOutputStream(zip)) {
			out.putNextEntry(new ZipEntry("readme.txt"));
			out.write("这不是工作簿".getBytes(java.nio.charset.StandardCharsets.UTF_8));
			out.closeEntry();
		}
		byte[] truncated = java.util.Arrays.copyOf(workbookStatic(List.<String[]>of(new String[] { "TR-1", "XT", "x", "社区" })), 300);
		return Stream.of(Arguments.of("a PNG renamed .xlsx", png, "import.read.notXlsx"),
				Arguments.of("an empty file", new byte[0], "import.error.noFile"),
				Arguments.of("a zip that is not a workbook", zip.toByteArray(), "import.read.notXlsx"),
				Arguments.of("a truncated workbook", truncated, "import.read.notXlsx"),
				Arguments.of("text", "编码,上级编码\nA,B\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
						"import.read.notXlsx"),
				Arguments.of("a workbook without the template header", workbookStatic(List.<String[]>of(), new String[] { "code", "parent" }),
						"import.error.header"),
				Arguments.of("a workbook with only the header", workbookStatic(List.<String[]>of()), "import.error.empty"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badFiles")
	void aFileThatIsNotAFilledTemplateGetsAClearErrorAndImportsNothing(String label, byte[] content, String key)
			throws Exception {
		int before = fixtures.countUnits();
		MvcResult result = upload(content, "units.xlsx");
		assertThat(result.getResponse().getStatus()).as(label).isEqualTo(200);
		FormErrors errors = errors(result);
		assertThat(errors.items()).as(label).hasSize(1);
		String expected = messages.getMessage(key, null, Locale.SIMPLIFIED_CHINESE);
		assertThat(errors.items().get(0).message()).isEqualTo(expected);
		assertThat(result.getResponse().getContentAsString()).contains(escape(expected));
		assertThat(fixtures.countUnits()).isEqualTo(before);
	}

	@Test
	void importNeedsTheImportPermissionAndACsrfToken() throws Exception {
		byte[] file = workbook(List.<String[]>of(row("NP-" + OrgFixtures.unique(), cityCode, "x", "街道办事处", "", "", "", "", "")));
		int before = fixtures.countUnits();
		assertThat(mvc.perform(multipart("/units/import").file(new MockMultipartFile("file", "u.xlsx", XLSX, file))
			.with(csrf())
			.with(logins.as("xiantao.leader"))).andReturn().getResponse().getStatus()).isEqualTo(403);
		assertThat(mvc.perform(multipart("/units/import").file(new MockMultipartFile("file", "u.xlsx", XLSX, file))
			.with(logins.as("xiantao.office"))).andReturn().getResponse().getStatus()).isEqualTo(403);
		assertThat(fixtures.countUnits()).isEqualTo(before);
	}

	private String cycle(String parentCode) {
		return messages.getMessage("import.error.parent.cycle", new Object[] { parentCode }, Locale.SIMPLIFIED_CHINESE);
	}

	private MvcResult upload(byte[] content, String filename) throws Exception {
		return mvc.perform(multipart("/units/import").file(new MockMultipartFile("file", filename, XLSX, content))
			.with(csrf())
			.with(logins.as("xiantao.office"))).andReturn();
	}

	private static FormErrors errors(MvcResult result) {
		return (FormErrors) result.getModelAndView().getModel().get("errors");
	}

	private static String[] row(String... cells) {
		return cells;
	}

	private static byte[] workbook(List<String[]> rows) throws IOException {
		return workbookStatic(rows, HEADER);
	}

	private static byte[] workbookStatic(List<String[]> rows) throws IOException {
		return workbookStatic(rows, HEADER);
	}

	private static byte[] workbookStatic(List<String[]> rows, String[] header) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = workbook.createSheet("单位");
			Row h = sheet.createRow(0);
			for (int i = 0; i < header.length; i++) {
				h.createCell(i).setCellValue(header[i]);
			}
			int r = 1;
			for (String[] values : rows) {
				Row row = sheet.createRow(r++);
				for (int i = 0; i < values.length; i++) {
					row.createCell(i).setCellValue(values[i]);
				}
			}
			workbook.write(out);
			return out.toByteArray();
		}
	}

	private long idOf(String code) {
		return jdbc.sql("select id from unit where code = :c").param("c", code).query(Long.class).single();
	}

	private Long parentOf(long id) {
		return jdbc.sql("select parent_id from unit where id = :id").param("id", id).query(Long.class).single();
	}

	/** As Thymeleaf's th:text writes it. */
	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
			.replace("'", "&#39;");
	}

}
