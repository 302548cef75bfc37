package cn.chuangwen.projects.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.organization.ScopeSql;
import cn.chuangwen.projects.ProjectState;
import cn.chuangwen.projects.ProjectView;
import cn.chuangwen.shared.PageRequest;

/**
 * SQL of key projects: the project, its cooperating units and its links. Its budget and spending are
 * its creation fund allocation of the year asked ({@link FundStore}).
 */
@Repository
public class ProjectStore {

	public static final String ASSIGNMENT = "ASSIGNMENT";

	public static final String PROBLEM = "PROBLEM";

	private static final String SELECT = """
			select p.id, p.city_id, c.name as city_name, p.name, p.goal, a.username, a.display_name, p.lead_unit_id,
			    u.name as lead_unit_name, p.state, coalesce(fa.amount, 0) as budget,
			    (select coalesce(sum(s.amount), 0) from fund_spending s where s.allocation_id = fa.id) as spent,
			    p.updated_at, p.version
			from key_project p join city c on c.id = p.city_id join app_user a on a.id = p.leader_user_id
			    join unit u on u.id = p.lead_unit_id
			    left join fund_allocation fa on fa.project_id = p.id and fa.budget_year = :fundYear
			""";

	/** A project row, without its units and links. */
	public record Row(long id, long cityId, String cityName, String name, String goal, String leaderUsername,
			String leaderName, long leadUnitId, String leadUnitName, ProjectState state, BigDecimal budget,
			BigDecimal spent, Instant updatedAt, int version) {
	}

	/** What a project stores: the checked fields (its budget is its fund allocation). */
	public record Fields(String name, String goal, long leaderUserId, long leadUnitId, ProjectState state) {
	}

	private final JdbcClient jdbc;

	public ProjectStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The scope over a project: its city, and below a whole city its lead or a cooperating unit. */
	private static String scope(ScopeSql s) {
		String where = s.city("p.city_id");
		if (s.restrictsUnits()) {
			where += " and (" + s.unit("u.path") + " or exists (select 1 from key_project_unit pu join unit cu"
					+ " on cu.id = pu.unit_id where pu.project_id = p.id and " + s.unit("cu.path") + "))";
		}
		return " " + where + " ";
	}

	public List<Row> page(ScopeSql s, PageRequest page, int fundYear) {
		return s.bind(jdbc.sql(SELECT + " where" + scope(s) + "order by p.city_id, p.id limit :limit offset :offset"))
			.param("fundYear", fundYear)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query(ProjectStore::row)
			.list();
	}

	public long count(ScopeSql s) {
		return s.bind(jdbc.sql("select count(*) from key_project p join unit u on u.id = p.lead_unit_id where"
				+ scope(s))).query(Long.class).single();
	}

	public Optional<Row> find(ScopeSql s, long id, int fundYear) {
		return s.bind(jdbc.sql(SELECT + " where p.id = :id and" + scope(s))).param("id", id)
			.param("fundYear", fundYear)
			.query(ProjectStore::row)
			.optional();
	}

	/** Locks the project row for a change. */
	/** The project's task force (a command body of its city), if one is named. */
	public Optional<Long> taskForceId(long id) {
		return jdbc.sql("select task_force_id from key_project where id = :id and task_force_id is not null")
			.param("id", id)
			.query(Long.class)
			.optional();
	}

	public void setTaskForce(long id, Long bodyId, Instant at) {
		jdbc.sql("update key_project set task_force_id = :b, updated_at = :at, version = version + 1 where id = :id")
			.param("b", bodyId)
			.param("at", Timestamp.from(at))
			.param("id", id)
			.update();
	}

	public void lock(long id) {
		jdbc.sql("select id from key_project where id = :id for update").param("id", id).query(Long.class).optional();
	}

	public Map<Long, List<ProjectView.Unit>> cooperating(Collection<Long> projectIds) {
		Map<Long, List<ProjectView.Unit>> out = new HashMap<>();
		if (projectIds.isEmpty()) {
			return out;
		}
		jdbc.sql("""
				select pu.project_id, u.id, u.name from key_project_unit pu join unit u on u.id = pu.unit_id
				where pu.project_id in (:ids) order by u.code, u.id""")
			.param("ids", projectIds)
			.query((rs, n) -> {
				out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
					.add(new ProjectView.Unit(rs.getLong(2), rs.getString(3)));
				return null;
			})
			.list();
		return out;
	}

