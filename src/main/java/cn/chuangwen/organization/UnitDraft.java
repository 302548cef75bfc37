package cn.chuangwen.organization;

/** What a user enters to create or edit a unit. The parent is fixed at creation; moves are separate. */
public record UnitDraft(String code, String name, UnitKind kind, Long parentId, String rankingGroup,
		boolean committeeMember, String leaderName, String liaisonName, String liaisonPhone) {
}
