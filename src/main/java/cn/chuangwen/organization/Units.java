package cn.chuangwen.organization;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.organization.internal.UnitStore;
import cn.chuangwen.organization.internal.UnitStore.NewUnit;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;

/**
 * The unit tree of each city: find units within the caller's data scope, create, edit, move and
 * deactivate them. A unit is never deleted: its history stays in the trace.
 */
@Service
public class Units {

	public static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

	public static final Pattern PHONE = Pattern.compile("[0-9+\\- ]{5,20}");

	private final UnitStore store;

	private final AuditTrail audit;

	private final Clock clock;

	public Units(UnitStore store, AuditTrail audit, Clock clock) {
		this.store = store;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<UnitView> search(DataScope scope, UnitQuery query, int limit) {
		return store.search(scope, query, limit);
	}

	/** One page of the units in scope that match, paged in the database, with the total. */
	public Page<UnitView> page(DataScope scope, UnitQuery query, PageRequest page) {
		return store.page(scope, query, page);
	}

	/**
	 * Every unit in scope that matches, in list order, handed to {@code sink} with its parent's code
	 * while the rows are read: nothing is capped and the list is never held in memory (exports).
	 */
	@Transactional(readOnly = true)
	public void each(DataScope scope, UnitQuery query, UnitSink sink) {
		store.each(scope, query, sink);
	}

	/** Receives streamed units with the code of their parent (null for a city root). */
	@FunctionalInterface
	public interface UnitSink {

		void accept(UnitView unit, String parentCode);

	}

	/** The tops of the caller's part of the tree (a city root, or the own unit), optionally of one city. */
	@Transactional(readOnly = true)
	public List<UnitView> roots(DataScope scope, String cityCode) {
		return store.roots(scope, cityCode);
	}

	/** One page of the units directly under a parent, in scope; the tree opens a branch with it. */
	@Transactional(readOnly = true)
	public Page<UnitView> childrenPage(DataScope scope, long parentId,
			PageRequest page) {
		return store.childrenPage(scope, parentId, page);
	}

	/** How many units in scope lie directly under each parent given (parents without any are absent). */
	@Transactional(readOnly = true)
	public Map<Long, Long> childCounts(DataScope scope, Collection<Long> parentIds) {
		return parentIds.isEmpty() ? Map.of() : store.childCounts(scope, parentIds);
	}

	/** The units in scope among {@code ids}, in list order; ids out of scope or unknown are left out. */
	@Transactional(readOnly = true)
	public List<UnitView> findAll(DataScope scope, Collection<Long> ids) {
		return ids.isEmpty() ? List.of() : store.findAll(scope, ids);
	}

	/** The units in scope of one city with the given codes (an import resolves its codes in one read). */
	@Transactional(readOnly = true)
	public List<UnitView> findByCodes(DataScope scope, long cityId, Collection<String> codes) {
		return codes.isEmpty() ? List.of() : store.findByCodes(scope, cityId, codes);
	}

	/**
	 * What a unit picker offers: a page of the units in scope of the given kinds whose name or code
	 * contains {@code text} (active only when asked), outside the subtree {@code excludePath}.
	 */
	@Transactional(readOnly = true)
	public Page<UnitView> choices(DataScope scope, Set<UnitKind> kinds,
			boolean activeOnly, String text, String excludePath, PageRequest page) {
		return store.choices(scope, null, kinds.isEmpty() ? EnumSet.allOf(UnitKind.class) : kinds, activeOnly,
				text, excludePath, page);
	}

	/** How many units the caller can see, per kind, and how many of them are active. */
	public record Counts(Map<UnitKind, Long> byKind, long total, long active) {
	}

	@Transactional(readOnly = true)
	public Counts counts(DataScope scope) {
		var byKind = new EnumMap<UnitKind, Long>(UnitKind.class);
		long total = 0, active = 0;
		for (long[] row : store.countByKind(scope)) {
			byKind.put(UnitKind.values()[(int) row[0]], row[1]);
			total += row[1];
			active += row[2];
		}
		return new Counts(byKind, total, active);
	}

	@Transactional(readOnly = true)
	public Optional<UnitView> find(DataScope scope, long id) {
		return store.find(scope, id);
	}

	/** The unit, or 404 when it does not exist or lies outside the caller's scope. */
	@Transactional(readOnly = true)
	public UnitView get(DataScope scope, long id) {
		return store.find(scope, id).orElseThrow(() -> new NotFoundException("unit", id));
	}

	@Transactional(readOnly = true)
	public List<UnitView> children(DataScope scope, long parentId) {
		return store.children(scope, parentId);
	}

	@Transactional
	public UnitView create(CurrentUser user, UnitDraft draft) {
		requireWrite(user);
		List<FieldProblem> problems = new ArrayList<>();
		UnitView parent = null;
		if (draft.parentId() == null) {
			problems.add(FieldProblem.of("parentId", "unit.error.parent.required"));
		}
		else {
			parent = store.find(user.scope(), draft.parentId()).orElse(null);
			if (parent == null) {
				problems.add(FieldProblem.of("parentId", "unit.error.parent.unknown"));
			}
		}
		validate(draft, problems);
		if (parent != null && draft.kind() != null) {
			checkPlacement(draft.kind(), parent, "parentId", problems);
		}
		if (parent != null && draft.code() != null && CODE.matcher(draft.code().trim()).matches()
				&& store.codeExists(parent.cityId(), draft.code().trim())) {
			problems.add(FieldProblem.of("code", "unit.error.code.duplicate", draft.code().trim()));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		NewUnit fields = clean(draft);
		long id = store.insert(parent.cityId(), parent.path(), parent.id(), fields, clock.instant());
		AuditEntry entry = AuditEntry.of("UNIT_CREATE").city(parent.cityId()).object("unit", id);
		describe(entry, null, fields);
		entry.change("parent", null, parent.code());
		audit.record(entry);
		// Everything of the new row is known here: answer without reading it back (the hot write path).
		return new UnitView(id, parent.cityId(), parent.cityCode(), fields.code(), fields.name(), fields.kind(),
				parent.id(), parent.name(), parent.path() + id + "/", fields.rankingGroup(), fields.committeeMember(),
				fields.leaderName(), fields.liaisonName(), fields.liaisonPhone(), true, 0);
	}

	@Transactional
	public UnitView update(CurrentUser user, long id, int version, UnitDraft draft) {
		requireWrite(user);
		UnitView unit = get(user.scope(), id);
		List<FieldProblem> problems = new ArrayList<>();
		validate(draft, problems);
		if (draft.kind() != null && unit.kind() != draft.kind()) {
			if (unit.kind() == UnitKind.CITY) {
				problems.add(FieldProblem.of("kind", "unit.error.kind.city"));
			}
			else if (unit.parentId() != null) {
				checkPlacement(draft.kind(), store.findInCity(unit.cityId(), unit.parentId()).orElseThrow(), "kind",
						problems);
			}
		}
		if (draft.code() != null && !draft.code().trim().equals(unit.code())
				&& store.codeExists(unit.cityId(), draft.code().trim())) {
			problems.add(FieldProblem.of("code", "unit.error.code.duplicate", draft.code().trim()));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		NewUnit fields = clean(draft);
		if (!store.update(id, version, fields, clock.instant())) {
			throw new ConflictException("error.conflict");
		}
		AuditEntry entry = AuditEntry.of("UNIT_UPDATE").city(unit.cityId()).object("unit", id);
		describe(entry, unit, fields);
		audit.record(entry);
		return store.findInCity(unit.cityId(), id).orElseThrow();
	}

	/** Moves a unit (with everything under it) under a new parent of the same city. */
	@Transactional
	public UnitView move(CurrentUser user, long id, int version, long newParentId, String reason) {
		requireWrite(user);
		UnitView unit = get(user.scope(), id);
		List<FieldProblem> problems = new ArrayList<>();
		UnitView parent = store.find(user.scope(), newParentId).orElse(null);
		if (unit.kind() == UnitKind.CITY) {
			problems.add(FieldProblem.of("parentId", "unit.error.move.city"));
		}
		else if (parent == null || parent.cityId() != unit.cityId()) {
			problems.add(FieldProblem.of("parentId", "unit.error.parent.unknown"));
		}
		else if (parent.path().startsWith(unit.path())) {
			problems.add(FieldProblem.of("parentId", "unit.error.move.descendant"));
		}
		else {
			checkPlacement(unit.kind(), parent, "parentId", problems);
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		if (parent.id() == (unit.parentId() == null ? -1 : unit.parentId())) {
			return unit;
		}
		if (!store.move(unit, parent, version, clock.instant())) {
			throw new ConflictException("error.conflict");
		}
		audit.record(AuditEntry.of("UNIT_MOVE")
			.city(unit.cityId())
			.object("unit", id)
			.reason(blankToNull(reason))
			.change("parent", unit.parentName(), parent.name()));
		return store.findInCity(unit.cityId(), id).orElseThrow();
	}

	/** Deactivates a unit; refused while active units remain under it. */
	@Transactional
	public UnitView setActive(CurrentUser user, long id, int version, boolean active, String reason) {
		requireWrite(user);
		UnitView unit = get(user.scope(), id);
		if (unit.active() == active) {
			return unit;
		}
		if (!active && unit.kind() == UnitKind.CITY) {
			throw new InvalidInputException(FieldProblem.of("active", "unit.error.deactivate.city"));
		}
		if (!active && store.countActiveDescendants(unit) > 0) {
			throw new InvalidInputException(FieldProblem.of("active", "unit.error.deactivate.children"));
		}
		if (!active && (reason == null || reason.isBlank())) {
			throw new InvalidInputException(FieldProblem.of("reason", "unit.error.reason.required"));
		}
		if (!store.setActive(id, version, active, clock.instant())) {
			throw new ConflictException("error.conflict");
		}
		audit.record(AuditEntry.of(active ? "UNIT_ACTIVATE" : "UNIT_DEACTIVATE")
			.city(unit.cityId())
			.object("unit", id)
			.reason(blankToNull(reason))
			.change("active", unit.active(), active));
		return store.findInCity(unit.cityId(), id).orElseThrow();
	}

	/**
	 * The account of the unit's top leader (一把手), when one is named: problems of the unit long
	 * overdue are escalated to it (issue 8 §4).
	 */
	@Transactional(readOnly = true)
	public Optional<Long> topLeaderId(DataScope scope, long unitId) {
		return find(scope, unitId).flatMap(u -> store.topLeaderId(u.id()));
	}

	/** "名字 (username)" of the unit's top leader account (一把手), when one is named. */
	@Transactional(readOnly = true)
	public Optional<String> topLeaderLabel(DataScope scope, long unitId) {
		return topLeaderId(scope, unitId).flatMap(store::accountLabel);
	}

	/**
	 * The unit's top leader (一把手) as everything the unit owns shows it (a problem, an assignment): the
	 * named account, else the leader's name on the unit's record; empty without either, or for a unit
	 * outside the scope.
	 */
	@Transactional(readOnly = true)
	public Optional<String> topLeaderShown(DataScope scope, long unitId) {
		return find(scope, unitId).flatMap(u -> store.topLeaderId(u.id())
			.flatMap(store::accountLabel)
			.or(() -> Optional.ofNullable(u.leaderName()).filter(n -> !n.isBlank())));
	}

	/**
	 * Names the unit's top leader account, or with {@code userId} null clears it. The account must be
	 * enabled and attached to the unit itself; the unit's version is left alone, so an open edit form
	 * of the unit is not made stale.
	 */
	@Transactional
	public void setTopLeader(CurrentUser user, long unitId, Long userId, String reason) {
		requireWrite(user);
		UnitView unit = get(user.scope(), unitId);
		Long before = store.topLeaderId(unitId).orElse(null);
		if (java.util.Objects.equals(before, userId)) {
			return;
		}
		String after = null;
		if (userId != null) {
			after = store.enabledAccountLabel(unitId, userId)
				.orElseThrow(() -> new InvalidInputException(FieldProblem.of("userId", "unit.error.topLeader.account")));
		}
		if (reason != null && reason.length() > 500) {
			throw new InvalidInputException(FieldProblem.of("reason", "unit.error.reason.length", 500));
		}
		store.setTopLeader(unitId, userId, clock.instant());
		audit.record(AuditEntry.of("UNIT_TOP_LEADER")
			.city(unit.cityId())
			.object("unit", unitId)
			.reason(blankToNull(reason))
			.change("topLeader", before == null ? null : store.accountLabel(before).orElse(null), after));
	}

	static void requireWrite(CurrentUser user) {
		if (!user.can(Permissions.UNIT_WRITE)) {
			throw new org.springframework.security.access.AccessDeniedException(Permissions.UNIT_WRITE);
		}
	}

	static void validate(UnitDraft d, List<FieldProblem> problems) {
		if (d.code() == null || d.code().isBlank()) {
			problems.add(FieldProblem.of("code", "unit.error.code.required"));
		}
		else if (!CODE.matcher(d.code().trim()).matches()) {
			problems.add(FieldProblem.of("code", "unit.error.code.format"));
		}
		if (d.name() == null || d.name().isBlank()) {
			problems.add(FieldProblem.of("name", "unit.error.name.required"));
		}
		else if (d.name().trim().length() > 128) {
			problems.add(FieldProblem.of("name", "unit.error.name.long"));
		}
		if (d.kind() == null) {
			problems.add(FieldProblem.of("kind", "unit.error.kind.required"));
		}
		if (d.rankingGroup() != null && d.rankingGroup().trim().length() > 64) {
			problems.add(FieldProblem.of("rankingGroup", "unit.error.text.long", 64));
		}
		if (d.leaderName() != null && d.leaderName().trim().length() > 64) {
			problems.add(FieldProblem.of("leaderName", "unit.error.text.long", 64));
		}
		if (d.liaisonName() != null && d.liaisonName().trim().length() > 64) {
			problems.add(FieldProblem.of("liaisonName", "unit.error.text.long", 64));
		}
		if (d.liaisonPhone() != null && !d.liaisonPhone().isBlank()
				&& !PHONE.matcher(d.liaisonPhone().trim()).matches()) {
			problems.add(FieldProblem.of("liaisonPhone", "unit.error.phone.format"));
		}
	}

	public static void checkPlacement(UnitKind kind, UnitView parent, String field, List<FieldProblem> problems) {
		if (kind == UnitKind.CITY) {
			problems.add(FieldProblem.of("kind", "unit.error.kind.city"));
		}
		else if (!kind.allowedParents().contains(parent.kind())) {
			problems.add(FieldProblem.of(field, "unit.error.parent.kind", parent.name()));
		}
		else if (!parent.active()) {
			problems.add(FieldProblem.of(field, "unit.error.parent.inactive", parent.name()));
		}
	}

	static NewUnit clean(UnitDraft d) {
		return new NewUnit(d.code().trim(), d.name().trim(), d.kind(), blankToNull(d.rankingGroup()),
				d.committeeMember(), blankToNull(d.leaderName()), blankToNull(d.liaisonName()),
				blankToNull(d.liaisonPhone()));
	}

	public static void describe(AuditEntry entry, UnitView before, NewUnit after) {
		entry.change("code", before == null ? null : before.code(), after.code())
			.change("name", before == null ? null : before.name(), after.name())
			.change("kind", before == null ? null : before.kind(), after.kind())
			.change("rankingGroup", before == null ? null : before.rankingGroup(), after.rankingGroup())
			.change("committeeMember", before == null ? null : before.committeeMember(), after.committeeMember())
			.change("leaderName", before == null ? null : before.leaderName(), after.leaderName())
			.change("liaisonName", before == null ? null : before.liaisonName(), after.liaisonName())
			.change("liaisonPhone", before == null ? null : before.liaisonPhone(), after.liaisonPhone());
	}

	static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

}
