package cn.chuangwen.innovation;

/** A contest's stage: units submit (OPEN), judges score (JUDGING), the ranking is public (PUBLISHED). */
public enum ContestState {

	OPEN("blue"), JUDGING("amber"), PUBLISHED("green");

	private final String colour;

	ContestState(String colour) {
		this.colour = colour;
	}

	public String colour() {
		return colour;
	}

	public String messageKey() {
		return "innovation.state." + name();
	}

}
