package cn.chuangwen.organization.web;

import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.UnitDraft;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.support.Logins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A unit's top leader (一把手) account: named on the people tab or by the API, traced, refused for strangers. */
@IntegrationTest
class TopLeaderIntegrationTest {

	static final Random RANDOM = new Random();

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	Units units;

	@Autowired
	OrgFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	UnitView freshCommunity(String city) {
		return units.create(logins.principal(city + ".office"),
				new UnitDraft("TL" + Math.abs(RANDOM.nextLong() % 1_000_000_000L), "一把手社区" + RANDOM.nextInt(100000),
						UnitKind.COMMUNITY, fixtures.unitOf(city + ".liaison"), "社区", false, "李书记", null, null));
	}

	Long stored(long unitId) {
		return jdbc.sql("select top_leader_user_id from unit where id = :u")
			.param("u", unitId)
			.query((rs, n) -> rs.getObject(1) == null ? null : rs.getLong(1))
			.list()
			.get(0);
	}

	int traced(long unitId) {
		return jdbc.sql("select count(*) from audit_event where action = 'UNIT_TOP_LEADER' and object_id = :u")
			.param("u", String.valueOf(unitId))
			.query(Integer.class)
			.single();
	}

	@Test
	void theOfficeNamesAnAccountOfTheUnitOnThePeopleTabAndItIsTraced() throws Exception {
		UnitView community = freshCommunity("xiantao");
		var head = fixtures.account("head", "xiantao", community.id(), Set.of(Role.UNIT_LIAISON));
		String before = mvc.perform(get("/units/{id}", community.id()).param("tab", "people").with(logins.as("xiantao.office")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(before).contains("id=\"topLeaderUserId\"").contains("value=\"" + head.id() + "\"");

		mvc.perform(post("/units/{id}/top-leader", community.id()).param("userId", String.valueOf(head.id()))
			.param("reason", "换届").with(csrf()).with(logins.as("xiantao.office")))
			.andExpect(redirectedUrl("/units/" + community.id() + "?tab=people"));
		assertThat(stored(community.id())).isEqualTo(head.id());
		assertThat(traced(community.id())).isEqualTo(1);
		String after = mvc.perform(get("/units/{id}", community.id()).param("tab", "people").with(logins.as("xiantao.office")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(after).contains("class=\"top-leader\">测试 head (" + head.username() + ")");

		// the same choice again changes and traces nothing; an empty choice clears it
		units.setTopLeader(logins.principal("xiantao.office"), community.id(), head.id(), null);
		assertThat(traced(community.id())).isEqualTo(1);
		mvc.perform(post("/units/{id}/top-leader", community.id()).param("userId", "").with(csrf())
			.with(logins.as("xiantao.office")));
		assertThat(stored(community.id())).isNull();
		assertThat(traced(community.id())).isEqualTo(2);
		// the API: nothing named is refused; "clear" clears
		units.setTopLeader(logins.principal("xiantao.office"), community.id(), head.id(), null);
		mvc.perform(put("/api/v1/units/{id}/top-leader", community.id()).contentType(MediaType.APPLICATION_JSON)
			.content("{}").with(csrf()).with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest());
		assertThat(stored(community.id())).isEqualTo(head.id());
		mvc.perform(put("/api/v1/units/{id}/top-leader", community.id()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"clear\": true, \"reason\": \"调离\"}").with(csrf()).with(logins.as("xiantao.office")))
			.andExpect(status().isOk());
		assertThat(stored(community.id())).isNull();
	}

	@Test
	void everythingTheUnitOwnsShowsItsTopLeader() throws Exception {
		// the account when one is named, else the leader's name on the unit's record
		UnitView community = freshCommunity("xiantao");
		var office = logins.principal("xiantao.office");
		assertThat(units.topLeaderShown(office.scope(), community.id())).contains("李书记");
		var head = fixtures.account("owner", "xiantao", community.id(), Set.of(Role.UNIT_LIAISON));
		units.setTopLeader(office, community.id(), head.id(), null);
		assertThat(units.topLeaderShown(office.scope(), community.id())).contains("测试 owner (" + head.username() + ")");
		assertThat(units.topLeaderShown(logins.principal("tianmen.office").scope(), community.id())).isEmpty();

		// a problem's page and an assignment's page show their unit's
		long problem = jdbc.sql("select min(p.id) from problem p join city c on c.id = p.city_id where c.code = 'xiantao'")
			.query(Long.class).single();
		long problemUnit = jdbc.sql("select unit_id from problem where id = " + problem).query(Long.class).single();
		String shown = units.topLeaderShown(office.scope(), problemUnit).orElseThrow();
		assertThat(mvc.perform(get("/problems/{id}", problem).with(logins.as("xiantao.office"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString()).contains("id=\"unit-top-leader\">" + shown + "<");
		long assignment = jdbc.sql("select min(a.id) from assignment a join city c on c.id = a.city_id where c.code = 'xiantao'")
			.query(Long.class).single();
		long lead = jdbc.sql("select lead_unit_id from assignment where id = " + assignment).query(Long.class).single();
		String leads = units.topLeaderShown(office.scope(), lead).orElseThrow();
		assertThat(mvc.perform(get("/assignments/{id}", assignment).with(logins.as("xiantao.office"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString()).contains("id=\"unit-top-leader\">" + leads + "<");
	}

	@Test
	void anAccountOfAnotherUnitIsRefusedAndNothingChanges() throws Exception {
		UnitView community = freshCommunity("xiantao");
		long liaisonOfTheTown = logins.principal("xiantao.liaison").id();
		mvc.perform(put("/api/v1/units/{id}/top-leader", community.id()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"userId\": " + liaisonOfTheTown + "}").with(csrf()).with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("userId"));
		mvc.perform(put("/api/v1/units/{id}/top-leader", community.id()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"userId\": 999999999}").with(csrf()).with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest());
		assertThat(stored(community.id())).isNull();
		assertThat(traced(community.id())).isZero();
	}

	@Test
	void anotherCitysOfficeAndALiaisonCannotNameIt() throws Exception {
		UnitView community = freshCommunity("xiantao");
		var head = fixtures.account("head", "xiantao", community.id(), Set.of(Role.UNIT_LIAISON));
		String body = "{\"userId\": " + head.id() + "}";
		mvc.perform(put("/api/v1/units/{id}/top-leader", community.id()).contentType(MediaType.APPLICATION_JSON)
			.content(body).with(csrf()).with(logins.as("tianmen.office")))
			.andExpect(status().isNotFound());
		mvc.perform(put("/api/v1/units/{id}/top-leader", community.id()).contentType(MediaType.APPLICATION_JSON)
			.content(body).with(csrf()).with(logins.as("xiantao.liaison")))
			.andExpect(status().isForbidden());
		mvc.perform(put("/api/v1/units/{id}/top-leader", community.id()).contentType(MediaType.APPLICATION_JSON)
			.content(body).with(csrf()).with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.userId").value(head.id()));
		assertThat(stored(community.id())).isEqualTo(head.id());
	}

}
