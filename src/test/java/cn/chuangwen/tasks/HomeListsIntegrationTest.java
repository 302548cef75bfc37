package cn.chuangwen.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.indicators.IndicatorView;
import cn.chuangwen.organization.LeaderAttachments;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.ReviewFixtures;

/**
 * Home lists are short but never silently short (issue 6 §3): a liaison's overdue and due-soon
 * items, its returned reports and a leader's urgent items are counted in SQL over every row; the page lists the first
 * {@value TaskOverview#HOME_LIST}, says how many there are in all and links to the full list.
 */
@IntegrationTest
class HomeListsIntegrationTest {

	static final int OVERDUE = TaskOverview.HOME_LIST + 2;

	static final int DUE_SOON = TaskOverview.HOME_LIST + 1;

	static final int RETURNED = TaskOverview.HOME_LIST + 1;

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ReviewFixtures fixtures;

	@Autowired
	Assignments assignments;

	@Autowired
	IndicatorSystems indicators;

	@Autowired
	LeaderAttachments attachments;

	@Autowired
	TaskOverview overview;

	@Autowired
	ProgressReports reports;

	/** Rolled back: the attachment and the assignments it makes would change the demo story other tests read. */
	@Test
	@Transactional
	void homeListsSayHowManyThereAreAndLinkToTheRest() throws Exception {
		var c = fixtures.community("xiantao");
		var leader = fixtures.org.xiantaoLeader("homelead");
		var office = fixtures.office("xiantao");
		attachments.attach(office, leader.id(), c.unit().id());
		// The leader's home reads the city's current system: assign its leaves to the community.
		long systemId = indicators.current(office.scope(), null).orElseThrow().id();
		List<IndicatorView> leaves = indicators.leaves(office.scope(), systemId);
		assertThat(leaves).hasSizeGreaterThanOrEqualTo(OVERDUE + DUE_SOON);
		var today = assignments.today();
		List<Long> created = new java.util.ArrayList<>();
		for (int i = 0; i < OVERDUE + DUE_SOON; i++) {
			long id = assignments.create(office, new AssignmentDraft(leaves.get(i).id(), c.unit().id(), List.of(),
					new AssignmentView.Responsible("王主任", "副主任", null), "按时完成", null, today.plusDays(60), List.of()))
				.id();
			// Test set-up: move the dates straight in the table (an edit would need a reason each time).
			jdbc.sql("update assignment set start_date = :s, deadline = :d where id = :id")
				.param("s", today.minusDays(30))
				.param("d", i < OVERDUE ? today.minusDays(3) : today.plusDays(5))
				.param("id", id)
				.update();
			created.add(id);
		}
		// Returned reports waiting for a resubmission: one more than the home lists.
		for (long id : created.subList(0, RETURNED)) {
			long report = fixtures.submit(c, id, 40, "部分完成");
			reports.review(office, report, ProgressReports.Decision.RETURN, "证据不足");
		}

		var work = overview.unit(c.liaison()).orElseThrow();
		assertThat(work.overdue()).hasSize(TaskOverview.HOME_LIST);
		assertThat(work.overdueTotal()).isEqualTo(OVERDUE);
		assertThat(work.dueSoon()).hasSize(TaskOverview.HOME_LIST);
		assertThat(work.dueSoonTotal()).isEqualTo(DUE_SOON);
		assertThat(work.returned()).hasSize(TaskOverview.HOME_LIST);
		assertThat(work.returnedTotal()).isEqualTo(RETURNED);
		// the rest of the returned reports: the second page holds the one the home list left out
		var rest = reports.returnedToMe(c.liaison(), new PageRequest(2, TaskOverview.HOME_LIST));
		assertThat(rest.total()).isEqualTo(RETURNED);
		assertThat(rest.items()).singleElement()
			.satisfies(r -> assertThat(work.returned()).noneMatch(shown -> shown.id() == r.id()));

		var liaison = fixtures.org.activated(c.account());
		String home = mvc.perform(get("/").with(logins.as(liaison.username()))).andReturn().getResponse()
			.getContentAsString();
		assertThat(home).contains("已逾期（" + OVERDUE + "）").contains("14 天内到期（" + DUE_SOON + "）")
			.contains("已列出 " + TaskOverview.HOME_LIST + " 项，共 " + OVERDUE + " 项")
			.contains("/assignments?unitId=" + c.unit().id() + "&amp;state=OVERDUE")
			.contains("已列出 " + TaskOverview.HOME_LIST + " 项，共 " + DUE_SOON + " 项")
			.contains("被退回的创建动态（" + RETURNED + "）")
			.contains("已列出最近退回的 " + TaskOverview.HOME_LIST + " 项，共 " + RETURNED + " 项");

		var leaderWork = overview.leader(fixtures.org.principal(leader)).orElseThrow();
		assertThat(leaderWork.system().id()).isEqualTo(systemId);
		assertThat(leaderWork.units()).singleElement().satisfies(u -> {
			assertThat(u.overdue()).isEqualTo(OVERDUE);
			assertThat(u.total()).isEqualTo(OVERDUE + DUE_SOON);
		});
		assertThat(leaderWork.urgent()).hasSize(TaskOverview.HOME_LIST)
			.allMatch(a -> a.state() == AssignmentState.OVERDUE);
		assertThat(leaderWork.urgentTotal()).isGreaterThanOrEqualTo(OVERDUE);

		var activeLeader = fixtures.org.activated(leader);
		String leaderHome = mvc.perform(get("/").with(logins.as(activeLeader.username()))).andReturn().getResponse()
			.getContentAsString();
		assertThat(leaderHome).contains("逾期和预警事项（" + leaderWork.urgentTotal() + "）")
			.contains("已列出最紧急的 " + TaskOverview.HOME_LIST + " 项，共 " + leaderWork.urgentTotal() + " 项");
	}

}
