package cn.chuangwen.publicity;

/** A news item's review: waiting for the office, published (public), or returned with a reason. */
public enum NewsState {

	SUBMITTED("amber"), PUBLISHED("green"), RETURNED("grey");

	private final String colour;

	NewsState(String colour) {
		this.colour = colour;
	}

	public String colour() {
		return colour;
	}

	public String messageKey() {
		return "news.state." + name();
	}

}
