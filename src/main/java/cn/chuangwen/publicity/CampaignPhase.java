package cn.chuangwen.publicity;

/** Where a campaign stands by its dates: not begun, collecting (or signing), voting, or over. */
public enum CampaignPhase {

	UPCOMING("grey"), COLLECTING("blue"), VOTING("amber"), ENDED("green");

	private final String colour;

	CampaignPhase(String colour) {
		this.colour = colour;
	}

	public String colour() {
		return colour;
	}

	public String messageKey() {
		return "campaign.phase." + name();
	}

}
