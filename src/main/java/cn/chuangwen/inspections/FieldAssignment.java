package cn.chuangwen.inspections;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One point an inspector is to inspect: a point of an open plan the inspector is on, with the plan's
 * name, kind and dates, the point's own fields, and its inspection once one is stored
 * ({@code inspectionId} null until then; {@code score} null also when every item was not applicable).
 */
public record FieldAssignment(long planId, String planName, PlanKind kind, LocalDate startDate, LocalDate endDate,
		long pointId, String code, String name, PointType pointType, String address, BigDecimal lat, BigDecimal lng,
		Long inspectionId, Instant checkedAt, BigDecimal score) {

	public boolean inspected() {
		return inspectionId != null;
	}

}
