package cn.chuangwen.organization.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.chuangwen.organization.UnitView;

/** A list of units (ordered by path) as nested nodes for the tree view. */
record Tree(UnitView unit, List<Tree> children) {

	static List<Tree> of(List<UnitView> units) {
		Map<Long, Tree> byId = new HashMap<>();
		List<Tree> roots = new ArrayList<>();
		for (UnitView u : units) {
			Tree node = new Tree(u, new ArrayList<>());
			byId.put(u.id(), node);
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
