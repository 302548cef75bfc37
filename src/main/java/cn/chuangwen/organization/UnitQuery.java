package cn.chuangwen.organization;

/** Filters of the unit list; every field optional. */
public record UnitQuery(String cityCode, UnitKind kind, String text, Boolean active, Long parentId) {

	public static UnitQuery everything() {
		return new UnitQuery(null, null, null, null, null);
	}

}
