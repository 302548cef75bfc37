package cn.chuangwen.organization.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.Role;

/** SQL for accounts, their roles and permissions, and personal API tokens. */
@Repository
public class AccountStore {

	private static final String SELECT = """
			select a.id, a.username, a.display_name, a.city_id, a.unit_id, a.phone, a.password_hash,
			       a.password_changed_at, a.must_change_password, a.failed_attempts, a.locked_until, a.totp_secret,
			       a.totp_enabled, a.totp_last_step, a.enabled, a.last_login_at, a.version
			from app_user a
			""";

	private final JdbcClient jdbc;

	public AccountStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Account> findByUsername(String username) {
		return jdbc.sql(SELECT + " where a.username = :u").param("u", username).query(AccountStore::map).optional();
	}

	public Optional<Account> findById(long id) {
		return jdbc.sql(SELECT + " where a.id = :id").param("id", id).query(AccountStore::map).optional();
	}

	/** Whether an account may still sign in, and which version of it a session was built from. */
	public record AccountState(boolean enabled, int version) {
	}

	/** Enabled and version only: the per-request check that a session is still valid. */
	public Optional<AccountState> stateOf(long id) {
		return jdbc.sql("select enabled, version from app_user where id = :id")
			.param("id", id)
			.query((rs, n) -> new AccountState(rs.getBoolean(1), rs.getInt(2)))
			.optional();
	}

	/** Who a new account is and where it sits (no city and unit for installation-level accounts). */
	public record NewAccount(String username, String displayName, Long cityId, Long unitId, String phone) {
	}

