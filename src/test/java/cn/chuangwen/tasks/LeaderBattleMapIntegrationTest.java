package cn.chuangwen.tasks;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.indicators.IndicatorView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.LeaderAttachmentView;
import cn.chuangwen.organization.LeaderAttachments;
import cn.chuangwen.organization.UnitDraft;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.support.Logins;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The battle map narrowed to the units a leader is attached to (挂点) and the units below them. */
@IntegrationTest
class LeaderBattleMapIntegrationTest {

	static final Random RANDOM = new Random();

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	IndicatorSystems indicators;

	@Autowired
	Units units;

	@Autowired
	Assignments assignments;

	@Autowired
	BattleMap battleMap;

	@Autowired
	LeaderAttachments attachments;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	OrgFixtures fixtures;

	IndicatorSystemView system(String city) {
		CurrentUser office = logins.principal(city + ".office");
		return indicators.list(office.scope()).stream().filter(s -> s.cityId() == office.cityId()).findFirst().orElseThrow();
	}

	static String code() {
		return "LB" + Math.abs(RANDOM.nextLong() % 1_000_000_000L);
	}

	UnitView unit(String city, UnitKind kind, long parentId, String name) {
		return units.create(logins.principal(city + ".office"), new UnitDraft(code(), name + RANDOM.nextInt(100000), kind,
				parentId, kind == UnitKind.COMMUNITY ? "社区" : "镇办", false, null, null, null));
	}

