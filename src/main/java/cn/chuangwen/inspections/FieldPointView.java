package cn.chuangwen.inspections;

import java.math.BigDecimal;

/** A field point (点位) as pages, exports and the API show it, with its units' codes and names. */
public record FieldPointView(long id, long cityId, String code, String name, PointType pointType, String address,
		BigDecimal lat, BigDecimal lng, long unitId, String unitCode, String unitName, long townId, String townCode,
		String townName, boolean active, int version) {
}
