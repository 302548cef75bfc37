package cn.chuangwen.tasks;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.indicators.IndicatorView;
import cn.chuangwen.organization.DataScope;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo data tells a true story (§1.11): every percent stands on an approved report, every
 * signed-off item has approved evidence (so the archive is not empty), departments and the
 * leaders' attached units have assignments, numeric targets are shared out so the shares add up,
 * and a leaf stays unassigned to try assignment on. Only the demo's own rows (created by "system")
 * are checked: other tests add their own to the shared database.
 */
@IntegrationTest
class DemoStoryIntegrationTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	IndicatorSystems indicators;

	@Test
	void everyPercentStandsOnTheLatestApprovedReport() {
		List<String> wrong = jdbc.sql("""
				select a.indicator_code || ' ' || a.lead_unit_id || ' ' || a.percent from assignment a
				where a.created_by = 'system' and a.percent <> coalesce((
				  select r.percent from progress_report r where r.assignment_id = a.id and r.status = 'APPROVED'
				  and r.reviewed_at = (select max(r2.reviewed_at) from progress_report r2
				                       where r2.assignment_id = a.id and r2.status = 'APPROVED')), 0)
				""").query(String.class).list();
		assertThat(wrong).isEmpty();
		assertThat(count("select count(*) from assignment where created_by = 'system' and percent > 0")).isPositive();
		// some reports wait for review and some were returned, so the queues are not empty
		assertThat(count("""
				select count(*) from progress_report r join assignment a on a.id = r.assignment_id
				where a.created_by = 'system' and r.status = 'SUBMITTED'""")).isPositive();
		assertThat(count("""
				select count(*) from progress_report r join assignment a on a.id = r.assignment_id
				where a.created_by = 'system' and r.status = 'RETURNED'""")).isPositive();
	}

	@Test
	void everySignedOffItemHasApprovedEvidence() {
		assertThat(count("select count(*) from assignment where created_by = 'system' and signed_off_at is not null"))
			.isPositive();
		assertThat(count("""
				select count(*) from assignment a where a.created_by = 'system' and a.signed_off_at is not null
				and (a.percent <> 100 or not exists (select 1 from evidence e join progress_report r on r.id = e.report_id
				                  where e.assignment_id = a.id and r.status = 'APPROVED'))""")).isZero();
		// and a percent of 100 is always signed off
		assertThat(count("select count(*) from assignment where created_by = 'system' and percent = 100 and signed_off_at is null"))
			.isZero();
	}

	@Test
	void departmentsAndLeadersAttachedUnitsHaveAssignments() {
		for (long city : jdbc.sql("select id from city order by id").query(Long.class).list()) {
			assertThat(count("""
					select count(*) from assignment a join unit u on u.id = a.lead_unit_id
					where a.city_id = %d and a.created_by = 'system' and u.kind = 'DEPARTMENT'""".formatted(city)))
				.as("department assignments in city %d", city).isPositive();
			assertThat(count("""
					select count(*) from leader_attachment l where l.city_id = %d and not exists (
					  select 1 from assignment a where a.lead_unit_id = l.unit_id and a.created_by = 'system')"""
				.formatted(city))).as("attached units without assignments in city %d", city).isZero();
		}
		// the demo liaison accounts' units have work to report on
		assertThat(count("""
				select count(*) from app_user u where u.username like '%.liaison' and u.unit_id is not null and not exists (
				  select 1 from assignment a where a.lead_unit_id = u.unit_id and a.created_by = 'system')""")).isZero();
	}

	@Test
	void aLeafStaysUnassignedAndNumericTargetsAreSharedOutExactly() {
		for (IndicatorSystemView system : indicators.list(DataScope.all())) {
			List<IndicatorView> leaves = indicators.leaves(DataScope.all(), system.id());
			long unassigned = leaves.stream()
				.filter(l -> count("select count(*) from assignment where created_by = 'system' and indicator_id = "
						+ l.id()) == 0)
				.count();
			assertThat(unassigned).as("unassigned leaves of %s", system.cityCode()).isPositive();
			for (IndicatorView leaf : leaves) {
				if (leaf.targetQuantity() == null) {
					continue;
				}
				List<BigDecimal> shares = jdbc.sql("""
						select coalesce(target_share, target_value) from assignment
						where created_by = 'system' and indicator_id = :i""").param("i", leaf.id()).query(BigDecimal.class)
					.list();
				if (!shares.isEmpty()) {
					assertThat(shares.stream().reduce(BigDecimal.ZERO, BigDecimal::add))
						.as("shares of %s in %s", leaf.code(), system.cityCode())
						.isEqualByComparingTo(leaf.targetQuantity());
				}
			}
		}
	}

	long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

}
