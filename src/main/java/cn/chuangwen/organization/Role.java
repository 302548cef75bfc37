package cn.chuangwen.organization;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The roles of the installation. Their permissions and data scope are data (app_role). */
public enum Role {

	SYSTEM_ADMIN, SECURITY_ADMIN, AUDIT_ADMIN, PROVINCE_OFFICE, CITY_OFFICE, CITY_LEADER, UNIT_LIAISON, INSPECTOR,
	SUPERVISOR;

	/** The three administrator duties (三员); no account may hold two of them. */
	public static final Set<Role> ADMIN_DUTIES = EnumSet.of(SYSTEM_ADMIN, SECURITY_ADMIN, AUDIT_ADMIN);

	/** Roles whose holders must sign in with a second factor. */
	public static final Set<Role> TOTP_REQUIRED = EnumSet.of(SYSTEM_ADMIN, SECURITY_ADMIN, AUDIT_ADMIN, CITY_OFFICE);

	/** Roles bound to a city: the account must name one. */
	public static final Set<Role> CITY_BOUND = EnumSet.of(CITY_OFFICE, CITY_LEADER, UNIT_LIAISON, INSPECTOR,
			SUPERVISOR);

	/**
	 * The fixed permissions of an administrator role (三员), or empty for a role whose policy the
	 * security administrator edits. Fixed in code so no policy edit can widen or empty them.
	 */
	public Optional<Set<String>> fixedPermissions() {
		return switch (this) {
			case SYSTEM_ADMIN -> Optional.of(Set.of(Permissions.USER_READ, Permissions.USER_WRITE, Permissions.SYSTEM_MONITOR));
			case SECURITY_ADMIN -> Optional.of(Set.of(Permissions.USER_READ, Permissions.ROLE_ASSIGN, Permissions.ROLE_EDIT));
			case AUDIT_ADMIN -> Optional.of(Set.of(Permissions.AUDIT_READ, Permissions.AUDIT_VERIFY));
			default -> Optional.empty();
		};
	}

	public boolean isAdministrator() {
		return ADMIN_DUTIES.contains(this);
	}

	public String messageKey() {
		return "role." + name();
	}

}
