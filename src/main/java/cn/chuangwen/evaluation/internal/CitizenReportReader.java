package cn.chuangwen.evaluation.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import cn.chuangwen.evaluation.ScoreSource;
import cn.chuangwen.evaluation.internal.rules.CitizenReportRule;
import cn.chuangwen.evaluation.internal.rules.SourceValue;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.participation.ReportFigures;
import cn.chuangwen.shared.PeriodCode;

/** CITIZEN_REPORTS from the participation module's handling figures; a city without reports lacks it. */
@Component
class CitizenReportReader implements SourceReader {

	private final ReportFigures figures;

	CitizenReportReader(ReportFigures figures) {
		this.figures = figures;
	}

	@Override
	public Set<ScoreSource> sources() {
		return Set.of(ScoreSource.CITIZEN_REPORTS);
	}

	@Override
	public boolean available(CityView city, PeriodCode.Kind kind) {
		return figures.any(city.id());
	}

	@Override
	public void read(CityView city, PeriodCode period, Map<Long, Map<ScoreSource, SourceValue>> into) {
		for (ReportFigures.UnitHandling h : figures.of(city.id(), period)) {
			into.computeIfAbsent(h.unitId(), u -> new EnumMap<>(ScoreSource.class))
				.put(ScoreSource.CITIZEN_REPORTS, CitizenReportRule.value(h.due(), h.onTime(), h.rated(), h.starSum()));
		}
	}

}
