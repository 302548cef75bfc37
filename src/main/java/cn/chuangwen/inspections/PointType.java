package cn.chuangwen.inspections;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of field point (点位) the national field test visits ({@code shared/data/README.md}).
 * Stored by name; the Chinese name is what workbooks and checklists write, the UI uses the bundles.
 */
public enum PointType {

	MAIN_ROAD("主次干道"), BACK_STREET("背街小巷"), COMMERCIAL_STREET("商业大街"), INTERSECTION("交通路口"), COMMUNITY("社区"),
	RESIDENTIAL("居民小区"), SCHOOL("中小学校"), SQUARE_PARK("广场公园"), CONSTRUCTION_SITE("建筑工地"),
	HOTEL_RESTAURANT("宾馆饭店"), MARKET("集贸市场"), MALL("商场超市"), SERVICE_HALL("政务大厅"), SCENIC_AREA("景区"),
	INTERNET_CAFE("网吧"), PATRIOTIC_BASE("爱国主义教育基地"), LIBRARY("图书馆"), PLANNING_HALL("规划馆"), HOSPITAL("医院"),
	BUS_LINE("公交线路"), TAXI("出租车"), PUBLIC_TOILET("公共厕所");

	private final String chineseName;

	PointType(String chineseName) {
		this.chineseName = chineseName;
	}

	/** The Chinese name as written in workbooks and checklists. */
	public String chineseName() {
		return chineseName;
	}

	public String messageKey() {
		return "pointType." + name();
	}

	/** Accepts the name in any case or the Chinese name; empty for anything else. */
	public static Optional<PointType> parse(String text) {
		if (text == null || text.isBlank()) {
			return Optional.empty();
		}
		String t = text.trim();
		for (PointType type : values()) {
			if (type.name().equals(t.toUpperCase(Locale.ROOT)) || type.chineseName.equals(t)) {
				return Optional.of(type);
			}
		}
		return Optional.empty();
	}

}
