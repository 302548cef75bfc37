package cn.chuangwen.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.documents.DocumentFixtures;
import cn.chuangwen.documents.ResponsibilityLetters;
import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.indicators.IndicatorView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.tasks.AssignmentView;
import cn.chuangwen.tasks.Assignments;
import tools.jackson.databind.JsonNode;

/**
 * The two sources read from other modules' records: LETTER_TARGETS (responsibility letters and
 * sign-offs) and CITIZEN_REPORTS (citizen reports that became the unit's problems, and ratings).
 */
@IntegrationTest
class LetterAndReportSourcesIntegrationTest extends EvaluationApiTest {

	@Autowired
	Assignments assignments;

	@Autowired
	IndicatorSystems indicators;

	@Autowired
	ResponsibilityLetters letters;

	@Test
	void letterTargetsCountTheItemsSignedOffByTheLettersDeadline() throws Exception {
		CurrentUser office = logins.principal(OFFICE);
		String group = EvaluationFixtures.freshGroup();
		UnitView a = fx.unit(office, group, "甲" + group);
		UnitView b = fx.unit(office, group, "乙" + group);
		int year = assignments.today().getYear() + 1;
		List<IndicatorView> leaves = leaves(office);
		AssignmentView early = DocumentFixtures.assign(assignments, office, leaves.get(0).id(), a.id(), "目标一",
				LocalDate.of(year, 3, 31), List.of());
		AssignmentView late = DocumentFixtures.assign(assignments, office, leaves.get(1).id(), a.id(), "目标二",
				LocalDate.of(year, 6, 30), List.of());
		DocumentFixtures.assign(assignments, office, leaves.get(2).id(), a.id(), "目标三", LocalDate.of(year, 9, 30), List.of());
		letters.issue(office, a.id(), year);
		// the letter's deadlines bind: the first signed off on its last day (Beijing), the second a day late
		signOff(early.id(), OffsetDateTime.of(year, 3, 31, 23, 0, 0, 0, ZoneOffset.ofHours(8)));
		signOff(late.id(), OffsetDateTime.of(year, 7, 1, 9, 0, 0, 0, ZoneOffset.ofHours(8)));
		createScheme("QUARTER", group, List.of(src("LETTER_TARGETS", 100)));
		createScheme("YEAR", group, List.of(src("LETTER_TARGETS", 100)));

		// the first quarter: one target due, met
		JsonNode q1 = scores(year + "-Q1", group);
		assertThat(line(q1, a.id()).get("parts").get("LETTER_TARGETS").decimalValue()).isEqualByComparingTo("100.00");
		// the year: three due, one met; B has no letter, so no value
		JsonNode whole = scores(String.valueOf(year), group);
		assertThat(line(whole, a.id()).get("parts").get("LETTER_TARGETS").decimalValue()).isEqualByComparingTo("33.33");
		assertThat(line(whole, a.id()).get("total").decimalValue()).isEqualByComparingTo("33.33");
		JsonNode partOfB = line(whole, b.id()).get("parts").get("LETTER_TARGETS");
		assertThat(partOfB == null || partOfB.isNull()).isTrue();
	}

	@Test
	void citizenReportsWeighOnTimeHandlingAndTheCitizensRatings() throws Exception {
		Scenario s = scenario();
		createScheme("MONTH", s.group(), List.of(src("INSPECTION", 50), src("CITIZEN_REPORTS", 50)));
		OffsetDateTime found = LocalDate.parse(s.month() + "-03").atStartOfDay(Problems.ZONE).toOffsetDateTime();
		// A: one problem fixed on time that two citizens reported (5 and 3 stars), one left overdue
		long fixed = problem(s.a().id(), found, "CLOSED", found.plusDays(2));
		report(fixed, found, "SOLVED", 5);
		report(fixed, found.plusHours(1), "SOLVED", 3);
		report(problem(s.a().id(), found, "RECTIFYING", null), found, "RECTIFYING", null);
		// B: a report of the month before does not count in this month
		report(problem(s.b().id(), found.minusMonths(1), "RECTIFYING", null), found.minusMonths(1), "RECTIFYING", null);

		JsonNode lines = scores(s.month(), s.group());
		// handling: 3 due, 2 on time = 66.67 × 0.8; rating: mean 4 stars → 75 × 0.2
		assertThat(line(lines, s.a().id()).get("parts").get("CITIZEN_REPORTS").decimalValue()).isEqualByComparingTo("68.34");
		assertThat(line(lines, s.a().id()).get("total").decimalValue()).isEqualByComparingTo("79.17");
		JsonNode partOfB = line(lines, s.b().id()).get("parts").get("CITIZEN_REPORTS");
		assertThat(partOfB == null || partOfB.isNull()).isTrue();
		// without the part, B's inspection takes the whole weight
		assertThat(line(lines, s.b().id()).get("total").decimalValue()).isEqualByComparingTo("80.00");
	}

