package cn.chuangwen.tasks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.indicators.IndicatorView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.LeaderAttachmentView;
import cn.chuangwen.organization.LeaderAttachments;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.tasks.internal.AssignmentStore;

/**
 * The battle map (挂图作战): units (rows, grouped by ranking group) against indicator groups
 * (columns), each cell counting the unit's assignments per state. One aggregate query.
 */
@Service
public class BattleMap {

	public record Group(long id, String code, String name) {
	}

	public record Row(long id, String name, String group, UnitKind kind) {
	}

	public record Cell(long unitId, String groupCode, Map<AssignmentState, Long> counts) {

		public long total() {
			return counts.values().stream().mapToLong(Long::longValue).sum();
		}

		/** The most urgent state present, for the cell's colour. */
		public AssignmentState worst() {
			for (AssignmentState s : List.of(AssignmentState.OVERDUE, AssignmentState.AT_RISK,
					AssignmentState.NOT_STARTED, AssignmentState.ON_TRACK, AssignmentState.SIGNED_OFF)) {
				if (counts.getOrDefault(s, 0L) > 0) {
					return s;
				}
			}
			return null;
		}

	}

	public record Data(IndicatorSystemView system, List<Group> groups, List<Row> units, List<Cell> cells,
			Map<AssignmentState, Long> totals) {

		public Cell cell(long unitId, String groupCode) {
			for (Cell c : cells) {
				if (c.unitId() == unitId && c.groupCode().equals(groupCode)) {
					return c;
				}
			}
			return null;
		}

	}

	private final AssignmentStore store;

	private final IndicatorSystems indicators;

	private final Units units;

	private final Assignments assignments;

	private final LeaderAttachments attachments;

	public BattleMap(AssignmentStore store, IndicatorSystems indicators, Units units, Assignments assignments,
			LeaderAttachments attachments) {
		this.store = store;
		this.indicators = indicators;
		this.units = units;
		this.assignments = assignments;
		this.attachments = attachments;
	}

	/** The map of one indicator system, optionally narrowed to a group code and a unit kind. */
	@Transactional(readOnly = true)
	public Data of(CurrentUser user, long systemId, String groupCode, UnitKind kind) {
		return of(user, systemId, groupCode, kind, null);
	}

	/**
	 * The map of one indicator system, optionally narrowed to a group code, a unit kind and the units
	 * a leader is attached to (挂点) together with the units below them; {@code leaderUserId} null
	 * means every unit. A leader without attachments in the caller's scope leaves no rows.
	 */
	@Transactional(readOnly = true)
	public Data of(CurrentUser user, long systemId, String groupCode, UnitKind kind, Long leaderUserId) {
		IndicatorSystemView system = indicators.get(user.scope(), systemId);
		List<IndicatorView> allGroups = indicators.groups(user.scope(), systemId);
		Map<Long, Group> groups = new LinkedHashMap<>();
		for (IndicatorView g : allGroups) {
			if (groupCode == null || groupCode.isBlank() || g.code().equals(groupCode)) {
				groups.put(g.id(), new Group(g.id(), g.code(), g.name()));
			}
		}
		// Narrowed and counted in SQL; only the units that have rows are read, for their names.
		List<String> subtrees = leaderUserId == null ? null
				: attachments.attachmentsOf(user, leaderUserId).stream().map(LeaderAttachmentView::unitPath).toList();
		Map<String, Cell> cells = new LinkedHashMap<>();
		Map<AssignmentState, Long> totals = new EnumMap<>(AssignmentState.class);
		TreeSet<Long> unitIds = new TreeSet<>();
		AssignmentState[] states = AssignmentState.values();
		for (long[] c : store.countsByUnitGroupState(systemId, user.scope(), assignments.today(),
				store.settings(system.cityId()), kind, subtrees)) {
			Group g = groups.get(c[1]);
			if (g == null) {
				continue;
			}
			unitIds.add(c[0]);
			Cell cell = cells.computeIfAbsent(c[0] + "/" + g.code(),
					k -> new Cell(c[0], g.code(), new EnumMap<>(AssignmentState.class)));
			cell.counts().merge(states[(int) c[2]], c[3], Long::sum);
			totals.merge(states[(int) c[2]], c[3], Long::sum);
		}
		Map<Long, UnitView> unitsById = new HashMap<>();
		units.findAll(user.scope(), unitIds).forEach(u -> unitsById.put(u.id(), u));
		List<Row> rows = new ArrayList<>();
		for (Long id : unitIds) {
			UnitView u = unitsById.get(id);
			if (u == null) {
				continue;
			}
			rows.add(new Row(u.id(), u.name(), u.rankingGroup() == null ? "" : u.rankingGroup(), u.kind()));
		}
		rows.sort(Comparator.comparing(Row::group).thenComparing(Row::name));
		return new Data(system, List.copyOf(groups.values()), rows, List.copyOf(cells.values()), totals);
	}

}
