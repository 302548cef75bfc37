package cn.chuangwen.inspections;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A stored inspection of one plan point: its score (null when every item was not applicable), where
 * the device was ({@code distanceMetres} from the point, {@code far} when beyond the city's limit),
 * its findings, and the names pages show.
 *
 * @param findingsDispatchedAt when its findings went to the units as problems, or null while they wait
 */
public record InspectionView(long id, long planId, long fieldPointId, long unitId, BigDecimal score, boolean far,
		Integer distanceMetres, Instant checkedAt, List<FindingView> findings, long cityId, PlanKind kind,
		String period, String planName, String pointCode, String pointName, String unitName, String inspector,
		String inspectorName, BigDecimal lat, BigDecimal lng, Instant submittedAt, Instant findingsDispatchedAt) {

	public InspectionView {
		findings = findings == null ? List.of() : List.copyOf(findings);
	}

}
