package cn.chuangwen.organization.security;

/**
 * Where a sign-in stands after the password was accepted. Until it reaches FULL, the session holds
 * only the step's authority and can open nothing but that step's page.
 */
public enum LoginStep {

	/** Initial, reset or expired password: change it first. */
	PASSWORD_CHANGE,
	/** Second factor required and enrolled: enter the code. */
	TOTP,
	/** Second factor required but not enrolled yet: enrol now. */
	TOTP_ENROL,
	/** Signed in. */
	FULL;

	public static final String FULL_AUTHORITY = "FULL";

	public String authority() {
		return this == FULL ? FULL_AUTHORITY : "STEP_" + name();
	}

}
