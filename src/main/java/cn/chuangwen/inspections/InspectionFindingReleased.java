package cn.chuangwen.inspections;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A finding of an inspection goes to the units: at once after an announced round's submission (when
 * the city says so), else when the office closes the round. It becomes a problem of the point's
 * responsible unit (the problems module listens); a repeat of the event must create nothing twice.
 * One event per finding, so each stays small in the event registry. Published in the transaction
 * that marks the inspection's findings dispatched.
 */
public record InspectionFindingReleased(long cityId, long planId, PlanKind kind, long inspectionId, Point point,
		long unitId, String inspector, Instant checkedAt, Finding finding) {

	/** The field point inspected: id, code, name, address and place. */
	public record Point(long id, String code, String name, String address, BigDecimal lat, BigDecimal lng) {
	}

	/**
	 * The finding: the checklist item (its category and text, its indicator leaf if linked), the
	 * deduction and verdict, the inspector's note and the stored-file ids of the watermarked photos.
	 */
	public record Finding(long itemId, String category, String item, BigDecimal deduction, PointScore.Verdict verdict,
			String note, Long indicatorId, List<Long> photoFileIds) {

		public Finding {
			photoFileIds = photoFileIds == null ? List.of() : List.copyOf(photoFileIds);
		}

	}

}
