package cn.chuangwen.publicity.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import cn.chuangwen.shared.web.DeviceCookies;

/**
 * The public campaign pages' device cookie ({@code CWCAMPAIGN}, sent back only to
 * {@code /public/campaigns/}): a phone's submissions count against the campaign's limit, and it votes
 * once a day.
 */
@Component
class CampaignDevices extends DeviceCookies {

	static final String NAME = "CWCAMPAIGN";

	CampaignDevices(@Value("${chuangwen.public.device-secret:}") String secret) {
		super(NAME, "/public/campaigns/", "campaign-device", secret);
	}

}
