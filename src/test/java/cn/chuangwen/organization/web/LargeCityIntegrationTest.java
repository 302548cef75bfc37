package cn.chuangwen.organization.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.support.Logins;

/**
 * A city with more units than any old cap (20,000 under one street office): the unit export
 * streams every row, the tree opens that street office a page at a time, and the pickers find the
 * last unit by search. Before, each of these read at most 20,000 units and cut the rest silently.
 */
@IntegrationTest
class LargeCityIntegrationTest {

	/** One more than the old cap of the unit list, tree, export and pickers. */
	static final int COMMUNITIES = 20_001;

	static String cityCode;

	static long cityId, root, street;

	static String office;

	static JdbcTemplate cleanup;

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JdbcTemplate template;

	@Autowired
	Accounts accounts;

	@BeforeEach
	void bigCity() {
		if (cityCode != null) {
			return;
		}
		cleanup = template;
		String code = "big" + OrgFixtures.unique();
		long province = jdbc.sql("select province_id from city where code = 'xiantao'").query(Long.class).single();
		jdbc.sql("insert into city (province_id, code, name) values (?, ?, ?)").params(province, code, "大城市").update();
		cityId = jdbc.sql("select id from city where code = ?").param(code).query(Long.class).single();
		root = unit("BIG", "大城市", "CITY", null, "/");
		street = unit("BIG-S", "大街道", "SUBDISTRICT", root, "/" + root + "/");
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		List<Object[]> rows = new ArrayList<>();
		for (int i = 1; i <= COMMUNITIES; i++) {
			rows.add(new Object[] { cityId, "BIG-C" + String.format("%05d", i), "大社区" + i, street, now, now });
		}
		template.batchUpdate("""
				insert into unit (city_id, code, name, kind, parent_id, path, active, version, created_at, updated_at)
				values (?, ?, ?, 'COMMUNITY', ?, '/', true, 0, ?, ?)""", rows);
		jdbc.sql("update unit set path = ? || cast(id as varchar(20)) || '/' where parent_id = ?")
			.params("/" + root + "/" + street + "/", street)
			.update();
		office = new OrgFixtures(accounts, logins, jdbc).account("bigoffice", code, root, Set.of(Role.CITY_OFFICE))
			.username();
		cityCode = code;
	}

