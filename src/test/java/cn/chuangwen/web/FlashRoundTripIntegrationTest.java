package cn.chuangwen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.testing.Browser;
import cn.chuangwen.support.ReviewFixtures;
import cn.chuangwen.support.ReviewFixtures.Community;
import cn.chuangwen.tasks.AssignmentView;
import cn.chuangwen.tasks.ProgressReports;

/**
 * Post, redirect, get, as a browser does it: the refused report's errors and typed values travel in
 * the flash map, which lives in the session in the database (Spring Session JDBC), and the page
 * after the redirect finds them with nothing but the session cookie. Other MockMvc tests hand the
 * flash map over by hand ({@code support.Flash}); this one proves the real way round works.
 */
@IntegrationTest
class FlashRoundTripIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	ReviewFixtures fixtures;

	@Autowired
	ProgressReports reports;

	@Autowired
	MessageSource messages;

	@Test
	void aRefusedReportComesBackAfterTheRedirectWithWhatWasTypedAndTheError() throws Exception {
		Community community = fixtures.community("xiantao");
		AssignmentView assignment = fixtures.assign(community);
		var account = fixtures.org.activated(community.account());
		Browser browser = new Browser(mvc);
		assertThat(browser.login(account.username(), account.password()).getResponse().getRedirectedUrl())
			.isEqualTo("/");

		// the form shows a percent field, or a value in the target's unit: type a word into the one shown
		boolean byValue = assignment.targetValue() != null;
		String field = byValue ? "value" : "percent";
		String error = messages.getMessage(byValue ? "decimal.error.number" : "assignment.error.percent.range", null,
				Locale.SIMPLIFIED_CHINESE);
		MvcResult refused = browser.perform(multipart("/assignments/{id}/reports", assignment.id())
			.param("text", "垃圾分类已覆盖一半楼栋")
			.param(field, "一半")
			.with(csrf()));
		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/assignments/" + assignment.id() + "#report");

		// only the cookie goes along: no MockMvc flash map, no session object of MockMvc's
		MvcResult next = browser.perform(get("/assignments/{id}", assignment.id()));
		assertThat(next.getRequest().getCookies()).extracting("name").containsExactly(Browser.COOKIE);
		assertThat(next.getResponse().getStatus()).isEqualTo(200);
		String page = next.getResponse().getContentAsString();
		assertThat(page).contains("class=\"error-summary\"")
			.containsPattern("id=\"" + field + "-error\"[^>]*>" + error + "<")
			.containsPattern("<textarea id=\"text\"[^>]*>垃圾分类已覆盖一半楼栋</textarea>")
			.containsPattern("id=\"" + field + "\"[^>]*value=\"一半\"");
		assertThat(reports.ofAssignment(community.liaison(), assignment.id())).as("nothing was submitted").isEmpty();

		// a flash attribute lives for one request: the page after that is clean again
		String again = browser.perform(get("/assignments/{id}", assignment.id())).getResponse().getContentAsString();
		assertThat(again).doesNotContain("error-summary").doesNotContain("垃圾分类已覆盖一半楼栋");
	}

}
