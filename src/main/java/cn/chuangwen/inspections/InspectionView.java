package cn.chuangwen.inspections;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A stored inspection of one plan point: its score (null when every item was not applicable), where
 * the device was ({@code distanceMetres} from the point, {@code far} when beyond the city's limit),
 * its findings, and the names pages show (grouped, with accessors reading through).
 */
public record InspectionView(long id, long planId, long fieldPointId, long unitId, BigDecimal score, boolean far,
		Integer distanceMetres, Instant checkedAt, List<FindingView> findings, Round round, Names names,
		Submission submission) {

	/** The plan's round: its city, kind, period and name. */
	public record Round(long cityId, PlanKind kind, String period, String planName) {
	}

	/** Who and what by name: the point, its responsible unit, the inspector (username and name). */
	public record Names(String pointCode, String pointName, String unitName, String inspector, String inspectorName) {
	}

	/**
	 * How it came in: the device's position (null without one), when it reached the server, and when
	 * its findings went to the units as problems (null while they wait).
	 */
	public record Submission(BigDecimal lat, BigDecimal lng, Instant submittedAt, Instant findingsDispatchedAt) {
	}

	public InspectionView {
		findings = findings == null ? List.of() : List.copyOf(findings);
	}

	/** The same inspection with these findings. */
	public InspectionView withFindings(List<FindingView> found) {
		return new InspectionView(id, planId, fieldPointId, unitId, score, far, distanceMetres, checkedAt, found, round,
				names, submission);
	}

	public long cityId() {
		return round.cityId();
	}

	public PlanKind kind() {
		return round.kind();
	}

	public String period() {
		return round.period();
	}

	public String planName() {
		return round.planName();
	}

	public String pointCode() {
		return names.pointCode();
	}

	public String pointName() {
		return names.pointName();
	}

	public String unitName() {
		return names.unitName();
	}

	/** The inspector's username. */
	public String inspector() {
		return names.inspector();
	}

	public String inspectorName() {
		return names.inspectorName();
	}

	public BigDecimal lat() {
		return submission.lat();
	}

	public BigDecimal lng() {
		return submission.lng();
	}

	public Instant submittedAt() {
		return submission.submittedAt();
	}

	/** When the findings went to the units as problems, or null while they wait. */
	public Instant findingsDispatchedAt() {
		return submission.findingsDispatchedAt();
	}

}
