package cn.chuangwen.inspections;

import java.math.BigDecimal;

import cn.chuangwen.shared.GeoPoint;

/**
 * A field point (点位) as pages, exports and the API show it: its own fields, its place, its
 * responsible unit and its town (each by id, code and name), with accessors reading through.
 */
public record FieldPointView(long id, long cityId, String code, String name, PointType pointType, String address,
		GeoPoint place, UnitRef unit, UnitRef town, boolean active, int version) {

	/** A unit the point refers to. */
	public record UnitRef(long id, String code, String name) {
	}

	public BigDecimal lat() {
		return place.latitude();
	}

	public BigDecimal lng() {
		return place.longitude();
	}

	public long unitId() {
		return unit.id();
	}

	public String unitCode() {
		return unit.code();
	}

	public String unitName() {
		return unit.name();
	}

	public long townId() {
		return town.id();
	}

	public String townCode() {
		return town.code();
	}

	public String townName() {
		return town.name();
	}

}
