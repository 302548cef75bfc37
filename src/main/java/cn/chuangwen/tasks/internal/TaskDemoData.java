package cn.chuangwen.tasks.internal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.imageio.ImageIO;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.files.EvidenceStore;
import cn.chuangwen.files.StoredFile;
import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.indicators.IndicatorView;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.tasks.AssignmentState;
import cn.chuangwen.tasks.AssignmentView;
import cn.chuangwen.tasks.Assignments;
import cn.chuangwen.tasks.Milestone;

/**
 * Demo decomposition that tells a true story. In each demo city the leaves of the demo indicator
 * system go to the towns and sub-districts, to city departments and to the communities a city
 * leader is attached to (挂点), with deadlines spread so the battle map shows every state. Every
 * percent stands on the approved report behind it; every signed-off item has an approved report
 * with a photo (so the archive has content); some reports wait for review or were returned. A
 * numeric city target (e.g. 城市绿化) is shared out among its lead units so the shares add up. The
 * last leaf stays unassigned, to try assignment on. Seeded, so every start looks the same. Runs
 * once, on a database without assignments.
 */
@Component
@Order(30)
@ConditionalOnProperty(name = "chuangwen.demo.enabled", havingValue = "true")
class TaskDemoData implements ApplicationRunner {

	private final JdbcClient jdbc;

	private final AssignmentStore store;

	private final ReportStore reports;

	private final EvidenceStore files;

	private final IndicatorSystems indicators;

	private final Units units;

	private final AuditTrail audit;

	private final TransactionTemplate tx;

	private final Clock clock;

	TaskDemoData(JdbcClient jdbc, AssignmentStore store, ReportStore reports, EvidenceStore files,
			IndicatorSystems indicators, Units units, AuditTrail audit, TransactionTemplate tx, Clock clock) {
		this.jdbc = jdbc;
		this.store = store;
		this.reports = reports;
		this.files = files;
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
		for (IndicatorSystemView system : indicators.list(DataScope.all())) {
			// one transaction per city: the trace writes one chain per transaction
			tx.executeWithoutResult(s -> load(system));
		}
	}

	/** The lead units of a city: towns, departments and the leaders' attached units, each once. */
	private List<UnitView> leadUnits(IndicatorSystemView system) {
		List<UnitView> all = units.search(DataScope.all(), new UnitQuery(system.cityCode(), null, null, true, null), 10_000)
			.stream()
			.sorted(Comparator.comparing(UnitView::id))
			.toList();
		List<Long> attached = jdbc.sql("select distinct unit_id from leader_attachment where city_id = :c")
			.param("c", system.cityId())
			.query(Long.class)
			.list();
		Map<Long, UnitView> lead = new LinkedHashMap<>();
		all.stream().filter(u -> u.kind().isTownLevel()).limit(8).forEach(u -> lead.put(u.id(), u));
		all.stream().filter(u -> u.kind() == UnitKind.DEPARTMENT).limit(4).forEach(u -> lead.put(u.id(), u));
		all.stream().filter(u -> attached.contains(u.id())).forEach(u -> lead.put(u.id(), u));
		return List.copyOf(lead.values());
	}

	private void load(IndicatorSystemView system) {
		Random random = new Random(system.cityCode().hashCode());
		LocalDate today = LocalDate.now(clock.withZone(Assignments.ZONE));
		List<UnitView> leads = leadUnits(system);
		List<IndicatorView> leaves = indicators.leaves(DataScope.all(), system.id())
			.stream()
			.sorted(Comparator.comparing(IndicatorView::code))
			.toList();
		if (leaves.isEmpty() || leads.isEmpty()) {
			return;
		}
		// the last leaf stays unassigned: something to try assignment on
		List<IndicatorView> given = leaves.subList(0, leaves.size() - 1);
		Accounts accounts = accounts(system.cityCode());
		int count = 0;
		for (IndicatorView leaf : given) {
			List<UnitView> takers = leads.stream().filter(u -> random.nextInt(3) != 0).toList();
			if (takers.isEmpty()) {
				takers = List.of(leads.get(0));
			}
			List<BigDecimal> shares = shares(leaf, takers.size());
			IndicatorView group = indicators.groupOf(DataScope.all(), leaf);
			for (int i = 0; i < takers.size(); i++) {
				UnitView unit = takers.get(i);
				assign(system, leaf, group, unit, shares.get(i), today, random, accounts);
				count++;
			}
		}
		indicators.markInUse(DataScope.all(), system.id());
		audit.record(AuditEntry.of("DEMO_DATA_LOAD")
			.city(system.cityId())
			.object("indicator_system", system.id())
			.actor("system", null)
			.reason("assignments " + count));
	}

	/**
	 * Equal shares of a numeric city target in whole units, the last taking the remainder, so they
	 * add up to the target exactly; no shares (nulls) for a target that is not numeric.
	 */
	static List<BigDecimal> shares(IndicatorView leaf, int units) {
		List<BigDecimal> shares = new ArrayList<>();
		BigDecimal target = leaf.targetQuantity();
		if (target == null || units < 2) {
			for (int i = 0; i < units; i++) {
				shares.add(null);
			}
			return shares;
		}
		BigDecimal each = target.divide(BigDecimal.valueOf(units), 0, RoundingMode.DOWN);
		for (int i = 0; i < units - 1; i++) {
			shares.add(each);
		}
		shares.add(target.subtract(each.multiply(BigDecimal.valueOf(units - 1))));
		return shares;
	}

