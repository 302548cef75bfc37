package cn.chuangwen.publicity;

import java.time.Instant;

/**
 * An entry of a campaign as the office sees it: a slogan, a nominated place or a signature's message
 * ({@code content}, empty for a signature without one), an optional note, the demonstration site an
 * office entry names, where it came from, its moderation and its votes. Never the device.
 */
public record CampaignEntry(long id, long campaignId, String content, String note, Long siteId, EntrySource source,
		EntryState state, String rejectReason, Instant submittedAt, String moderatedBy, Instant moderatedAt,
		int votes) {

	/** Who sent an entry: anyone on the public page, or the office. */
	public enum EntrySource {
		PUBLIC, OFFICE
	}

	/** An entry's moderation: waiting, shown (and votable), or rejected with a reason. */
	public enum EntryState {

		SUBMITTED("amber"), APPROVED("green"), REJECTED("grey");

		private final String colour;

		EntryState(String colour) {
			this.colour = colour;
		}

		public String colour() {
			return colour;
		}

		public String messageKey() {
			return "campaign.entry.state." + name();
		}

	}

}
