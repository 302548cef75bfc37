package cn.chuangwen.organization.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.ScopeSql;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

/** SQL for the unit tree. Every read takes the caller's data scope as bind parameters. */
@Repository
public class UnitStore {

	static final String SELECT = """
			select u.id, u.city_id, c.code as city_code, u.code, u.name, u.kind, u.parent_id, p.name as parent_name,
			       u.path, u.ranking_group, u.committee_member, u.leader_name, u.liaison_name, u.liaison_phone,
			       u.active, u.version
			from unit u join city c on c.id = u.city_id left join unit p on p.id = u.parent_id
			""";

	/**
	 * Units in order: by kind (in {@link UnitKind} order: city, towns, communities, departments...), then
	 * code. {@code kind_rank} is the kind's position, stored by the database (V28; on PostgreSQL indexed with the city).
	 */
	static final String KIND_CODE_ORDER = "u.kind_rank, u.code";

	private final JdbcClient jdbc;

	public UnitStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Units in scope matching the query, by kind then code, at most {@code limit} (for exports and pickers). */
	public List<UnitView> search(DataScope scope, UnitQuery query, int limit) {
		return filtered(SELECT, scope, query, " order by u.city_id, " + KIND_CODE_ORDER + " limit " + Math.max(0, limit))
			.query(UnitStore::map)
			.list();
	}

	/**
	 * One page of the units in scope matching the query, read with LIMIT/OFFSET, and the total (counted
	 * only when the page is full, see {@link Page#read}). Not one statement with {@code count(*) over ()}:
	 * H2 builds that window from every matching row, three times the cost. Not in one transaction: a
	 * unit added between the two only moves the total.
	 */
	public Page<UnitView> page(DataScope scope, UnitQuery query, PageRequest page) {
		// The count joins the city only when filtering by its code: one index range count otherwise.
		String count = query.cityCode() == null ? "select count(*) from unit u"
				: "select count(*) from unit u join city c on c.id = u.city_id";
		return Page.read(page,
				() -> filtered(SELECT, scope, query, " order by u.city_id, " + KIND_CODE_ORDER + " limit :limit offset :offset")
					.param("limit", page.size())
					.param("offset", page.offset())
					.query(UnitStore::map)
					.list(),
				() -> filtered(count, scope, query, "")
					.query(Long.class)
					.single());
	}

	/** {@link #SELECT} with one more column, after the sixteen {@link #map} reads. */
	private static String selectWith(String column) {
		return SELECT.replace("u.active, u.version", "u.active, u.version, " + column);
	}

	/** Only the filters given become conditions, so each can use its index. */
	private JdbcClient.StatementSpec filtered(String select, DataScope scope, UnitQuery query, String tail) {
		ScopeSql s = ScopeSql.of(scope);
		StringBuilder sql = new StringBuilder(select).append(" where ").append(s.cityAndUnit("u.city_id", "u.path"));
		String like = query.text() == null || query.text().isBlank() ? null
				: "%" + escapeLike(query.text().trim().toLowerCase()) + "%";
		if (query.cityCode() != null) {
			sql.append(" and c.code = :cityCode");
		}
		if (query.kind() != null) {
			sql.append(" and u.kind = :kind");
		}
		if (like != null) {
			sql.append(" and (lower(u.name) like :like escape '\\' or lower(u.code) like :like escape '\\')");
		}
		if (query.active() != null) {
			sql.append(" and u.active = :active");
		}
		if (query.parentId() != null) {
			sql.append(" and u.parent_id = :parentId");
		}
		var spec = s.bind(jdbc.sql(sql.append(tail).toString()));
		if (query.cityCode() != null) {
			spec = spec.param("cityCode", query.cityCode());
		}
		if (query.kind() != null) {
			spec = spec.param("kind", query.kind().name());
		}
		if (like != null) {
			spec = spec.param("like", like);
		}
		if (query.active() != null) {
			spec = spec.param("active", query.active());
		}
		if (query.parentId() != null) {
			spec = spec.param("parentId", query.parentId());
		}
		return spec;
	}

	/** Rows per round trip while streaming: PostgreSQL then keeps a cursor instead of loading the result. */
	static final int FETCH_SIZE = 500;

	/**
	 * Every unit in scope matching the query, in list order, each handed to {@code sink} with its
	 * parent's code as it is read: no cap and no list in memory (exports).
	 */
	public void each(DataScope scope, UnitQuery query, Units.UnitSink sink) {
		filtered(selectWith("p.code as parent_code"), scope, query,
				" order by u.city_id, " + KIND_CODE_ORDER)
			.withFetchSize(FETCH_SIZE)
			.query((ResultSet rs) -> sink.accept(map(rs, 0), rs.getString(17)));
	}

