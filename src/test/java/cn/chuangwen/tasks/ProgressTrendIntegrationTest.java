package cn.chuangwen.tasks;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.moments.DayHasPassed;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.support.Logins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The progress trend: daily snapshots, the listener on the passage of time, scope, the home page. */
@IntegrationTest
class ProgressTrendIntegrationTest {

	@Autowired
	ProgressTrend trend;

	@Autowired
	BattleMap battleMap;

	@Autowired
	IndicatorSystems indicators;

	@Autowired
	Assignments assignments;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	MockMvc mvc;

	/** The city's demo system: the first one in use (tests may import newer, unused versions). */
	IndicatorSystemView system(String city) {
		CurrentUser office = logins.principal(city + ".office");
		return indicators.list(office.scope())
			.stream()
			.filter(s -> s.cityId() == office.cityId() && s.inUse())
			.min((a, b) -> Long.compare(a.id(), b.id()))
			.orElseThrow();
	}

	/** The stored rows of a system's day: state → [assignments, estimated ? 1 : 0]. */
	Map<AssignmentState, long[]> rows(long systemId, LocalDate day) {
		Map<AssignmentState, long[]> rows = new HashMap<>();
		jdbc.sql("select state, assignments, estimated from progress_snapshot where system_id = :s and snapshot_day = :d")
			.param("s", systemId)
			.param("d", day)
			.query(rs -> {
				long[] previous = rows.put(AssignmentState.valueOf(rs.getString(1)),
						new long[] { rs.getLong(2), rs.getBoolean(3) ? 1 : 0 });
				assertThat(previous).as("one row per state").isNull();
			});
		return rows;
	}

	long count(String where, long systemId, LocalDate day) {
		return jdbc.sql("select count(*) from assignment where system_id = :s and " + where)
			.param("s", systemId)
			.param("d", day)
			.query(Long.class)
			.single();
	}

	void forget(long systemId, LocalDate day) {
		jdbc.sql("delete from progress_snapshot where system_id = :s and snapshot_day = :d")
			.param("s", systemId)
			.param("d", day)
			.update();
	}

	@Test
	void snapshotTwiceOnADayKeepsOneRowPerStateEqualToTheBattleMapTotals() {
		CurrentUser office = logins.principal("xiantao.office");
		IndicatorSystemView system = system("xiantao");
		LocalDate today = assignments.today();
		try {
			trend.snapshot(today);
			trend.snapshot(today);

			Map<AssignmentState, long[]> rows = rows(system.id(), today);
			assertThat(rows).hasSize(AssignmentState.values().length);
			Map<AssignmentState, Long> totals = battleMap.of(office, system.id(), null, null).totals();
			assertThat(totals.values().stream().mapToLong(Long::longValue).sum()).isPositive();
			for (AssignmentState s : AssignmentState.values()) {
				assertThat(rows.get(s)[0]).as(s.name()).isEqualTo(totals.getOrDefault(s, 0L));
				assertThat(rows.get(s)[1]).as("recorded, not estimated").isZero();
			}

			// The trend now ends with today's snapshot, not a live count.
			List<ProgressTrend.Point> points = trend.trend(office, system.id(), 30);
			ProgressTrend.Point last = points.get(points.size() - 1);
			assertThat(last.day()).isEqualTo(today);
			assertThat(last.source()).isEqualTo(ProgressTrend.Source.SNAPSHOT);
			for (AssignmentState s : AssignmentState.values()) {
				assertThat(last.count(s)).isEqualTo(totals.getOrDefault(s, 0L));
			}
		}
		finally {
			forget(system.id(), today);
		}
	}

	@Test
	void withoutASnapshotTodayTheTrendEndsWithTodaysLiveCounts() {
		CurrentUser leader = logins.principal("xiantao.leader");
		IndicatorSystemView system = system("xiantao");
		LocalDate today = assignments.today();
		forget(system.id(), today);

		List<ProgressTrend.Point> points = trend.trend(leader, system.id(), 30);

		ProgressTrend.Point last = points.get(points.size() - 1);
		assertThat(last.day()).isEqualTo(today);
		assertThat(last.source()).isEqualTo(ProgressTrend.Source.LIVE);
		Map<AssignmentState, Long> totals = battleMap.of(leader, system.id(), null, null).totals();
		for (AssignmentState s : AssignmentState.values()) {
			assertThat(last.count(s)).isEqualTo(totals.getOrDefault(s, 0L));
		}
		// Oldest first, one point per day, none older than asked for.
		assertThat(points).extracting(ProgressTrend.Point::day).isSorted().doesNotHaveDuplicates()
			.allMatch(d -> !d.isBefore(today.minusDays(30)));
		// The demo backfilled the days before today, as estimates.
		assertThat(points).anyMatch(ProgressTrend.Point::estimated);
		assertThat(points).allMatch(p -> p.signedOffPercent() >= 0 && p.signedOffPercent() <= 100);
	}

	@Test
	void anotherCitysSystemIsNotFoundAndAUnitSeesNoCityTrend() {
		CurrentUser office = logins.principal("xiantao.office");
		IndicatorSystemView other = indicators.list(DataScope.all())
			.stream()
			.filter(s -> s.cityId() != office.cityId())
			.findFirst()
			.orElseThrow();

		assertThatThrownBy(() -> trend.trend(office, other.id(), 30)).isInstanceOf(NotFoundException.class);
		// A unit's liaison sees its own units, not the city's counts.
		assertThatThrownBy(() -> trend.trend(logins.principal("xiantao.liaison"), system("xiantao").id(), 30))
			.isInstanceOf(AccessDeniedException.class);
	}

	@Test
	void aDayHavingPassedWritesThatDaysSnapshot() {
		IndicatorSystemView system = system("xiantao");
		LocalDate yesterday = assignments.today().minusDays(1);
		forget(system.id(), yesterday);
		// Another test of this shared context may have heard the same day: its run-once lock holds for 10 minutes.
		// Release it (ShedLock remembers the row exists, so it must stay and only expire).
		jdbc.sql("update shedlock set lock_until = locked_at where name = :n")
			.param("n", "tasks.daily-snapshots:" + yesterday).update();

		// Moments publishes DayHasPassed for yesterday when today begins.
		events.publishEvent(DayHasPassed.of(yesterday));

		Map<AssignmentState, long[]> rows = rows(system.id(), yesterday);
		assertThat(rows).hasSize(AssignmentState.values().length);
		assertThat(rows.values()).allMatch(r -> r[1] == 0);
		assertThat(rows.values().stream().mapToLong(r -> r[0]).sum()).isEqualTo(count("1 = 1", system.id(), yesterday));
		// The state rules evaluated on that day, not today.
		assertThat(rows.get(AssignmentState.SIGNED_OFF)[0]).isEqualTo(count("signed_off_at is not null", system.id(), yesterday));
		assertThat(rows.get(AssignmentState.OVERDUE)[0])
			.isEqualTo(count("signed_off_at is null and deadline < :d", system.id(), yesterday));
	}

	@Test
	void theHomePageOfTheOfficeShowsTheTrendTable() throws Exception {
		LocalDate today = assignments.today();
		mvc.perform(get("/").with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"trend-table\"")))
			.andExpect(content().string(containsString("id=\"trend-data\"")))
			.andExpect(content().string(containsString("id=\"trend-chart\"")))
			.andExpect(content().string(containsString("/js/trend.js")))
			.andExpect(content().string(containsString(">" + today + "<")));
		mvc.perform(get("/").with(logins.as("xiantao.liaison")))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("trend-table"))));
	}

}
