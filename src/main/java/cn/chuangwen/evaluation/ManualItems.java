package cn.chuangwen.evaluation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.evaluation.internal.EvaluationStore;
import cn.chuangwen.evaluation.internal.EvaluationStore.ManualItem;
import cn.chuangwen.organization.CityView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.PeriodCode;

/**
 * Bonus and penalty items (加分/扣分, e.g. media exposure −2, innovation case +1) of a unit in a
 * period, entered by the office with a reason, traced. Only while the period is open: a closed
 * period's data never changes its snapshot. A scheme's MANUAL cap bounds their sum per unit.
 */
@Service
public class ManualItems {

	/** The most points one item may give or take. */
	public static final BigDecimal MAX_POINTS = BigDecimal.valueOf(20);

	public static final int MAX_REASON = 500;

	/** How many items a list without a period shows. */
	public static final int RECENT = 200;

	/** An item as the office enters it. */
	public record Draft(String period, Long unitId, BigDecimal points, String reason) {
	}

	/** An item as listed: with the unit's name. */
	public record Item(long id, String period, long unitId, String unitName, BigDecimal points, String reason,
			Instant createdAt, String createdBy) {
	}

	private final EvaluationStore store;

	private final EvaluationAccess access;

	private final Units units;

	private final AuditTrail audit;

	ManualItems(EvaluationStore store, EvaluationAccess access, Units units, AuditTrail audit) {
		this.store = store;
		this.access = access;
		this.units = units;
		this.audit = audit;
	}

	/** The items of a period of the office's city (without a period: the newest {@value #RECENT}), newest first. */
	@Transactional(readOnly = true)
	public List<Item> list(CurrentUser user, String period) {
		CityView city = access.manage(user);
		String code = period == null || period.isBlank() ? null : PeriodCode.parse(period).text();
		List<ManualItem> items = store.items(city.id(), code, RECENT);
		java.util.Map<Long, String> names = new java.util.HashMap<>();
		units.findAll(DataScope.all(), items.stream().map(ManualItem::unitId).distinct().toList())
			.forEach(u -> names.put(u.id(), u.name()));
		return items.stream()
			.map(i -> new Item(i.id(), i.periodCode(), i.unitId(), names.getOrDefault(i.unitId(), ""), i.points(),
					i.reason(), i.createdAt(), i.createdBy()))
			.toList();
	}

	/** The units an item may be for: the office's city's active units with a ranking group, by group and name. */
	@Transactional(readOnly = true)
	public List<UnitView> units(CurrentUser user) {
		CityView city = access.manage(user);
		return units.search(DataScope.all(), new cn.chuangwen.organization.UnitQuery(city.code(), null, null, true, null), 100_000)
			.stream()
			.filter(u -> u.rankingGroup() != null && !u.rankingGroup().isEmpty())
			.sorted(java.util.Comparator.comparing(UnitView::rankingGroup).thenComparing(UnitView::code))
			.toList();
	}

	/**
	 * Adds an item: 400 for a bad period, a unit not of the city's ranked units, points 0 or beyond
	 * ±20, no reason; 409 when the period is closed.
	 */
	@Transactional
	public Item add(CurrentUser user, Draft draft) {
		CityView city = access.manage(user);
		List<FieldProblem> problems = new ArrayList<>();
		PeriodCode code = null;
		try {
			code = PeriodCode.parse(draft.period());
		}
		catch (InvalidInputException ex) {
			problems.addAll(ex.problems());
		}
		UnitView unit = draft.unitId() == null ? null
				: units.find(DataScope.all(), draft.unitId())
					.filter(u -> u.cityId() == city.id() && u.active() && u.rankingGroup() != null)
					.orElse(null);
		if (unit == null) {
			problems.add(FieldProblem.of("unitId", "evaluation.error.unit"));
		}
		BigDecimal points = draft.points();
		if (points == null || points.signum() == 0 || points.abs().compareTo(MAX_POINTS) > 0 || points.scale() > 2) {
			problems.add(FieldProblem.of("points", "evaluation.error.points", MAX_POINTS));
		}
		String reason = draft.reason() == null ? "" : draft.reason().strip();
		if (reason.isEmpty() || reason.length() > MAX_REASON) {
			problems.add(FieldProblem.of("reason", "evaluation.error.reason", MAX_REASON));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		EvaluationStore.PeriodRow row = store.lock(city.id(), code);
		if (row.state() != PeriodState.OPEN) {
			throw new ConflictException("evaluation.error.itemClosed", code.text());
		}
		Instant now = access.clock().instant();
		long id = store.insertItem(new ManualItem(0, city.id(), code.text(), unit.id(), points, reason, now,
				user.username()));
		audit.record(AuditEntry.of("EVALUATION_ITEM_ADD")
			.city(city.id())
			.object("evaluation_manual_item", id)
			.reason(reason)
			.change("period", null, code.text())
			.change("unit", null, unit.name())
			.change("points", null, points.toPlainString()));
		return new Item(id, code.text(), unit.id(), unit.name(), points, reason, now, user.username());
	}

}
