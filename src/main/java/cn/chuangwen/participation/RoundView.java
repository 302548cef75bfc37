package cn.chuangwen.participation;

import java.time.Instant;

/** An opinion collection round (征集): its question, its deadline, whether it is open, how many answered. */
public record RoundView(long id, long cityId, String cityCode, String cityName, String topic, String description,
		Instant deadline, State state, String createdBy, Instant createdAt, Instant closedAt, long answers) {

	public enum State {

		OPEN("green"), CLOSED("grey");

		private final String colour;

		State(String colour) {
			this.colour = colour;
		}

		public String colour() {
			return colour;
		}

		public String messageKey() {
			return "round.state." + name();
		}

	}

	/** Open and before its deadline: answers are taken. */
	public boolean accepting(Instant now) {
		return state == State.OPEN && now.isBefore(deadline);
	}

}
