package cn.chuangwen.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.support.Logins;

/**
 * The tasks API reads a city's rows only within the caller's scope (issue 6, 3): what the reminder
 * job goes through and a city's settings answer nothing / 404 for another city's id.
 */
@IntegrationTest
class ScopedReadsIntegrationTest {

	@Autowired
	Assignments assignments;

	@Autowired
	Logins logins;

	@Autowired
	ProgressReports reports;

	@Autowired
	cn.chuangwen.tasks.internal.ReportStore reportStore;

	@Autowired
	cn.chuangwen.organization.Units units;

	@Test
	void dueOrOverdueReadsOnlyACityInScope() {
		CurrentUser tianmen = logins.principal("tianmen.office");
		CurrentUser xiantao = logins.principal("xiantao.office");
		LocalDate day = assignments.today().plusYears(2);
		List<AssignmentView> own = assignments.dueOrOverdue(tianmen, tianmen.cityId(), day);
		assertThat(own).isNotEmpty().allSatisfy(a -> assertThat(a.cityId()).isEqualTo(tianmen.cityId()));
		assertThat(assignments.dueOrOverdue(xiantao, tianmen.cityId(), day)).isEmpty();
		// a unit sees only the rows of its part of the tree
		CurrentUser liaison = logins.principal("xiantao.liaison");
		assertThat(assignments.dueOrOverdue(liaison, xiantao.cityId(), day))
			.hasSizeLessThan(assignments.dueOrOverdue(xiantao, xiantao.cityId(), day).size());
	}

	@Test
	void anotherCitysSettingsAreNotFound() {
		CurrentUser tianmen = logins.principal("tianmen.office");
		CurrentUser xiantao = logins.principal("xiantao.office");
		assertThat(assignments.settings(tianmen.scope(), tianmen.cityId())).isNotNull();
		assertThatThrownBy(() -> assignments.settings(xiantao.scope(), tianmen.cityId()))
			.isInstanceOf(NotFoundException.class);
	}

	/** The unit record's figures are counted in SQL over every row and agree with the rows themselves. */
	@Test
	void aUnitsTallyAgreesWithItsAssignmentsAndStaysInScope() {
		CurrentUser office = logins.principal("xiantao.office");
		long town = logins.principal("xiantao.liaison").unitId();
		var page = assignments.page(office, office.cityId(), new AssignmentFilter(null, town, null, null, null),
				cn.chuangwen.shared.PageRequest.first(cn.chuangwen.shared.PageRequest.MAX_SIZE));
		assertThat(page.total()).as("one page holds the town's assignments").isLessThanOrEqualTo(page.items().size());
		List<AssignmentView> rows = page.items();
		assertThat(rows).isNotEmpty();
		Assignments.UnitTally tally = assignments.tallyOf(office, office.cityId(), town);
		assertThat(tally.total()).isEqualTo(rows.size());
		for (AssignmentState state : AssignmentState.values()) {
			assertThat(tally.count(state)).as(state.name()).isEqualTo(rows.stream().filter(a -> a.state() == state).count());
		}
		assertThat(tally.averagePercent())
			.isEqualTo((int) Math.round(rows.stream().mapToInt(AssignmentView::percent).average().orElse(0)));
		CurrentUser tianmen = logins.principal("tianmen.office");
		assertThat(assignments.tallyOf(tianmen, office.cityId(), town).total()).isZero();
	}

	/** The returned reports waiting on a unit are counted in SQL, all of them, and only within scope. */
	@Test
	void returnedReportsAreCountedInSqlWithinScope() {
		CurrentUser office = logins.principal("xiantao.office");
		for (var unit : units.page(office.scope(), cn.chuangwen.organization.UnitQuery.everything(),
				cn.chuangwen.shared.PageRequest.first(200)).items()) {
			assertThat(reports.countReturnedOpen(office, unit)).as(unit.name())
				.isEqualTo(reportStore.returnedOpen(unit.id(), PageRequest.first(PageRequest.MAX_SIZE)).size());
		}
		long town = logins.principal("xiantao.liaison").unitId();
		var townView = units.get(office.scope(), town);
		assertThat(reports.countReturnedOpen(logins.principal("tianmen.office"), townView)).isZero();
	}

}