	/** Creates the account with its first password ({@code hash}); {@code mustChange} asks for a new one at sign-in. */
	public long insert(NewAccount a, String hash, boolean mustChange, Instant now) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into app_user (username, display_name, city_id, unit_id, phone, password_hash, password_changed_at,
				                      must_change_password, failed_attempts, enabled, version, created_at)
				values (:u, :d, :city, :unit, :phone, :hash, :now, :must, 0, true, 0, :now)
				""")
			.param("u", a.username())
			.param("d", a.displayName())
			.param("city", a.cityId())
			.param("unit", a.unitId())
			.param("phone", a.phone())
			.param("hash", hash)
			.param("now", UnitStore.utc(now))
			.param("must", mustChange)
			.update(keys, "id");
		long id = keys.getKeyAs(Number.class).longValue();
		addPasswordHistory(id, hash, now);
		return id;
	}

	public boolean updateProfile(long id, int version, String displayName, Long cityId, Long unitId, String phone) {
		return jdbc.sql("""
				update app_user set display_name = :d, city_id = :city, unit_id = :unit, phone = :phone,
				       version = version + 1
				where id = :id and version = :version
				""")
			.param("d", displayName)
			.param("city", cityId)
			.param("unit", unitId)
			.param("phone", phone)
			.param("id", id)
			.param("version", version)
			.update() == 1;
	}

	public void setEnabled(long id, boolean enabled) {
		jdbc.sql("update app_user set enabled = :e, version = version + 1 where id = :id")
			.param("e", enabled)
			.param("id", id)
			.update();
	}

	public void setPassword(long id, String hash, boolean mustChange, Instant now) {
		jdbc.sql("""
				update app_user set password_hash = :hash, password_changed_at = :now, must_change_password = :must,
				       failed_attempts = 0, locked_until = null, version = version + 1
				where id = :id
				""")
			.param("hash", hash)
			.param("now", UnitStore.utc(now))
			.param("must", mustChange)
			.param("id", id)
			.update();
		addPasswordHistory(id, hash, now);
	}

	public List<String> recentPasswordHashes(long id, int count) {
		return jdbc.sql("select password_hash from password_history where user_id = :id order by id desc limit " + count)
			.param("id", id)
			.query(String.class)
			.list();
	}

	private void addPasswordHistory(long id, String hash, Instant now) {
		jdbc.sql("insert into password_history (user_id, password_hash, created_at) values (:id, :hash, :now)")
			.param("id", id)
			.param("hash", hash)
			.param("now", UnitStore.utc(now))
			.update();
	}

	/**
	 * Counts one failed sign-in atomically: the increment takes the row lock, so parallel failures
	 * each count. At the threshold the account is locked until the given time and the count starts
	 * again. True when this failure locked the account. Call inside a transaction.
	 */
	public boolean countFailure(long id, int threshold, Instant lockedUntil) {
		jdbc.sql("update app_user set failed_attempts = failed_attempts + 1 where id = :id").param("id", id).update();
		int failures = jdbc.sql("select failed_attempts from app_user where id = :id")
			.param("id", id)
			.query(Integer.class)
			.single();
		if (failures < threshold) {
			return false;
		}
		jdbc.sql("update app_user set failed_attempts = 0, locked_until = :l where id = :id")
			.param("l", UnitStore.utc(lockedUntil))
			.param("id", id)
			.update();
		return true;
	}

	/** Clears the failure count and a lockout, without counting as a sign-in. */
	public void recordSuccessWithoutLogin(long id) {
		jdbc.sql("update app_user set failed_attempts = 0, locked_until = null where id = :id").param("id", id).update();
	}

	public void recordSuccess(long id, Instant now) {
		jdbc.sql("update app_user set failed_attempts = 0, locked_until = null, last_login_at = :now where id = :id")
			.param("now", UnitStore.utc(now))
			.param("id", id)
			.update();
	}

	public void setTotp(long id, String secret, boolean enabled) {
		jdbc.sql("update app_user set totp_secret = :s, totp_enabled = :e, totp_last_step = null where id = :id")
			.param("s", secret)
			.param("e", enabled)
			.param("id", id)
			.update();
	}

	/** Marks a TOTP step used; false when it (or a later one) was used before: a replay. */
	public boolean useTotpStep(long id, long step) {
		return jdbc.sql("""
				update app_user set totp_last_step = :step
				where id = :id and (totp_last_step is null or totp_last_step < :step)
				""")
			.param("step", step)
			.param("id", id)
			.update() == 1;
	}

	public Set<Role> roles(long userId) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		jdbc.sql("select role_code from user_role where user_id = :id")
			.param("id", userId)
			.query(String.class)
			.list()
			.forEach(code -> roles.add(Role.valueOf(code)));
		return roles;
	}

	public void setRoles(long userId, Set<Role> roles) {
		jdbc.sql("delete from user_role where user_id = :id").param("id", userId).update();
		for (Role role : roles) {
			jdbc.sql("insert into user_role (user_id, role_code) values (:id, :r)")
				.param("id", userId)
				.param("r", role.name())
				.update();
		}
		jdbc.sql("update app_user set version = version + 1 where id = :id").param("id", userId).update();
	}

	/** The permissions of the roles: fixed in code for the administrator roles, data for the others. */
	public Set<String> permissions(Set<Role> roles) {
		Set<String> permissions = new TreeSet<>();
		List<String> edited = new java.util.ArrayList<>();
		for (Role role : roles) {
			role.fixedPermissions().ifPresentOrElse(permissions::addAll, () -> edited.add(role.name()));
		}
		if (!edited.isEmpty()) {
			permissions.addAll(jdbc.sql("select distinct permission from role_permission where role_code in (:roles)")
				.param("roles", edited)
				.query(String.class)
				.list());
		}
		return permissions;
	}

	public DataScope.Kind scopeOf(Role role) {
		if (role.isAdministrator()) {
			return DataScope.Kind.ALL;
		}
		return DataScope.Kind.valueOf(jdbc.sql("select data_scope from app_role where code = :c")
			.param("c", role.name())
			.query(String.class)
			.single());
	}

	/** Builds the request principal: roles, permissions and the widest data scope of the roles. */
	public CurrentUser currentUser(Account a) {
		Set<Role> roles = roles(a.id());
		Set<String> permissions = permissions(roles);
		String cityCode = null, cityName = null, unitName = null, unitPath = null;
		if (a.cityId() != null) {
			var city = jdbc.sql("select code, name from city where id = :id")
				.param("id", a.cityId())
				.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) })
				.single();
			cityCode = city[0];
			cityName = city[1];
		}
		if (a.unitId() != null) {
			var unit = jdbc.sql("select name, path from unit where id = :id")
				.param("id", a.unitId())
				.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) })
				.single();
			unitName = unit[0];
			unitPath = unit[1];
		}
		DataScope scope = DataScope.none();
		for (Role role : roles) {
			scope = scope.widest(scopeFor(scopeOf(role), a.cityId(), a.unitId(), unitPath));
		}
		return new CurrentUser(a.id(), a.username(), a.displayName(), a.cityId(), cityCode, cityName, a.unitId(),
				unitName, Set.copyOf(roles), Set.copyOf(permissions), scope, a.version());
	}

	static DataScope scopeFor(DataScope.Kind kind, Long cityId, Long unitId, String unitPath) {
		return switch (kind) {
			case ALL -> DataScope.all();
			case CITY -> cityId == null ? DataScope.none() : new DataScope(kind, cityId, null, null);
			case UNIT_AND_BELOW, UNIT ->
				unitId == null ? DataScope.none() : new DataScope(kind, cityId, unitId, unitPath);
			case NONE -> DataScope.none();
		};
	}

	// --- API tokens

	public void insertToken(long userId, String tokenHash, Instant now, Instant expiresAt) {
		jdbc.sql("""
				insert into api_token (user_id, token_hash, created_at, expires_at)
				values (:u, :h, :now, :exp)
				""")
			.param("u", userId)
			.param("h", tokenHash)
			.param("now", UnitStore.utc(now))
			.param("exp", UnitStore.utc(expiresAt))
			.update();
	}

	/** A live token (not revoked, not expired): its id, account, expiry and last recorded use. */
	public Optional<LiveToken> liveToken(String tokenHash, Instant now) {
		return jdbc.sql("""
				select id, user_id, expires_at, last_used_at from api_token
				where token_hash = :h and revoked_at is null and expires_at > :now
				""")
			.param("h", tokenHash)
			.param("now", UnitStore.utc(now))
			.query((rs, n) -> new LiveToken(rs.getLong(1), rs.getLong(2), instant(rs, 3), instant(rs, 4)))
			.optional();
	}

	public record LiveToken(long id, long userId, Instant expiresAt, Instant lastUsedAt) {
	}

	public void markTokenUsed(long tokenId, Instant now) {
		jdbc.sql("update api_token set last_used_at = :now where id = :id")
			.param("now", UnitStore.utc(now))
			.param("id", tokenId)
			.update();
	}

	/** Revokes every live token of the account; the number revoked. */
	public int revokeTokens(long userId, Instant now) {
		return jdbc.sql("update api_token set revoked_at = :now where user_id = :u and revoked_at is null")
			.param("now", UnitStore.utc(now))
			.param("u", userId)
			.update();
	}

	public List<TokenRow> tokens(long userId) {
		return jdbc.sql("""
				select id, created_at, expires_at, revoked_at, last_used_at from api_token
				where user_id = :u order by id desc
				""")
			.param("u", userId)
			.query((rs, n) -> new TokenRow(rs.getLong(1), instant(rs, 2), instant(rs, 3), instant(rs, 4),
					instant(rs, 5)))
			.list();
	}

	public boolean revokeToken(long userId, long tokenId, Instant now) {
		return jdbc.sql("update api_token set revoked_at = :now where id = :id and user_id = :u and revoked_at is null")
			.param("now", UnitStore.utc(now))
			.param("id", tokenId)
			.param("u", userId)
			.update() == 1;
	}

	public record TokenRow(long id, Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {
	}

	static Instant instant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
		return t == null ? null : t.toInstant();
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
		return t == null ? null : t.toInstant();
	}

	static Account map(ResultSet rs, int row) throws SQLException {
		long city = rs.getLong("city_id");
		Long cityId = rs.wasNull() ? null : city;
		long unit = rs.getLong("unit_id");
		Long unitId = rs.wasNull() ? null : unit;
		long step = rs.getLong("totp_last_step");
		Long lastStep = rs.wasNull() ? null : step;
		return new Account(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"), cityId, unitId,
				rs.getString("phone"), rs.getString("password_hash"), instant(rs, "password_changed_at"),
				rs.getBoolean("must_change_password"), rs.getInt("failed_attempts"), instant(rs, "locked_until"),
				rs.getString("totp_secret"), rs.getBoolean("totp_enabled"), lastStep, rs.getBoolean("enabled"),
				instant(rs, "last_login_at"), rs.getInt("version"));
	}

	/** An account row. The hash and the TOTP secret never leave the organization module. */
	public record Account(long id, String username, String displayName, Long cityId, Long unitId, String phone,
			String passwordHash, Instant passwordChangedAt, boolean mustChangePassword, int failedAttempts,
			Instant lockedUntil, String totpSecret, boolean totpEnabled, Long totpLastStep, boolean enabled,
			Instant lastLoginAt, int version) {
	}

}
