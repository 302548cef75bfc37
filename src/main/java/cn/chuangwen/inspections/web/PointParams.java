package cn.chuangwen.inspections.web;

import java.util.List;

import cn.chuangwen.inspections.FieldPointFilter;
import cn.chuangwen.inspections.PointType;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.web.QueryParams;

/** The point list's filters from request text, for the API (refused when bad) and the page (ignored when bad). */
final class PointParams {

	private PointParams() {
	}

	static PointType pointType(String text, List<FieldProblem> bad) {
		if (text == null || text.isBlank()) {
			return null;
		}
		PointType type = PointType.parse(text).orElse(null);
		if (type == null) {
			bad.add(FieldProblem.of("pointType", "fieldPoint.error.pointType"));
		}
		return type;
	}

	static FieldPointFilter filter(String pointType, String unitId, String townId, String active, String q,
			List<FieldProblem> bad) {
		return new FieldPointFilter(pointType(pointType, bad), QueryParams.id("unitId", unitId, bad),
				QueryParams.id("townId", townId, bad), QueryParams.bool("active", active, bad), QueryParams.text(q, bad));
	}

}
