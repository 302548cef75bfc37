package cn.chuangwen.organization;

import java.io.Serial;
import java.io.Serializable;
import java.security.Principal;
import java.util.Set;

import cn.chuangwen.audit.Actor;

/**
 * The signed-in account as every request sees it: who, which city and unit, which roles and
 * permissions, and the data scope resolved from the roles.
 */
public record CurrentUser(long id, String username, String displayName, Long cityId, String cityCode,
		String cityName, Long unitId, String unitName, Set<Role> roles, Set<String> permissions, DataScope scope,
		int version) implements Actor, Serializable, Principal {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * The username: what {@code Authentication.getName()} returns, and so the principal name that
	 * Spring Session indexes a stored session by (not the whole record).
	 */
	@Override
	public String getName() {
		return username;
	}

	public boolean can(String permission) {
		return permissions.contains(permission);
	}

	public boolean has(Role role) {
		return roles.contains(role);
	}

}
