package cn.chuangwen.participation;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.participation.internal.CitizenReportStore;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.shared.PeriodCode;

/**
 * How each unit handled the citizen reports that became its problems, per period, for another
 * module's computation (the evaluation's CITIZEN_REPORTS source). Not a read for a person: the
 * caller scopes what it shows. Reports count in the period they were made (Beijing time); rejected
 * ones are the office's answer, not the unit's, and do not count.
 */
@Service
public class ReportFigures {

	/** A unit's reports due, rectified on time, rated, and the sum of their stars. */
	public record UnitHandling(long unitId, long due, long onTime, long rated, long starSum) {
	}

	private final CitizenReportStore store;

	ReportFigures(CitizenReportStore store) {
		this.store = store;
	}

	/** The units' handling of the reports made in the period, as it stood at the period's end. */
	@Transactional(readOnly = true)
	public List<UnitHandling> of(long cityId, PeriodCode period) {
		var end = period.end().atStartOfDay(Problems.ZONE).toInstant();
		return store.handling(cityId, period.start().atStartOfDay(Problems.ZONE).toInstant(), end, end)
			.stream()
			.map(h -> new UnitHandling(h.unitId(), h.due(), h.onTime(), h.rated(), h.starSum()))
			.toList();
	}

	/** Whether the city has any citizen report (a scheme may then use the source). */
	@Transactional(readOnly = true)
	public boolean any(long cityId) {
		return store.anyReport(cityId);
	}

}
