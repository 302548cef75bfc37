package cn.chuangwen.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;

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
import cn.chuangwen.tasks.AssignmentDraft;
import cn.chuangwen.tasks.AssignmentView;
import cn.chuangwen.tasks.Assignments;
import cn.chuangwen.tasks.ProgressReports;

import static org.awaitility.Awaitility.await;

/**
 * Fresh data for review tests in the shared context: a new community of a demo city with a
 * liaison account of its own, its assignments (made by the city office) and its reports. A bean of
 * every {@code @IntegrationTest} context (imported there, not scanned): autowire it.
 */
public final class ReviewFixtures {

	static final Random RANDOM = new Random();

	final Units units;

	final Assignments assignments;

	final ProgressReports reports;

	final IndicatorSystems indicators;

	final Logins logins;

	public final OrgFixtures org;

	public ReviewFixtures(Units units, Assignments assignments, ProgressReports reports, IndicatorSystems indicators,
			Accounts accounts, Logins logins, JdbcClient jdbc) {
		this.units = units;
		this.assignments = assignments;
		this.reports = reports;
		this.indicators = indicators;
		this.logins = logins;
		this.org = new OrgFixtures(accounts, logins, jdbc);
	}

	/** A community of a city and its own liaison account. */
	public record Community(String city, UnitView unit, OrgFixtures.NewAccount account, CurrentUser liaison,
			Set<Long> usedLeaves) {

		public String username() {
			return account.username();
		}

		public long userId() {
			return account.id();
		}

	}

	public CurrentUser office(String city) {
		return logins.principal(city + ".office");
	}

	/** A new community under the city liaison's town, with a liaison account of its own. */
	public Community community(String city) {
		CurrentUser townLiaison = logins.principal(city + ".liaison");
		UnitView unit = units.create(office(city),
				new UnitDraft("R" + Math.abs(RANDOM.nextLong() % 1_000_000_000L), "审核社区" + RANDOM.nextInt(100000),
						UnitKind.COMMUNITY, townLiaison.unitId(), "社区", false, null, null, null));
		OrgFixtures.NewAccount account = org.account("review", city, unit.id(), Set.of(Role.UNIT_LIAISON));
		return new Community(city, unit, account, org.principal(account), new HashSet<>());
	}

	/** An assignment of a free leaf to the community, due in 60 days. */
	public AssignmentView assign(Community c) {
		return assignments.create(office(c.city()), new AssignmentDraft(freeLeaf(c).id(), c.unit().id(), List.of(),
				new AssignmentView.Responsible("王主任", "副主任", null), "按时完成", null,
				assignments.today().plusDays(60), List.of()));
	}

	/** A report of the community's liaison on the assignment; its id. */
	public long submit(Community c, long assignmentId, int percent, String text) {
		return reports.submit(c.liaison(), assignmentId, text, percent, null, List.of(), null).id();
	}

	private IndicatorView freeLeaf(Community c) {
		CurrentUser office = office(c.city());
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

	/** Waits (without sleeping blindly) for what an event listener does after the commit. */
	public static void eventually(BooleanSupplier condition) {
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
	}

}
