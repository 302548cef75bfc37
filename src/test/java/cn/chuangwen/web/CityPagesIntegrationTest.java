package cn.chuangwen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.support.Logins;

/**
 * The province's pages across cities (issue 7, 1.4): /cities lists them, a city's page names the
 * city, and lists across cities have a city column and filter instead of silently picking one city.
 */
@IntegrationTest
class CityPagesIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	String page(String account, String path) throws Exception {
		return mvc.perform(get(path).with(logins.as(account)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	@Test
	void citiesListsEveryCityWithItsOverview() throws Exception {
		String html = page("hubei.office", "/cities");
		assertThat(html).contains("仙桃市", "天门市", "潜江市", "href=\"/cities/xiantao\"", "href=\"/units?city=qianjiang\"");
		String own = page("xiantao.office", "/cities");
		assertThat(own).contains("仙桃市").doesNotContain("天门市");
	}

	@Test
	void theCitiesLinkIsShownOnlyToThoseWhoMayOpenIt() throws Exception {
		assertThat(page("hubei.office", "/account")).contains("href=\"/cities\"");
		// The audit administrator's scope spans every city, but units are not theirs to read.
		assertThat(page("admin.audit", "/account")).doesNotContain("href=\"/cities\"");
		assertThat(page("xiantao.office", "/account")).doesNotContain("href=\"/cities\"");
	}

	@Test
	void aCitysPageNamesTheCityAndOtherCitiesAre404() throws Exception {
		String html = page("hubei.office", "/cities/tianmen");
		assertThat(html).contains("class=\"viewing\"", "正在查看：天门市", "天门市：进度概况", "href=\"/assignments?city=tianmen\"");
		mvc.perform(get("/cities/tianmen").with(logins.as("xiantao.office"))).andExpect(status().isNotFound());
		mvc.perform(get("/cities/nowhere").with(logins.as("hubei.office"))).andExpect(status().isNotFound());
		mvc.perform(get("/cities/Bad!").with(logins.as("hubei.office"))).andExpect(status().isNotFound());
		mvc.perform(get("/cities/xiantao").with(logins.as("xiantao.liaison"))).andExpect(status().isForbidden());
	}

	@Test
	void pagesOpenedForACityOrOneOfItsUnitsNameTheCity() throws Exception {
		assertThat(page("hubei.office", "/units?city=qianjiang")).contains("正在查看：潜江市");
		long unit = jdbc.sql("select u.id from unit u join city c on c.id = u.city_id where c.code = 'tianmen' and u.parent_id is not null order by u.id limit 1")
			.query(Long.class).single();
		assertThat(page("hubei.office", "/units/" + unit)).contains("正在查看：天门市");
		// A city user's top bar already names the city: no second label.
		assertThat(page("xiantao.office", "/units?city=xiantao")).doesNotContain("class=\"viewing\"");
	}

	@Test
	void theProvincesAssignmentListCoversEveryCityWithACityColumn() throws Exception {
		String all = page("hubei.office", "/assignments");
		long total = jdbc.sql("select count(*) from assignment where withdrawn_at is null").query(Long.class).single();
		assertThat(all).contains("共 " + String.format("%,d", total) + " 项任务");
		assertThat(all).contains("<th>城市</th>", "仙桃市", "天门市");
		String one = page("hubei.office", "/assignments?city=tianmen");
		long tianmen = jdbc.sql("select count(*) from assignment a join city c on c.id = a.city_id where c.code = 'tianmen'")
			.query(Long.class).single();
		assertThat(one).contains("共 " + String.format("%,d", tianmen) + " 项任务", "正在查看：天门市");
		// A state filter across cities applies each city's own rules: the sum of the cities' counts.
		long overdue = 0;
		for (String city : List.of("xiantao", "tianmen", "qianjiang")) {
			String listed = page("hubei.office", "/assignments?state=OVERDUE&city=" + city);
			var counted = java.util.regex.Pattern.compile("共 ([0-9,]+) 项任务").matcher(listed);
			assertThat(counted.find()).as(city).isTrue();
			overdue += Long.parseLong(counted.group(1).replace(",", ""));
		}
		assertThat(overdue).isPositive();
		assertThat(page("hubei.office", "/assignments?state=OVERDUE")).contains("共 " + String.format("%,d", overdue) + " 项任务");
	}

	@Test
	void theProvincesUnitListHasACityColumnAndTheBattleMapNamesTheCity() throws Exception {
		String units = page("hubei.office", "/units");
		assertThat(units).contains("<th>城市</th>");
		String map = page("hubei.office", "/battle-map?city=qianjiang");
		assertThat(map).contains("正在查看：潜江市", "潜江市 · ");
	}

}
