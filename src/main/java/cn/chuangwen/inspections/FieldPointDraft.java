package cn.chuangwen.inspections;

import java.math.BigDecimal;

/**
 * A field point as entered: the point type as text (its name or Chinese name) so a bad one is a field
 * problem, the place as given, the responsible unit and the town by id.
 */
public record FieldPointDraft(String code, String name, String pointType, String address, BigDecimal lat,
		BigDecimal lng, Long unitId, Long townId, boolean active) {
}
