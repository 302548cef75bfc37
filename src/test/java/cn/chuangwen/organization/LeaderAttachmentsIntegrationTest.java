package cn.chuangwen.organization;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.testing.OrgFixtures;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.support.Logins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Leader attachments (挂点, Q2): who may attach whom to which unit, and the trace of it. */
@IntegrationTest
class LeaderAttachmentsIntegrationTest {

	static final Random RANDOM = new Random();

	@Autowired
	LeaderAttachments attachments;

	@Autowired
	Units units;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OrgFixtures fixtures;

	/** A fresh community under the city's first town, so every test has its own unit. */
	UnitView freshCommunity(String city) {
		CurrentUser office = logins.principal(city + ".office");
		return units.create(office, new UnitDraft("LA" + Math.abs(RANDOM.nextLong() % 1_000_000_000L),
				"挂点测试社区" + RANDOM.nextInt(100000), UnitKind.COMMUNITY, fixtures.unitOf(city + ".liaison"), "社区",
				false, null, null, null));
	}

	int audits(String action, long unitId) {
		return fixtures.auditCount(action, String.valueOf(unitId));
	}

	int attachmentsOfUnit(long unitId) {
		return jdbc.sql("select count(*) from leader_attachment where unit_id = :u")
			.param("u", unitId)
			.query(Integer.class)
			.single();
	}

	@Test
	void theOfficeAttachesAndDetachesALeaderAndBothAreTraced() {
		CurrentUser office = logins.principal("xiantao.office");
		CurrentUser leader = logins.principal("xiantao.leader");
		UnitView community = freshCommunity("xiantao");

		LeaderAttachmentView attached = attachments.attach(office, leader.id(), community.id());
		assertThat(attached.leaderName()).isEqualTo(leader.displayName());
		assertThat(attached.unitId()).isEqualTo(community.id());
		assertThat(attached.createdBy()).isEqualTo("xiantao.office");
		assertThat(attachments.leadersOf(office, community.id())).extracting(LeaderAttachmentView::leaderName)
			.containsExactly(leader.displayName());
		assertThat(unitsOf(office, leader.id())).contains(community.id());
		assertThat(attachments.attachmentsOf(leader, leader.id())).extracting(LeaderAttachmentView::unitId)
			.contains(community.id());
		assertThat(audits("LEADER_ATTACH", community.id())).isEqualTo(1);
		assertThat(jdbc.sql("""
				select changes from audit_event where action = 'LEADER_ATTACH' and object_type = 'unit' and object_id = :u
				""").param("u", String.valueOf(community.id())).query(String.class).single())
			.contains("xiantao.leader");

		// A second attachment of the same leader to the same unit: 400, nothing written.
		assertThatThrownBy(() -> attachments.attach(office, leader.id(), community.id()))
			.isInstanceOf(InvalidInputException.class)
			.satisfies(ex -> assertThat(((InvalidInputException) ex).problems().get(0).messageKey())
				.isEqualTo("attachment.error.duplicate"));
		assertThat(attachmentsOfUnit(community.id())).isEqualTo(1);
		assertThat(audits("LEADER_ATTACH", community.id())).isEqualTo(1);

		attachments.detach(office, attached.id(), "调整挂点");
		assertThat(attachmentsOfUnit(community.id())).isZero();
		assertThat(unitsOf(office, leader.id())).doesNotContain(community.id());
		assertThat(audits("LEADER_DETACH", community.id())).isEqualTo(1);
		assertThat(jdbc.sql("select reason from audit_event where action = 'LEADER_DETACH' and object_id = :u")
			.param("u", String.valueOf(community.id()))
			.query(String.class)
			.single()).isEqualTo("调整挂点");
		// gone: a second detach finds nothing
		assertThatThrownBy(() -> attachments.detach(office, attached.id(), null)).isInstanceOf(NotFoundException.class);
	}

	@Test
	void onlyACityLeaderOfTheUnitsCityCanBeAttached() {
		CurrentUser office = logins.principal("xiantao.office");
		UnitView community = freshCommunity("xiantao");
		long attachmentsBefore = jdbc.sql("select count(*) from leader_attachment").query(Long.class).single();
		for (String refused : List.of("tianmen.leader", "xiantao.liaison", "xiantao.office", "xiantao.inspector")) {
			long id = fixtures.userId(refused);
			assertThatThrownBy(() -> attachments.attach(office, id, community.id())).as(refused)
				.isInstanceOf(InvalidInputException.class)
				.satisfies(ex -> assertThat(((InvalidInputException) ex).problems().get(0).messageKey())
					.isEqualTo("attachment.error.leader"));
		}
		long missing = jdbc.sql("select max(id) + 1000 from app_user").query(Long.class).single();
		assertThatThrownBy(() -> attachments.attach(office, missing, community.id()))
			.isInstanceOf(InvalidInputException.class);
		assertThat(jdbc.sql("select count(*) from leader_attachment").query(Long.class).single())
			.isEqualTo(attachmentsBefore);
		assertThat(audits("LEADER_ATTACH", community.id())).isZero();
	}

