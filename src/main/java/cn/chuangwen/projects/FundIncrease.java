package cn.chuangwen.projects;

import java.math.BigDecimal;
import java.time.Instant;

/** An increase request of an allocation: the office asks with a reason, a city leader decides once. */
public record FundIncrease(long id, long allocationId, long cityId, String targetName, BigDecimal amount,
		String reason, State state, Asked asked, Decision decided) {

	public enum State {
		PENDING, APPROVED, REJECTED;

		public String messageKey() {
			return "fund.increase.state." + name();
		}

		public String colour() {
			return switch (this) {
				case PENDING -> "amber";
				case APPROVED -> "green";
				case REJECTED -> "red";
			};
		}
	}

	/** Who asked and when. */
	public record Asked(String by, Instant at) {
	}

}
