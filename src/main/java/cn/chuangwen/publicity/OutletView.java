package cn.chuangwen.publicity;

/** A media outlet as readers see it: its city, the unit that runs it, its kind and measure. */
public record OutletView(long id, long cityId, String cityName, long unitId, String unitName, String name,
		OutletKind kind, OutletMeasure measure, int version) {
}
