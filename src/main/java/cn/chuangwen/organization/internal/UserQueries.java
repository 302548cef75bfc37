package cn.chuangwen.organization.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.ScopeSql;
import cn.chuangwen.organization.UserView;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

/** Read model of accounts for administration pages and the API, scoped like units. */
@Repository
public class UserQueries {

	private static final String SELECT = """
			select a.id, a.username, a.display_name, a.city_id, c.code as city_code, a.unit_id, u.name as unit_name,
			       a.phone, a.enabled, a.totp_enabled, a.locked_until, a.must_change_password, a.last_login_at,
			       a.version
			from app_user a left join city c on c.id = a.city_id left join unit u on u.id = a.unit_id
			""";

	private static final String COUNT = """
			select count(*) from app_user a left join city c on c.id = a.city_id left join unit u on u.id = a.unit_id
			""";

	private final JdbcClient jdbc;

	private final Clock clock;

	public UserQueries(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public List<UserView> search(DataScope scope, String text, String cityCode, int limit) {
		return withRoles(filtered(SELECT, scope, text, cityCode, " order by a.username limit " + Math.max(0, limit))
			.query((rs, n) -> map(rs))
			.list());
	}

	/** One page of the accounts in scope that match, read with LIMIT/OFFSET, and the total. */
	public Page<UserView> page(DataScope scope, String text, String cityCode, PageRequest page) {
		return Page.read(page,
				() -> withRoles(filtered(SELECT, scope, text, cityCode, " order by a.username limit :limit offset :offset")
					.param("limit", page.size())
					.param("offset", page.offset())
					.query((rs, n) -> map(rs))
					.list()),
				() -> filtered(COUNT, scope, text, cityCode, "").query(Long.class).single());
	}

	public Optional<UserView> find(DataScope scope, long id) {
		ScopeSql s = ScopeSql.of(scope);
		return s.bind(jdbc.sql(SELECT + " where a.id = :id and " + s.cityAndUnit("a.city_id", "u.path")))
			.param("id", id)
			.query((rs, n) -> map(rs))
			.optional()
			.map(u -> withRoles(List.of(u)).get(0));
	}

	/** How many accounts {@link #holding} reads per query (keyset pages by username). */
	static final int HOLDING_BATCH = 500;

	/**
	 * Every enabled account in scope holding a permission through one of their roles, by username:
	 * read in keyset pages, so a city with more holders than a page still gets them all.
	 */
	public List<UserView> holding(DataScope scope, String permission) {
		return holding(scope, permission, HOLDING_BATCH);
	}

	List<UserView> holding(DataScope scope, String permission, int batch) {
		List<UserView> all = new ArrayList<>();
		String after = "";
		while (true) {
			List<UserView> page = holdingAfter(scope, permission, after, batch);
			all.addAll(page);
			if (page.size() < batch) {
				return all;
			}
			after = page.get(page.size() - 1).username();
		}
	}

	private List<UserView> holdingAfter(DataScope scope, String permission, String after, int limit) {
		ScopeSql s = ScopeSql.of(scope);
		return withRoles(s.bind(jdbc.sql(SELECT + " where a.enabled and " + s.cityAndUnit("a.city_id", "u.path")
				+ " and exists (select 1 from user_role ur join role_permission rp on rp.role_code = ur.role_code"
				+ " where ur.user_id = a.id and rp.permission = :permission) and a.username > :after"
				+ " order by a.username limit :limit"))
			.param("permission", permission)
			.param("after", after)
			.param("limit", limit)
			.query((rs, n) -> map(rs))
			.list());
	}

	/** A user is in scope when the scope covers all cities, or the user's city and unit. */
	private JdbcClient.StatementSpec filtered(String select, DataScope scope, String text, String cityCode,
			String tail) {
		ScopeSql s = ScopeSql.of(scope);
		StringBuilder sql = new StringBuilder(select).append(" where ").append(s.cityAndUnit("a.city_id", "u.path"));
		String like = text == null || text.isBlank() ? null : "%" + UnitStore.escapeLike(text.trim().toLowerCase()) + "%";
		if (like != null) {
			sql.append(" and (a.username like :like escape '\\' or lower(a.display_name) like :like escape '\\')");
		}
		if (cityCode != null && !cityCode.isBlank()) {
			sql.append(" and c.code = :cityCode");
		}
		var spec = s.bind(jdbc.sql(sql.append(tail).toString()));
		if (like != null) {
			spec = spec.param("like", like);
		}
		if (cityCode != null && !cityCode.isBlank()) {
			spec = spec.param("cityCode", cityCode);
		}
		return spec;
	}

	/** Every account attached to a unit (whom to notify about the unit's work): no cap, a unit's staff. */
	public List<UserView> ofUnit(long unitId) {
		return withRoles(jdbc.sql(SELECT + " where a.unit_id = :unit order by a.username")
			.param("unit", unitId)
			.query((rs, n) -> map(rs))
			.list());
	}

	/** One page of the accounts attached to a unit, by user name, and how many there are. */
	public Page<UserView> pageOfUnit(long unitId, PageRequest page) {
		return Page.read(page,
				() -> withRoles(jdbc.sql(SELECT + " where a.unit_id = :unit order by a.username limit :limit offset :offset")
					.param("unit", unitId)
					.param("limit", page.size())
					.param("offset", page.offset())
					.query((rs, n) -> map(rs))
					.list()),
				() -> jdbc.sql("select count(*) from app_user a where a.unit_id = :unit")
					.param("unit", unitId)
					.query(Long.class)
					.single());
	}

	private List<UserView> withRoles(List<UserView> users) {
		if (users.isEmpty()) {
			return users;
		}
		Map<Long, Set<Role>> roles = new HashMap<>();
		jdbc.sql("select user_id, role_code from user_role where user_id in (:ids)")
			.param("ids", users.stream().map(UserView::id).toList())
			.query(rs -> {
				roles.computeIfAbsent(rs.getLong(1), k -> EnumSet.noneOf(Role.class))
					.add(Role.valueOf(rs.getString(2)));
			});
		return users.stream()
			.map(u -> new UserView(u.id(), u.username(), u.displayName(), u.cityId(), u.cityCode(), u.unitId(),
					u.unitName(), u.phone(), Set.copyOf(roles.getOrDefault(u.id(), EnumSet.noneOf(Role.class))),
					u.enabled(), u.totpEnabled(), u.locked(), u.mustChangePassword(), u.lastLoginAt(), u.version()))
			.toList();
	}

	private UserView map(java.sql.ResultSet rs) throws java.sql.SQLException {
		long city = rs.getLong("city_id");
		Long cityId = rs.wasNull() ? null : city;
		long unit = rs.getLong("unit_id");
		Long unitId = rs.wasNull() ? null : unit;
		OffsetDateTime locked = rs.getObject("locked_until", OffsetDateTime.class);
		return new UserView(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"), cityId,
				rs.getString("city_code"), unitId, rs.getString("unit_name"), rs.getString("phone"), Set.of(),
				rs.getBoolean("enabled"), rs.getBoolean("totp_enabled"),
				locked != null && locked.toInstant().isAfter(clock.instant()), rs.getBoolean("must_change_password"),
				AccountStore.instant(rs, "last_login_at"), rs.getInt("version"));
	}

}
