package cn.chuangwen.publicity;

/** A campaign's publication: a draft only the office sees, published, or withdrawn with a reason. */
public enum CampaignState {

	DRAFT("grey"), PUBLISHED("green"), WITHDRAWN("red");

	private final String colour;

	CampaignState(String colour) {
		this.colour = colour;
	}

	public String colour() {
		return colour;
	}

	public String messageKey() {
		return "campaign.state." + name();
	}

}
