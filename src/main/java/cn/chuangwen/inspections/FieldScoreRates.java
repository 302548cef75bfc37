package cn.chuangwen.inspections;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.inspections.internal.FieldRateStore;
import cn.chuangwen.organization.DataScope;

/**
 * Field score rates (得分率) as the national field test would find them, from the item results of
 * the city's closed inspection rounds: per checklist item group (point type, and the indicator leaf
 * the items name), the points deducted against the points the items could lose. A read model for
 * the predicted score; it reads only for a scope covering the whole city (else nothing).
 */
@Service
public class FieldScoreRates {

	/**
	 * One group of item results: the point type, the indicator leaf the items name (null: none), how
	 * many results, the points deducted and the most they could have deducted (the items' caps), how
	 * many distinct points had a deduction and how many points were checked.
	 */
	public record Group(PointType pointType, Long indicatorId, long results, BigDecimal deducted, BigDecimal possible,
			long failingPoints, long points) {
	}

	private final FieldRateStore store;

	public FieldScoreRates(FieldRateStore store) {
		this.store = store;
	}

	/**
	 * The groups of the rounds closed in [{@code from}, {@code to}); empty unless {@code scope}
	 * covers the whole city.
	 */
	@Transactional(readOnly = true)
	public List<Group> groups(DataScope scope, long cityId, Instant from, Instant to) {
		boolean wholeCity = scope.kind() == DataScope.Kind.CITY || scope.kind() == DataScope.Kind.ALL;
		if (!wholeCity || !scope.includesCity(cityId)) {
			return List.of();
		}
		return store.rates(cityId, from, to)
			.stream()
			.flatMap(r -> type(r.pointType())
				.map(t -> new Group(t, r.indicatorId(), r.results(), r.deducted(), r.possible(), r.failingPoints(),
						r.points()))
				.stream())
			.toList();
	}

	private static Optional<PointType> type(String name) {
		return PointType.parse(name);
	}

}
