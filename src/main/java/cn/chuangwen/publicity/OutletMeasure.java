package cn.chuangwen.publicity;

/**
 * What an outlet's public-service-ad quota is measured in: minutes of airtime, column area (cm²),
 * screen or vehicle slots, items (posts, banners). A month's report gives both figures in it.
 */
public enum OutletMeasure {

	MINUTES, AREA, SLOTS, ITEMS;

	public String messageKey() {
		return "outlet.measure." + name();
	}

}
