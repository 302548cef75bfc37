package cn.chuangwen.evaluation;

/**
 * An evaluation period's state: OPEN while running and until the office closes it, CLOSED with a
 * frozen snapshot of every score, PUBLISHED once its results are public (never reopened).
 */
public enum PeriodState {

	OPEN("blue"), CLOSED("amber"), PUBLISHED("green");

	private final String colour;

	PeriodState(String colour) {
		this.colour = colour;
	}

	/** The shared state colour (docs/ui.md). */
	public String colour() {
		return colour;
	}

	public String messageKey() {
		return "evaluation.state." + name();
	}

}
