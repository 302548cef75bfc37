package cn.chuangwen.organization.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.organization.CareTeam;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.ScopeSql;

/** SQL for care teams (包保) and the help their departments report. */
@Repository
public class CareTeamStore {

	private final JdbcClient jdbc;

	public CareTeamStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<CareTeam.Department> departments(long communityId) {
		return jdbc.sql("""
				select d.id, d.name, t.lead from care_team t join unit d on d.id = t.department_id
				where t.community_id = :c order by t.lead desc, d.code""")
			.param("c", communityId)
			.query((rs, n) -> new CareTeam.Department(rs.getLong(1), rs.getString(2), rs.getBoolean(3)))
			.list();
	}

	public void replace(long communityId, long cityId, List<Long> departmentIds, long leadId) {
		jdbc.sql("delete from care_team where community_id = :c").param("c", communityId).update();
		for (Long d : departmentIds) {
			jdbc.sql("insert into care_team (community_id, department_id, city_id, lead) values (:c, :d, :city, :lead)")
				.param("c", communityId)
				.param("d", d)
				.param("city", cityId)
				.param("lead", d == leadId)
				.update();
		}
	}

	/** Paths of the communities whose team has a department in the scope's own units (not its read-also units). */
	public List<String> caredPaths(DataScope scope) {
		ScopeSql s = ScopeSql.of(scope);
		return s.bind(jdbc.sql("""
				select distinct cu.path from care_team t join unit d on d.id = t.department_id join unit cu on cu.id = t.community_id
				where t.city_id = :scopeCity and""" + " " + s.unit("d.path")))
			.query(String.class)
			.list();
	}

	/** The communities whose team has a department in the scope, with the lead flag and their help count. */
	public List<CareTeam.Cared> caredBy(DataScope scope) {
		ScopeSql s = ScopeSql.of(scope);
		return s.bind(jdbc.sql("""
				select cu.id, cu.name, pu.name, max(case when t.lead then 1 else 0 end) as lead,
				       (select count(*) from care_help h where h.community_id = cu.id) as help
				from care_team t join unit d on d.id = t.department_id join unit cu on cu.id = t.community_id
				     left join unit pu on pu.id = cu.parent_id
				where t.city_id = :scopeCity and""" + " " + s.unit("d.path")
				+ " group by cu.id, cu.name, pu.name, cu.code order by cu.code"))
			.query((rs, n) -> new CareTeam.Cared(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4) == 1,
					rs.getLong(5)))
			.list();
	}

	/** Every community of the scope's units that has a team, its departments as one line. */
	public List<CareTeam.Cared> teamsIn(DataScope scope) {
		ScopeSql s = ScopeSql.of(scope);
		return s.bind(jdbc.sql("""
				select cu.id, cu.name, pu.name, (select count(*) from care_help h where h.community_id = cu.id) as help
				from unit cu left join unit pu on pu.id = cu.parent_id
				where exists (select 1 from care_team t where t.community_id = cu.id) and""" + s.cityAndUnit("cu.city_id", "cu.path")
				+ " order by cu.code"))
			.query((rs, n) -> new CareTeam.Cared(rs.getLong(1), rs.getString(2), rs.getString(3), false, rs.getLong(4)))
			.list();
	}

	public long insertHelp(long cityId, long communityId, long departmentId, LocalDate date, String text, Instant now,
			String by) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into care_help (city_id, community_id, department_id, help_date, text, created_at, created_by)
				values (:city, :c, :d, :date, :text, :now, :by)""")
			.param("city", cityId)
			.param("c", communityId)
			.param("d", departmentId)
			.param("date", date)
			.param("text", text)
			.param("now", UnitStore.utc(now))
			.param("by", by)
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	public void insertPhoto(long helpId, long fileId) {
		jdbc.sql("insert into care_help_photo (help_id, file_id) values (:h, :f)").param("h", helpId).param("f", fileId).update();
	}

	public List<CareTeam.Help> help(long communityId) {
		List<CareTeam.Help> rows = jdbc.sql("""
				select h.id, h.community_id, h.department_id, d.name, h.help_date, h.text, h.created_by, h.created_at
				from care_help h join unit d on d.id = h.department_id
				where h.community_id = :c order by h.help_date desc, h.id desc""")
			.param("c", communityId)
			.query((rs, n) -> new CareTeam.Help(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
					rs.getObject(5, LocalDate.class), rs.getString(6), rs.getString(7),
					rs.getObject(8, java.time.OffsetDateTime.class).toInstant(), List.of()))
			.list();
		if (rows.isEmpty()) {
			return rows;
		}
		Map<Long, List<Long>> photos = new HashMap<>();
		jdbc.sql("select help_id, file_id from care_help_photo where help_id in (:ids) order by file_id")
			.param("ids", rows.stream().map(CareTeam.Help::id).toList())
			.query((rs, n) -> photos.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2)))
			.list();
		return rows.stream()
			.map(h -> new CareTeam.Help(h.id(), h.communityId(), h.departmentId(), h.departmentName(), h.date(), h.text(),
					h.createdBy(), h.createdAt(), photos.getOrDefault(h.id(), List.of())))
			.toList();
	}

	public boolean photoOf(long communityId, long fileId) {
		return jdbc.sql("""
				select count(*) from care_help_photo p join care_help h on h.id = p.help_id
				where h.community_id = :c and p.file_id = :f""")
			.param("c", communityId)
			.param("f", fileId)
			.query(Integer.class)
			.single() > 0;
	}

	/** The units of the city among {@code ids}: id to kind, active and city, for checking a team. */
	public Map<Long, Object[]> units(Collection<Long> ids) {
		Map<Long, Object[]> found = new HashMap<>();
		jdbc.sql("select id, kind, active, city_id, name from unit where id in (:ids)")
			.param("ids", ids)
			.query((rs, n) -> found.put(rs.getLong(1), new Object[] { rs.getString(2), rs.getBoolean(3), rs.getLong(4), rs.getString(5) }))
			.list();
		return found;
	}

}
