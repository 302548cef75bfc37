package cn.chuangwen.publicity;

import org.springframework.security.access.AccessDeniedException;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;

/** Who may do what in publicity, the same for outlets, news, sites and campaigns. */
final class PublicityAccess {

	private PublicityAccess() {
	}

	/** Readers: publicity:read or the office's publicity:manage; 403 for anyone else. */
	static void reader(CurrentUser user) {
		if (!user.can(Permissions.PUBLICITY_READ) && !user.can(Permissions.PUBLICITY_MANAGE)) {
			throw new AccessDeniedException("publicity:read");
		}
	}

	/** The office of a city (publicity:manage): its city's id; 403 for anyone else. */
	static long office(CurrentUser user) {
		if (!user.can(Permissions.PUBLICITY_MANAGE) || user.cityId() == null) {
			throw new AccessDeniedException("publicity:manage");
		}
		return user.cityId();
	}

}
