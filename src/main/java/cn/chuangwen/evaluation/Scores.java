package cn.chuangwen.evaluation;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.evaluation.internal.EvaluationStore;
import cn.chuangwen.evaluation.internal.ScoreEngine;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.PeriodCode;

/**
 * A period's scores (issue 10 §5): a closed or published period from its frozen snapshot; the
 * running (open) period computed live, for the office only. Without a period: the newest closed one
 * the caller may read. Who reads what: see {@link EvaluationAccess}; a unit reads only its own line
 * of a published period, and anyone else a period they may not read gets 404.
 */
@Service
public class Scores {

	/** A period's scores as read: the period, its ranking groups, and the lines (of one group or all). */
	public record Result(PeriodView period, List<String> groups, List<ScoreLine> lines, boolean live) {
	}

	private final EvaluationStore store;

	private final ScoreEngine engine;

	private final EvaluationAccess access;

	private final EvaluationPeriods periods;

	private final cn.chuangwen.organization.Cities cities;

	Scores(EvaluationStore store, ScoreEngine engine, EvaluationAccess access, EvaluationPeriods periods,
			cn.chuangwen.organization.Cities cities) {
		this.cities = cities;
		this.store = store;
		this.engine = engine;
		this.access = access;
		this.periods = periods;
	}

	/** The scores; empty when no period was given and none the caller may read exists. */
	@Transactional(readOnly = true)
	public Optional<Result> scores(CurrentUser user, String cityCode, String period, String rankingGroup) {
		CityView city = access.read(user, cityCode);
		boolean office = EvaluationAccess.office(user);
		boolean whole = EvaluationAccess.wholeCity(user);
		String group = rankingGroup == null || rankingGroup.isBlank() ? null : rankingGroup.strip();
		Optional<EvaluationStore.PeriodRow> row;
		PeriodCode code;
		if (period == null || period.isBlank()) {
			row = store.periods(city.id())
				.stream()
				.filter(r -> r.state() == PeriodState.PUBLISHED || whole && r.state() == PeriodState.CLOSED)
				.max(Comparator.comparing((EvaluationStore.PeriodRow r) -> PeriodCode.parse(r.code()).end())
					.thenComparing(r -> PeriodCode.parse(r.code()).start()));
			if (row.isEmpty()) {
				return Optional.empty();
			}
			code = PeriodCode.parse(row.get().code());
		}
		else {
			code = PeriodCode.parse(period);
			row = store.period(city.id(), code.text());
		}
		PeriodState state = row.map(EvaluationStore.PeriodRow::state).orElse(PeriodState.OPEN);
		PeriodView view = periods.view(city, code);
		if (state == PeriodState.OPEN) {
			if (!office) {
				throw new NotFoundException("evaluation_period", code.text());
			}
			List<SchemeView> schemes = store.schemes(city.id(), code.kind())
				.stream()
				.filter(s -> group == null || s.rankingGroup().equals(group))
				.toList();
			List<ScoreLine> lines = engine.compute(city, code, schemes).values().stream().flatMap(List::stream).toList();
			List<String> groups = store.schemes(city.id(), code.kind()).stream().map(SchemeView::rankingGroup).sorted().toList();
			return Optional.of(new Result(view, groups, lines, true));
		}
		if (!whole && state != PeriodState.PUBLISHED) {
			throw new NotFoundException("evaluation_period", code.text());
		}
		Long unit = whole ? null : user.unitId() == null ? Long.valueOf(-1) : user.unitId();
		List<ScoreLine> lines = store.frozen(row.get().id(), group, unit);
		return Optional.of(new Result(view, store.frozenGroups(row.get().id()), lines, false));
	}

	/**
	 * A published period's results for anyone (the public page): empty for an unknown city, a text
	 * that is no period code, or a period not published.
	 */
	@Transactional(readOnly = true)
	public Optional<Result> published(String cityCode, String period) {
		Optional<CityView> city = cities.byCode(cityCode == null ? "" : cityCode.trim());
		if (city.isEmpty()) {
			return Optional.empty();
		}
		PeriodCode code;
		try {
			code = PeriodCode.parse(period);
		}
		catch (cn.chuangwen.shared.InvalidInputException ex) {
			return Optional.empty();
		}
		return store.period(city.get().id(), code.text())
			.filter(r -> r.state() == PeriodState.PUBLISHED)
			.map(r -> new Result(periods.view(city.get(), code), store.frozenGroups(r.id()), store.frozen(r.id(), null, null),
					false));
	}

	/** The lines of a result by ranking group, in the order read. */
	public static Map<String, List<ScoreLine>> byGroup(List<ScoreLine> lines) {
		Map<String, List<ScoreLine>> out = new java.util.LinkedHashMap<>();
		lines.forEach(l -> out.computeIfAbsent(l.rankingGroup(), g -> new java.util.ArrayList<>()).add(l));
		return out;
	}

}
