package cn.chuangwen.notify;

/**
 * Someone a reminder is for: an account (a unit's liaison), or a person named on an assignment
 * without an account (the responsible person, 责任人). The e-mail and phone are full addresses:
 * they stay in memory and go to the channel, never into a log or a stored row unmasked.
 */
public record Recipient(Long userId, String username, String name, String email, String phone) {

	public static Recipient account(long userId, String username, String name, String email) {
		return new Recipient(userId, username, name, email, null);
	}

	public static Recipient person(String name, String phone) {
		return new Recipient(null, null, name, null, phone);
	}

	public boolean isAccount() {
		return userId != null;
	}

	@Override
	public String toString() {
		return isAccount() ? "account " + username : "person";
	}

}
