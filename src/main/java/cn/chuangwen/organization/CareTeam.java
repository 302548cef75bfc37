package cn.chuangwen.organization;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A community's (or village's) care team (包保, Q2): the 3–5 departments in charge of it, one the lead.
 * {@code departments} is empty while the office has set none.
 */
public record CareTeam(long communityId, long cityId, String communityName, List<Department> departments) {

	public static final int MIN = 3;

	public static final int MAX = 5;

	public record Department(long id, String name, boolean lead) {
	}

	/** Help a team department reported having given (帮扶记录), with its photos' file ids. */
	public record Help(long id, long communityId, long departmentId, String departmentName, LocalDate date, String text,
			String createdBy, Instant createdAt, List<Long> photoIds) {
	}

	/** A community the caller's department is in charge of, as its list shows it. */
	public record Cared(long communityId, String communityName, String parentName, boolean lead, long helpCount) {
	}

	public boolean isMember(Long unitId) {
		return unitId != null && departments.stream().anyMatch(d -> d.id() == unitId);
	}

}
