package cn.chuangwen.publicity;

/** A campaign as typed in the office's form or sent to the API: text, checked by {@link PublicCampaigns}. */
public record CampaignDraft(String kind, String title, String description, String startsOn, String submitUntil,
		String voteUntil, String perDeviceLimit) {
}
