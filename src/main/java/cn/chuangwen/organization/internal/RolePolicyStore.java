package cn.chuangwen.organization.internal;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.Role;

/** SQL for the role → permission mapping and each role's data scope. */
@Repository
public class RolePolicyStore {

	/** A role's row as stored: its data scope and version. */
	public record RoleRow(DataScope.Kind scope, int version) {
	}

	private final JdbcClient jdbc;

	public RolePolicyStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public RoleRow role(Role role) {
		return jdbc.sql("select data_scope, version from app_role where code = :c")
			.param("c", role.name())
			.query((rs, n) -> new RoleRow(DataScope.Kind.valueOf(rs.getString(1)), rs.getInt(2)))
			.single();
	}

	public Set<String> permissions(Role role) {
		return new TreeSet<>(jdbc.sql("select permission from role_permission where role_code = :c")
			.param("c", role.name())
			.query(String.class)
			.list());
	}

	/** Sets the role's scope if its version is still {@code version}; false when someone else changed it. */
	public boolean updateScope(Role role, int version, DataScope.Kind scope) {
		return jdbc.sql("update app_role set data_scope = :s, version = version + 1 where code = :c and version = :v")
			.param("s", scope.name())
			.param("c", role.name())
			.param("v", version)
			.update() == 1;
	}

	public void replacePermissions(Role role, Collection<String> permissions) {
		jdbc.sql("delete from role_permission where role_code = :c").param("c", role.name()).update();
		for (String p : permissions) {
			jdbc.sql("insert into role_permission (role_code, permission) values (:c, :p)")
				.param("c", role.name())
				.param("p", p)
				.update();
		}
	}

	/** Bumps the version of every holder of the role, so each reloads its permissions on its next request. */
	public void touchHolders(Role role) {
		jdbc.sql("update app_user set version = version + 1 where id in (select user_id from user_role where role_code = :c)")
			.param("c", role.name())
			.update();
	}

}
