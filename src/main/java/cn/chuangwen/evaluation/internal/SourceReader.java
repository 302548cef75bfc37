package cn.chuangwen.evaluation.internal;

import java.util.Map;
import java.util.Set;

import cn.chuangwen.evaluation.ScoreSource;
import cn.chuangwen.evaluation.internal.rules.SourceValue;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.shared.PeriodCode;

/**
 * Reads one or more sources' values of a city's period from the module that owns the data and
 * normalises them by their rule. The seam for a new source (the surveys module's SURVEY): a bean of
 * this type naming it.
 */
public interface SourceReader {

	/** The sources this reader gives. */
	Set<ScoreSource> sources();

	/** Whether the city has this reader's data for periods of {@code kind} (a scheme may use it). */
	boolean available(CityView city, PeriodCode.Kind kind);

	/** Puts every unit's values of the period into {@code into} (unit id → source → value). */
	void read(CityView city, PeriodCode period, Map<Long, Map<ScoreSource, SourceValue>> into);

}