	/**
	 * The tops of the caller's part of the tree, optionally in one city: units in scope whose parent is
	 * not in scope (a city root for a city, the own unit for a unit scope).
	 */
	public List<UnitView> roots(DataScope scope, String cityCode) {
		ScopeSql s = ScopeSql.of(scope);
		String sql = SELECT + " where " + s.cityAndUnit("u.city_id", "u.path")
				+ (cityCode == null ? "" : " and c.code = :cityCode")
				+ " and (u.parent_id is null or not (" + s.cityAndUnit("p.city_id", "p.path") + "))"
				+ " order by u.city_id, " + KIND_CODE_ORDER;
		var spec = s.bind(jdbc.sql(sql));
		if (cityCode != null) {
			spec = spec.param("cityCode", cityCode);
		}
		return spec.query(UnitStore::map).list();
	}

	/** How many units lie directly under each of {@code parentIds} (those without any are left out). */
	public java.util.Map<Long, Long> childCounts(DataScope scope, java.util.Collection<Long> parentIds) {
		java.util.Map<Long, Long> counts = new java.util.HashMap<>();
		List<Long> ids = List.copyOf(parentIds);
		for (int i = 0; i < ids.size(); i += 1000) {
			scoped("select u.parent_id, count(*) from unit u where u.parent_id in (:ids) and ", scope,
					" group by u.parent_id")
				.param("ids", ids.subList(i, Math.min(ids.size(), i + 1000)))
				.query((ResultSet rs) -> {
					counts.put(rs.getLong(1), rs.getLong(2));
				});
		}
		return counts;
	}

	/**
	 * A page of units in scope for a picker: of the given kinds, optionally only active ones, whose
	 * name or code contains {@code text}, outside the subtree {@code excludePath} (null: none).
	 */
	public Page<UnitView> choices(DataScope scope, String cityCode, java.util.Set<UnitKind> kinds, boolean activeOnly,
			String text, String excludePath, PageRequest page) {
		ScopeSql s = ScopeSql.of(scope);
		StringBuilder where = new StringBuilder(" where ").append(s.cityAndUnit("u.city_id", "u.path"))
			.append(" and u.kind in (:kinds)");
		String like = text == null || text.isBlank() ? null : "%" + escapeLike(text.trim().toLowerCase()) + "%";
		if (cityCode != null) {
			where.append(" and c.code = :cityCode");
		}
		if (activeOnly) {
			where.append(" and u.active = true");
		}
		if (like != null) {
			where.append(" and (lower(u.name) like :like escape '\\' or lower(u.code) like :like escape '\\')");
		}
		if (excludePath != null) {
			where.append(" and u.path not like :exclude");
		}
		java.util.function.Function<String, JdbcClient.StatementSpec> bind = sql -> {
			var spec = s.bind(jdbc.sql(sql)).param("kinds", kinds.stream().map(Enum::name).toList());
			if (cityCode != null) {
				spec = spec.param("cityCode", cityCode);
			}
			if (like != null) {
				spec = spec.param("like", like);
			}
			if (excludePath != null) {
				spec = spec.param("exclude", excludePath + "%");
			}
			return spec;
		};
		return Page.read(page,
				() -> bind.apply(SELECT + where + " order by u.city_id, " + KIND_CODE_ORDER + " limit :limit offset :offset")
					.param("limit", page.size())
					.param("offset", page.offset())
					.query(UnitStore::map)
					.list(),
				() -> bind.apply("select count(*) from unit u join city c on c.id = u.city_id" + where)
					.query(Long.class)
					.single());
	}

	/** The units in scope among {@code ids} (others are left out), in list order. */
	public List<UnitView> findAll(DataScope scope, java.util.Collection<Long> ids) {
		List<Long> all = List.copyOf(new java.util.LinkedHashSet<>(ids));
		List<UnitView> found = new java.util.ArrayList<>();
		for (int i = 0; i < all.size(); i += 1000) {
			found.addAll(scoped(SELECT + " where u.id in (:ids) and ", scope, " order by u.city_id, " + KIND_CODE_ORDER)
				.param("ids", all.subList(i, Math.min(all.size(), i + 1000)))
				.query(UnitStore::map)
				.list());
		}
		return found;
	}

