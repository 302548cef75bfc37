package cn.chuangwen.evaluation.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import cn.chuangwen.evaluation.ScoreLine;
import cn.chuangwen.evaluation.ScoreSource;
import cn.chuangwen.evaluation.SchemeView;
import cn.chuangwen.evaluation.internal.rules.SchemeRules;
import cn.chuangwen.evaluation.internal.rules.SourceValue;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.shared.PeriodCode;

/**
 * Computes a period's scores under a city's schemes: reads each needed source once for the whole
 * city (one query or a few per source), then scores every scheme's ranking group by {@link SchemeRules}.
 */
@Component
public class ScoreEngine {

	/** The most units a city's computation reads. */
	static final int MAX_UNITS = 100_000;

	private final List<SourceReader> readers;

	private final Units units;

	private final EvaluationStore store;

	ScoreEngine(List<SourceReader> readers, Units units, EvaluationStore store) {
		this.readers = readers;
		this.units = units;
		this.store = store;
	}

	/** The sources the city may use in schemes of {@code kind}: those a reader has for it, and MANUAL. */
	public Set<ScoreSource> available(CityView city, PeriodCode.Kind kind) {
		Set<ScoreSource> out = EnumSet.of(ScoreSource.MANUAL);
		for (SourceReader r : readers) {
			if (r.available(city, kind)) {
				out.addAll(r.sources());
			}
		}
		return out;
	}

	/** The names of the open inspection rounds that keep the period from closing. */
	public List<String> openRounds(CityView city, PeriodCode period) {
		return readers.stream()
			.filter(InspectionReader.class::isInstance)
			.map(InspectionReader.class::cast)
			.flatMap(r -> r.openRounds(city, period).stream())
			.toList();
	}

	/** Every scheme's lines for the period, by scheme id, from the data as it is now. */
	public Map<Long, List<ScoreLine>> compute(CityView city, PeriodCode period, List<SchemeView> schemes) {
		return compute(city, period, schemes, Map.of());
	}

	/**
	 * As {@link #compute(CityView, PeriodCode, List)}, but the values in {@code known} (unit → source →
	 * value, e.g. a snapshot's parts) are taken as they are and only the other sources are read.
	 */
	public Map<Long, List<ScoreLine>> compute(CityView city, PeriodCode period, List<SchemeView> schemes,
			Map<Long, Map<ScoreSource, SourceValue>> known) {
		Set<ScoreSource> needed = EnumSet.noneOf(ScoreSource.class);
		Set<String> groups = new HashSet<>();
		for (SchemeView s : schemes) {
			s.sources().forEach(p -> needed.add(p.source()));
			groups.add(s.rankingGroup());
		}
		Set<ScoreSource> knownSources = EnumSet.noneOf(ScoreSource.class);
		known.values().forEach(m -> knownSources.addAll(m.keySet()));
		Map<Long, Map<ScoreSource, SourceValue>> values = new HashMap<>();
		for (SourceReader r : readers) {
			boolean wanted = r.sources().stream().anyMatch(s -> needed.contains(s) && !knownSources.contains(s));
			if (wanted && r.available(city, period.kind())) {
				r.read(city, period, values);
			}
		}
		known.forEach((unit, m) -> values.computeIfAbsent(unit, u -> new java.util.EnumMap<>(ScoreSource.class)).putAll(m));
		Map<Long, List<BigDecimal>> manual = new HashMap<>();
		if (needed.contains(ScoreSource.MANUAL)) {
			store.items(city.id(), period.text(), Integer.MAX_VALUE)
				.forEach(i -> manual.computeIfAbsent(i.unitId(), u -> new ArrayList<>()).add(i.points()));
		}
		Map<String, List<SchemeRules.UnitInput>> byGroup = new HashMap<>();
		for (UnitView u : units.search(DataScope.all(), new UnitQuery(city.code(), null, null, null, null), MAX_UNITS)) {
			if (u.active() && u.rankingGroup() != null && groups.contains(u.rankingGroup())) {
				byGroup.computeIfAbsent(u.rankingGroup(), g -> new ArrayList<>())
					.add(new SchemeRules.UnitInput(u.id(), u.code(), u.name(), u.rankingGroup(),
							values.getOrDefault(u.id(), Map.of()), manual.getOrDefault(u.id(), List.of())));
			}
		}
		Map<Long, List<ScoreLine>> out = new LinkedHashMap<>();
		for (SchemeView s : schemes) {
			out.put(s.id(), SchemeRules.score(s, byGroup.getOrDefault(s.rankingGroup(), List.of())));
		}
		return out;
	}

}
