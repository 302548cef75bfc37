package cn.chuangwen.organization.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.DataScope;

/**
 * Demo leader attachments (挂点): in every city with a demo leader account ({@code <city>.leader}),
 * the leader is attached to the first two communities of the city's first town. Runs after the
 * organisation's demo data, only while no attachment exists at all.
 */
@Component
@Order(15)
@ConditionalOnProperty(name = "chuangwen.demo.enabled", havingValue = "true")
class LeaderAttachmentDemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(LeaderAttachmentDemoData.class);

	private static final List<String> TOWN_KINDS = List.of("DISTRICT", "TOWN", "TOWNSHIP", "SUBDISTRICT");

	private final JdbcClient jdbc;

	private final AttachmentStore store;

	private final CityStore cities;

	private final AuditTrail audit;

	private final TransactionTemplate tx;

	private final Clock clock;

	LeaderAttachmentDemoData(JdbcClient jdbc, AttachmentStore store, CityStore cities, AuditTrail audit,
			TransactionTemplate tx, Clock clock) {
		this.jdbc = jdbc;
		this.store = store;
		this.cities = cities;
		this.audit = audit;
		this.tx = tx;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (store.count() > 0) {
			return;
		}
		int attached = 0;
		for (CityView city : cities.visible(DataScope.all())) {
			long cityId = city.id();
			String username = city.code() + ".leader";
			// one transaction per city: the trace writes one chain per transaction
			Integer n = tx.execute(s -> attach(cityId, username));
			attached += n == null ? 0 : n;
		}
		if (attached > 0) {
			log.info("Demo leader attachments: {}", attached);
		}
	}

	private int attach(long cityId, String username) {
		var leader = jdbc.sql("select id from app_user where username = :u and city_id = :c")
			.param("u", username)
			.param("c", cityId)
			.query(Long.class)
			.optional()
			.flatMap(id -> store.leader(id, cityId));
		if (leader.isEmpty()) {
			return 0;
		}
		var town = jdbc.sql("select id from unit where city_id = :c and kind in (:kinds) and active = true order by id limit 1")
			.param("c", cityId)
			.param("kinds", TOWN_KINDS)
			.query(Long.class)
			.optional();
		if (town.isEmpty()) {
			return 0;
		}
		List<Long> communities = jdbc.sql("""
				select id from unit where parent_id = :town and kind = 'COMMUNITY' and active = true order by id limit 2
				""")
			.param("town", town.get())
			.query(Long.class)
			.list();
		Instant now = clock.instant();
		for (long unitId : communities) {
			long id = store.insert(cityId, leader.get().id(), unitId, now, "system");
			var created = store.find(id).orElseThrow();
			audit.record(AuditEntry.of("LEADER_ATTACH")
				.city(cityId)
				.object("unit", unitId)
				.actor("system", null)
				.change("attachment", null, id)
				.change("leader", null, created.leaderName() + " (" + created.leaderUsername() + ")"));
		}
		return communities.size();
	}

}
