package cn.chuangwen.problems;

/** How serious a problem is; the city's rules give each a rectification time (defaults 7 days, 3 days, 24 hours). */
public enum ProblemSeverity {

	GENERAL("grey"), SERIOUS("amber"), CRITICAL("red");

	private final String colour;

	ProblemSeverity(String colour) {
		this.colour = colour;
	}

	public String colour() {
		return colour;
	}

	public String messageKey() {
		return "problem.severity." + name();
	}

}
