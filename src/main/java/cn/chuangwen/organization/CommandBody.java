package cn.chuangwen.organization;

import java.util.List;

/**
 * A body of the city's command structure (Q1): the leading group (领导小组), the command or creation
 * office (指挥部/创文办) and its groups, or a key project's task force (专班), with its members.
 * Phones are masked unless the reader is the office or one of the body's members.
 */
public record CommandBody(long id, long cityId, Kind kind, String name, Long parentId, String parentName,
		String duties, int sortOrder, List<Member> members, int version) {

	public enum Kind {
		LEADING_GROUP, COMMAND, OFFICE, GROUP, TASK_FORCE;

		public String messageKey() {
			return "command.kind." + name();
		}
	}

	public enum MemberRole {
		HEAD, DEPUTY, MEMBER, CONTACT;

		public String messageKey() {
			return "command.role." + name();
		}
	}

	/** A member; {@code phone} is masked (138****1234) for readers who may not see it. */
	public record Member(long id, String name, String post, String phone, MemberRole role, Long userId,
			String username) {
	}

	/** What the office enters for a body. */
	public record Draft(String kind, String name, Long parentId, String duties, Integer sortOrder) {
	}

	/** What the office enters for a member. */
	public record MemberDraft(String name, String post, String phone, String role, Long userId) {
	}

}
