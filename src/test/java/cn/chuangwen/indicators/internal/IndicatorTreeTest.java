package cn.chuangwen.indicators.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.chuangwen.indicators.IndicatorView;

/** Tree order and the battle-map groups. */
class IndicatorTreeTest {

	static IndicatorView node(long id, Long parent, String code, boolean leaf) {
		String path = "/" + id + "/";
		return new IndicatorView(id, 1, 1, parent, code, code, "内容", null, List.of(), BigDecimal.ONE, List.of(), null,
				null, leaf, path, parent == null ? 1 : 2);
	}

	@Test
	void groupOfALeafIsItsParentOrItselfAtTheTop() {
		IndicatorView project = node(1, null, "I-1", false);
		IndicatorView leaf = node(2, 1L, "I-1-1", true);
		IndicatorView topLeaf = node(3, null, "III", true);
		Map<Long, IndicatorView> byId = new HashMap<>(Map.of(1L, project, 2L, leaf, 3L, topLeaf));
		assertThat(IndicatorTree.groupOf(leaf, byId::get)).isEqualTo(project);
		assertThat(IndicatorTree.groupOf(topLeaf, byId::get)).isEqualTo(topLeaf);
	}

	@Test
	void ordersDepthFirstKeepingSiblingOrderWhateverTheIds() {
		// Ids do not follow the file: a parent imported after its children gets a higher id.
		List<IndicatorView> fileOrder = List.of(node(9, null, "I", false), node(3, 9L, "I-2", false),
				node(7, 9L, "I-1", false), node(2, 7L, "I-1-1", true), node(1, 3L, "I-2-1", true),
				node(5, null, "II", true));
		assertThat(IndicatorTree.order(fileOrder).stream().map(IndicatorView::code)).containsExactly("I", "I-2", "I-2-1",
				"I-1", "I-1-1", "II");
	}

	@Test
	void groupsAreDistinctAndInTreeOrderEvenWhenASubgroupComesFirst() {
		// P: [Q: [q1], p1]: q1 is seen before p1, but P comes before Q in the tree.
		List<IndicatorView> tree = IndicatorTree.order(List.of(node(1, null, "P", false), node(2, 1L, "Q", false),
				node(3, 2L, "q1", true), node(4, 1L, "p1", true), node(5, null, "R", false), node(6, 5L, "r1", true),
				node(7, 5L, "r2", true), node(8, null, "S", true)));
		assertThat(IndicatorTree.groups(tree).stream().map(IndicatorView::code)).containsExactly("P", "Q", "R", "S");
	}

}
