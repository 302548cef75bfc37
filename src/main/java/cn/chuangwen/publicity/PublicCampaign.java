package cn.chuangwen.publicity;

import java.time.Instant;

/**
 * What anyone may read of a published campaign: its text, dates and phase, how many entries are
 * shown (for a signature drive: how many signed), and whether its results are out (then also the
 * votes cast in all; 0 before).
 */
public record PublicCampaign(long id, String cityCode, CampaignKind kind, String title, String description,
		CampaignSchedule schedule, CampaignPhase phase, int perDeviceLimit, long shown, long signatures,
		Instant resultsPublishedAt, long votes) {

	public boolean resultsPublished() {
		return resultsPublishedAt != null;
	}

	/** An entry's share of all votes in percent, rounded, for the results' bars. */
	public int percentOf(int entryVotes) {
		return votes == 0 ? 0 : (int) Math.round(entryVotes * 100.0 / votes);
	}

}
