package cn.chuangwen.notify.internal;

import java.util.Set;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.Role;

/** Who reads a city's data when time or an event, not a person, starts the work. */
public final class SystemUsers {

	/** The name the trace records for work started by time or by events. */
	public static final String ACTOR = "system";

	private SystemUsers() {
	}

	/**
	 * No account and no role, only the right to read assignments, over the whole city: enough to
	 * find a unit's or the office's accounts and nothing else.
	 */
	public static CurrentUser reader(long cityId, String cityCode, String cityName) {
		return new CurrentUser(0L, ACTOR, ACTOR, cityId, cityCode, cityName, null, null, Set.<Role>of(),
				Set.of(Permissions.ASSIGNMENT_READ), new DataScope(DataScope.Kind.CITY, cityId, null, null), 0);
	}

}