	/** The units in scope of one city whose codes are among {@code codes} (imports resolve codes this way). */
	public List<UnitView> findByCodes(DataScope scope, long cityId, java.util.Collection<String> codes) {
		List<String> all = List.copyOf(new java.util.LinkedHashSet<>(codes));
		List<UnitView> found = new java.util.ArrayList<>();
		for (int i = 0; i < all.size(); i += 1000) {
			found.addAll(scoped(SELECT + " where u.city_id = :cityId and u.code in (:codes) and ", scope)
				.param("cityId", cityId)
				.param("codes", all.subList(i, Math.min(all.size(), i + 1000)))
				.query(UnitStore::map)
				.list());
		}
		return found;
	}

	/** One page of the units directly under a parent, in scope, in list order. */
	public Page<UnitView> childrenPage(DataScope scope, long parentId, PageRequest page) {
		return Page.read(page,
				() -> scoped(SELECT + " where u.parent_id = :parentId and ", scope,
					" order by " + KIND_CODE_ORDER + " limit :limit offset :offset")
					.param("parentId", parentId)
					.param("limit", page.size())
					.param("offset", page.offset())
					.query(UnitStore::map)
					.list(),
				() -> scoped("select count(*) from unit u where u.parent_id = :parentId and ", scope)
					.param("parentId", parentId)
					.query(Long.class)
					.single());
	}

	/** Units in scope per kind: [kind ordinal, all, active]. One aggregate instead of loading the units. */
	public List<long[]> countByKind(DataScope scope) {
		ScopeSql s = ScopeSql.of(scope);
		return s.bind(jdbc.sql("""
				select u.kind, count(*), sum(case when u.active then 1 else 0 end) from unit u
				where """ + s.cityAndUnit("u.city_id", "u.path") + " group by u.kind"))
			.query((rs, n) -> new long[] { UnitKind.valueOf(rs.getString(1)).ordinal(), rs.getLong(2), rs.getLong(3) })
			.list();
	}

	public Optional<UnitView> find(DataScope scope, long id) {
		return scoped(SELECT + " where u.id = :id and ", scope).param("id", id).query(UnitStore::map).optional();
	}

	/** Unscoped lookup for rules that must see the whole city (moves, imports). */
	public Optional<UnitView> findInCity(long cityId, long id) {
		return jdbc.sql(SELECT + " where u.id = :id and u.city_id = :cityId")
			.param("id", id)
			.param("cityId", cityId)
			.query(UnitStore::map)
			.optional();
	}

	public Optional<UnitView> findByCode(long cityId, String code) {
		return jdbc.sql(SELECT + " where u.city_id = :cityId and u.code = :code")
			.param("cityId", cityId)
			.param("code", code)
			.query(UnitStore::map)
			.optional();
	}

	public List<UnitView> children(DataScope scope, long parentId) {
		return scoped(SELECT + " where u.parent_id = :parentId and ", scope, " order by " + KIND_CODE_ORDER)
			.param("parentId", parentId)
			.query(UnitStore::map)
			.list();
	}

	public boolean codeExists(long cityId, String code) {
		return jdbc.sql("select count(*) from unit where city_id = :cityId and code = :code")
			.param("cityId", cityId)
			.param("code", code)
			.query(Integer.class)
			.single() > 0;
	}

