package cn.chuangwen.organization.web;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.LeaderAttachments;
import cn.chuangwen.organization.UnitDraft;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.support.Flash;
import cn.chuangwen.support.Logins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The people tab of a unit's creation record: attached leaders, the attach form, detach buttons. */
@IntegrationTest
class AttachmentPagesIntegrationTest {

	static final Random RANDOM = new Random();

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	Units units;

	@Autowired
	LeaderAttachments attachments;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OrgFixtures fixtures;

	UnitView freshCommunity(String city) {
		return units.create(logins.principal(city + ".office"),
				new UnitDraft("LP" + Math.abs(RANDOM.nextLong() % 1_000_000_000L), "挂点页面社区" + RANDOM.nextInt(100000),
						UnitKind.COMMUNITY, fixtures.unitOf(city + ".liaison"), "社区", false, null, null, null));
	}

	String people(long unitId, String user) throws Exception {
		return mvc.perform(get("/units/{id}", unitId).param("tab", "people").with(logins.as(user)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	int rows(long unitId) {
		return jdbc.sql("select count(*) from leader_attachment where unit_id = :u").param("u", unitId)
			.query(Integer.class).single();
	}

	@Test
	void theOfficeAttachesALeaderOnThePeopleTabAndTheRecordShowsIt() throws Exception {
		UnitView community = freshCommunity("xiantao");
		CurrentUser leader = logins.principal("xiantao.leader");
		String before = people(community.id(), "xiantao.office");
		assertThat(before).contains("id=\"leaderUserId\"").contains("value=\"" + leader.id() + "\"")
			.contains("action=\"/units/" + community.id() + "/leaders\"")
			// tianmen's leader is not offered
			.doesNotContain("value=\"" + fixtures.userId("tianmen.leader") + "\"");

		mvc.perform(post("/units/{id}/leaders", community.id()).param("leaderUserId", String.valueOf(leader.id()))
				.with(csrf()).with(logins.as("xiantao.office")))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/units/" + community.id() + "?tab=people"))
			.andExpect(flash().attribute("notice", "attachment.added"));
		assertThat(rows(community.id())).isEqualTo(1);
		assertThat(fixtures.auditCount("LEADER_ATTACH", String.valueOf(community.id()))).isEqualTo(1);

		String after = people(community.id(), "xiantao.office");
		assertThat(after).contains(leader.displayName()).contains("/detach\"");
		// the leader is attached: no longer offered in the select
		assertThat(after).doesNotContain("<option value=\"" + leader.id() + "\"");

		// Readers see the attached leader, without the forms.
		for (String reader : List.of("xiantao.leader", "hubei.office", "xiantao.liaison")) {
			assertThat(people(community.id(), reader)).as(reader).contains(leader.displayName())
				.doesNotContain("/detach\"").doesNotContain("id=\"leaderUserId\"");
		}
		// The trace tab names the attachment.
		assertThat(mvc.perform(get("/units/{id}", community.id()).param("tab", "trace").with(logins.as("xiantao.office")))
			.andReturn().getResponse().getContentAsString()).contains("领导挂点");

		long attachmentId = attachments.leadersOf(logins.principal("xiantao.office"), community.id()).get(0).id();
		// only the office writes
		mvc.perform(post("/units/{id}/leaders/{a}/detach", community.id(), attachmentId).with(csrf())
				.with(logins.as("xiantao.leader")))
			.andExpect(status().isForbidden());
		// another city's office: 404, the row stays
		mvc.perform(post("/units/{id}/leaders/{a}/detach", community.id(), attachmentId).with(csrf())
				.with(logins.as("tianmen.office")))
			.andExpect(status().isNotFound());
		// the attachment of another unit under this unit's address: 404
		UnitView other = freshCommunity("xiantao");
		mvc.perform(post("/units/{id}/leaders/{a}/detach", other.id(), attachmentId).with(csrf())
				.with(logins.as("xiantao.office")))
			.andExpect(status().isNotFound());
		assertThat(rows(community.id())).isEqualTo(1);

		mvc.perform(post("/units/{id}/leaders/{a}/detach", community.id(), attachmentId).param("reason", "换届")
				.with(csrf()).with(logins.as("xiantao.office")))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("notice", "attachment.removed"));
		assertThat(rows(community.id())).isZero();
		assertThat(fixtures.auditCount("LEADER_DETACH", String.valueOf(community.id()))).isEqualTo(1);
		assertThat(people(community.id(), "xiantao.office")).doesNotContain(leader.displayName() + "</td>");
	}

	@Test
	void badInputComesBackAsTheErrorSummaryAndWritesNothing() throws Exception {
		UnitView community = freshCommunity("xiantao");
		for (String leaderUserId : new String[] { String.valueOf(fixtures.userId("tianmen.leader")),
				String.valueOf(fixtures.userId("xiantao.liaison")), "" }) {
			MvcResult result = mvc.perform(post("/units/{id}/leaders", community.id()).param("leaderUserId", leaderUserId)
					.with(csrf()).with(logins.as("xiantao.office")))
				.andExpect(status().is3xxRedirection())
				.andExpect(flash().attributeExists("attachmentProblems"))
				.andReturn();
			String page = mvc.perform(get("/units/{id}", community.id()).param("tab", "people")
					.with(Flash.of(result.getFlashMap())).with(logins.as("xiantao.office")))
				.andExpect(status().isOk())
				.andReturn().getResponse().getContentAsString();
			assertThat(page).as(leaderUserId).contains("error-summary").contains("href=\"#leaderUserId\"")
				.contains(leaderUserId.isEmpty() ? "请选择市领导。" : "所选账户不是本市的市领导。")
				.contains("leaderUserId-error");
		}
		assertThat(rows(community.id())).isZero();
		assertThat(fixtures.auditCount("LEADER_ATTACH", String.valueOf(community.id()))).isZero();

		// another city's unit: 404; a reader: 403; without the CSRF token: 403
		long tianmenCommunity = freshCommunity("tianmen").id();
		mvc.perform(post("/units/{id}/leaders", tianmenCommunity)
				.param("leaderUserId", String.valueOf(fixtures.userId("xiantao.leader")))
				.with(csrf()).with(logins.as("xiantao.office")))
			.andExpect(status().isNotFound());
		mvc.perform(post("/units/{id}/leaders", community.id())
				.param("leaderUserId", String.valueOf(fixtures.userId("xiantao.leader")))
				.with(csrf()).with(logins.as("xiantao.leader")))
			.andExpect(status().isForbidden());
		mvc.perform(post("/units/{id}/leaders", community.id())
				.param("leaderUserId", String.valueOf(fixtures.userId("xiantao.leader")))
				.with(logins.as("xiantao.office")))
			.andExpect(status().isForbidden());
		assertThat(rows(community.id())).isZero();
		assertThat(rows(tianmenCommunity)).isZero();
	}

}