	private long unit(String code, String name, String kind, Long parent, String parentPath) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		jdbc.sql("""
				insert into unit (city_id, code, name, kind, parent_id, path, active, version, created_at, updated_at)
				values (?, ?, ?, ?, ?, '/', true, 0, ?, ?)""").params(cityId, code, name, kind, parent, now, now).update();
		long id = jdbc.sql("select id from unit where city_id = ? and code = ?").params(cityId, code).query(Long.class).single();
		jdbc.sql("update unit set path = ? where id = ?").params(parentPath + id + "/", id).update();
		return id;
	}

	/** The many communities would slow every later test that reads across cities: they go again. */
	@AfterAll
	static void removeTheCommunities() {
		if (cleanup != null) {
			cleanup.update("delete from unit where parent_id = ?", street);
		}
	}

	String page(String path, boolean htmx) throws Exception {
		var request = get(path).with(logins.as(office));
		if (htmx) {
			request = request.header("HX-Request", "true");
		}
		return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	@Test
	void theExportHasEveryUnitOfTheCity() throws Exception {
		byte[] xlsx = mvc.perform(get("/units/export.xlsx").with(logins.as(office)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		// header + city root + street office + every community
		assertThat(rows(xlsx)).isEqualTo(1 + 2 + COMMUNITIES);
		assertThat(jdbc.sql("""
				select count(*) from audit_event where action = 'UNIT_EXPORT' and city_id = ? and changes like ?""")
			.params(cityId, "%" + (2 + COMMUNITIES) + "%")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void theTreeOpensABranchOfThousandsAPageAtATime() throws Exception {
		String tree = page("/units?view=tree", false);
		// the street office shows how many lie below it and loads them only when opened
		assertThat(tree).contains("大街道", "（" + String.format("%,d", COMMUNITIES) + " 个下级）", "/units/" + street + "/children")
			.doesNotContain("大社区1<");
		String first = page("/units/" + street + "/children", true);
		assertThat(first).doesNotContain("<html");
		assertThat(count(first, "大社区\\d+<")).isEqualTo(UnitController.PAGE_SIZE);
		assertThat(first).contains("还有 " + String.format("%,d", COMMUNITIES - UnitController.PAGE_SIZE) + " 个",
				"/units/" + street + "/children?page=2");
		int last = (COMMUNITIES + UnitController.PAGE_SIZE - 1) / UnitController.PAGE_SIZE;
		String end = page("/units/" + street + "/children?page=" + last, true);
		assertThat(end).contains("大社区" + COMMUNITIES + "<").doesNotContain("tree-more");
		// without htmx the same address is the tree rooted at the street office, with page links
		String whole = page("/units/" + street + "/children?page=2", false);
		assertThat(whole).contains("<html", "大街道", "大社区51<", "rel=\"next\"", "rel=\"prev\"");
	}

	@Test
	void thePickersFindTheLastUnitByNameAndSayHowManyMatch() throws Exception {
		String last = "BIG-C" + COMMUNITIES;
		String all = page("/assignments/unit-picker?field=cooperatingUnitIds", true);
		assertThat(count(all, "class=\"picker-option\"")).isEqualTo(50);
		assertThat(all).contains("显示前 50 个，共 " + String.format("%,d", 1 + COMMUNITIES) + " 个匹配");
		String found = page("/assignments/unit-picker?field=cooperatingUnitIds&q=" + last, true);
		long id = jdbc.sql("select id from unit where city_id = ? and code = ?").params(cityId, last).query(Long.class).single();
		assertThat(found).contains("value=\"" + id + "\"", "找到 1 个单位");
		String parents = page("/units/parent-picker?q=" + "大街", true);
		assertThat(parents).contains("value=\"" + street + "\"").doesNotContain("大社区");
	}

	@Test
	void theRecordsPeopleTabPagesTheUnitsAccounts() throws Exception {
		int people = UnitController.PAGE_SIZE + 1;
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		List<Object[]> rows = new ArrayList<>();
		for (int i = 1; i <= people; i++) {
			rows.add(new Object[] { "bigstreet" + String.format("%03d", i) + OrgFixtures.unique(), "街道人员" + i, cityId,
					street, "{noop}x", now, now });
		}
		template.batchUpdate("""
				insert into app_user (username, display_name, city_id, unit_id, password_hash, password_changed_at, created_at)
				values (?, ?, ?, ?, ?, ?, ?)""", rows);
		String first = page("/units/" + street + "?tab=people", false);
		assertThat(count(first, "街道人员\\d+<")).isEqualTo(UnitController.PAGE_SIZE);
		assertThat(first).contains("rel=\"next\"", "共 " + people + " 条");
		String second = page("/units/" + street + "?tab=people&page=2", false);
		assertThat(count(second, "街道人员\\d+<")).isEqualTo(1);
	}

	private static int count(String text, String regex) {
		Matcher m = Pattern.compile(regex).matcher(text);
		int n = 0;
		while (m.find()) {
			n++;
		}
		return n;
	}

	/** Rows of the first sheet, counted in its XML without building the workbook in memory. */
	private static int rows(byte[] xlsx) throws IOException {
		java.nio.file.Path file = java.nio.file.Files.createTempFile("units", ".xlsx");
		try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(java.nio.file.Files.write(file, xlsx).toFile())) {
			ZipEntry sheet = zip.getEntry("xl/worksheets/sheet1.xml");
			try (var in = zip.getInputStream(sheet)) {
				return count(new String(in.readAllBytes(), StandardCharsets.UTF_8), "<row ");
			}
		}
		finally {
			java.nio.file.Files.deleteIfExists(file);
		}
	}

}
