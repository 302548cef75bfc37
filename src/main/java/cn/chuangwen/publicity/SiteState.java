package cn.chuangwen.publicity;

import java.util.Set;

/**
 * Where a demonstration site stands: a candidate (候选) until the office names it (已命名, public);
 * a withdrawal (已撤销) needs a reason. A withdrawn site may become a candidate again.
 */
public enum SiteState {

	CANDIDATE("blue"), NAMED("green"), WITHDRAWN("grey");

	private final String colour;

	SiteState(String colour) {
		this.colour = colour;
	}

	public String colour() {
		return colour;
	}

	public String messageKey() {
		return "site.state." + name();
	}

	/** The states this one may change to. */
	public Set<SiteState> next() {
		return switch (this) {
			case CANDIDATE -> Set.of(NAMED, WITHDRAWN);
			case NAMED -> Set.of(WITHDRAWN);
			case WITHDRAWN -> Set.of(CANDIDATE);
		};
	}

}