	/** Inserts a unit under its parent (or as a city root) and sets its path. */
	public long insert(long cityId, String parentPath, Long parentId, NewUnit u, Instant now) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into unit (city_id, code, name, kind, parent_id, path, ranking_group, committee_member,
				                  leader_name, liaison_name, liaison_phone, active, version, created_at, updated_at)
				values (:cityId, :code, :name, :kind, :parentId, '/', :rankingGroup, :committee, :leader, :liaison,
				        :phone, true, 0, :now, :now)
				""")
			.param("cityId", cityId)
			.param("code", u.code())
			.param("name", u.name())
			.param("kind", u.kind().name())
			.param("parentId", parentId)
			.param("rankingGroup", u.rankingGroup())
			.param("committee", u.committeeMember())
			.param("leader", u.leaderName())
			.param("liaison", u.liaisonName())
			.param("phone", u.liaisonPhone())
			.param("now", utc(now))
			.update(keys, "id");
		long id = keys.getKeyAs(Number.class).longValue();
		jdbc.sql("update unit set path = :path where id = :id")
			.param("path", (parentPath == null ? "/" : parentPath) + id + "/")
			.param("id", id)
			.update();
		return id;
	}

	/** Updates the editable fields if the version still matches; false when someone saved first. */
	public boolean update(long id, int version, NewUnit u, Instant now) {
		return jdbc.sql("""
				update unit set code = :code, name = :name, kind = :kind, ranking_group = :rankingGroup,
				       committee_member = :committee, leader_name = :leader, liaison_name = :liaison,
				       liaison_phone = :phone, version = version + 1, updated_at = :now
				where id = :id and version = :version
				""")
			.param("code", u.code())
			.param("name", u.name())
			.param("kind", u.kind().name())
			.param("rankingGroup", u.rankingGroup())
			.param("committee", u.committeeMember())
			.param("leader", u.leaderName())
			.param("liaison", u.liaisonName())
			.param("phone", u.liaisonPhone())
			.param("now", utc(now))
			.param("id", id)
			.param("version", version)
			.update() == 1;
	}

	/** Moves a subtree: the unit gets a new parent, it and its descendants a new path prefix. */
	public boolean move(UnitView unit, UnitView newParent, int version, Instant now) {
		int changed = jdbc.sql("""
				update unit set parent_id = :parentId, version = version + 1, updated_at = :now
				where id = :id and version = :version
				""")
			.param("parentId", newParent.id())
			.param("now", utc(now))
			.param("id", unit.id())
			.param("version", version)
			.update();
		if (changed != 1) {
			return false;
		}
		String newPath = newParent.path() + unit.id() + "/";
		jdbc.sql("""
				update unit set path = :newPath || substring(path, :cut)
				where city_id = :cityId and path like :oldPrefix
				""")
			.param("newPath", newPath)
			.param("cut", unit.path().length() + 1)
			.param("cityId", unit.cityId())
			.param("oldPrefix", unit.path() + "%")
			.update();
		return true;
	}

	public boolean setActive(long id, int version, boolean active, Instant now) {
		return jdbc.sql("""
				update unit set active = :active, version = version + 1, updated_at = :now
				where id = :id and version = :version
				""")
			.param("active", active)
			.param("now", utc(now))
			.param("id", id)
			.param("version", version)
			.update() == 1;
	}

	/** The account named as the unit's top leader (一把手), if any. */
	public Optional<Long> topLeaderId(long unitId) {
		return jdbc.sql("select top_leader_user_id from unit where id = :id and top_leader_user_id is not null")
			.param("id", unitId)
			.query(Long.class)
			.optional();
	}

	/** Names (or, with null, clears) the unit's top leader account; the unit's version is not moved. */
	public void setTopLeader(long unitId, Long userId, Instant now) {
		jdbc.sql("update unit set top_leader_user_id = :user, updated_at = :now where id = :id")
			.param("user", userId)
			.param("now", utc(now))
			.param("id", unitId)
			.update();
	}

	/** "名字 (username)" of an account, when it is enabled and attached to the unit itself (not below it). */
	public Optional<String> enabledAccountLabel(long unitId, long userId) {
		return jdbc.sql("select display_name || ' (' || username || ')' from app_user where id = :user and unit_id = :unit and enabled")
			.param("user", userId)
			.param("unit", unitId)
			.query(String.class)
			.optional();
	}

	/** "名字 (username)" of any account, for the trace of a change that replaces it. */
	public Optional<String> accountLabel(long userId) {
		return jdbc.sql("select display_name || ' (' || username || ')' from app_user where id = :user")
			.param("user", userId)
			.query(String.class)
			.optional();
	}

	public int countActiveDescendants(UnitView unit) {
		return jdbc.sql("select count(*) from unit where city_id = :cityId and path like :prefix and id <> :id and active = true")
			.param("cityId", unit.cityId())
			.param("prefix", unit.path() + "%")
			.param("id", unit.id())
			.query(Integer.class)
			.single();
	}

	private JdbcClient.StatementSpec scoped(String sql, DataScope scope) {
		return scoped(sql, scope, "");
	}

	/** {@code head} ends with "where ... and"; the scope predicate follows, then {@code tail}. */
	private JdbcClient.StatementSpec scoped(String head, DataScope scope, String tail) {
		ScopeSql s = ScopeSql.of(scope);
		return s.bind(jdbc.sql(head + s.cityAndUnit("u.city_id", "u.path") + tail));
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/**
	 * By position, in the order of {@link #SELECT}: H2 upper-cases a column label on every lookup by
	 * name, a tenth of the time of a page of units. A query that needs more columns appends them after
	 * these sixteen.
	 */
	static UnitView map(ResultSet rs, int row) throws SQLException {
		long parent = rs.getLong(7);
		Long parentId = rs.wasNull() ? null : parent;
		return new UnitView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
				UnitKind.valueOf(rs.getString(6)), parentId, rs.getString(8), rs.getString(9), rs.getString(10),
				rs.getBoolean(11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getBoolean(15),
				rs.getInt(16));
	}

	/** Validated fields of a unit to write. */
	public record NewUnit(String code, String name, UnitKind kind, String rankingGroup, boolean committeeMember,
			String leaderName, String liaisonName, String liaisonPhone) {
	}

}
