package cn.chuangwen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.LeaderAttachments;
import cn.chuangwen.indicators.IndicatorView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.Units;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.support.Logins;
import cn.chuangwen.tasks.AssignmentDraft;
import cn.chuangwen.tasks.AssignmentState;
import cn.chuangwen.tasks.AssignmentView;
import cn.chuangwen.tasks.Assignments;
import cn.chuangwen.tasks.BattleMap;

/**
 * A home per role (issue 7, 1.7 and 1.4): the province compares its cities, the office sees what
 * waits for it, a leader the attached units (and not the office's page), a liaison its own work;
 * the 30-day trend is a chart with its table behind a toggle.
 */
@IntegrationTest
class HomePagesIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	LeaderAttachments attachments;

	@Autowired
	cn.chuangwen.indicators.IndicatorSystems indicators;

	@Autowired
	BattleMap battleMap;

	@Autowired
	Assignments assignments;

	@Autowired
	Units units;

	@Autowired
	cn.chuangwen.support.TestClock clock;

	/** An open item for the unit on the first leaf it has none on yet. */
	private void assignAnyFreeLeaf(CurrentUser office, List<IndicatorView> leaves, long unitId) {
		for (IndicatorView leaf : leaves) {
			try {
				assignments.create(office, new AssignmentDraft(leaf.id(), unitId, List.of(),
						new AssignmentView.Responsible("王主任", "副主任", "13900000000"), "按时完成", null,
						assignments.today().plusDays(30), List.of()));
				return;
			}
			catch (InvalidInputException alreadyAssigned) {
				// the unit has this leaf already: try the next
			}
		}
		throw new AssertionError("no free leaf for unit " + unitId);
	}

	String home(String account) throws Exception {
		return mvc.perform(get("/").with(logins.as(account)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	@Test
	void theProvinceComparesItsCitiesAndOpensEach() throws Exception {
		String html = home("hubei.office");
		assertThat(html).contains("id=\"comparison\"", "仙桃市", "天门市", "潜江市", "href=\"/cities/xiantao\"",
				"href=\"/cities/tianmen\"", "href=\"/cities/qianjiang\"", "href=\"/assignments?city=tianmen&amp;state=OVERDUE\"");
		assertThat(html).contains("id=\"trend-chart\"", "\"mode\":\"cities\"");
		assertThat(html.indexOf("<details class=\"trend-table\">")).isGreaterThan(0).isLessThan(html.indexOf("id=\"trend-table\""));
		assertThat(html).doesNotContain("id=\"office-work\"");
	}

	@Test
	void theOfficeSeesItsReviewQueueOverdueDueThisWeekAndUnitsAtRisk() throws Exception {
		String html = home("xiantao.office");
		assertThat(html).contains("id=\"office-work\"", "href=\"/reviews\"", "待审核", "id=\"overdue-figure\"",
				"id=\"due-figure\"", "id=\"risk-figure\"");
		// The trend: a chart, with its 30-row table folded away.
		assertThat(html).contains("id=\"trend-chart\"", "\"mode\":\"states\"");
		assertThat(html.indexOf("<details class=\"trend-table\">")).isGreaterThan(0).isLessThan(html.indexOf("id=\"trend-table\""));
		assertThat(html).doesNotContain("id=\"leader-work\"", "id=\"comparison\"");
	}

	/**
	 * The home lists show the first ten, but the figures count all of them and the page says how many
	 * there are, with a link to the whole list (issue 6, 3): before, the tile counted the ten shown.
	 */
	@Test
	@Transactional
	void theOfficesFiguresCountEveryUnitNotTheTenListed() throws Exception {
		var office = logins.principal("xiantao.office");
		var system = indicators.current(office.scope(), null).orElseThrow();
		// Eleven more units with an open item on the city's current system (another test may have made
		// a newer system current, with few assignments); rolled back with the test's transaction.
		var leaves = indicators.leaves(office.scope(), system.id());
		units.search(office.scope(), new UnitQuery(null, UnitKind.COMMUNITY, null, true, null), 11)
			.forEach(u -> assignAnyFreeLeaf(office, leaves, u.id()));
		java.time.Instant now = clock.instant();
		// A year on, every open item of the demo city is overdue: far more units than the ten listed.
		clock.advance(java.time.Duration.ofDays(365));
		try {
			var map = battleMap.of(office, system.id(), null, null);
			long overdue = map.cells().stream().filter(c -> c.counts().getOrDefault(AssignmentState.OVERDUE, 0L) > 0)
				.map(BattleMap.Cell::unitId).distinct().count();
			assertThat(overdue).as("demo units with overdue items a year on").isGreaterThan(10);
			String html = home("xiantao.office");
			assertThat(html).contains("id=\"overdue-more\"", "显示前 10 个，共 " + overdue + " 个单位",
					"href=\"/battle-map\"");
			long atRisk = map.cells().stream().filter(c -> c.counts().getOrDefault(AssignmentState.AT_RISK, 0L) > 0)
				.map(BattleMap.Cell::unitId).distinct().count();
			assertThat(html).containsPattern("id=\"risk-figure\"><div class=\"n\"><span class=\"dot dot-amber\"></span><span>"
					+ atRisk + "</span>");
		}
		finally {
			clock.set(now);
		}
	}

	@Test
	void aLeaderSeesTheAttachedUnitsNotTheOfficesPage() throws Exception {
		var leader = logins.principal("xiantao.leader");
		var attached = attachments.attachmentsOf(leader, leader.id());
		assertThat(attached).as("demo attachments of xiantao.leader").isNotEmpty();
		String html = home("xiantao.leader");
		assertThat(html).contains("id=\"leader-work\"", "id=\"leader-units\"", "href=\"/battle-map?leader=me\"");
		attached.forEach(a -> assertThat(html).contains(a.unitName(), "href=\"/units/" + a.unitId() + "\""));
		assertThat(html).doesNotContain("id=\"office-work\"", "id=\"overview\"", "href=\"/reviews\"");
	}

	@Test
	void aLiaisonSeesItsOwnWorkAndNoCityPages() throws Exception {
		String html = home("xiantao.liaison");
		assertThat(html).contains("id=\"my-work\"");
		assertThat(html).doesNotContain("id=\"office-work\"", "id=\"leader-work\"", "id=\"comparison\"");
	}

}
