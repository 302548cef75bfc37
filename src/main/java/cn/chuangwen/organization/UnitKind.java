package cn.chuangwen.organization;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Kinds of unit in a city's organisation tree, with the parents each may hang under. */
public enum UnitKind {

	CITY, DISTRICT, TOWN, TOWNSHIP, SUBDISTRICT, COMMUNITY, VILLAGE, DEPARTMENT, WINDOW;

	/** Message key of the kind's display name (e.g. 街道办事处). */
	public String messageKey() {
		return "unit.kind." + name();
	}

	/** The kinds a unit of this kind may be placed under. */
	public Set<UnitKind> allowedParents() {
		return switch (this) {
			case CITY -> EnumSet.noneOf(UnitKind.class);
			case DISTRICT -> EnumSet.of(CITY);
			case TOWN, TOWNSHIP, SUBDISTRICT -> EnumSet.of(CITY, DISTRICT);
			case COMMUNITY, VILLAGE -> EnumSet.of(DISTRICT, TOWN, TOWNSHIP, SUBDISTRICT);
			case DEPARTMENT -> EnumSet.of(CITY, DEPARTMENT);
			case WINDOW -> EnumSet.of(CITY, DEPARTMENT);
		};
	}

	/** Town level (镇办): the units ranked against each other as towns and sub-districts. */
	public boolean isTownLevel() {
		return this == DISTRICT || this == TOWN || this == TOWNSHIP || this == SUBDISTRICT;
	}

	/** Accepts the enum name in any case, or the Chinese name used in workbooks. */
	public static Optional<UnitKind> parse(String text) {
		if (text == null || text.isBlank()) {
			return Optional.empty();
		}
		String t = text.trim();
		for (UnitKind kind : values()) {
			if (kind.name().equals(t.toUpperCase(Locale.ROOT)) || kind.chineseName().equals(t)) {
				return Optional.of(kind);
			}
		}
		return Optional.empty();
	}

	/** The Chinese name as written in workbooks; the UI uses the message bundles. */
	public String chineseName() {
		return switch (this) {
			case CITY -> "市";
			case DISTRICT -> "区";
			case TOWN -> "镇";
			case TOWNSHIP -> "乡";
			case SUBDISTRICT -> "街道办事处";
			case COMMUNITY -> "社区";
			case VILLAGE -> "村";
			case DEPARTMENT -> "市直部门";
			case WINDOW -> "窗口行业单位";
		};
	}

}
