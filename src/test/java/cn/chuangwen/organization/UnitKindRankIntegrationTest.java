package cn.chuangwen.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.testing.OrgFixtures;

/**
 * The database ranks each kind of unit (V28, the indexed list order) at its place in {@link UnitKind}:
 * a kind added to the enum and not to the migration fails here.
 */
@IntegrationTest
@Transactional
class UnitKindRankIntegrationTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	void everyKindIsRankedInTheOrderOfTheEnum() {
		long city = jdbc.sql("select id from city where code = 'xiantao'").query(Long.class).single();
		String prefix = "RANK" + OrgFixtures.unique() + "-";
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		for (UnitKind kind : UnitKind.values()) {
			jdbc.sql("""
					insert into unit (city_id, code, name, kind, parent_id, path, active, version, created_at, updated_at)
					values (?, ?, ?, ?, null, '/', true, 0, ?, ?)""")
				.params(city, prefix + kind, kind.name(), kind.name(), now, now)
				.update();
		}
		Map<String, Integer> ranks = new LinkedHashMap<>();
		jdbc.sql("select kind, kind_rank from unit where code like ? order by kind_rank")
			.param(prefix + "%")
			.query(rs -> {
				ranks.put(rs.getString(1), rs.getObject(2) == null ? null : rs.getInt(2));
			});
		Map<String, Integer> expected = new LinkedHashMap<>();
		for (UnitKind kind : UnitKind.values()) {
			expected.put(kind.name(), kind.ordinal());
		}
		assertThat(ranks).containsExactlyEntriesOf(expected);
	}

}
