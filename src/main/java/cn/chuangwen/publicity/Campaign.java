package cn.chuangwen.publicity;

import java.time.Instant;

/** A public campaign as the office sees it. */
public record Campaign(long id, long cityId, String cityCode, CampaignKind kind, String title, String description,
		CampaignSchedule schedule, int perDeviceLimit, CampaignState state, String withdrawReason,
		Instant resultsPublishedAt, int version) {

	public boolean resultsPublished() {
		return resultsPublishedAt != null;
	}

}
