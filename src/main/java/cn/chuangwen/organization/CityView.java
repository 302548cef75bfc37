package cn.chuangwen.organization;

/** A city (jurisdiction) of the installation. */
public record CityView(long id, String code, String name, long rootUnitId) {
}
