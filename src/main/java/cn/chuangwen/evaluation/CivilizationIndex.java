package cn.chuangwen.evaluation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.evaluation.internal.IndexStore;
import cn.chuangwen.evaluation.internal.rules.IndexRule;
import cn.chuangwen.organization.Cities;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.PeriodCode;

/**
 * The civilization index (文明指数, X6): the office names one quarterly score scheme of its city as
 * the index, so the formula is the scheme's sources and weights (data, not code). A town's index of a
 * quarter is its frozen total in that scheme; the city's index is the mean of its towns' indexes
 * ({@link IndexRule}). The public page shows the published quarters only, with their history.
 */
@Service
public class CivilizationIndex {

	private final IndexStore store;

	private final EvaluationAccess access;

	private final Cities cities;

	private final AuditTrail audit;

	CivilizationIndex(IndexStore store, EvaluationAccess access, Cities cities, AuditTrail audit) {
		this.store = store;
		this.access = access;
		this.cities = cities;
		this.audit = audit;
	}

	/** A quarter of the history: the city's index and how many towns it rests on. */
	public record Quarter(String period, BigDecimal cityIndex, int towns) {
	}

	/** A town's index in the latest published quarter. */
	public record Town(String unitName, BigDecimal index, Integer rank) {
	}

	/** What the public page shows: the scheme, the history oldest first, the latest quarter's towns. */
	public record Published(CityView city, String schemeName, List<Quarter> history, List<Town> latest) {

		public Quarter last() {
			return history.isEmpty() ? null : history.get(history.size() - 1);
		}

	}

	/** The id of the office's index scheme, if named. */
	@Transactional(readOnly = true)
	public Optional<Long> schemeId(CurrentUser user) {
		CityView city = access.manage(user);
		return store.indexScheme(city.id()).map(IndexStore.Scheme::id);
	}

	/**
	 * Names the office's quarterly scheme {@code schemeId} as the city's index; blank clears it. A
	 * scheme of another city, unknown or not quarterly is 400 on {@code schemeId}, nothing changed.
	 */
	@Transactional
	public void designate(CurrentUser user, String schemeId) {
		CityView city = access.manage(user);
		String text = schemeId == null ? "" : schemeId.strip();
		Optional<IndexStore.Scheme> before = store.indexScheme(city.id());
		IndexStore.Scheme chosen = null;
		if (!text.isEmpty()) {
			long id;
			try {
				id = Long.parseLong(text);
			}
			catch (NumberFormatException ex) {
				throw new InvalidInputException(FieldProblem.of("schemeId", "evaluation.index.error.scheme", text));
			}
			chosen = store.scheme(city.id(), id)
				.filter(s -> PeriodCode.Kind.QUARTER.name().equals(s.periodKind()))
				.orElseThrow(() -> new InvalidInputException(FieldProblem.of("schemeId", "evaluation.index.error.scheme", text)));
		}
		store.setIndexScheme(city.id(), chosen == null ? null : chosen.id(), access.clock().instant(), user.username());
		audit.record(AuditEntry.of("CIVILIZATION_INDEX_SET")
			.city(city.id())
			.object("evaluation_scheme", chosen == null ? before.map(IndexStore.Scheme::id).orElse(null) : chosen.id())
			.change("scheme", before.map(IndexStore.Scheme::name).orElse(null), chosen == null ? null : chosen.name()));
	}

	/** The city's published index for anyone; empty for an unknown city or one without an index scheme. */
	@Transactional(readOnly = true)
	public Optional<Published> published(String cityCode) {
		Optional<CityView> city = cities.byCode(cityCode == null ? "" : cityCode.trim());
		if (city.isEmpty()) {
			return Optional.empty();
		}
		Optional<IndexStore.Scheme> scheme = store.indexScheme(city.get().id());
		if (scheme.isEmpty()) {
			return Optional.empty();
		}
		Map<String, List<IndexStore.TownTotal>> byPeriod = new LinkedHashMap<>();
		for (IndexStore.TownTotal t : store.publishedTotals(city.get().id(), scheme.get().id())) {
			byPeriod.computeIfAbsent(t.period(), p -> new ArrayList<>()).add(t);
		}
		List<Quarter> history = new ArrayList<>();
		byPeriod.forEach((period, towns) -> {
			List<BigDecimal> totals = towns.stream().map(IndexStore.TownTotal::total).toList();
			history.add(new Quarter(period, IndexRule.cityIndex(totals), (int) totals.stream().filter(v -> v != null).count()));
		});
		List<Town> latest = history.isEmpty() ? List.of()
				: byPeriod.get(history.get(history.size() - 1).period()).stream()
					.map(t -> new Town(t.unitName(), t.total(), t.rank()))
					.toList();
		return Optional.of(new Published(city.get(), scheme.get().name(), history, latest));
	}

}
