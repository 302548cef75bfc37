package cn.chuangwen.publicity;

/**
 * What a public campaign collects (T5): slogans or conventions (创建用语、文明公约征集), signatures
 * (文明创建万人签名) or nominations of demonstration sites (示范点评选). A signature drive has no vote:
 * its result is the number of signatures.
 */
public enum CampaignKind {

	SLOGAN, SIGNATURE, SITE_SELECTION;

	/** Whether the approved entries are voted on after collecting. */
	public boolean voting() {
		return this != SIGNATURE;
	}

	public String messageKey() {
		return "campaign.kind." + name();
	}

}
