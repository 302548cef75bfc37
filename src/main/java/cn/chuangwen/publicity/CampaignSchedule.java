package cn.chuangwen.publicity;

import java.time.LocalDate;

/**
 * A campaign's dates, days in the campaign's time zone, each one inclusive: entries from
 * {@code startsOn} to {@code submitUntil}, then votes until {@code voteUntil} (none for a signature
 * drive, whose signing ends on {@code submitUntil}).
 */
public record CampaignSchedule(LocalDate startsOn, LocalDate submitUntil, LocalDate voteUntil) {

	public CampaignPhase phase(LocalDate today) {
		if (today.isBefore(startsOn)) {
			return CampaignPhase.UPCOMING;
		}
		if (!today.isAfter(submitUntil)) {
			return CampaignPhase.COLLECTING;
		}
		if (voteUntil != null && !today.isAfter(voteUntil)) {
			return CampaignPhase.VOTING;
		}
		return CampaignPhase.ENDED;
	}

}
