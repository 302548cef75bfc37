package cn.chuangwen.publicity;

import java.util.List;

import cn.chuangwen.shared.GeoPoint;

/**
 * A demonstration site (示范点) as the office sees it: its city, the unit of the city in charge,
 * name, kind, address and place (WGS-84), what is exemplary about it, where it stands, its photos
 * (original and public copy ids) and the version an edit must name.
 */
public record DemonstrationSite(long id, City city, long unitId, String unitName, String name, SiteKind kind,
		String address, GeoPoint place, String description, Standing standing, List<Photo> photos, int version) {

	/** The site's city: id, code (the public pages' slug) and name. */
	public record City(long id, String code, String name) {
	}

	/** The state, the year the site was named (optional) and, when withdrawn, why. */
	public record Standing(SiteState state, Integer yearNamed, String withdrawnReason) {
	}

	/** A photo as sent (for the office) and its public copy (EXIF stripped). */
	public record Photo(long fileId, long publicFileId) {
	}

	public long cityId() {
		return city.id();
	}

	public SiteState state() {
		return standing.state();
	}

	public Integer yearNamed() {
		return standing.yearNamed();
	}

	public String withdrawnReason() {
		return standing.withdrawnReason();
	}

}