	@Test
	void theSchemeEditorShowsBothSourcesWithTheirRules() throws Exception {
		long id = createScheme("MONTH", EvaluationFixtures.freshGroup(),
				List.of(src("LETTER_TARGETS", 60), src("CITIZEN_REPORTS", 40)));
		String page = mvc.perform(get("/evaluation/schemes/{id}", id).with(logins.as(OFFICE))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("责任状目标", "群众反映办理", "按责任状所定期限验收的比例", "评价（(星级−1)×25）占20%");
	}

	List<IndicatorView> leaves(CurrentUser office) {
		IndicatorSystemView demo = indicators.list(office.scope())
			.stream()
			.filter(sys -> sys.cityId() == office.cityId())
			.min(Comparator.comparing(IndicatorSystemView::id))
			.orElseThrow();
		return indicators.leaves(office.scope(), demo.id());
	}

	void signOff(long assignmentId, OffsetDateTime at) {
		jdbc.sql("update assignment set signed_off_at = :at where id = :id").param("at", at).param("id", assignmentId)
			.update();
	}

	JsonNode scores(String period, String group) throws Exception {
		return read(mvc.perform(get("/api/v1/scores").param("period", period).param("rankingGroup", group)
			.with(logins.as(OFFICE))).andExpect(status().isOk()));
	}

	/** A dispatched problem of the unit found then, due a week later; submitted when given. */
	long problem(long unitId, OffsetDateTime found, String state, OffsetDateTime submitted) {
		long category = jdbc.sql("select min(id) from problem_category where city_id = :c or city_id is null")
			.param("c", logins.principal(OFFICE).cityId()).query(Long.class).single();
		var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
		jdbc.sql("""
				insert into problem (city_id, code, source, category_id, title, severity, unit_id, state, deadline,
				    found_by, rejections, created_at, found_month, dispatched_at, submitted_at)
				values (:city, :code, 'CITIZEN', :category, '群众反映', 'GENERAL', :unit, :state, :deadline,
				    'xiantao.office', 0, :found, :month, :found, :submitted)""")
			.param("city", logins.principal(OFFICE).cityId())
			.param("code", "XT-2019-" + UUID.randomUUID().toString().substring(0, 8))
			.param("category", category)
			.param("unit", unitId)
			.param("state", state)
			.param("deadline", found.plusDays(7))
			.param("found", found)
			.param("month", java.time.YearMonth.from(found.atZoneSameInstant(Problems.ZONE)).toString())
			.param("submitted", submitted)
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	void report(long problemId, OffsetDateTime at, String state, Integer rating) {
		jdbc.sql("""
				insert into citizen_report (city_id, code, channel, category_id, description, state, problem_id, rating,
				    created_at, answered_at)
				select p.city_id, :code, 'WEB', p.category_id, '群众反映', :state, p.id, :rating, :at, :at
				from problem p where p.id = :p""")
			.param("code", "XT-R-2019-" + UUID.randomUUID().toString().substring(0, 8))
			.param("state", state)
			.param("rating", rating)
			.param("at", at)
			.param("p", problemId)
			.update();
	}

	static JsonNode line(JsonNode lines, long unitId) {
		for (JsonNode l : lines) {
			if (l.get("unitId").asLong() == unitId) {
				return l;
			}
		}
		throw new AssertionError("no line for unit " + unitId + " in " + lines);
	}

}
