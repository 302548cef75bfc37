package cn.chuangwen.evaluation.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import cn.chuangwen.evaluation.ScoreSource;
import cn.chuangwen.evaluation.internal.rules.InspectionRule;
import cn.chuangwen.evaluation.internal.rules.SourceValue;
import cn.chuangwen.inspections.InspectionResults;
import cn.chuangwen.inspections.InspectionRules;
import cn.chuangwen.inspections.InspectionSettings;
import cn.chuangwen.inspections.ResultLine;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.shared.PeriodCode;

/**
 * INSPECTION from the inspections module's composite (its own 40/60 or 50/50 weights): for an
 * evaluation period made of whole inspection periods (a quarter or year of months, a year of
 * bimonths, or the same kind), the mean of the unit's composites over them. A city that never set
 * up inspections, or a period shorter than or across its inspection periods (a week; a quarter of a
 * bimonthly city), lacks the source.
 */
@Component
class InspectionReader implements SourceReader {

	private final InspectionResults results;

	private final InspectionSettings settings;

	InspectionReader(InspectionResults results, InspectionSettings settings) {
		this.results = results;
		this.settings = settings;
	}

	@Override
	public Set<ScoreSource> sources() {
		return Set.of(ScoreSource.INSPECTION);
	}

	@Override
	public boolean available(CityView city, PeriodCode.Kind kind) {
		Optional<InspectionRules> rules = settings.configured(city.id());
		return rules.isPresent() && fits(rules.get().periodKind(), kind);
	}

	/** Whether periods of {@code kind} are made of whole inspection periods of {@code inspection}. */
	static boolean fits(PeriodCode.Kind inspection, PeriodCode.Kind kind) {
		return switch (inspection) {
			case MONTH -> kind != PeriodCode.Kind.WEEK;
			case BIMONTH -> kind == PeriodCode.Kind.BIMONTH || kind == PeriodCode.Kind.YEAR;
			default -> false;
		};
	}

	@Override
	public void read(CityView city, PeriodCode period, Map<Long, Map<ScoreSource, SourceValue>> into) {
		Optional<InspectionRules> rules = settings.configured(city.id());
		if (rules.isEmpty() || !fits(rules.get().periodKind(), period.kind())) {
			return;
		}
		Map<Long, List<BigDecimal>> composites = new HashMap<>();
		Map<Long, Integer> points = new HashMap<>();
		for (PeriodCode sub : within(rules.get().periodKind(), period)) {
			for (ResultLine l : results.lines(city, sub)) {
				composites.computeIfAbsent(l.unitId(), u -> new ArrayList<>()).add(l.composite());
				points.merge(l.unitId(), l.points(), Integer::sum);
			}
		}
		composites.forEach((unit, list) -> into.computeIfAbsent(unit, u -> new EnumMap<>(ScoreSource.class))
			.put(ScoreSource.INSPECTION, InspectionRule.value(list, points.getOrDefault(unit, 0))));
	}

	/** The names of the city's open inspection rounds in periods overlapping {@code period}. */
	List<String> openRounds(CityView city, PeriodCode period) {
		PeriodCode.Kind kind = settings.rules(city.id()).periodKind();
		if (kind != PeriodCode.Kind.MONTH && kind != PeriodCode.Kind.BIMONTH) {
			return List.of();
		}
		List<String> open = new ArrayList<>();
		for (PeriodCode sub : within(kind, period)) {
			open.addAll(results.openRounds(city.id(), sub));
		}
		return open;
	}

	/** The periods of {@code kind} overlapping {@code period}, in order. */
	static List<PeriodCode> within(PeriodCode.Kind kind, PeriodCode period) {
		List<PeriodCode> out = new ArrayList<>();
		for (PeriodCode p = PeriodCode.of(kind, period.start()); p.start().isBefore(period.end()); p = p.next()) {
			out.add(p);
		}
		return out;
	}

}