	/** The linked ids by project, for one kind, in the order they were linked. */
	public Map<Long, List<Long>> links(Collection<Long> projectIds, String kind) {
		Map<Long, List<Long>> out = new HashMap<>();
		if (projectIds.isEmpty()) {
			return out;
		}
		jdbc.sql("""
				select project_id, target_id from key_project_link where project_id in (:ids) and kind = :k
				order by linked_at, target_id""")
			.param("ids", projectIds)
			.param("k", kind)
			.query((rs, n) -> {
				out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
				return null;
			})
			.list();
		return out;
	}

	public long insert(long cityId, Fields f, String by, Instant at) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into key_project (city_id, name, goal, leader_user_id, lead_unit_id, state, created_by,
				    created_at, updated_at)
				values (:c, :n, :g, :l, :u, :s, :by, :at, :at)""")
			.param("c", cityId)
			.param("n", f.name())
			.param("g", f.goal())
			.param("l", f.leaderUserId())
			.param("u", f.leadUnitId())
			.param("s", f.state().name())
			.param("by", by)
			.param("at", Timestamp.from(at))
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	public void update(long id, Fields f, Instant at) {
		jdbc.sql("""
				update key_project set name = :n, goal = :g, leader_user_id = :l, lead_unit_id = :u, state = :s,
				    updated_at = :at, version = version + 1
				where id = :id""")
			.param("n", f.name())
			.param("g", f.goal())
			.param("l", f.leaderUserId())
			.param("u", f.leadUnitId())
			.param("s", f.state().name())
			.param("at", Timestamp.from(at))
			.param("id", id)
			.update();
	}

	public void touch(long id, Instant at) {
		jdbc.sql("update key_project set updated_at = :at, version = version + 1 where id = :id")
			.param("at", Timestamp.from(at))
			.param("id", id)
			.update();
	}

	public boolean nameTaken(long cityId, String name, Long except) {
		return jdbc.sql("select count(*) from key_project where city_id = :c and name = :n and id <> :e")
			.param("c", cityId)
			.param("n", name)
			.param("e", except == null ? -1L : except)
			.query(Long.class)
			.single() > 0;
	}

	public void replaceUnits(long projectId, Collection<Long> unitIds) {
		jdbc.sql("delete from key_project_unit where project_id = :p").param("p", projectId).update();
		for (Long u : unitIds) {
			jdbc.sql("insert into key_project_unit (project_id, unit_id) values (:p, :u)")
				.param("p", projectId)
				.param("u", u)
				.update();
		}
	}

	public void link(long projectId, String kind, long targetId, String by, Instant at) {
		jdbc.sql("""
				insert into key_project_link (project_id, kind, target_id, linked_by, linked_at)
				values (:p, :k, :t, :by, :at)""")
			.param("p", projectId)
			.param("k", kind)
			.param("t", targetId)
			.param("by", by)
			.param("at", Timestamp.from(at))
			.update();
	}

	public int unlink(long projectId, String kind, long targetId) {
		return jdbc.sql("delete from key_project_link where project_id = :p and kind = :k and target_id = :t")
			.param("p", projectId)
			.param("k", kind)
			.param("t", targetId)
			.update();
	}

	/** The id of the enabled city leader of a city with this user name, if there is one. */
	public Optional<Long> leaderId(long cityId, String username) {
		return jdbc.sql("""
				select a.id from app_user a join user_role r on r.user_id = a.id
				where a.username = :u and a.city_id = :c and a.enabled = true and r.role_code = 'CITY_LEADER'""")
			.param("u", username.toLowerCase(java.util.Locale.ROOT))
			.param("c", cityId)
			.query(Long.class)
			.optional();
	}

	/** A city's enabled leaders (user name, display name), for the form. */
	public List<String[]> leaders(long cityId) {
		return jdbc.sql("""
				select a.username, a.display_name from app_user a join user_role r on r.user_id = a.id
				where a.city_id = :c and a.enabled = true and r.role_code = 'CITY_LEADER' order by a.username""")
			.param("c", cityId)
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) })
			.list();
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getLong("id"), rs.getLong("city_id"), rs.getString("city_name"), rs.getString("name"),
				rs.getString("goal"), rs.getString("username"), rs.getString("display_name"), rs.getLong("lead_unit_id"),
				rs.getString("lead_unit_name"), ProjectState.valueOf(rs.getString("state")), rs.getBigDecimal("budget"),
				rs.getBigDecimal("spent"), rs.getTimestamp("updated_at").toInstant(), rs.getInt("version"));
	}

}
