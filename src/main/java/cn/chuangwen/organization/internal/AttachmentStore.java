package cn.chuangwen.organization.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.organization.LeaderAttachmentView;
import cn.chuangwen.organization.LeaderAttachments.Leader;
import cn.chuangwen.organization.Role;

/** SQL for leader attachments (挂点) and the city leaders they name. */
@Repository
public class AttachmentStore {

	private static final String SELECT = """
			select la.id, la.city_id, la.leader_user_id, a.display_name, a.username, la.unit_id, u.name as unit_name,
			       u.path as unit_path, la.created_at, la.created_by
			from leader_attachment la join app_user a on a.id = la.leader_user_id join unit u on u.id = la.unit_id
			""";

	private final JdbcClient jdbc;

	public AttachmentStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public long insert(long cityId, long leaderUserId, long unitId, Instant now, String createdBy) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into leader_attachment (city_id, leader_user_id, unit_id, created_at, created_by)
				values (:city, :leader, :unit, :now, :by)
				""")
			.param("city", cityId)
			.param("leader", leaderUserId)
			.param("unit", unitId)
			.param("now", UnitStore.utc(now))
			.param("by", createdBy)
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	public boolean delete(long id) {
		return jdbc.sql("delete from leader_attachment where id = :id").param("id", id).update() == 1;
	}

	public boolean exists(long leaderUserId, long unitId) {
		return jdbc.sql("select count(*) from leader_attachment where leader_user_id = :leader and unit_id = :unit")
			.param("leader", leaderUserId)
			.param("unit", unitId)
			.query(Integer.class)
			.single() > 0;
	}

	public int count() {
		return jdbc.sql("select count(*) from leader_attachment").query(Integer.class).single();
	}

	public Optional<LeaderAttachmentView> find(long id) {
		return jdbc.sql(SELECT + " where la.id = :id").param("id", id).query(AttachmentStore::map).optional();
	}

	/** The leaders attached to one unit, by name. */
	public List<LeaderAttachmentView> ofUnit(long unitId) {
		return jdbc.sql(SELECT + " where la.unit_id = :unit order by a.display_name, la.id")
			.param("unit", unitId)
			.query(AttachmentStore::map)
			.list();
	}

	/** The units one leader is attached to, in tree order. */
	public List<LeaderAttachmentView> ofLeader(long leaderUserId) {
		return jdbc.sql(SELECT + " where la.leader_user_id = :leader order by u.path")
			.param("leader", leaderUserId)
			.query(AttachmentStore::map)
			.list();
	}

	/** Enabled accounts holding CITY_LEADER in one city, or in every city when {@code cityId} is null. */
	public List<Leader> leaders(Long cityId) {
		// Only the condition that applies, so one city's query uses the city index.
		return jdbc.sql("""
				select a.id, a.display_name, a.city_id from app_user a
				where a.enabled = true and a.city_id is not null""" + (cityId == null ? "" : " and a.city_id = :city") + """

				  and exists (select 1 from user_role r where r.user_id = a.id and r.role_code = :role)
				order by a.city_id, a.display_name, a.id
				""")
			.param("city", cityId == null ? -1L : cityId)
			.param("role", Role.CITY_LEADER.name())
			.query((rs, n) -> new Leader(rs.getLong(1), rs.getString(2), rs.getLong(3)))
			.list();
	}

	/** The account, when it is an enabled CITY_LEADER of the city. */
	public Optional<Leader> leader(long userId, long cityId) {
		return jdbc.sql("""
				select a.id, a.display_name, a.city_id from app_user a
				where a.id = :id and a.enabled = true and a.city_id = :city
				  and exists (select 1 from user_role r where r.user_id = a.id and r.role_code = :role)
				""")
			.param("id", userId)
			.param("city", cityId)
			.param("role", Role.CITY_LEADER.name())
			.query((rs, n) -> new Leader(rs.getLong(1), rs.getString(2), rs.getLong(3)))
			.optional();
	}

	static LeaderAttachmentView map(ResultSet rs, int row) throws SQLException {
		return new LeaderAttachmentView(rs.getLong("id"), rs.getLong("city_id"), rs.getLong("leader_user_id"),
				rs.getString("display_name"), rs.getString("username"), rs.getLong("unit_id"),
				rs.getString("unit_name"), rs.getString("unit_path"), AccountStore.instant(rs, "created_at"),
				rs.getString("created_by"));
	}

}
