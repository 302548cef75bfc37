package cn.chuangwen.inspections;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An inspection as the phone sends it: {@code clientId} is generated on the phone, so sending the same
 * submission again (after a lost answer, from the offline queue) finds the stored inspection.
 * {@code lat}/{@code lng} are the device's WGS-84 position (both or neither); {@code checkedAt} when
 * the point was checked on the phone. Every item of the point type's checklist in use is answered once.
 */
public record InspectionSubmission(String clientId, long planId, long fieldPointId, BigDecimal lat, BigDecimal lng,
		Instant checkedAt, List<ItemAnswer> results) {

	public InspectionSubmission {
		results = results == null ? List.of() : results;
	}

}
