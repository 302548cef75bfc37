package cn.chuangwen.organization.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.chuangwen.organization.UnitView;

/**
 * A list of units as nested nodes for the tree view; siblings keep the list's order (by kind, then
 * code). A unit whose parent is not in the list is a root.
 */
record Tree(UnitView unit, List<Tree> children) {

	static List<Tree> of(List<UnitView> units) {
		Map<Long, Tree> byId = new HashMap<>();
		// Nodes first, links second: a parent may come after its child (a sub-department with a lower code).
		for (UnitView u : units) {
			byId.put(u.id(), new Tree(u, new ArrayList<>()));
		}
		List<Tree> roots = new ArrayList<>();
		for (UnitView u : units) {
			Tree node = byId.get(u.id());
			Tree parent = u.parentId() == null ? null : byId.get(u.parentId());
			if (parent == null) {
				roots.add(node);
			}
			else {
				parent.children().add(node);
			}
		}
		return roots;
	}

}
