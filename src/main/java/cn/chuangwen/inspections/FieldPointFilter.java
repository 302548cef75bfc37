package cn.chuangwen.inspections;

/** The list's filters; null means no condition. {@code q} matches code, name or address. */
public record FieldPointFilter(PointType pointType, Long unitId, Long townId, Boolean active, String q) {

	public static FieldPointFilter none() {
		return new FieldPointFilter(null, null, null, null, null);
	}

}