	long assign(String city, long unitId) throws Exception {
		IndicatorView leaf = indicators.leaves(logins.principal(city + ".office").scope(), system(city).id()).get(0);
		String body = """
				{"indicatorId": %d, "leadUnitId": %d, "cooperatingUnitIds": [],
				 "responsiblePerson": {"name": "王主任", "post": "副主任", "phone": "13800001234"},
				 "deadline": "%s", "milestones": []}""".formatted(leaf.id(), unitId, assignments.today().plusDays(60));
		String response = mvc.perform(post("/api/v1/assignments").with(logins.as(city + ".office"))
				.contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		return json.readTree(response).get("id").asLong();
	}

	static List<Long> rows(BattleMap.Data map) {
		return map.units().stream().map(BattleMap.Row::id).toList();
	}

	String page(String user, String... params) throws Exception {
		var request = get("/battle-map").param("systemId", String.valueOf(system("xiantao").id()));
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		return mvc.perform(request.with(logins.as(user)))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
	}

	@Test
	void aLeaderAttachedToATownSeesTheTownAndItsSubtreeOnly() throws Exception {
		CurrentUser office = logins.principal("xiantao.office");
		long root = fixtures.cityRoot("xiantao");
		UnitView town = unit("xiantao", UnitKind.SUBDISTRICT, root, "挂点街道");
		UnitView inside = unit("xiantao", UnitKind.COMMUNITY, town.id(), "挂点街道社区");
		UnitView outside = unit("xiantao", UnitKind.COMMUNITY, fixtures.unitOf("xiantao.liaison"), "别处社区");
		for (UnitView u : List.of(town, inside, outside)) {
			assign("xiantao", u.id());
		}
		var leader = fixtures.xiantaoLeader("battle");
		attachments.attach(office, leader.id(), town.id());
		long systemId = system("xiantao").id();

		assertThat(rows(battleMap.of(office, systemId, null, null))).contains(town.id(), inside.id(), outside.id());
		BattleMap.Data filtered = battleMap.of(office, systemId, null, null, leader.id());
		assertThat(rows(filtered)).containsExactlyInAnyOrder(town.id(), inside.id());
		assertThat(filtered.cells()).extracting(BattleMap.Cell::unitId).containsOnly(town.id(), inside.id());
		assertThat(filtered.totals().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
		// with the unit kind filter as well
		assertThat(rows(battleMap.of(office, systemId, null, UnitKind.COMMUNITY, leader.id())))
			.containsExactly(inside.id());
		// a leader without attachments, and another city's office asking for this leader: no rows
		var idle = fixtures.xiantaoLeader("idle");
		assertThat(battleMap.of(office, systemId, null, null, idle.id()).units()).isEmpty();

		// The page: the select lists the city's leaders; leader=<id> narrows the table and says so.
		String all = page("xiantao.office");
		assertThat(all).contains("id=\"leader\"").contains("value=\"" + leader.id() + "\"")
			.doesNotContain("value=\"" + fixtures.userId("tianmen.leader") + "\"")
			.contains(outside.name()).contains(town.name());
		String narrowed = page("xiantao.office", "leader", String.valueOf(leader.id()));
		assertThat(narrowed).contains(town.name()).contains(inside.name()).doesNotContain(outside.name())
			.contains("id=\"leader-filter\"")
			.containsPattern("<option value=\"" + leader.id() + "\" selected=\"selected\"");
		// a leader id of another city is not offered and does not filter
		String foreign = page("xiantao.office", "leader", String.valueOf(fixtures.userId("tianmen.leader")));
		assertThat(foreign).contains(outside.name()).doesNotContain("id=\"leader-filter\"");
		// the province office picks the leader the same way
		assertThat(page("hubei.office", "leader", String.valueOf(leader.id()))).contains(inside.name())
			.doesNotContain(outside.name());
	}

	@Test
	void aSignedInLeaderWithLeaderMeSeesOnlyTheUnitsAttachedToThem() throws Exception {
		CurrentUser office = logins.principal("xiantao.office");
		CurrentUser leader = logins.principal("xiantao.leader");
		UnitView mine = unit("xiantao", UnitKind.COMMUNITY, fixtures.unitOf("xiantao.liaison"), "我的挂点社区");
		UnitView notMine = unit("xiantao", UnitKind.COMMUNITY, fixtures.unitOf("xiantao.liaison"), "非挂点社区");
		assign("xiantao", mine.id());
		assign("xiantao", notMine.id());
		LeaderAttachmentView attached = attachments.attach(office, leader.id(), mine.id());
		try {
			List<String> subtrees = attachments.attachmentsOf(leader, leader.id())
				.stream()
				.map(LeaderAttachmentView::unitPath)
				.toList();
			BattleMap.Data map = battleMap.of(leader, system("xiantao").id(), null, null, leader.id());
			assertThat(rows(map)).contains(mine.id()).doesNotContain(notMine.id());
			for (BattleMap.Row row : map.units()) {
				String path = fixtures.path(row.id());
				assertThat(subtrees.stream().anyMatch(path::startsWith)).as(row.name()).isTrue();
			}

			String me = page("xiantao.leader", "leader", "me");
			assertThat(me).contains(mine.name()).doesNotContain(notMine.name())
				.contains("<option value=\"me\" selected=\"selected\"")
				.contains("只看我挂点的单位");
			// without the parameter a leader whose units have assignments starts on them
			assertThat(page("xiantao.leader")).contains(mine.name()).doesNotContain(notMine.name())
				.contains("<option value=\"me\" selected=\"selected\"");
			// leader=all shows every unit
			assertThat(page("xiantao.leader", "leader", "all")).contains(mine.name()).contains(notMine.name());
			// leader=me means nothing for an office account: every unit, no "me" option
			assertThat(page("xiantao.office", "leader", "me")).contains(notMine.name())
				.doesNotContain("value=\"me\"");
		}
		finally {
			attachments.detach(office, attached.id(), "test");
		}
	}

	@Test
	void aLeaderWhoseUnitsHaveNoAssignmentsStartsOnEveryUnit() throws Exception {
		var fresh = fixtures.xiantaoLeader("empty");
		UnitView quiet = unit("xiantao", UnitKind.COMMUNITY, fixtures.unitOf("xiantao.liaison"), "无任务社区");
		attachments.attach(logins.principal("xiantao.office"), fresh.id(), quiet.id());
		String first = page(fresh.username());
		assertThat(first).contains("id=\"battle-data\"").contains("您挂点的单位还没有分配指标")
			.contains("<option value=\"all\" selected=\"selected\"");
		String explicit = page(fresh.username(), "leader", "me");
		assertThat(explicit).contains("挂点单位及其下级单位还没有分配指标").doesNotContain("id=\"battle-data\"");
	}

}
