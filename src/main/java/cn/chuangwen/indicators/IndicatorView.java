package cn.chuangwen.indicators;

import java.math.BigDecimal;
import java.util.List;

/**
 * One node of an indicator system: a 项目, 内容 or 标准. Leaves are what units are assigned.
 * {@code path} holds the ids from the root down ({@code /12/40/233/}); {@code depth} is 1 for a
 * top-level node. {@code targetQuantity} and {@code targetUnit} are the optional measurable target
 * (T10, e.g. 1,200,000 平方米).
 */
public record IndicatorView(long id, long systemId, long cityId, Long parentId, String code, String name, String level,
		String criteria, List<AssessmentMethod> methods, BigDecimal score, List<String> pointTypes,
		BigDecimal targetQuantity, String targetUnit, boolean leaf, String path, int depth) {

	public IndicatorView {
		methods = methods == null ? List.of() : List.copyOf(methods);
		pointTypes = pointTypes == null ? List.of() : List.copyOf(pointTypes);
	}

	public boolean topLevel() {
		return parentId == null;
	}

	public boolean hasTarget() {
		return targetQuantity != null;
	}

}
