package cn.chuangwen.inspections;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One point an inspector is to inspect: a point of an open plan the inspector is on, with the plan's
 * name, kind and dates, the point's own fields, and its inspection once one is stored (null until
 * then), with accessors reading through.
 */
public record FieldAssignment(Plan plan, Point point, Done inspection) {

	/** The plan (round) the point is in. */
	public record Plan(long id, String name, PlanKind kind, LocalDate startDate, LocalDate endDate) {
	}

	/** The field point. */
	public record Point(long id, String code, String name, PointType pointType, String address, BigDecimal lat,
			BigDecimal lng) {
	}

	/** The stored inspection: when it was checked and its score (null when every item was not applicable). */
	public record Done(long id, Instant checkedAt, BigDecimal score) {
	}

	public boolean inspected() {
		return inspection != null;
	}

	public long planId() {
		return plan.id();
	}

	public String planName() {
		return plan.name();
	}

	public PlanKind kind() {
		return plan.kind();
	}

	public long pointId() {
		return point.id();
	}

	public String code() {
		return point.code();
	}

	public String name() {
		return point.name();
	}

	public PointType pointType() {
		return point.pointType();
	}

	public String address() {
		return point.address();
	}

	public BigDecimal lat() {
		return point.lat();
	}

	public BigDecimal lng() {
		return point.lng();
	}

	public Long inspectionId() {
		return inspection == null ? null : inspection.id();
	}

	public Instant checkedAt() {
		return inspection == null ? null : inspection.checkedAt();
	}

	public BigDecimal score() {
		return inspection == null ? null : inspection.score();
	}

}