	@Test
	void anotherCitysUnitIsNotFoundAndOnlyTheOfficeMayWrite() {
		UnitView xiantaoCommunity = freshCommunity("xiantao");
		CurrentUser tianmenOffice = logins.principal("tianmen.office");
		long tianmenLeader = fixtures.userId("tianmen.leader");
		long xiantaoLeader = fixtures.userId("xiantao.leader");
		assertThatThrownBy(() -> attachments.attach(tianmenOffice, tianmenLeader, xiantaoCommunity.id()))
			.isInstanceOf(NotFoundException.class);
		assertThatThrownBy(() -> attachments.attach(tianmenOffice, xiantaoLeader, xiantaoCommunity.id()))
			.isInstanceOf(NotFoundException.class);
		assertThatThrownBy(() -> attachments.leadersOf(tianmenOffice, xiantaoCommunity.id()))
			.isInstanceOf(NotFoundException.class);

		// the leader itself and the province office can read, not write
		for (String reader : List.of("xiantao.leader", "hubei.office", "xiantao.liaison")) {
			assertThatThrownBy(() -> attachments.attach(logins.principal(reader), xiantaoLeader, xiantaoCommunity.id()))
				.as(reader)
				.isInstanceOf(AccessDeniedException.class);
		}
		assertThat(attachmentsOfUnit(xiantaoCommunity.id())).isZero();

		// detaching another city's attachment: 404, the row stays
		LeaderAttachmentView attached = attachments.attach(logins.principal("xiantao.office"), xiantaoLeader,
				xiantaoCommunity.id());
		assertThatThrownBy(() -> attachments.detach(tianmenOffice, attached.id(), null))
			.isInstanceOf(NotFoundException.class);
		assertThat(attachmentsOfUnit(xiantaoCommunity.id())).isEqualTo(1);
		attachments.detach(logins.principal("xiantao.office"), attached.id(), null);
	}

	@Test
	void leadersAreTheCitysCityLeaderAccounts() {
		CurrentUser office = logins.principal("xiantao.office");
		List<LeaderAttachments.Leader> leaders = attachments.leaders(office);
		assertThat(leaders).extracting(LeaderAttachments.Leader::id).contains(fixtures.userId("xiantao.leader"))
			.doesNotContain(fixtures.userId("tianmen.leader"), fixtures.userId("xiantao.office"));
		assertThat(leaders).allSatisfy(l -> assertThat(l.cityId()).isEqualTo(office.cityId()));
		assertThat(attachments.leaders(office, fixtures.cityId("tianmen"))).isEmpty();
		assertThat(attachments.leaders(logins.principal("hubei.office"))).extracting(LeaderAttachments.Leader::id)
			.contains(fixtures.userId("xiantao.leader"), fixtures.userId("tianmen.leader"),
					fixtures.userId("qianjiang.leader"));
		assertThat(attachments.leaders(logins.principal("xiantao.supervisor"))).isEmpty();
	}

	@Test
	void demoLeadersAreAttachedToTheFirstTwoCommunitiesOfTheFirstTown() {
		for (String city : List.of("xiantao", "tianmen", "qianjiang")) {
			long cityId = fixtures.cityId(city);
			long firstTown = jdbc.sql("""
					select id from unit where city_id = :c and kind in ('DISTRICT', 'TOWN', 'TOWNSHIP', 'SUBDISTRICT')
					order by id limit 1
					""").param("c", cityId).query(Long.class).single();
			List<Long> firstTwo = jdbc.sql("select id from unit where parent_id = :t and kind = 'COMMUNITY' order by id limit 2")
				.param("t", firstTown)
				.query(Long.class)
				.list();
			assertThat(firstTwo).hasSize(2);
			assertThat(unitsOf(logins.principal(city + ".office"), fixtures.userId(city + ".leader"))).as(city).containsAll(firstTwo);
			for (long unitId : firstTwo) {
				assertThat(audits("LEADER_ATTACH", unitId)).as(city).isGreaterThanOrEqualTo(1);
			}
		}
	}

	/** The units a leader is attached to, as the caller may see them. */
	List<Long> unitsOf(CurrentUser caller, long leaderId) {
		return attachments.attachmentsOf(caller, leaderId).stream().map(LeaderAttachmentView::unitId).toList();
	}

}
