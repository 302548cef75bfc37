package cn.chuangwen.organization;

/** What the system administrator enters for an account. The password only on creation or reset. */
public record UserDraft(String username, String displayName, String cityCode, Long unitId, String phone,
		String password) {
}
