package cn.chuangwen.organization;

import java.io.Serial;
import java.io.Serializable;
import java.util.Set;

import cn.chuangwen.audit.Actor;

/**
 * The signed-in account as every request sees it: who, which city and unit, which roles and
 * permissions, and the data scope resolved from the roles.
 */
public record CurrentUser(long id, String username, String displayName, Long cityId, String cityCode,
		String cityName, Long unitId, String unitName, Set<Role> roles, Set<String> permissions, DataScope scope,
		int version) implements Actor, Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	public boolean can(String permission) {
		return permissions.contains(permission);
	}

	public boolean has(Role role) {
		return roles.contains(role);
	}

}
