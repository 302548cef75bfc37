package cn.chuangwen.indicators;

import java.util.Optional;

import java.util.Comparator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.indicators.internal.IndicatorFile;
import cn.chuangwen.indicators.internal.IndicatorImporter;
import cn.chuangwen.indicators.internal.IndicatorRules;
import cn.chuangwen.indicators.internal.IndicatorStore;
import cn.chuangwen.indicators.internal.IndicatorStore.Fields;
import cn.chuangwen.indicators.internal.IndicatorStore.Stored;
import cn.chuangwen.indicators.internal.IndicatorTree;
import cn.chuangwen.indicators.internal.IndicatorWorkbook;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.Imports;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;

/**
 * The indicator systems (测评体系) of each city: read them as trees within the caller's scope,
 * import a new version from CSV or xlsx (all rows or none), copy a version to start the next, edit
 * a version until it is in use, and export it as a workbook that imports back unchanged.
 * <p>
 * A system is city-wide: every city-bound scope (city, unit, unit and below) sees the systems of
 * its city, the province sees all. Outside the scope a system does not exist (404). Once
 * {@link #markInUse(long) in use} a system and its indicators are read-only.
 */
@Service
public class IndicatorSystems {

	private final IndicatorStore store;

	private final IndicatorImporter importer;

	private final AuditTrail audit;

	private final Clock clock;

	private final Imports imports;

	public IndicatorSystems(IndicatorStore store, IndicatorImporter importer, Imports imports, AuditTrail audit,
			Clock clock) {
		this.imports = imports;
		this.store = store;
		this.importer = importer;
		this.audit = audit;
		this.clock = clock;
	}

	/** The systems of every visible city, newest first within a city. */
	@Transactional(readOnly = true)
	public List<IndicatorSystemView> list(DataScope scope) {
		return store.systems(scope, null);
	}

	/** The systems of one visible city (by code), or of all visible cities when the code is null. */
	@Transactional(readOnly = true)
	public List<IndicatorSystemView> list(DataScope scope, String cityCode) {
		return store.systems(scope, cityCode == null || cityCode.isBlank() ? null : cityCode.strip());
	}

	/** One page of the systems of one visible city (or all visible cities when the code is null). */
	@Transactional(readOnly = true)
	public cn.chuangwen.shared.Page<IndicatorSystemView> page(DataScope scope, String cityCode,
			cn.chuangwen.shared.PageRequest page) {
		return store.systems(scope, cityCode == null || cityCode.isBlank() ? null : cityCode.strip(), page);
	}

	/** Names of the given systems the caller can see, by id (e.g. what a page's systems were copied from). */
	@Transactional(readOnly = true)
	public java.util.Map<Long, String> names(DataScope scope, java.util.Collection<Long> ids) {
		return store.systemNames(scope, ids);
	}

	/**
	 * The system a page is about: the one asked for when the caller can see it; otherwise the
	 * newest system in use, or the newest at all. Empty when there is none.
	 */
	@Transactional(readOnly = true)
	public Optional<IndicatorSystemView> current(DataScope scope, Long systemId) {
		return pick(list(scope), systemId);
	}

	/** The system one visible city (by code) works on, by the rule of {@link #current}: empty when it has none. */
	@Transactional(readOnly = true)
	public Optional<IndicatorSystemView> currentOfCity(DataScope scope, String cityCode) {
		return pick(store.systems(scope, cityCode), null);
	}

	private static Optional<IndicatorSystemView> pick(List<IndicatorSystemView> systems, Long systemId) {
		if (systemId != null) {
			return systems.stream().filter(s -> s.id() == systemId).findFirst();
		}
		Comparator<IndicatorSystemView> newest = Comparator.comparing(IndicatorSystemView::id);
		return systems.stream()
			.filter(IndicatorSystemView::inUse)
			.max(newest)
			.or(() -> systems.stream().max(newest));
	}

	/** The system, or 404 when it does not exist or lies outside the caller's scope. */
	@Transactional(readOnly = true)
	public IndicatorSystemView get(DataScope scope, long id) {
		return store.system(scope, id).orElseThrow(() -> new NotFoundException("indicator system", id));
	}

	/** Every indicator of the system, depth first: each node followed by its subtree, siblings in file order. */
	@Transactional(readOnly = true)
	public List<IndicatorView> tree(DataScope scope, long systemId) {
		get(scope, systemId);
		return IndicatorTree.order(store.indicators(systemId).stream().map(Stored::view).toList());
	}

