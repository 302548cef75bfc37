package cn.chuangwen.inspections.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.inspections.DrawCheck;
import cn.chuangwen.inspections.InspectionPlans;
import cn.chuangwen.inspections.PlanDetail;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.support.Logins;

/** Issue 9 §7: each demo city has one open unannounced round of the current period for its inspector, drawn at random, once. */
@IntegrationTest
class PlanDemoIntegrationTest {

	@Autowired
	PlanDemoData demo;

	@Autowired
	InspectionPlans plans;

	@Autowired
	Logins logins;

	@Autowired
	OrgFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	cn.chuangwen.support.TestClock clock;

	long demoPlan(String city) {
		return jdbc.sql("""
				select min(p.id) from inspection_plan p where p.city_id = :c and p.kind = 'UNANNOUNCED'
				  and p.created_by = :office and p.name like '% 暗访'""")
			.param("c", fixtures.cityId(city))
			.param("office", city + ".office")
			.query(Long.class)
			.single();
	}

	@Test
	void everyDemoCityHasAnOpenRandomUnannouncedRoundForItsInspectorWhichRedrawsTheSame() {
		clock.set(java.time.Instant.now());
		for (String city : List.of("xiantao", "tianmen", "qianjiang")) {
			long id = demoPlan(city);
			PlanDetail plan = plans.get(logins.principal(city + ".office"), id);
			assertThat(plan.plan().open()).as(city).isTrue();
			assertThat(plan.plan().period()).isEqualTo(plans.currentPeriod(fixtures.cityId(city)).text());
			assertThat(plan.points()).hasSize(PlanDemoData.SAMPLE);
			assertThat(plan.plan().inspectorUsernames()).containsExactly(city + ".inspector");
			assertThat(plan.sample()).isNotNull();
			DrawCheck check = plans.redraw(logins.principal(city + ".office"), id);
			// other tests of the shared context add and change points: only an unchanged register must redraw the same
			assertThat(check.matches() || check.registerChanged()).as(city).isTrue();
			assertThat(check.storedPoints()).hasSize(PlanDemoData.SAMPLE);
			// the demo's second inspector is not on it
			assertThat(plans.page(logins.principal(city + ".inspector2"), cn.chuangwen.inspections.PlanFilter.none(),
					cn.chuangwen.shared.PageRequest.first(500)).items()).noneMatch(p -> p.id() == id);
		}
	}

	@Test
	void runningTheDemoAgainMakesNoSecondRound() {
		// today, as when the demo was loaded: another test may have moved the clock to another period
		clock.set(java.time.Instant.now());
		long before = jdbc.sql("select count(*) from inspection_plan").query(Long.class).single();
		demo.run(new DefaultApplicationArguments());
		assertThat(jdbc.sql("select count(*) from inspection_plan").query(Long.class).single()).isEqualTo(before);
	}

}
