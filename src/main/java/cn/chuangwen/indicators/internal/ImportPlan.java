package cn.chuangwen.indicators.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import cn.chuangwen.indicators.AssessmentMethod;
import cn.chuangwen.indicators.internal.IndicatorFile.RawRow;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;

/**
 * The rows of an indicator file checked as a whole tree: every bad row is reported with its row
 * number (nothing is written unless all pass), and a good file becomes the indicators to insert,
 * parents before children, in the order the file gives siblings.
 */
public final class ImportPlan {

	/** One indicator to insert. {@code order} is its place in the file. */
	public record Planned(int row, String code, String parentCode, String level, String name, String criteria,
			List<AssessmentMethod> methods, BigDecimal score, List<String> pointTypes, BigDecimal targetQuantity,
			String targetUnit, boolean leaf, int order, int depth) {
	}

	private final List<Planned> indicators;

	private ImportPlan(List<Planned> indicators) {
		this.indicators = List.copyOf(indicators);
	}

	/** Parents first (depth-first, siblings in file order). */
	public List<Planned> indicators() {
		return indicators;
	}

	public int leafCount() {
		return (int) indicators.stream().filter(Planned::leaf).count();
	}

	/** Checks the rows; throws {@link InvalidInputException} with every problem, sorted by row. */
	public static ImportPlan of(List<RawRow> rows) {
		List<FieldProblem> problems = new ArrayList<>();
		Map<String, Parsed> byCode = new LinkedHashMap<>();
		List<Parsed> parsed = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			Parsed p = parse(rows.get(i), i, problems);
			parsed.add(p);
			if (p.code.isEmpty() || !IndicatorRules.validCode(p.code)) {
				continue;
			}
			Parsed first = byCode.get(p.code);
			if (first != null) {
				problems.add(FieldProblem.row(p.row, "code", "indicator.import.error.code.duplicate", p.code, first.row));
				p.duplicate = true;
			}
			else {
				byCode.put(p.code, p);
			}
		}
		// Parents: another row of the file, in any order; no row its own ancestor.
		for (Parsed p : parsed) {
			if (p.duplicate || p.parentCode.isEmpty()) {
				continue;
			}
			if (p.parentCode.equals(p.code)) {
				problems.add(FieldProblem.row(p.row, "parentCode", "indicator.import.error.parent.self", p.code));
				p.broken = true;
			}
			else if (!byCode.containsKey(p.parentCode)) {
				problems.add(FieldProblem.row(p.row, "parentCode", "indicator.import.error.parent.unknown", p.parentCode));
				p.broken = true;
			}
		}
		for (Parsed p : parsed) {
			if (p.duplicate || p.broken || p.parentCode.isEmpty() || p.code.isEmpty()) {
				continue;
			}
			List<String> loop = cycle(p, byCode);
			if (loop != null) {
				problems.add(FieldProblem.row(p.row, "parentCode", "indicator.import.error.parent.cycle",
						String.join(" → ", loop)));
				p.broken = true;
			}
		}
		Map<String, List<Parsed>> children = new LinkedHashMap<>();
		for (Parsed p : parsed) {
			if (!p.duplicate && !p.code.isEmpty() && !p.parentCode.isEmpty() && byCode.containsKey(p.parentCode)) {
				children.computeIfAbsent(p.parentCode, k -> new ArrayList<>()).add(p);
			}
		}
		// Children may not be worth more than their parent; said on the parent's row.
		for (var entry : children.entrySet()) {
			Parsed parent = byCode.get(entry.getKey());
			if (parent.score == null) {
				continue;
			}
			BigDecimal sum = entry.getValue()
				.stream()
				.map(c -> c.score)
				.filter(s -> s != null)
				.reduce(BigDecimal.ZERO, BigDecimal::add);
			if (sum.compareTo(parent.score) > 0) {
				problems.add(FieldProblem.row(parent.row, "score", "indicator.import.error.score.children",
						IndicatorRules.plain(sum), IndicatorRules.plain(parent.score),
						entry.getValue().stream().map(c -> c.code).collect(Collectors.joining("、"))));
			}
		}
		List<Planned> planned = new ArrayList<>();
		if (problems.isEmpty()) {
			for (Parsed p : parsed) {
				if (p.parentCode.isEmpty()) {
					walk(p, null, 1, children, planned, problems);
				}
			}
		}
		if (!problems.isEmpty()) {
			problems.sort((a, b) -> Integer.compare(a.row() == null ? 0 : a.row(), b.row() == null ? 0 : b.row()));
			throw new InvalidInputException(problems);
		}
		return new ImportPlan(planned);
	}

	private static void walk(Parsed p, String parentLevel, int depth, Map<String, List<Parsed>> children,
			List<Planned> out, List<FieldProblem> problems) {
		if (depth > IndicatorRules.MAX_DEPTH) {
			problems.add(FieldProblem.row(p.row, "parentCode", "indicator.import.error.depth", IndicatorRules.MAX_DEPTH));
			return;
		}
		List<Parsed> kids = children.getOrDefault(p.code, List.of());
		String level = p.level.isEmpty() ? nextLevel(parentLevel) : p.level;
		out.add(new Planned(p.row, p.code, p.parentCode.isEmpty() ? null : p.parentCode, level, p.name, p.criteria,
				p.methods, p.score, p.pointTypes, p.targetQuantity, p.targetUnit, kids.isEmpty(), p.order, depth));
		for (Parsed kid : kids) {
			walk(kid, level, depth + 1, children, out, problems);
		}
	}

	/** A level left blank follows its parent's: 项目 at the top, then 内容, then 标准. */
	static String nextLevel(String parentLevel) {
		if (parentLevel == null) {
			return IndicatorRules.LEVELS.get(0);
		}
		int i = IndicatorRules.LEVELS.indexOf(parentLevel);
		return IndicatorRules.LEVELS.get(Math.min(i + 1, IndicatorRules.LEVELS.size() - 1));
	}

	/** The loop when the row is part of one (A → B → A), else null. */
	private static List<String> cycle(Parsed start, Map<String, Parsed> byCode) {
		List<String> chain = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		Parsed current = start;
		while (current != null && !current.parentCode.isEmpty()) {
			chain.add(current.code);
			seen.add(current.code);
			Parsed parent = byCode.get(current.parentCode);
			if (parent == null) {
				return null;
			}
			if (parent == start) {
				chain.add(start.code);
				return chain;
			}
			if (seen.contains(parent.code)) {
				return null;
			}
			current = parent;
		}
		return null;
	}

	private static final class Parsed {

		int row;

		int order;

		String code, parentCode, level, name, criteria, targetUnit;

		List<AssessmentMethod> methods = List.of();

		List<String> pointTypes = List.of();

		BigDecimal score, targetQuantity;

		boolean duplicate, broken;

	}

	private static Parsed parse(RawRow raw, int order, List<FieldProblem> problems) {
		Parsed p = new Parsed();
		int row = raw.row();
		p.row = row;
		p.order = order;
		p.code = raw.get("code");
		p.parentCode = raw.get("parent_code");
		p.name = raw.get("name");
		p.level = raw.get("level");
		p.criteria = raw.get("criteria");
		if (p.code.isEmpty()) {
			problems.add(FieldProblem.row(row, "code", "indicator.import.error.code.required"));
		}
		else if (p.code.length() > IndicatorRules.MAX_CODE || !IndicatorRules.validCode(p.code)) {
			problems.add(FieldProblem.row(row, "code", "indicator.import.error.code.format", p.code));
		}
		if (!p.parentCode.isEmpty() && !IndicatorRules.validCode(p.parentCode)) {
			problems.add(FieldProblem.row(row, "parentCode", "indicator.import.error.code.format", p.parentCode));
			p.broken = true;
		}
		if (p.name.isEmpty()) {
			problems.add(FieldProblem.row(row, "name", "indicator.import.error.name.required"));
		}
		else if (p.name.length() > IndicatorRules.MAX_NAME) {
			problems.add(FieldProblem.row(row, "name", "indicator.error.name.long", IndicatorRules.MAX_NAME));
		}
		if (!p.level.isEmpty() && !IndicatorRules.LEVELS.contains(p.level)) {
			problems.add(FieldProblem.row(row, "level", "indicator.import.error.level", p.level,
					String.join("、", IndicatorRules.LEVELS)));
		}
		if (p.criteria.length() > IndicatorRules.MAX_CRITERIA) {
			problems.add(FieldProblem.row(row, "criteria", "indicator.error.criteria.long", IndicatorRules.MAX_CRITERIA));
		}
		List<AssessmentMethod> methods = new ArrayList<>();
		for (String m : IndicatorRules.split(raw.get("methods"))) {
			AssessmentMethod.parse(m).ifPresentOrElse(x -> {
				if (!methods.contains(x)) {
					methods.add(x);
				}
			}, () -> problems.add(FieldProblem.row(row, "methods", "indicator.import.error.method", m, knownMethods())));
		}
		p.methods = methods;
		String scoreText = raw.get("score");
		if (scoreText.isEmpty()) {
			problems.add(FieldProblem.row(row, "score", "indicator.import.error.score.required"));
		}
		else {
			BigDecimal score = IndicatorRules.number(scoreText);
			if (score == null) {
				problems.add(FieldProblem.row(row, "score", "indicator.import.error.score.number", scoreText));
			}
			else {
				String key = IndicatorRules.checkScore(score);
				if (key != null) {
					problems.add(FieldProblem.row(row, "score", key));
				}
				else {
					p.score = score;
				}
			}
		}
		p.pointTypes = IndicatorRules.split(raw.get("point_types"));
		String typesKey = IndicatorRules.checkPointTypes(p.pointTypes);
		if (typesKey != null) {
			problems.add(FieldProblem.row(row, "pointTypes", typesKey, raw.get("point_types")));
		}
		String quantityText = raw.get("target_quantity");
		p.targetUnit = raw.get("target_unit");
		if (!quantityText.isEmpty()) {
			BigDecimal quantity = IndicatorRules.number(quantityText);
			if (quantity == null) {
				problems.add(FieldProblem.row(row, "targetQuantity", "indicator.import.error.target.number", quantityText));
			}
			else {
				String key = IndicatorRules.checkQuantity(quantity);
				if (key != null) {
					problems.add(FieldProblem.row(row, "targetQuantity", key));
				}
				p.targetQuantity = quantity;
			}
			if (p.targetUnit.isEmpty()) {
				problems.add(FieldProblem.row(row, "targetUnit", "indicator.error.target.unitRequired"));
			}
		}
		else if (!p.targetUnit.isEmpty()) {
			problems.add(FieldProblem.row(row, "targetQuantity", "indicator.error.target.quantityRequired"));
		}
		if (p.targetUnit.length() > IndicatorRules.MAX_UNIT) {
			problems.add(FieldProblem.row(row, "targetUnit", "indicator.error.target.unitLong", IndicatorRules.MAX_UNIT));
		}
		return p;
	}

	static String knownMethods() {
		List<String> names = new ArrayList<>();
		for (AssessmentMethod m : AssessmentMethod.values()) {
			names.add(m.chineseName());
		}
		return String.join("、", names);
	}

}
