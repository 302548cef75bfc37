package cn.chuangwen.tasks;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An assignment as pages and the API show it, with its state on the day it was read. */
public record AssignmentView(long id, long cityId, long systemId, long indicatorId, String indicatorCode,
		String indicatorName, long groupId, long leadUnitId, String leadUnitName, List<Long> cooperatingUnitIds,
		List<String> cooperatingUnitNames, Responsible responsible, String targetDescription, BigDecimal targetValue,
		String targetUnit, LocalDate startDate, LocalDate deadline, int percent, BigDecimal valueReached,
		List<Milestone> milestones, Instant signedOffAt, String signedOffBy, AssignmentState state, int expectedPercent,
		int version) {

	/** The responsible person (责任人). */
	public record Responsible(String name, String post, String phone) {
	}

	public long daysLeft(LocalDate today) {
		return java.time.temporal.ChronoUnit.DAYS.between(today, deadline);
	}

}
