package cn.chuangwen.publicity.web;

import cn.chuangwen.publicity.SiteDraft;

/**
 * The site form's fields as typed (bound from the request by name, all text, so nothing fails to
 * bind and every wrong value is named by the service and shown back).
 */
record SiteForm(String name, String kind, String unitId, String address, String latitude, String longitude,
		String description, String yearNamed) {

	SiteDraft draft() {
		return new SiteDraft(name, kind, unitId, address, latitude, longitude, description, yearNamed);
	}

}
