package cn.chuangwen.participation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.UnitDraft;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.Units;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.support.Logins;

/**
 * The public list and map of citizen reports (issue 11 §1, §6): filters in the address narrow the
 * list as SQL pages it, the response time is shown (未答复 while unanswered), and no page or map
 * answer carries a reporter's name or phone.
 */
@IntegrationTest
class ReportBoardIntegrationTest {

	static final Random RANDOM = new Random();

	static final String NAME = "测试张三丰";

	static final String PHONE = "13912345678";

	@Autowired
	MockMvc mvc;

	@Autowired
	CitizenReports reports;

	@Autowired
	Units units;

	@Autowired
	Logins logins;

	@Autowired
	OrgFixtures org;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	long cityId;

	long town;

	List<String> codes;

	Problems.Category first;

	Problems.Category second;

	/** 25 reports in a new town: 2 of a second category, 3 solved (answered after 26 hours), 2 with a place. */
	@BeforeEach
	void reportsInANewTown() {
		cityId = reports.city("xiantao").id();
		town = units.create(logins.principal("xiantao.office"), new UnitDraft("RB" + Math.abs(RANDOM.nextLong() % 1_000_000_000L),
				"公开列表镇" + RANDOM.nextInt(1_000_000), UnitKind.TOWN, org.cityRoot("xiantao"), null, false, null, null, null))
			.id();
		List<Problems.Category> categories = reports.categories(cityId);
		first = categories.get(0);
		second = categories.get(1);
		codes = new ArrayList<>();
		for (int i = 0; i < 25; i++) {
			String category = i < 2 ? second.name() : first.name();
			CitizenReports.Submitted s = reports.submit(cityId, new ReportDraft(category, "路边垃圾没人清理 " + i,
					"新华路 " + i + " 号", null, null, NAME, PHONE), List.of(), ReportSender.web("board-test"));
			codes.add(s.code());
			jdbc.sql("update citizen_report set town_id = :t where id = :id").param("t", town).param("id", s.id()).update();
			if (i >= 22) {
				jdbc.sql("""
						update citizen_report set state = 'SOLVED', supporters = 4,
						    answered_at = created_at + interval '26' hour where id = :id""").param("id", s.id()).update();
			}
			if (i == 5 || i == 6) {
				jdbc.sql("update citizen_report set lat = 30.3627, lng = 113.454 where id = :id").param("id", s.id()).update();
			}
		}
	}

	String page(String url) throws Exception {
		MockHttpServletResponse r = mvc.perform(get(url)).andReturn().getResponse();
		assertThat(r.getStatus()).as(url).isEqualTo(200);
		String body = r.getContentAsString(StandardCharsets.UTF_8);
		assertThat(body).as("personal data in " + url).doesNotContain(NAME).doesNotContain(PHONE);
		return body;
	}

	static int rows(String html) {
		return html.split("class=\"report-row\"", -1).length - 1;
	}

	@Test
	void filtersInTheAddressNarrowTheListAndPagesComeFromSql() throws Exception {
		String base = "/public/reports/xiantao?town=" + town;
		String one = page(base);
		assertThat(rows(one)).isEqualTo(20);
		assertThat(one).contains("共 25 条").contains("rel=\"next\"");
		assertThat(one).contains("href=\"/public/reports/xiantao/new\"").contains("我要反映");
		assertThat(one).contains("href=\"/public/reports/xiantao/" + codes.get(24) + "\"");
		String two = page(base + "&page=2");
		assertThat(rows(two)).isEqualTo(5);
		assertThat(two).contains("href=\"/public/reports/xiantao/" + codes.get(0) + "\"");

		String solved = page(base + "&state=SOLVED");
		assertThat(rows(solved)).isEqualTo(3);
		assertThat(solved).contains("1 天 2 小时").doesNotContain("未答复");
		assertThat(page(base + "&state=RECEIVED")).contains("未答复");
		assertThat(rows(page(base + "&category=" + second.id()))).isEqualTo(2);

		LocalDate today = LocalDate.now(clock.withZone(Problems.ZONE));
		assertThat(rows(page(base + "&from=" + today + "&to=" + today))).isEqualTo(20);
		assertThat(page(base + "&from=" + today.plusDays(1))).contains("id=\"report-empty\"");
		assertThat(rows(page(base + "&to=" + today.minusDays(1)))).isZero();
		// a value the page does not know is ignored, never an error
		assertThat(rows(page(base + "&state=NOPE&category=abc&from=2026-13-45"))).isEqualTo(20);
		assertThat(mvc.perform(get("/public/reports/nowhere")).andReturn().getResponse().getStatus()).isEqualTo(404);
	}

	@Test
	void theMapShowsTheFilteredReportsThatHaveAPlaceAndNoPersonalData() throws Exception {
		String json = page("/public/reports/xiantao/map.json?town=" + town);
		assertThat(json.split("\"code\"", -1).length - 1).isEqualTo(2);
		assertThat(json).contains("/public/reports/xiantao/" + codes.get(5)).contains("/public/reports/xiantao/" + codes.get(6));
		assertThat(page("/public/reports/xiantao/map.json?town=" + town + "&state=SOLVED")).isEqualTo("[]");
		// the exposure column's pages never show a reporter either
		page("/public/exposure/xiantao");
		page("/public/exposure/xiantao/rss.xml");
	}

}
