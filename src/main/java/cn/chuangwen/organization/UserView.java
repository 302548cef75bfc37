package cn.chuangwen.organization;

import java.time.Instant;
import java.util.Set;

/** An account as administrators and the API see it: never the password hash or the TOTP secret. */
public record UserView(long id, String username, String displayName, Long cityId, String cityCode, Long unitId,
		String unitName, String phone, Set<Role> roles, boolean enabled, boolean totpEnabled, boolean locked,
		boolean mustChangePassword, Instant lastLoginAt, int version) {
}
