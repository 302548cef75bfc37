package cn.chuangwen.indicators.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import cn.chuangwen.indicators.IndicatorView;

/** Arranging the indicators of one system: tree order, and the groups of the battle map. */
public final class IndicatorTree {

	private IndicatorTree() {
	}

	/**
	 * Depth-first order: each node followed by its subtree, siblings in the given order (file
	 * order). Nodes whose parent is missing from the list are treated as roots.
	 */
	public static List<IndicatorView> order(List<IndicatorView> indicators) {
		Map<Long, IndicatorView> byId = new HashMap<>();
		indicators.forEach(i -> byId.put(i.id(), i));
		Map<Long, List<IndicatorView>> children = new LinkedHashMap<>();
		List<IndicatorView> roots = new ArrayList<>();
		for (IndicatorView i : indicators) {
			if (i.parentId() == null || !byId.containsKey(i.parentId())) {
				roots.add(i);
			}
			else {
				children.computeIfAbsent(i.parentId(), k -> new ArrayList<>()).add(i);
			}
		}
		List<IndicatorView> out = new ArrayList<>(indicators.size());
		for (IndicatorView root : roots) {
			visit(root, children, out);
		}
		return out;
	}

	private static void visit(IndicatorView node, Map<Long, List<IndicatorView>> children, List<IndicatorView> out) {
		// Iterative, so a deep tree never exhausts the stack.
		List<IndicatorView> stack = new ArrayList<>();
		stack.add(node);
		while (!stack.isEmpty()) {
			IndicatorView current = stack.remove(stack.size() - 1);
			out.add(current);
			List<IndicatorView> kids = children.getOrDefault(current.id(), List.of());
			for (int k = kids.size() - 1; k >= 0; k--) {
				stack.add(kids.get(k));
			}
		}
	}

	/** The group a leaf is shown under on the battle map: its parent, or itself when top-level. */
	public static IndicatorView groupOf(IndicatorView leaf, LongFunction<IndicatorView> byId) {
		if (leaf.parentId() == null) {
			return leaf;
		}
		IndicatorView parent = byId.apply(leaf.parentId());
		return parent == null ? leaf : parent;
	}

	/** The distinct groups of all leaves of a tree (in tree order), in tree order. */
	public static List<IndicatorView> groups(List<IndicatorView> tree) {
		Map<Long, IndicatorView> byId = new HashMap<>();
		Map<Long, Integer> position = new HashMap<>();
		for (int i = 0; i < tree.size(); i++) {
			byId.put(tree.get(i).id(), tree.get(i));
			position.put(tree.get(i).id(), i);
		}
		Map<Long, IndicatorView> groups = new LinkedHashMap<>();
		for (IndicatorView i : tree) {
			if (i.leaf()) {
				IndicatorView g = groupOf(i, byId::get);
				groups.putIfAbsent(g.id(), g);
			}
		}
		List<IndicatorView> out = new ArrayList<>(groups.values());
		out.sort((a, b) -> Integer.compare(position.get(a.id()), position.get(b.id())));
		return out;
	}

}
