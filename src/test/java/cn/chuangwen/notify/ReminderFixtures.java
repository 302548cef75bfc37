package cn.chuangwen.notify;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.indicators.IndicatorView;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.UnitDraft;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.TestClock;
import cn.chuangwen.tasks.AssignmentDraft;
import cn.chuangwen.tasks.AssignmentView;
import cn.chuangwen.tasks.Assignments;
import cn.chuangwen.tasks.ProgressReports;

/**
 * Fresh data for reminder tests in the shared context: a new community under the xiantao
 * liaison's town, a liaison account of its own, and assignments of that community due on chosen
 * days, created by the office through {@link Assignments#create}. Built by each test from
 * beans of the context (not a bean itself: component scanning would put it into every context).
 */
class ReminderFixtures {

	static final Random RANDOM = new Random();

	final Assignments assignments;

	final ProgressReports reports;

	final IndicatorSystems indicators;

	final Units units;

	final Logins logins;

	final TestClock clock;

	final JdbcClient jdbc;

	final OrgFixtures org;

	ReminderFixtures(Assignments assignments, ProgressReports reports, IndicatorSystems indicators, Units units,
			Accounts accounts, Logins logins, TestClock clock, JdbcClient jdbc) {
		this.assignments = assignments;
		this.reports = reports;
		this.indicators = indicators;
		this.units = units;
		this.logins = logins;
		this.clock = clock;
		this.jdbc = jdbc;
		this.org = new OrgFixtures(accounts, logins, jdbc);
	}

	/**
	 * Freezes the shared clock at noon in Shanghai (04:00 UTC) of its current day, the same date in
	 * both zones; returns the instant to restore.
	 */
	Instant freezeAtNoon() {
		Instant before = clock.instant();
		LocalDate day = before.atZone(ZoneOffset.UTC).toLocalDate();
		clock.set(day.atTime(4, 0).toInstant(ZoneOffset.UTC));
		return before;
	}

	CurrentUser office() {
		return logins.principal("xiantao.office");
	}

	/** A new community of xiantao with one liaison account; the account's principal. */
	Community community() {
		CurrentUser liaison = logins.principal("xiantao.liaison");
		UnitView unit = units.create(office(), new UnitDraft("N" + Math.abs(RANDOM.nextLong() % 1_000_000_000L),
				"提醒社区" + RANDOM.nextInt(100000), UnitKind.COMMUNITY, liaison.unitId(), "社区", false, null, null, null));
		OrgFixtures.NewAccount account = org.account("remind", "xiantao", unit.id(), Set.of(Role.UNIT_LIAISON));
		return new Community(unit, account, org.principal(account), new HashSet<>());
	}

	record Community(UnitView unit, OrgFixtures.NewAccount account, CurrentUser liaison, Set<Long> usedLeaves) {

		String username() {
			return account.username();
		}

		long userId() {
			return account.id();
		}

	}

	/** A mobile number no other test uses. */
	static String phone() {
		return "139" + String.format("%08d", RANDOM.nextInt(100_000_000));
	}

	/** An assignment of the community due {@code daysLeft} from today (negative: already overdue). */
	AssignmentView assign(Community c, int daysLeft, String phone) {
		LocalDate today = assignments.today();
		LocalDate start = daysLeft < 0 ? today.plusDays(daysLeft - 30L) : null;
		return assignments.create(office(), new AssignmentDraft(freeLeaf(c).id(), c.unit().id(), List.of(),
				new AssignmentView.Responsible("王主任", "副主任", phone), "按时完成", start, today.plusDays(daysLeft),
				List.of()));
	}

	/** Reports 100 % as the community's liaison and has the office approve it: signed off. */
	void signOff(Community c, long assignmentId) {
		var submitted = reports.submit(c.liaison(), assignmentId, "全部完成", 100, null, List.of(), null);
		reports.review(office(), submitted.id(), ProgressReports.Decision.APPROVE, null);
	}

	private IndicatorView freeLeaf(Community c) {
		CurrentUser office = office();
		var system = indicators.list(office.scope())
			.stream()
			.filter(s -> s.cityId() == office.cityId())
			.findFirst()
			.orElseThrow();
		List<IndicatorView> leaves = new ArrayList<>(indicators.leaves(office.scope(), system.id()));
		for (IndicatorView leaf : leaves) {
			if (c.usedLeaves().add(leaf.id())) {
				return leaf;
			}
		}
		throw new IllegalStateException("no free leaf");
	}

	/**
	 * The community liaison's in-app reminders: "assignmentId kind day" (not the notices of review
	 * decisions, which a sign-off also causes).
	 */
	List<String> inApp(Community c) {
		return jdbc.sql("""
				select assignment_id, kind, remind_on from notification where user_id = :u and channel = 'IN_APP'
				  and kind in ('DUE_7', 'DUE_3', 'DUE_1', 'OVERDUE')
				order by remind_on, assignment_id
				""")
			.param("u", c.userId())
			.query((rs, n) -> rs.getLong(1) + " " + rs.getString(2) + " " + rs.getObject(3, LocalDate.class))
			.list();
	}

	long rows(String channel, List<Long> assignmentIds) {
		return jdbc.sql("select count(*) from notification where channel = :c and assignment_id in (:ids)")
			.param("c", channel)
			.param("ids", assignmentIds)
			.query(Long.class)
			.single();
	}

}
