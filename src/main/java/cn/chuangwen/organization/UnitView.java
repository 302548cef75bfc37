package cn.chuangwen.organization;

/** A unit as pages and the API show it. */
public record UnitView(long id, long cityId, String cityCode, String code, String name, UnitKind kind, Long parentId,
		String parentName, String path, String rankingGroup, boolean committeeMember, String leaderName,
		String liaisonName, String liaisonPhone, boolean active, int version) {

	/** Depth in the tree: 0 for the city itself. */
	public int depth() {
		return (int) path.chars().filter(c -> c == '/').count() - 2;
	}

}
