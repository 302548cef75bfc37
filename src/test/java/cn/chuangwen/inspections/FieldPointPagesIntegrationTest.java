package cn.chuangwen.inspections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.support.Logins;

/** Issue 9 §1: the point and checklist pages: filters, forms with field errors, imports with row errors, scope. */
@IntegrationTest
class FieldPointPagesIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	OrgFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	long town(String code) {
		return jdbc.sql("select u.id from unit u join city c on c.id = u.city_id where c.code = 'xiantao' and u.code = :c")
			.param("c", code).query(Long.class).single();
	}

	@Test
	void theListFiltersByTheAddressAndAnHtmxRequestGetsOnlyTheResults() throws Exception {
		String page = mvc.perform(get("/inspections/points").param("pointType", "PUBLIC_TOILET").with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		long toilets = jdbc.sql("""
				select count(*) from field_point f join city c on c.id = f.city_id
				where c.code = 'xiantao' and f.point_type = 'PUBLIC_TOILET'
				""").query(Long.class).single();
		assertThat(page).contains("共 " + toilets + " 个点位").contains("公共厕所").contains("<option value=\"PUBLIC_TOILET\" selected");
		assertThat(page).doesNotContain(">主次干道</td>");
		String fragment = mvc.perform(get("/inspections/points").param("pointType", "PUBLIC_TOILET").header("HX-Request", "true")
			.with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(fragment).contains("id=\"point-results\"").doesNotContain("<form class=\"filters\"");
		// an unknown filter value shows more, never an error page
		mvc.perform(get("/inspections/points").param("pointType", "SPACESHIP").param("townId", "x")
			.with(logins.as("xiantao.office"))).andExpect(status().isOk());
	}

	@Test
	void theMapHoldsOnlyWhatTheCallerSees() throws Exception {
		String liaison = mvc.perform(get("/inspections/points/map.json").with(logins.as("xiantao.liaison")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		long own = jdbc.sql("select count(*) from field_point f join unit u on u.id = f.unit_id where u.path like :p")
			.param("p", fixtures.path(fixtures.unitOf("xiantao.liaison")) + "%").query(Long.class).single();
		assertThat(liaison.split("\"url\"").length - 1).isEqualTo((int) own);
		mvc.perform(get("/inspections/points/new").with(logins.as("xiantao.inspector"))).andExpect(status().isForbidden());
		// the province sees every city's points, each named with its city, or one city chosen
		String province = mvc.perform(get("/inspections/points").param("q", "TM-ZD-001").with(logins.as("hubei.office")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(province).contains("<td data-label=\"城市\">天门市</td>");
		String tianmen = mvc.perform(get("/inspections/points").param("city", "tianmen").with(logins.as("hubei.office")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		long count = jdbc.sql("select count(*) from field_point f join city c on c.id = f.city_id where c.code = 'tianmen'")
			.query(Long.class).single();
		assertThat(tianmen).contains("共 " + count + " 个点位").doesNotContain("data-label=\"城市\"");
		mvc.perform(get("/inspections/points").with(logins.as("xiantao.leader"))).andExpect(status().isForbidden());
	}

	@Test
	void theFormShowsEveryProblemBesideItsFieldAndStoresNothing() throws Exception {
		String code = "PG-" + OrgFixtures.unique();
		String page = mvc.perform(post("/inspections/points").param("code", code).param("name", "")
			.param("pointType", "MAIN_ROAD").param("lat", "39.9").param("lng", "abc")
			.param("townId", Long.toString(town("XT-T01-C01"))).param("unitId", Long.toString(town("XT-T01")))
			.with(csrf()).with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("请填写数字").contains("请修改以下问题");
		page = mvc.perform(post("/inspections/points").param("code", code).param("name", "")
			.param("pointType", "MAIN_ROAD").param("lat", "39.9").param("lng", "116.4")
			.param("townId", Long.toString(town("XT-T01-C01"))).param("unitId", Long.toString(town("XT-T01")))
			.with(csrf()).with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("请填写点位名称").contains("不在本市范围内").contains("请选择点位所在的镇（街道）");
		assertThat(jdbc.sql("select count(*) from field_point where code = :c").param("c", code).query(Long.class).single())
			.isZero();
		// right: stored and shown, then changed with a stale version: 409, the form says why
		mvc.perform(post("/inspections/points").param("code", code).param("name", "页面录入的点位")
			.param("pointType", "MAIN_ROAD").param("lat", "30.36").param("lng", "113.45")
			.param("townId", Long.toString(town("XT-T01"))).param("unitId", Long.toString(town("XT-T01")))
			.param("active", "true").param("_active", "on")
			.with(csrf()).with(logins.as("xiantao.office")))
			.andExpect(status().is3xxRedirection());
		long id = jdbc.sql("select id from field_point where code = :c").param("c", code).query(Long.class).single();
		mvc.perform(post("/inspections/points/" + id).param("code", code).param("name", "改名")
			.param("pointType", "MAIN_ROAD").param("lat", "30.36").param("lng", "113.45")
			.param("townId", Long.toString(town("XT-T01"))).param("unitId", Long.toString(town("XT-T01")))
			.param("_active", "on").param("version", "0")
			.with(csrf()).with(logins.as("xiantao.office")))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/inspections/points/" + id));
		assertThat(jdbc.sql("select active from field_point where id = :id").param("id", id).query(Boolean.class).single())
			.isFalse();
		page = mvc.perform(post("/inspections/points/" + id).param("code", code).param("name", "再改名")
			.param("pointType", "MAIN_ROAD").param("lat", "30.36").param("lng", "113.45")
			.param("townId", Long.toString(town("XT-T01"))).param("unitId", Long.toString(town("XT-T01")))
			.param("version", "0")
			.with(csrf()).with(logins.as("xiantao.office")))
			.andExpect(status().isConflict())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("已被他人修改");
		// an inspector sees the point read-only, another city's office does not see it
		String readOnly = mvc.perform(get("/inspections/points/" + id).with(logins.as("xiantao.inspector")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(readOnly).contains("改名").doesNotContain("<form action=\"/inspections/points/" + id);
		mvc.perform(get("/inspections/points/" + id).with(logins.as("tianmen.office"))).andExpect(status().isNotFound());
	}

	@Test
	void theChecklistPageShowsTheVersionInUseAndItsImportNamesBadRows() throws Exception {
		String page = mvc.perform(get("/inspections/checklists").with(logins.as("xiantao.inspector")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("2026 年度实地测评细则").contains("每200米至少1处公益广告").doesNotContain("checklist-import-submit");
		page = mvc.perform(multipart("/inspections/checklists/import")
			.file(new MockMultipartFile("file", "c.csv", "text/csv", """
					point_type,category,item,deduction_rule,per_occurrence,max_deduction
					主次干道,公共环境,无违章搭建,每发现1处扣1分,1,3
					飞船,公共环境,无违章搭建,每发现1处扣1分,1,3
					""".getBytes(StandardCharsets.UTF_8)))
			.param("name", "页面导入")
			.with(csrf()).with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("第 3 行").contains("没有“飞船”这一点位类型").contains("value=\"页面导入\"");
		assertThat(jdbc.sql("select count(*) from checklist_version where name = '页面导入'").query(Long.class).single()).isZero();
		mvc.perform(multipart("/inspections/checklists/import")
			.file(new MockMultipartFile("file", "c.csv", "text/csv",
					"point_type,category,item,deduction_rule,per_occurrence,max_deduction\n网吧,经营秩序,不接纳未成年人,发现1次扣4分,4,4\n"
						.getBytes(StandardCharsets.UTF_8)))
			.param("name", "页面导入")
			.with(csrf()).with(logins.as("xiantao.office")))
			.andExpect(status().is3xxRedirection());
		page = mvc.perform(get("/inspections/checklists").with(logins.as("xiantao.office")))
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("页面导入").contains("不接纳未成年人").contains("网吧");
		// the province reads one city at a time and the page names it
		String province = mvc.perform(get("/inspections/checklists").param("city", "qianjiang").with(logins.as("hubei.office")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(province).contains("城市：潜江市").doesNotContain("checklist-import-submit");
		for (String account : List.of("xiantao.inspector", "xiantao.liaison")) {
			mvc.perform(multipart("/inspections/checklists/import").param("name", "x").with(csrf()).with(logins.as(account)))
				.andExpect(status().isForbidden());
		}
	}

}
