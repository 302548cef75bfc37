package cn.chuangwen.tasks.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.indicators.IndicatorView;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.tasks.Assignments;
import cn.chuangwen.tasks.AssignmentView;
import cn.chuangwen.tasks.Milestone;

/**
 * Demo decomposition: in each demo city, the leaves of the demo indicator system given to the
 * towns and sub-districts, with deadlines and progress spread so the battle map shows every
 * state. Seeded, so every start looks the same. Runs once, on a database without assignments.
 */
@Component
@Order(30)
@ConditionalOnProperty(name = "chuangwen.demo.enabled", havingValue = "true")
class TaskDemoData implements ApplicationRunner {

	private final JdbcClient jdbc;

	private final AssignmentStore store;

	private final IndicatorSystems indicators;

	private final Units units;

	private final AuditTrail audit;

	private final TransactionTemplate tx;

	private final Clock clock;

	TaskDemoData(JdbcClient jdbc, AssignmentStore store, IndicatorSystems indicators, Units units, AuditTrail audit,
			TransactionTemplate tx, Clock clock) {
		this.jdbc = jdbc;
		this.store = store;
		this.indicators = indicators;
		this.units = units;
		this.audit = audit;
		this.tx = tx;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (jdbc.sql("select count(*) from assignment").query(Integer.class).single() > 0) {
			return;
		}
		tx.executeWithoutResult(s -> {
			for (IndicatorSystemView system : indicators.list(DataScope.all())) {
				load(system);
			}
		});
	}

	private void load(IndicatorSystemView system) {
		Random random = new Random(system.cityCode().hashCode());
		LocalDate today = LocalDate.now(clock.withZone(Assignments.ZONE));
		List<UnitView> towns = units.search(DataScope.all(), new UnitQuery(system.cityCode(), null, null, true, null), 10_000)
			.stream()
			.filter(u -> u.kind().isTownLevel())
			.sorted(Comparator.comparing(UnitView::id))
			.limit(8)
			.toList();
		List<IndicatorView> leaves = indicators.leaves(DataScope.all(), system.id());
		int count = 0;
		for (UnitView town : towns) {
			for (IndicatorView leaf : leaves) {
				if (random.nextInt(3) == 0) {
					continue;
				}
				LocalDate start = today.minusDays(60 + random.nextInt(30));
				LocalDate deadline = today.plusDays(random.nextInt(120) - 20);
				if (deadline.isBefore(start.plusDays(10))) {
					deadline = start.plusDays(10);
				}
				List<Milestone> milestones = Assignments.scheduleBackwards(start, deadline);
				long id = store.insert(system.cityId(), system.id(), leaf.id(), leaf.code(), leaf.name(),
						indicators.groupOf(leaf).id(), town.id(),
						new AssignmentView.Responsible(town.leaderName() == null ? "联络员" : town.leaderName(), "主任",
								town.liaisonPhone()),
						leaf.criteria(), leaf.targetQuantity(), leaf.targetUnit(), start, deadline, clock.instant(),
						"system");
				store.insertMilestones(id, milestones);
				int expected = cn.chuangwen.tasks.AssignmentState.expectedPercent(milestones, today);
				int roll = random.nextInt(10);
				int percent = roll < 2 ? 100 : roll < 3 ? 0 : Math.max(0, Math.min(100, expected + random.nextInt(41) - 30));
				store.setProgress(id, percent, null, percent == 100 ? clock.instant() : null, percent == 100 ? "system" : null);
				count++;
			}
		}
		indicators.markInUse(system.id());
		audit.record(AuditEntry.of("DEMO_DATA_LOAD")
			.city(system.cityId())
			.object("indicator_system", system.id())
			.actor("system", null)
			.reason("assignments " + count));
	}

}
