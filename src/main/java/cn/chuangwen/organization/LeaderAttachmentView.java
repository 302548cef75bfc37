package cn.chuangwen.organization;

import java.time.Instant;

/**
 * A city leader attached (挂点) to a unit: who, where, since when and by whom. {@code unitPath} is
 * the unit's tree path, so callers can take the unit's subtree ("the units below it").
 */
public record LeaderAttachmentView(long id, long cityId, long leaderUserId, String leaderName, String leaderUsername,
		long unitId, String unitName, String unitPath, Instant createdAt, String createdBy) {
}
