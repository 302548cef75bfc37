package cn.chuangwen.inspections;

/**
 * A ranked unit's band in its ranking group: the top share green (绿), the bottom share red (红),
 * the rest yellow (黄), by the city's {@link InspectionRules#greenShare()} and {@link InspectionRules#redShare()}.
 */
public enum ResultBand {

	GREEN("green"), YELLOW("amber"), RED("red");

	private final String colour;

	ResultBand(String colour) {
		this.colour = colour;
	}

	/** The shared state colour of the band (ui.md). */
	public String colour() {
		return colour;
	}

	public String messageKey() {
		return "results.band." + name();
	}

}