	/** One indicator, or 404 when it does not exist or lies outside the caller's scope. */
	@Transactional(readOnly = true)
	public IndicatorView indicator(DataScope scope, long indicatorId) {
		return stored(scope, indicatorId).view();
	}

	/** The version to send back with {@link #update}: optimistic locking. */
	@Transactional(readOnly = true)
	public int indicatorVersion(DataScope scope, long indicatorId) {
		return stored(scope, indicatorId).version();
	}

	/** The leaves (what units are assigned), in tree order. */
	@Transactional(readOnly = true)
	public List<IndicatorView> leaves(DataScope scope, long systemId) {
		return tree(scope, systemId).stream().filter(IndicatorView::leaf).toList();
	}

	/**
	 * The group a leaf is shown under as a battle-map column: its parent, or the leaf itself when
	 * it is top-level. 404 when the leaf or its parent lies outside the caller's scope.
	 */
	@Transactional(readOnly = true)
	public IndicatorView groupOf(DataScope scope, IndicatorView leaf) {
		stored(scope, leaf.id());
		return IndicatorTree.groupOf(leaf, id -> stored(scope, id).view());
	}

	/** The distinct groups of all leaves of the system, in tree order. */
	@Transactional(readOnly = true)
	public List<IndicatorView> groups(DataScope scope, long systemId) {
		return IndicatorTree.groups(tree(scope, systemId));
	}

	/**
	 * Imports a new system into the caller's city from CSV (UTF-8, with or without BOM) or xlsx,
	 * told apart by content, never by {@code filename}. All rows or none: throws
	 * {@link InvalidInputException} with every problem (import rows numbered as the user sees them,
	 * the header being row 1). Only a city's office (indicator:write) may import.
	 */
	@Transactional
	public IndicatorSystemView importSystem(CurrentUser user, String name, String filename, InputStream in) {
		long cityId = writableCity(user);
		try (Imports.Slot slot = imports.begin(user.username())) {
			byte[] content = in == null ? new byte[0] : IndicatorFile.readLimited(in);
			return importer.importInto(cityId, user.username(), user.unitId(), name, filename, content);
		}
	}

