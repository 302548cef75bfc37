package cn.chuangwen.surveys.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import cn.chuangwen.shared.web.DeviceCookies;

/** The survey answer pages' device cookie ({@code CWSURVEY}, sent back only to {@code /s/}): one answer per phone and round. */
@Component
public class SurveyDevices extends DeviceCookies {

	public static final String NAME = "CWSURVEY";

	public SurveyDevices(@Value("${chuangwen.public.device-secret:}") String secret) {
		super(NAME, "/s/", "survey-device", secret);
	}

}
