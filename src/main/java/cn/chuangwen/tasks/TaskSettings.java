package cn.chuangwen.tasks;

import java.time.LocalDate;

/** A city's thresholds for the state computation and evidence checks. */
public record TaskSettings(int atRiskPoints, int atRiskDays, int oldPhotoDays, LocalDate assessmentDate, int version) {

	public static TaskSettings defaults() {
		return new TaskSettings(20, 7, 30, null, 0);
	}

}
