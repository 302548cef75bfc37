package cn.chuangwen.publicity;

/** The kinds of media outlet (媒体) a city records, each with the measure its quota is usually in. */
public enum OutletKind {

	TV(OutletMeasure.MINUTES), RADIO(OutletMeasure.MINUTES), NEWSPAPER(OutletMeasure.AREA),
	OUTDOOR_SCREEN(OutletMeasure.SLOTS), BUS(OutletMeasure.SLOTS), WEBSITE(OutletMeasure.ITEMS),
	WECHAT(OutletMeasure.ITEMS);

	private final OutletMeasure usual;

	OutletKind(OutletMeasure usual) {
		this.usual = usual;
	}

	/** The measure the form suggests for this kind. */
	public OutletMeasure usualMeasure() {
		return usual;
	}

	public String messageKey() {
		return "outlet.kind." + name();
	}

}