	/** Copies a system (any state) into a new version of the same city, to start the next one. */
	@Transactional
	public IndicatorSystemView copy(CurrentUser user, long systemId, String newName) {
		long cityId = writableCity(user);
		IndicatorSystemView source = get(user.scope(), systemId);
		if (source.cityId() != cityId) {
			throw new NotFoundException("indicator system", systemId);
		}
		List<FieldProblem> problems = new ArrayList<>();
		String name = importer.checkName(cityId, newName, problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		long copyId = store.insertSystem(cityId, name, source.id(), source.leafCount(), clock.instant(), user.username());
		Map<Long, Long> ids = new HashMap<>();
		Map<Long, String> paths = new HashMap<>();
		List<Stored> indicators = new ArrayList<>(store.indicators(systemId));
		// Parents before children: a path sorts before every path it prefixes.
		indicators.sort((a, b) -> a.view().path().compareTo(b.view().path()));
		for (Stored s : indicators) {
			IndicatorView i = s.view();
			Long parentId = i.parentId() == null ? null : ids.get(i.parentId());
			String parentPath = i.parentId() == null ? null : paths.get(i.parentId());
			long id = store.insertIndicator(copyId, cityId, parentId, parentPath, fields(i), s.sortOrder(), i.leaf());
			ids.put(i.id(), id);
			paths.put(i.id(), (parentPath == null ? "/" : parentPath) + id + "/");
		}
		audit.record(AuditEntry.of("INDICATOR_SYSTEM_COPY")
			.city(cityId)
			.object("indicator_system", copyId)
			.actor(user.username(), user.unitId())
			.change("basedOn", null, source.id() + " " + source.name())
			.change("name", null, name)
			.change("indicators", null, indicators.size()));
		return store.system(copyId).orElseThrow();
	}

	/**
	 * Marks the system in use (the first assignment refers to it): from now on it and its indicators
	 * are read-only. Joins the caller's transaction; marking twice does nothing.
	 */
	@Transactional
	public void markInUse(DataScope scope, long systemId) {
		IndicatorSystemView system = store.system(scope, systemId)
			.orElseThrow(() -> new NotFoundException("indicator system", systemId));
		if (store.markInUse(systemId)) {
			audit.record(AuditEntry.of("INDICATOR_SYSTEM_IN_USE")
				.city(system.cityId())
				.object("indicator_system", systemId)
				.change("inUse", false, true));
		}
	}

	/**
	 * Changes one indicator of a version not in use. The score must stay within the parent's and
	 * cover the children's. Throws {@link ConflictException} when someone saved it first.
	 */
	@Transactional
	public IndicatorView update(CurrentUser user, long indicatorId, int version, IndicatorDraft draft) {
		long cityId = writableCity(user);
		IndicatorView before = indicator(user.scope(), indicatorId);
		if (before.cityId() != cityId) {
			throw new NotFoundException("indicator", indicatorId);
		}
		if (store.lockSystem(before.systemId()).orElse(true)) {
			throw new InvalidInputException(FieldProblem.of(null, "indicator.error.inUse"));
		}
		List<FieldProblem> problems = new ArrayList<>(draft.problems());
		BigDecimal score = draft.score();
		if (score != null && problems.stream().noneMatch(p -> "score".equals(p.field()))) {
			checkScoreInTree(before, score, problems);
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		Fields after = new Fields(before.code(), draft.name().strip(), before.level(), blankToNull(draft.criteria()),
				draft.methods(), score, clean(draft.pointTypes()), draft.targetQuantity(),
				draft.targetQuantity() == null ? null : blankToNull(draft.targetUnit()));
		if (!store.updateIndicator(indicatorId, version, after)) {
			throw new ConflictException("error.conflict");
		}
		audit.record(AuditEntry.of("INDICATOR_UPDATE")
			.city(before.cityId())
			.object("indicator", indicatorId)
			.actor(user.username(), user.unitId())
			.reason(before.code())
			.change("name", before.name(), after.name())
			.change("criteria", before.criteria(), after.criteria())
			.change("methods", methodNames(before.methods()), methodNames(after.methods()))
			.change("score", IndicatorRules.plain(before.score()), IndicatorRules.plain(after.score()))
			.change("pointTypes", String.join("|", before.pointTypes()), IndicatorRules.joinPointTypes(after.pointTypes()))
			.change("targetQuantity", IndicatorRules.plain(before.targetQuantity()),
					IndicatorRules.plain(after.targetQuantity()))
			.change("targetUnit", before.targetUnit(), after.targetUnit()));
		return store.indicator(indicatorId).orElseThrow().view();
	}

	/** The system as an xlsx workbook in the import's columns (an export imports back unchanged). */
	@Transactional(readOnly = true)
	public void writeWorkbook(DataScope scope, long systemId, OutputStream out) {
		List<IndicatorView> tree = tree(scope, systemId);
		try {
			IndicatorWorkbook.write(tree, out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Children may not be worth more than their parent, and a parent not less than its children. */
	private void checkScoreInTree(IndicatorView indicator, BigDecimal score, List<FieldProblem> problems) {
		if (indicator.parentId() != null) {
			IndicatorView parent = store.indicator(indicator.parentId()).orElseThrow().view();
			BigDecimal siblings = store.children(parent.id())
				.stream()
				.map(Stored::view)
				.filter(s -> s.id() != indicator.id())
				.map(IndicatorView::score)
				.reduce(BigDecimal.ZERO, BigDecimal::add);
			BigDecimal sum = siblings.add(score);
			if (sum.compareTo(parent.score()) > 0) {
				problems.add(FieldProblem.of("score", "indicator.error.score.overParent", IndicatorRules.plain(sum),
						IndicatorRules.plain(parent.score()), parent.code()));
			}
		}
		if (!indicator.leaf()) {
			BigDecimal children = store.children(indicator.id())
				.stream()
				.map(s -> s.view().score())
				.reduce(BigDecimal.ZERO, BigDecimal::add);
			if (children.compareTo(score) > 0) {
				problems.add(FieldProblem.of("score", "indicator.error.score.belowChildren",
						IndicatorRules.plain(children)));
			}
		}
	}

	private Stored stored(DataScope scope, long indicatorId) {
		return store.indicator(scope, indicatorId).orElseThrow(() -> new NotFoundException("indicator", indicatorId));
	}

	/** The caller's city, when the caller may change indicator systems there. */
	private static long writableCity(CurrentUser user) {
		if (user == null || !user.can(Permissions.INDICATOR_WRITE) || user.cityId() == null) {
			throw new AccessDeniedException(Permissions.INDICATOR_WRITE);
		}
		return user.cityId();
	}

	private static Fields fields(IndicatorView i) {
		return new Fields(i.code(), i.name(), i.level(), i.criteria(), i.methods(), i.score(), i.pointTypes(),
				i.targetQuantity(), i.targetUnit());
	}

	private static List<String> clean(List<String> pointTypes) {
		return pointTypes.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
	}

	private static String methodNames(List<AssessmentMethod> methods) {
		return String.join("|", methods.stream().map(AssessmentMethod::chineseName).toList());
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

}
