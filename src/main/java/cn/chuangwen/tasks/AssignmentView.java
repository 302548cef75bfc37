package cn.chuangwen.tasks;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An assignment as pages and the API show it, with its state on the day it was read. Grouped into
 * small records (what, who, target, schedule, progress); the flat accessors below are shorthands
 * the templates and other modules read.
 */
public record AssignmentView(long id, long cityId, IndicatorRef indicator, UnitRef lead, List<UnitRef> cooperating,
		Responsible responsible, Target target, Schedule schedule, Progress progress, Withdrawal withdrawal,
		int version) {

	/** The leaf indicator assigned, as copied onto the assignment. */
	public record IndicatorRef(long systemId, long id, String code, String name, long groupId) {
	}

	/** A unit by id and name. */
	public record UnitRef(long id, String name) {
	}

	/** The responsible person (责任人). */
	public record Responsible(String name, String post, String phone) {
	}

	/**
	 * What is to be reached: a description and, for a numeric indicator, the city target and this
	 * unit's share of it (分解量) in the indicator's unit (e.g. 平方米, 座).
	 */
	public record Target(String description, BigDecimal cityValue, BigDecimal share, String unit) {

		/** What this assignment's progress is measured against: the share, else the whole city target. */
		public BigDecimal value() {
			return share != null ? share : cityValue;
		}

	}

	/** Start, deadline and the roadmap of milestones (倒排工期). */
	public record Schedule(LocalDate start, LocalDate deadline, List<Milestone> milestones) {
	}

	/** Approved progress, the state of the day and the sign-off (销号). */
	public record Progress(int percent, BigDecimal valueReached, AssignmentState state, int expectedPercent,
			Instant signedOffAt, String signedOffBy) {
	}

	/** Who withdrew the assignment (撤销), when and why. */
	public record Withdrawal(Instant at, String by, String reason) {
	}

	public long daysLeft(LocalDate today) {
		return java.time.temporal.ChronoUnit.DAYS.between(today, deadline());
	}

	public boolean withdrawn() {
		return withdrawal != null;
	}

	public long systemId() {
		return indicator.systemId();
	}

	public long indicatorId() {
		return indicator.id();
	}

	public String indicatorCode() {
		return indicator.code();
	}

	public String indicatorName() {
		return indicator.name();
	}

	public long groupId() {
		return indicator.groupId();
	}

	public long leadUnitId() {
		return lead.id();
	}

	public String leadUnitName() {
		return lead.name();
	}

	public List<Long> cooperatingUnitIds() {
		return cooperating.stream().map(UnitRef::id).toList();
	}

	public List<String> cooperatingUnitNames() {
		return cooperating.stream().map(UnitRef::name).toList();
	}

	public String targetDescription() {
		return target.description();
	}

	/** The value progress is measured against (this unit's share, else the city target); null if not numeric. */
	public BigDecimal targetValue() {
		return target.value();
	}

	public String targetUnit() {
		return target.unit();
	}

	public LocalDate startDate() {
		return schedule.start();
	}

	public LocalDate deadline() {
		return schedule.deadline();
	}

	public List<Milestone> milestones() {
		return schedule.milestones();
	}

	public int percent() {
		return progress.percent();
	}

	public BigDecimal valueReached() {
		return progress.valueReached();
	}

	public AssignmentState state() {
		return progress.state();
	}

	public int expectedPercent() {
		return progress.expectedPercent();
	}

	public Instant signedOffAt() {
		return progress.signedOffAt();
	}

	public String signedOffBy() {
		return progress.signedOffBy();
	}

}
