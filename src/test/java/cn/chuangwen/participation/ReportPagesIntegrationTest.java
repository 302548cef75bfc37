package cn.chuangwen.participation;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.support.Logins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The office's report pages (issue 11 §1, §2, §7): the demo's reports in the list with its filters,
 * one report with the reporter only for the permission, the three answers with field errors, the
 * entry of a hotline call, the export's personal columns, and the default units' settings.
 */
@IntegrationTest
class ReportPagesIntegrationTest {

	static final String OFFICE = "xiantao.office";

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CitizenReports reports;

	@Autowired
	Problems problems;

	@Autowired
	OrgFixtures fixtures;

	CurrentUser withoutPersonal() {
		CurrentUser o = logins.principal(OFFICE);
		var perms = new java.util.HashSet<>(o.permissions());
		perms.remove(Permissions.PARTICIPATION_PERSONAL);
		return new CurrentUser(o.id(), o.username(), o.displayName(), o.cityId(), o.cityCode(), o.cityName(), o.unitId(),
				o.unitName(), o.roles(), perms, o.scope(), o.version());
	}

	CitizenReports.Submitted report(String name) {
		long city = fixtures.cityId("xiantao");
		var p = jdbc.sql("select lat, lng from field_point where city_id = :c and active = true order by id limit 1")
			.param("c", city)
			.query((rs, n) -> new java.math.BigDecimal[] { rs.getBigDecimal(1), rs.getBigDecimal(2) })
			.single();
		return reports.submit(city, new ReportDraft(problems.categoryChoices(city).get(0).name(),
				"页面测试 <b>" + UUID.randomUUID() + "</b>", null, p[0], p[1], name, "13900000000"), List.of(),
				ReportSender.web("pages"));
	}

