package cn.chuangwen.publicity;

/**
 * A demonstration site as typed (form fields, or the API's JSON turned to text), so a wrong value
 * can be named and shown back: name, kind, the unit's id, address, latitude and longitude (WGS-84
 * degrees), what is exemplary, and the year it was named (optional).
 */
public record SiteDraft(String name, String kind, String unitId, String address, String latitude, String longitude,
		String description, String yearNamed) {

	public static SiteDraft empty() {
		return new SiteDraft("", "", "", "", "", "", "", "");
	}

}
