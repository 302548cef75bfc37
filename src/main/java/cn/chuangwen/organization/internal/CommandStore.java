package cn.chuangwen.organization.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.organization.CommandBody;
import cn.chuangwen.organization.CommandBody.Kind;
import cn.chuangwen.organization.CommandBody.Member;
import cn.chuangwen.organization.CommandBody.MemberRole;

/** SQL for the command structure's bodies and their members. */
@Repository
public class CommandStore {

	/** A body's row without its members. */
	public record BodyRow(long id, long cityId, Kind kind, String name, Long parentId, String parentName, String duties,
			int sortOrder, int version) {
	}

	/** The fields of a body as the office saved them. */
	public record BodyFields(Kind kind, String name, Long parentId, String duties, int sortOrder) {
	}

	private static final String SELECT = """
			select b.id, b.city_id, b.kind, b.name, b.parent_id, p.name as parent_name, b.duties, b.sort_order, b.version
			from command_body b left join command_body p on p.id = b.parent_id
			""";

	private final JdbcClient jdbc;

	public CommandStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<BodyRow> ofCity(long cityId) {
		return jdbc.sql(SELECT + " where b.city_id = :c order by b.sort_order, b.id")
			.param("c", cityId)
			.query(CommandStore::body)
			.list();
	}

	public Optional<BodyRow> find(long id) {
		return jdbc.sql(SELECT + " where b.id = :id").param("id", id).query(CommandStore::body).optional();
	}

	public long insert(long cityId, BodyFields f, Instant now, String by) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into command_body (city_id, kind, name, parent_id, duties, sort_order, created_at, created_by, updated_at)
				values (:city, :kind, :name, :parent, :duties, :sort, :now, :by, :now)
				""")
			.param("city", cityId)
			.param("kind", f.kind().name())
			.param("name", f.name())
			.param("parent", f.parentId())
			.param("duties", f.duties())
			.param("sort", f.sortOrder())
			.param("now", UnitStore.utc(now))
			.param("by", by)
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	public boolean update(long id, int version, BodyFields f, Instant now) {
		return jdbc.sql("""
				update command_body set kind = :kind, name = :name, parent_id = :parent, duties = :duties,
				       sort_order = :sort, updated_at = :now, version = version + 1
				where id = :id and version = :version
				""")
			.param("kind", f.kind().name())
			.param("name", f.name())
			.param("parent", f.parentId())
			.param("duties", f.duties())
			.param("sort", f.sortOrder())
			.param("now", UnitStore.utc(now))
			.param("id", id)
			.param("version", version)
			.update() == 1;
	}

	public boolean hasChildren(long id) {
		return jdbc.sql("select count(*) from command_body where parent_id = :id").param("id", id).query(Integer.class).single() > 0;
	}

	public List<Member> members(long bodyId) {
		return jdbc.sql("""
				select m.id, m.name, m.post, m.phone, m.role, m.user_id, a.username
				from command_member m left join app_user a on a.id = m.user_id
				where m.body_id = :b order by m.sort_order, m.id
				""")
			.param("b", bodyId)
			.query((rs, n) -> new Member(rs.getLong("id"), rs.getString("name"), rs.getString("post"),
					rs.getString("phone"), MemberRole.valueOf(rs.getString("role")), (Long) rs.getObject("user_id", Long.class),
					rs.getString("username")))
			.list();
	}

	/** The ids of the bodies of a city the account is a member of. */
	public List<Long> bodiesOfUser(long cityId, long userId) {
		return jdbc.sql("select distinct body_id from command_member where city_id = :c and user_id = :u")
			.param("c", cityId)
			.param("u", userId)
			.query(Long.class)
			.list();
	}

	public long insertMember(long bodyId, long cityId, Member m) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into command_member (body_id, city_id, name, post, phone, role, user_id, sort_order)
				values (:body, :city, :name, :post, :phone, :role, :user,
				        (select coalesce(max(sort_order), 0) + 1 from command_member where body_id = :body))
				""")
			.param("body", bodyId)
			.param("city", cityId)
			.param("name", m.name())
			.param("post", m.post())
			.param("phone", m.phone())
			.param("role", m.role().name())
			.param("user", m.userId())
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	public boolean deleteMember(long bodyId, long memberId) {
		return jdbc.sql("delete from command_member where id = :m and body_id = :b")
			.param("m", memberId)
			.param("b", bodyId)
			.update() == 1;
	}

	/** An enabled account of the city, as "名字 (username)"; empty when there is none. */
	public Optional<String> accountOfCity(long cityId, long userId) {
		return jdbc.sql("select display_name || ' (' || username || ')' from app_user where id = :u and city_id = :c and enabled")
			.param("u", userId)
			.param("c", cityId)
			.query(String.class)
			.optional();
	}

	public record AccountRow(long id, String label) {
	}

	public List<AccountRow> accountsOfCity(long cityId) {
		return jdbc.sql("""
				select id, display_name || ' (' || username || ')' as label from app_user
				where city_id = :c and enabled order by display_name, username""")
			.param("c", cityId)
			.query((rs, n) -> new AccountRow(rs.getLong("id"), rs.getString("label")))
			.list();
	}

	private static BodyRow body(ResultSet rs, int n) throws SQLException {
		return new BodyRow(rs.getLong("id"), rs.getLong("city_id"), Kind.valueOf(rs.getString("kind")), rs.getString("name"),
				rs.getObject("parent_id", Long.class), rs.getString("parent_name"), rs.getString("duties"),
				rs.getInt("sort_order"), rs.getInt("version"));
	}

}