	/** Who reports for a unit and who reviews: the demo accounts where the unit has one. */
	record Accounts(String office, String liaison, long liaisonUnit, String dept, long deptUnit) {

		String reporterOf(UnitView unit) {
			if (unit.id() == liaisonUnit) {
				return liaison;
			}
			if (unit.id() == deptUnit) {
				return dept;
			}
			return unit.liaisonName() != null ? unit.liaisonName() : unit.name() + "联络员";
		}

	}

	private Accounts accounts(String cityCode) {
		return new Accounts(cityCode + ".office", cityCode + ".liaison", unitOf(cityCode + ".liaison"),
				cityCode + ".dept", unitOf(cityCode + ".dept"));
	}

	private long unitOf(String username) {
		return jdbc.sql("select unit_id from app_user where username = :u and unit_id is not null")
			.param("u", username)
			.query(Long.class)
			.optional()
			.orElse(-1L);
	}

	private void assign(IndicatorSystemView system, IndicatorView leaf, IndicatorView group, UnitView unit,
			BigDecimal share, LocalDate today, Random random, Accounts accounts) {
		LocalDate start = today.minusDays(60 + random.nextInt(30));
		LocalDate deadline = today.plusDays(random.nextInt(120) - 20);
		if (deadline.isBefore(start.plusDays(10))) {
			deadline = start.plusDays(10);
		}
		List<Milestone> milestones = Assignments.scheduleBackwards(start, deadline);
		Instant created = start.atStartOfDay(Assignments.ZONE).toInstant();
		long id = store.insert(new AssignmentStore.NewAssignment(system.cityId(),
				new AssignmentView.IndicatorRef(system.id(), leaf.id(), leaf.code(), leaf.name(), group.id()), unit.id(),
				new AssignmentView.Responsible(unit.leaderName() == null ? unit.name() + "负责人" : unit.leaderName(),
						unit.leaderName() == null ? null : "主要负责人", unit.liaisonPhone()),
				new AssignmentView.Target(leaf.criteria(), leaf.targetQuantity(), share, leaf.targetUnit()), start,
				deadline, created, "system"));
		store.insertMilestones(id, milestones);

		int expected = AssignmentState.expectedPercent(milestones, today);
		int roll = random.nextInt(10);
		int percent = roll == 0 ? 100 : roll < 3 ? 0 : Math.max(5, Math.min(95, expected + random.nextInt(41) - 30));
		BigDecimal measure = share != null ? share : leaf.targetQuantity();
		String reporter = accounts.reporterOf(unit);
		Instant now = clock.instant();
		if (percent > 0) {
			// the approved report the percent stands on, a few days ago
			Instant submitted = now.minus(Duration.ofDays(3 + random.nextInt(10)));
			BigDecimal value = value(measure, percent);
			ReportStore.NewReport approved = new ReportStore.NewReport(id, system.cityId(), unit.id(),
					percent == 100 ? "已全面完成，附现场照片。" : "按计划推进，已完成 " + percent + "%。", percent, value, null);
			long report = reports.insert(approved, reporter, submitted);
			Instant reviewed = submitted.plus(Duration.ofHours(20));
			if (percent == 100) {
				evidence(approved, report, reporter, submitted);
			}
			reports.decide(report, "APPROVED", accounts.office(), null, reviewed);
			store.setProgress(id, percent, value, percent == 100 ? reviewed : null,
					percent == 100 ? accounts.office() : null);
		}
		if (percent < 100 && roll >= 3) {
			// newer work: waiting for review, or returned for a better photo
			int claimed = Math.min(100, percent + 10);
			long report = reports.insert(new ReportStore.NewReport(id, system.cityId(), unit.id(), "新增进展，申请审核。",
					claimed, value(measure, claimed), null), reporter, now.minus(Duration.ofHours(2 + random.nextInt(30))));
			if (roll == 9) {
				reports.decide(report, "RETURNED", accounts.office(), "照片不清晰，请补充现场照片", now.minus(Duration.ofHours(1)));
			}
		}
	}

	private static BigDecimal value(BigDecimal measure, int percent) {
		return measure == null ? null
				: measure.multiply(BigDecimal.valueOf(percent)).divide(BigDecimal.valueOf(100), 0, RoundingMode.DOWN);
	}

	/** A small photo, different for every assignment (evidence is stored by content hash). */
	private void evidence(ReportStore.NewReport report, long reportId, String by, Instant at) {
		long cityId = report.cityId();
		long assignmentId = report.assignmentId();
		BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(new Color(0x1a7f37));
		g.fillRect(0, 0, 64, 48);
		g.setColor(Color.WHITE);
		for (int bit = 0; bit < 32; bit++) {
			if ((assignmentId >> bit & 1) == 1) {
				g.fillRect(2 * bit, 40, 2, 6);
			}
		}
		g.dispose();
		try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			ImageIO.write(image, "png", out);
			StoredFile f = files.store(cityId, by, "现场照片-" + assignmentId + ".png",
					new ByteArrayInputStream(out.toByteArray()));
			reports.insertEvidence(report, reportId, f, at);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
