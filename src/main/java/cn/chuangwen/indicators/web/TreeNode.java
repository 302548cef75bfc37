package cn.chuangwen.indicators.web;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import cn.chuangwen.indicators.AssessmentMethod;
import cn.chuangwen.indicators.IndicatorView;

/** An indicator with its children, for the collapsible tree page. */
public record TreeNode(IndicatorView indicator, List<TreeNode> children) {

	/** Builds the nested tree from a list in tree order, keeping only the given ids (null: all). */
	static List<TreeNode> of(List<IndicatorView> tree, Set<Long> keep) {
		Map<Long, TreeNode> byId = new HashMap<>();
		List<TreeNode> roots = new ArrayList<>();
		for (IndicatorView i : tree) {
			if (keep != null && !keep.contains(i.id())) {
				continue;
			}
			TreeNode node = new TreeNode(i, new ArrayList<>());
			byId.put(i.id(), node);
			TreeNode parent = i.parentId() == null ? null : byId.get(i.parentId());
			if (parent == null) {
				roots.add(node);
			}
			else {
				parent.children().add(node);
			}
		}
		return roots;
	}

	/**
	 * The nodes a filter shows: those whose code, name or criteria contain the text and that are
	 * assessed by the method, with all their ancestors (so the tree stays a tree). Null: no filter.
	 */
	static Set<Long> matching(List<IndicatorView> tree, String q, AssessmentMethod method) {
		if ((q == null || q.isBlank()) && method == null) {
			return null;
		}
		String text = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
		Map<Long, IndicatorView> byId = new HashMap<>();
		tree.forEach(i -> byId.put(i.id(), i));
		Set<Long> keep = new HashSet<>();
		for (IndicatorView i : tree) {
			boolean textMatch = text.isEmpty() || i.code().toLowerCase(Locale.ROOT).contains(text)
					|| i.name().toLowerCase(Locale.ROOT).contains(text)
					|| (i.criteria() != null && i.criteria().toLowerCase(Locale.ROOT).contains(text));
			boolean methodMatch = method == null || i.methods().contains(method);
			if (textMatch && methodMatch) {
				IndicatorView current = i;
				while (current != null && keep.add(current.id())) {
					current = current.parentId() == null ? null : byId.get(current.parentId());
				}
			}
		}
		return keep;
	}

	/** A score as people read it: 4, 2.5. */
	public String score() {
		return plain(indicator.score());
	}

	/** The target with thousands separators, e.g. 1,200,000, or null. */
	public String target() {
		BigDecimal q = indicator.targetQuantity();
		return q == null ? null : new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(q);
	}

	/** Message key of the level (项目, 内容, 标准); other text is shown as it is stored. */
	public String levelKey() {
		return switch (indicator.level()) {
			case "项目" -> "indicator.level.ITEM";
			case "内容" -> "indicator.level.CONTENT";
			case "标准" -> "indicator.level.STANDARD";
			default -> "indicator.level.OTHER";
		};
	}

	public long leafCount() {
		if (indicator.leaf()) {
			return 1;
		}
		return children.stream().mapToLong(TreeNode::leafCount).sum();
	}

	static String plain(BigDecimal n) {
		return n == null ? "" : n.stripTrailingZeros().toPlainString();
	}

}
