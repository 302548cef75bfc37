package cn.chuangwen.inspections;


import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.support.Logins;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 9 §4-§6: a period's results computed from its closed rounds, read by the office before
 * publication and by nobody else; publishing refused while a round is open (naming it) and a second
 * time; the frozen copy, the public page (404 before, no personal data after) and the bulletin.
 * Each test works in a past month of its own with units in a ranking group of their own.
 */
@IntegrationTest
class InspectionResultsIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	Units units;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	org.springframework.transaction.support.TransactionTemplate tx;

	@Autowired
	org.springframework.context.ApplicationEventPublisher events;

	ResultFixtures fixtures;

	@BeforeEach
	void setUp() {
		fixtures = new ResultFixtures(jdbc, units);
	}

	/** Three units in a fresh group: A 80/70, B 100/50 (both 75.00 at 50/50: tied first), C with too few points. */
	record Scenario(String period, String group, UnitView a, UnitView b, UnitView c, long announced, long unannounced,
			String finding) {
	}

	Scenario scenario() {
		CurrentUser office = logins.principal("xiantao.office");
		String period = ResultFixtures.freshMonth();
		String group = "测评组" + ResultFixtures.RANDOM.nextInt(1_000_000);
		UnitView a = fixtures.unit(office, group, "甲单位" + ResultFixtures.RANDOM.nextInt(100_000));
		UnitView b = fixtures.unit(office, group, "乙单位" + ResultFixtures.RANDOM.nextInt(100_000));
		UnitView c = fixtures.unit(office, group, "丙单位" + ResultFixtures.RANDOM.nextInt(100_000));
		long announced = fixtures.plan(office.cityId(), PlanKind.ANNOUNCED, "明查" + period, period, true);
		long unannounced = fixtures.plan(office.cityId(), PlanKind.UNANNOUNCED, "暗访" + period, period, true);
		fixtures.inspect(announced, a.id(), "90", "80", "70", null);
		fixtures.inspect(unannounced, a.id(), "60", "70", "80");
		fixtures.inspect(announced, b.id(), "100", "100", "100");
		fixtures.inspect(unannounced, b.id(), "50", "50", "50");
		fixtures.inspect(announced, c.id(), "95", "95", "95");
		fixtures.inspect(unannounced, c.id(), "95", "95");
		String finding = fixtures.finding(unannounced, "7.5");
		return new Scenario(period, group, a, b, c, announced, unannounced, finding);
	}

	JsonNode results(String account, String period, String group) throws Exception {
		MvcResult r = mvc.perform(get("/api/v1/inspection-results").param("period", period).param("rankingGroup", group)
			.with(logins.as(account))).andExpect(status().isOk()).andReturn();
		return json.readTree(r.getResponse().getContentAsString());
	}

	static JsonNode line(JsonNode lines, long unitId) {
		for (JsonNode l : lines) {
			if (l.get("unitId").asLong() == unitId) {
				return l;
			}
		}
		throw new AssertionError("no line for unit " + unitId + " in " + lines);
	}

	@Test
	void theOfficeReadsTheCompositeRanksAndBandsOfTheClosedRoundsBeforePublication() throws Exception {
		Scenario s = scenario();
		// xiantao's demo rules: 50/50, 3 points per kind, thirds
		JsonNode lines = results("xiantao.office", s.period(), s.group());
		assertThat(lines).hasSize(3);
		JsonNode a = line(lines, s.a().id());
		assertThat(a.get("announced").decimalValue()).isEqualByComparingTo("80.00");
		assertThat(a.get("unannounced").decimalValue()).isEqualByComparingTo("70.00");
		assertThat(a.get("composite").decimalValue()).isEqualByComparingTo("75.00");
		// the all-N/A inspection has no score and does not count as a point
		assertThat(a.get("points").asInt()).isEqualTo(6);
		assertThat(a.get("rank").asInt()).isEqualTo(1);
		JsonNode b = line(lines, s.b().id());
		assertThat(b.get("composite").decimalValue()).isEqualByComparingTo("75.00");
		assertThat(b.get("rank").asInt()).as("equal composites share the rank").isEqualTo(1);
		assertThat(a.get("band").asString()).isEqualTo(b.get("band").asString()).isEqualTo("GREEN");
		JsonNode c = line(lines, s.c().id());
		assertThat(c.get("sampleTooSmall").asBoolean()).isTrue();
		assertThat(c.get("rank").isNull()).isTrue();
		assertThat(c.get("band").isNull()).isTrue();
		assertThat(c.get("unannounced").decimalValue()).isEqualByComparingTo("95.00");

		// an open round's inspections do not count until the office closes it
		long late = fixtures.plan(logins.principal("xiantao.office").cityId(), PlanKind.ANNOUNCED, "补充明查", s.period(), false);
		fixtures.inspect(late, s.a().id(), "0", "0", "0");
		assertThat(line(results("xiantao.office", s.period(), s.group()), s.a().id()).get("announced").decimalValue())
			.isEqualByComparingTo("80.00");

		// before publication nobody outside the office sees anything
		for (String account : new String[] { "xiantao.liaison", "xiantao.leader", "xiantao.dept", "xiantao.inspector" }) {
			mvc.perform(get("/api/v1/inspection-results").param("period", s.period()).with(logins.as(account)))
				.andExpect(status().isNotFound());
		}
		mvc.perform(get("/public/results/xiantao/" + s.period())).andExpect(status().isNotFound());
		mvc.perform(get("/public/results/xiantao/" + s.period() + "/bulletin.pdf")).andExpect(status().isNotFound());
		mvc.perform(get("/inspections/results").param("period", s.period()).with(logins.as("xiantao.liaison")))
			.andExpect(status().isForbidden());
		// another city's office reads its own city, where the period has nothing
		assertThat(results("tianmen.office", s.period(), s.group())).isEmpty();
	}

	@Test
	void publishingIsRefusedWhileARoundIsOpenNamingItThenFreezesTheResultsAndNumbersTheBulletin() throws Exception {
		Scenario s = scenario();
		long cityId = logins.principal("xiantao.office").cityId();
		long open = fixtures.plan(cityId, PlanKind.UNANNOUNCED, "暗访第二轮" + s.period(), s.period(), false);
		mvc.perform(post("/api/v1/periods/{p}/publish", s.period()).with(logins.as("xiantao.office")))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("暗访第二轮" + s.period())));
		assertThat(count("select count(*) from inspection_publication where period = '" + s.period() + "'")).isZero();
		// the page says the same, with 409, and publishes nothing
		mvc.perform(post("/inspections/results/publish").param("period", s.period()).with(csrf())
			.with(logins.as("xiantao.office")))
			.andExpect(status().isConflict())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("暗访第二轮" + s.period())));
		// only the office publishes
		mvc.perform(post("/api/v1/periods/{p}/publish", s.period()).with(logins.as("xiantao.leader")))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/periods/{p}/publish", "2019-Q2").with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest());

		fixtures.close(open);
		MvcResult published = mvc.perform(post("/api/v1/periods/{p}/publish", s.period()).with(logins.as("xiantao.office")))
			.andExpect(status().isCreated())
			.andReturn();
		JsonNode body = json.readTree(published.getResponse().getContentAsString());
		String number = body.get("bulletinNumber").asString();
		assertThat(number).matches("仙创通〔\\d{4}〕\\d+号");
		assertThat(line(body.get("lines"), s.a().id()).get("composite").decimalValue()).isEqualByComparingTo("75.00");
		assertThat(count("select count(*) from audit_event where action = 'INSPECTION_RESULTS_PUBLISH' and changes like '%"
				+ s.period() + "%'")).isEqualTo(1);
		// a second publication is refused
		mvc.perform(post("/api/v1/periods/{p}/publish", s.period()).with(logins.as("xiantao.office")))
			.andExpect(status().isConflict());

		// frozen: a unit renamed and a new closed round change nothing published
		CurrentUser office = logins.principal("xiantao.office");
		UnitView a = units.get(office.scope(), s.a().id());
		units.update(office, a.id(), a.version(), new cn.chuangwen.organization.UnitDraft(a.code(), "改名" + a.name(),
				a.kind(), a.parentId(), a.rankingGroup(), false, null, null, null));
		long extra = fixtures.plan(cityId, PlanKind.ANNOUNCED, "追加明查", s.period(), true);
		fixtures.inspect(extra, s.a().id(), "0", "0", "0");
		JsonNode frozen = line(results("xiantao.office", s.period(), s.group()), s.a().id());
		assertThat(frozen.get("unitName").asString()).isEqualTo(s.a().name());
		assertThat(frozen.get("announced").decimalValue()).isEqualByComparingTo("80.00");
		// and every account of the city reads it now
		assertThat(line(results("xiantao.liaison", s.period(), s.group()), s.b().id()).get("rank").asInt()).isEqualTo(1);
		mvc.perform(get("/api/v1/inspection-results").param("period", s.period()).with(logins.as("tianmen.liaison")))
			.andExpect(status().isNotFound());

		// the public page: no login, unit names and scores, no person
		String page = mvc.perform(get("/public/results/xiantao/" + s.period())).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains(s.a().name(), s.b().name(), s.c().name(), "75.00", number, "样本不足");
		assertThat(page).doesNotContain("xiantao.office", "xiantao.inspector", "退出");
		for (String liaison : jdbc.sql("select liaison_name from unit u join city c on c.id = u.city_id where c.code = 'xiantao' and liaison_name is not null")
			.query(String.class).list()) {
			assertThat(page).doesNotContain(liaison);
		}
		assertThat(page).doesNotContainPattern("1[3-9]\\d{9}");
		mvc.perform(get("/public/results/nowhere/" + s.period())).andExpect(status().isNotFound());
		mvc.perform(get("/public/results/xiantao/not-a-period")).andExpect(status().isNotFound());
		mvc.perform(get("/public/results/xiantao/2019-Q2")).andExpect(status().isNotFound());

		// the bulletin: the number, the scores and ranks, the main problem
		MvcResult pdf = mvc.perform(get("/public/results/xiantao/" + s.period() + "/bulletin.pdf"))
			.andExpect(status().isOk())
			.andExpect(content().contentType("application/pdf"))
			.andReturn();
		String text = cn.chuangwen.documents.DocumentFixtures.pdfText(pdf.getResponse().getContentAsByteArray());
		assertThat(text.replaceAll("\\s+", "")).contains(number, "仙桃市创建全国文明城市工作指挥部", "通报", s.a().name(),
				s.b().name(), "75.00", "绿榜", "发现的主要问题", "7.5",
				s.finding().replaceAll("\\s+", "").substring(0, Math.min(8, s.finding().length())), s.c().name());
		mvc.perform(get("/inspections/results/bulletin.pdf").param("period", s.period()).with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andExpect(content().contentType("application/pdf"));
	}

	@Test
	void closingARoundStoresThePeriodsScoresWhichAreReadOnlyWhileTheClosedRoundsAreTheSame() throws Exception {
		Scenario s = scenario();
		long cityId = logins.principal("xiantao.office").cityId();
		tx.executeWithoutResult(t -> events.publishEvent(new InspectionRoundClosed(cityId, s.unannounced(), PlanKind.UNANNOUNCED)));
		assertThat(jdbc.sql("select closed_plans from inspection_period_scored where city_id = :c and period = :p")
			.param("c", cityId).param("p", s.period()).query(String.class).single())
			.isEqualTo(s.announced() + "," + s.unannounced());
		assertThat(count("select points from inspection_period_score where period = '" + s.period() + "' and unit_id = "
				+ s.a().id() + " and kind = 'ANNOUNCED'")).isEqualTo(3);
		// the stored rows are what the results read (changed here behind the reader's back to show it)
		jdbc.sql("update inspection_period_score set score_sum = score_sum - 30 where period = :p and unit_id = :u and kind = 'ANNOUNCED'")
			.param("p", s.period()).param("u", s.a().id()).update();
		assertThat(line(results("xiantao.office", s.period(), s.group()), s.a().id()).get("announced").decimalValue())
			.isEqualByComparingTo("70.00");
		// a round closed without storing: the set of closed rounds changed, so the inspections are read
		long extra = fixtures.plan(cityId, PlanKind.ANNOUNCED, "再次明查", s.period(), true);
		fixtures.inspect(extra, s.a().id(), "50");
		assertThat(line(results("xiantao.office", s.period(), s.group()), s.a().id()).get("announced").decimalValue())
			.isEqualByComparingTo("72.50");
	}

	@Test
	void theOfficePageShowsTheTablePublishButtonAndExportsExcel() throws Exception {
		Scenario s = scenario();
		String page = mvc.perform(get("/inspections/results").param("period", s.period()).param("rankingGroup", s.group())
			.with(logins.as("xiantao.office"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("results-table", s.a().name(), "75.00", "样本不足", "publish-results", "badge-green");
		MvcResult xlsx = mvc.perform(get("/inspections/results.xlsx").param("period", s.period())
			.param("rankingGroup", s.group()).with(logins.as("xiantao.office"))).andExpect(status().isOk()).andReturn();
		try (var workbook = org.apache.poi.ss.usermodel.WorkbookFactory
			.create(new java.io.ByteArrayInputStream(xlsx.getResponse().getContentAsByteArray()))) {
			var sheet = workbook.getSheetAt(0);
			assertThat(sheet.getPhysicalNumberOfRows()).isEqualTo(4);
			assertThat(sheet.getRow(0).getCell(6).getStringCellValue()).isEqualTo("综合得分");
			assertThat(sheet.getRow(1).getCell(6).getNumericCellValue()).isEqualTo(75.0);
		}
		// a period with only an open round is offered too, so the office sees what holds it back
		// (January 2000, the first month a code may name: it has no previous month to compare ranks with)
		String openOnly = "2000-01";
		fixtures.plan(logins.principal("xiantao.office").cityId(), PlanKind.ANNOUNCED, "只开未结", openOnly, false);
		mvc.perform(get("/inspections/results").with(logins.as("xiantao.office"))).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("value=\"" + openOnly + "\"")));
		mvc.perform(get("/inspections/results").param("period", openOnly).with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("只开未结")));
		// the province reads it naming the city; the leader does not see the page
		mvc.perform(get("/inspections/results").param("period", s.period()).param("city", "xiantao")
			.with(logins.as("hubei.office"))).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString(s.a().name())));
		mvc.perform(get("/inspections/results").with(logins.as("xiantao.leader"))).andExpect(status().isForbidden());
	}

	@Test
	void theDemoHasAPublishedEarlierPeriodWithMostUnitsRankedAndALaterOneToPublish() throws Exception {
		for (String city : new String[] { "xiantao", "tianmen", "qianjiang" }) {
			// the demo's publications are of this decade; the other tests publish months of 2001–2019
			assertThat(count("select count(*) from inspection_publication p join city c on c.id = p.city_id where c.code = '"
					+ city + "' and p.period > '2020'")).as(city).isEqualTo(1);
			long ranked = count("select count(*) from inspection_publication_line l join inspection_publication p on p.id = l.publication_id"
					+ " join city c on c.id = p.city_id where c.code = '" + city + "' and p.period > '2020' and l.ranking is not null");
			long small = count("select count(*) from inspection_publication_line l join inspection_publication p on p.id = l.publication_id"
					+ " join city c on c.id = p.city_id where c.code = '" + city + "' and p.period > '2020' and l.sample_too_small");
			assertThat(ranked).as(city).isGreaterThan(small * 2).isGreaterThan(20);
			assertThat(count("select count(*) from inspection_plan p join city c on c.id = p.city_id where c.code = '" + city
					+ "' and p.state = 'CLOSED'")).isGreaterThanOrEqualTo(4);
			assertThat(count("select count(*) from inspection i join city c on c.id = i.city_id where c.code = '" + city
					+ "' and i.client_id like 'demo-%' and i.findings_dispatched_at is null")).isZero();
		}
		// Qianjiang: every two months, 40/60, unannounced in the odd month
		String kind = jdbc.sql("select s.period_kind || ' ' || s.announced_weight || ' ' || s.unannounced_weight from inspection_settings s join city c on c.id = s.city_id where c.code = 'qianjiang'")
			.query(String.class).single();
		assertThat(kind).startsWith("BIMONTH 40").contains(" 60");
		String published = jdbc.sql("select p.period from inspection_publication p join city c on c.id = p.city_id where c.code = 'qianjiang' and p.period > '2020'")
			.query(String.class).single();
		assertThat(published).matches("\\d{4}-B[1-6]");
		assertThat(results("qianjiang.liaison", published, null)).isNotEmpty();
		assertThat(jdbc.sql("select bulletin_number from inspection_publication p join city c on c.id = p.city_id where c.code = 'qianjiang' and p.period > '2020'")
			.query(String.class).single()).matches("潜创通〔\\d{4}〕\\d+号");
	}

	private long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}


	/** The public page shows one ranking group when asked (a phone reader's tabs), every group by default. */
	@Test
	void thePublicPageShowsOneRankingGroupWhenAsked() throws Exception {
		long publication = jdbc.sql("""
				select p.id from inspection_publication p join city c on c.id = p.city_id
				join inspection_publication_line l on l.publication_id = p.id
				where c.code = 'xiantao' and l.ranking_group <> ''
				group by p.id order by count(distinct l.ranking_group) desc, p.id limit 1""").query(Long.class).single();
		String period = jdbc.sql("select period from inspection_publication where id = :p").param("p", publication)
			.query(String.class).single();
		java.util.List<String> groups = jdbc.sql("""
				select ranking_group from inspection_publication_line where publication_id = :p and ranking_group <> ''
				group by ranking_group order by min(position)""").param("p", publication).query(String.class).list();
		assertThat(groups).hasSizeGreaterThan(1);
		String first = groups.get(0);
		String second = groups.get(1);
		String inFirst = unitOf(publication, first);
		String inSecond = unitOf(publication, second);
		String base = "/public/results/xiantao/" + period;

		String all = mvc.perform(get(base)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(all).contains(">" + inFirst + "<", ">" + inSecond + "<", "id=\"public-groups\"",
				"?rankingGroup=" + java.net.URLEncoder.encode(second, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));

		String one = mvc.perform(get(base).param("rankingGroup", second)).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString();
		assertThat(one).contains(">" + inSecond + "<").doesNotContain(">" + inFirst + "<");
		assertThat(one).containsPattern("aria-current=\"page\"[^>]*>" + java.util.regex.Pattern.quote(second) + "<");

		mvc.perform(get(base).param("rankingGroup", "没有这个分组")).andExpect(status().isNotFound());
	}

	private String unitOf(long publication, String group) {
		return jdbc.sql("select unit_name from inspection_publication_line where publication_id = :p and ranking_group = :g "
				+ "order by position limit 1").param("p", publication).param("g", group).query(String.class).single();
	}

}
