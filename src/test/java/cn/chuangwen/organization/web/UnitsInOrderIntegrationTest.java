package cn.chuangwen.organization.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.support.Logins;

/**
 * Units in order (issue 7, 1.9): by code within kind, a tree that folds, and a creation record
 * that opens on the unit's progress with deactivation behind a secondary action.
 */
@IntegrationTest
class UnitsInOrderIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	Units units;

	@Autowired
	JdbcClient jdbc;

	String page(String account, String path) throws Exception {
		return mvc.perform(get(path).with(logins.as(account)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	@Test
	void unitsSortByCodeWithinKind() {
		CurrentUser office = logins.principal("xiantao.office");
		List<UnitView> found = units.search(office.scope(), new UnitQuery("xiantao", null, null, null, null), 20_000);
		assertThat(found).hasSizeGreaterThan(10);
		assertThat(found).isSortedAccordingTo(
				Comparator.comparing((UnitView u) -> u.kind().ordinal()).thenComparing(UnitView::code));
		List<UnitView> children = units.children(office.scope(), found.get(0).id());
		assertThat(children).isSortedAccordingTo(
				Comparator.comparing((UnitView u) -> u.kind().ordinal()).thenComparing(UnitView::code));
	}

	@Test
	void theTreeFoldsAndUnfolds() throws Exception {
		String html = page("xiantao.office", "/units?view=tree&city=xiantao");
		assertThat(html).contains("<details open>", "<summary>");
		// Below the first level, branches start folded and load their units when opened.
		assertThat(html).containsPattern("<details hx-get=\"/units/\\d+/children\"[^>]*>\\s*<summary>");
	}

	@Test
	void theRecordOpensOnProgressWithDeactivationBehindASecondaryAction() throws Exception {
		long town = logins.principal("xiantao.liaison").unitId();
		String summary = page("xiantao.office", "/units/" + town);
		assertThat(summary).contains("id=\"summary\"", "任务（牵头或配合）", "平均完成进度", "被退回待重报", "责任书",
				"href=\"/assignments?unitId=" + town + "&amp;state=OVERDUE&amp;city=xiantao\"");
		// No deactivation on the first screen.
		assertThat(summary).doesNotContain("/units/" + town + "/active", "btn-danger");
		String profile = page("xiantao.office", "/units/" + town + "?tab=profile");
		int details = profile.indexOf("class=\"secondary-action\"");
		assertThat(details).isPositive();
		assertThat(profile.indexOf("/units/" + town + "/active")).isGreaterThan(details);
	}

}
