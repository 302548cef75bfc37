package cn.chuangwen.organization.testing;

import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.UserDraft;
import cn.chuangwen.organization.UserView;
import cn.chuangwen.support.Logins;

/**
 * New data for integration tests that share one context and maybe one database: every account
 * and unit gets a unique name, so tests never depend on each other or on their order. A bean of
 * every {@code @IntegrationTest} context: autowire it.
 */
public final class OrgFixtures {

	/** The initial password an administrator gives a new account. */
	public static final String INITIAL_PASSWORD = "Init#Pass2026";

	/** The password a new account sets at its first sign-in. */
	public static final String OWN_PASSWORD = "Own#Choice2026";

	public static final String DEMO_PASSWORD = "Demo#2026";

	private final Accounts accounts;

	private final Logins logins;

	private final JdbcClient jdbc;

	public OrgFixtures(Accounts accounts, Logins logins, JdbcClient jdbc) {
		this.accounts = accounts;
		this.logins = logins;
		this.jdbc = jdbc;
	}

	/** Ten lower-case letters and digits, new each call. */
	public static String unique() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
	}

	public record NewAccount(long id, String username, String password) {
	}

	/**
	 * An account created by admin.system and given roles by admin.security, as the real
	 * administrators would: it must change its initial password at the first sign-in.
	 */
	public NewAccount account(String prefix, String cityCode, Long unitId, Set<Role> roles) {
		String username = (prefix + "." + unique()).toLowerCase();
		UserView created = accounts.create(logins.principal("admin.system"),
				new UserDraft(username, "测试 " + prefix, cityCode, unitId, null, INITIAL_PASSWORD));
		if (!roles.isEmpty()) {
			accounts.assignRoles(logins.principal("admin.security"), created.id(), roles, "test");
		}
		return new NewAccount(created.id(), username, INITIAL_PASSWORD);
	}

	/** A city leader of xiantao: no second factor needed. */
	public NewAccount xiantaoLeader(String prefix) {
		return account(prefix, "xiantao", null, Set.of(Role.CITY_LEADER));
	}

	/** The account after it has changed its initial password: a sign-in goes straight in. */
	public NewAccount activated(NewAccount account) {
		accounts.changeOwnPassword(principal(account), account.password(), OWN_PASSWORD);
		return new NewAccount(account.id(), account.username(), OWN_PASSWORD);
	}

	public CurrentUser principal(NewAccount account) {
		return accounts.principal(account.id());
	}

	public long cityId(String cityCode) {
		return jdbc.sql("select id from city where code = :c").param("c", cityCode).query(Long.class).single();
	}

	/** The root unit (kind CITY) of a city. */
	public long cityRoot(String cityCode) {
		return jdbc.sql("""
				select u.id from unit u join city c on c.id = u.city_id
				where c.code = :c and u.kind = 'CITY' and u.parent_id is null order by u.id limit 1
				""").param("c", cityCode).query(Long.class).single();
	}

	public long unitOf(String username) {
		return jdbc.sql("select unit_id from app_user where username = :u").param("u", username).query(Long.class).single();
	}

	public long userId(String username) {
		return jdbc.sql("select id from app_user where username = :u").param("u", username).query(Long.class).single();
	}

	public String path(long unitId) {
		return jdbc.sql("select path from unit where id = :id").param("id", unitId).query(String.class).single();
	}

	public String code(long unitId) {
		return jdbc.sql("select code from unit where id = :id").param("id", unitId).query(String.class).single();
	}

	/** Another active town-level unit under the same parent as the given one. */
	public long siblingOf(long unitId) {
		return jdbc.sql("""
				select s.id from unit s join unit u on u.parent_id = s.parent_id
				where u.id = :id and s.id <> u.id and s.kind = u.kind order by s.id limit 1
				""").param("id", unitId).query(Long.class).single();
	}

	/** Units of a city with one of the given codes. */
	public int countCodes(java.util.Collection<String> codes) {
		return jdbc.sql("select count(*) from unit where code in (:codes)")
			.param("codes", java.util.List.copyOf(codes))
			.query(Integer.class)
			.single();
	}

	public int countUnits() {
		return jdbc.sql("select count(*) from unit").query(Integer.class).single();
	}

	public int auditCount(String action, String objectId) {
		return jdbc.sql("select count(*) from audit_event where action = :a and object_id = :o")
			.param("a", action)
			.param("o", objectId)
			.query(Integer.class)
			.single();
	}

	/** The account's wrong guesses counted towards its lockout. */
	public int failedAttempts(long userId) {
		return jdbc.sql("select failed_attempts from app_user where id = :id")
			.param("id", userId)
			.query(Integer.class)
			.single();
	}

	/** API tokens ever issued to the account, revoked ones included. */
	public int apiTokens(long userId) {
		return jdbc.sql("select count(*) from api_token where user_id = :u").param("u", userId).query(Integer.class).single();
	}

}