	@Test
	void theDemoGivesEachCityAboutThreeHundredReportsAcrossChannelsAndStates() {
		for (String city : List.of("xiantao", "tianmen", "qianjiang")) {
			var counts = jdbc.sql("""
					select r.state, r.channel, count(*) from citizen_report r join city c on c.id = r.city_id
					where c.code = :c group by r.state, r.channel""")
				.param("c", city)
				.query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getLong(3)))
				.list();
			long total = counts.stream().mapToLong(l -> (Long) l.get(2)).sum();
			assertThat(total).as(city).isBetween(290L, 400L);
			assertThat(counts.stream().map(l -> l.get(0)).distinct().toList()).as(city)
				.contains("RECEIVED", "ACCEPTED", "SOLVED", "REJECTED");
			assertThat(counts.stream().map(l -> l.get(1)).distinct().toList()).as(city)
				.contains("WEB", "HOTLINE", "REPORT_BOX");
		}
		// every accepted demo report is linked to a real problem of its city, and solved ones to closed problems
		assertThat(jdbc.sql("""
				select count(*) from citizen_report r left join problem p on p.id = r.problem_id
				where r.state in ('ACCEPTED', 'RECTIFYING', 'SOLVED') and (p.id is null or p.city_id <> r.city_id
				   or (r.state = 'SOLVED' and p.state <> 'CLOSED'))""").query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from citizen_report where rating is not null").query(Long.class).single())
			.isPositive();
		assertThat(jdbc.sql("select count(*) from citizen_report_support").query(Long.class).single()).isPositive();
	}

	@Test
	void theListFiltersByUrlAndTheReportShowsTheReporterOnlyWithThePermission() throws Exception {
		var sent = report("赵六");
		String list = mvc.perform(get("/participation/reports").param("q", sent.code()).with(logins.as(OFFICE)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(list).contains(sent.code()).contains("赵六").doesNotContain("<b>");
		String received = mvc.perform(get("/participation/reports").param("state", "REJECTED").param("channel", "HOTLINE")
			.with(logins.as(OFFICE))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(received).doesNotContain(sent.code());
		String page = mvc.perform(get("/participation/reports/{id}", sent.id()).with(logins.as(OFFICE)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("赵六").contains("13900000000").contains("id=\"suggestion\"");
		String bare = mvc.perform(get("/participation/reports/{id}", sent.id()).with(Logins.signedIn(withoutPersonal())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(bare).doesNotContain("赵六").doesNotContain("13900000000");
		long other = jdbc.sql("select min(r.id) from citizen_report r join city c on c.id = r.city_id where c.code = 'tianmen'")
			.query(Long.class).single();
		mvc.perform(get("/participation/reports/{id}", other).with(logins.as(OFFICE))).andExpect(status().isNotFound());
	}

	@Test
	void theAnswersShowFieldErrorsThenTakeEffect() throws Exception {
		var sent = report(null);
		String refused = mvc.perform(post("/participation/reports/{id}/reject", sent.id()).param("publicReason", " ")
			.with(csrf()).with(logins.as(OFFICE))).andExpect(status().isBadRequest()).andReturn().getResponse()
			.getContentAsString();
		assertThat(refused).contains("error-summary").contains("href=\"#publicReason\"");
		mvc.perform(post("/participation/reports/{id}/merge", sent.id()).param("problemCode", "XT-0000-000000")
			.with(csrf()).with(logins.as(OFFICE))).andExpect(status().isBadRequest());
		assertThat(jdbc.sql("select state from citizen_report where id = :id").param("id", sent.id()).query(String.class)
			.single()).isEqualTo("RECEIVED");
		mvc.perform(post("/participation/reports/{id}/accept", sent.id()).with(csrf()).with(logins.as(OFFICE)))
			.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select state from citizen_report where id = :id").param("id", sent.id()).query(String.class)
			.single()).isEqualTo("ACCEPTED");
		String again = mvc.perform(post("/participation/reports/{id}/reject", sent.id()).param("publicReason", "重复")
			.with(csrf()).with(logins.as(OFFICE))).andExpect(status().isConflict()).andReturn().getResponse()
			.getContentAsString();
		assertThat(again).contains("已经答复过");
	}

	@Test
	void theOfficeEntersAHotlineCallOnItsForm() throws Exception {
		String category = problems.categoryChoices(fixtures.cityId("xiantao")).get(0).name();
		String form = mvc.perform(post("/participation/reports").param("channel", "HOTLINE").param("category", category)
			.param("description", "").param("reporterName", "孙七").with(csrf()).with(logins.as(OFFICE)))
			.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(form).contains("href=\"#description\"").contains("href=\"#place\"").contains("孙七");
		String where = mvc.perform(post("/participation/reports").param("channel", "REPORT_BOX").param("category", category)
			.param("description", "来信反映：菜市场门口污水横流").param("address", "仙桃市某菜市场").with(csrf()).with(logins.as(OFFICE)))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		long id = Long.parseLong(where.substring(where.lastIndexOf('/') + 1));
		assertThat(jdbc.sql("select channel from citizen_report where id = :id").param("id", id).query(String.class)
			.single()).isEqualTo("REPORT_BOX");
	}

	@Test
	void theExportHasPersonalColumnsOnlyWithThePermission() throws Exception {
		var sent = report("周八");
		byte[] full = mvc.perform(get("/participation/reports/export.xlsx").param("q", sent.code()).with(logins.as(OFFICE)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (var book = new XSSFWorkbook(new ByteArrayInputStream(full))) {
			Row header = book.getSheetAt(0).getRow(0);
			assertThat(header.getLastCellNum()).isEqualTo((short) 14);
			assertThat(book.getSheetAt(0).getRow(1).getCell(12).getStringCellValue()).isEqualTo("周八");
			assertThat(book.getSheetAt(0).getLastRowNum()).isEqualTo(1);
		}
		byte[] bare = mvc.perform(get("/participation/reports/export.xlsx").param("q", sent.code())
			.with(Logins.signedIn(withoutPersonal()))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsByteArray();
		try (var book = new XSSFWorkbook(new ByteArrayInputStream(bare))) {
			assertThat(book.getSheetAt(0).getRow(0).getLastCellNum()).isEqualTo((short) 12);
			assertThat(book.getSheetAt(0).getRow(1).getCell(0).getStringCellValue()).isEqualTo(sent.code());
		}
	}

	@Test
	void theSettingsPageSetsACategorysDefaultUnitAndTracesIt() throws Exception {
		long city = fixtures.cityId("xiantao");
		long category = problems.categoryChoices(city).get(1).id();
		long dept = fixtures.unitOf("xiantao.dept");
		mvc.perform(post("/participation/settings").param("categoryId", String.valueOf(category))
			.param("unitId", String.valueOf(dept)).with(csrf()).with(logins.as(OFFICE)))
			.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select unit_id from citizen_report_default_unit where city_id = :c and category_id = :k")
			.param("c", city).param("k", category).query(Long.class).single()).isEqualTo(dept);
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'CITIZEN_REPORT_DEFAULT_UNIT'")
			.query(Long.class).single()).isPositive();
		mvc.perform(post("/participation/settings").param("categoryId", String.valueOf(category))
			.param("unitId", String.valueOf(fixtures.cityRoot("tianmen"))).with(csrf()).with(logins.as(OFFICE)))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/participation/settings").with(logins.as(OFFICE))).andExpect(status().isOk());
		mvc.perform(post("/participation/settings").param("categoryId", String.valueOf(category)).param("unitId", "")
			.with(csrf()).with(logins.as(OFFICE))).andExpect(status().is3xxRedirection());
	}

}
