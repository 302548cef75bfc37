package cn.chuangwen.inspections;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.inspections.internal.ChecklistStore;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.shared.Decimals;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.Imports;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.SheetReader;

/**
 * Checklists (测评细则) per point type, versioned: each import is a new version; for each point type
 * the newest version with items of that type is the one in use, and older versions are kept for the
 * inspections that used them. Imported from CSV or .xlsx in the shape of
 * {@code field-checklists-sample.csv}, with an optional column linking an item to an indicator leaf.
 */
@Service
public class Checklists {

	public static final int MAX_ROWS = 2_000;

	public static final long MAX_BYTES = 5L * 1024 * 1024;

	static final int MAX_NAME = 128;

	/** Points per occurrence and caps: up to 9,999.999 (numeric(7,3)). */
	static final int INTEGER_DIGITS = 4;

	static final int SCALE = 3;

	/** The columns a file must have, by header (the sample's English names, or the Chinese ones). */
	enum Column {

		POINT_TYPE("point_type", "点位类型"), CATEGORY("category", "类别"), ITEM("item", "测评内容"),
		DEDUCTION_RULE("deduction_rule", "扣分标准"), PER_OCCURRENCE("per_occurrence", "每次扣分"),
		MAX_DEDUCTION("max_deduction", "最高扣分"), INDICATOR_CODE("indicator_code", "指标编码");

		final String english;

		final String chinese;

		Column(String english, String chinese) {
			this.english = english;
			this.chinese = chinese;
		}

		boolean optional() {
			return this == INDICATOR_CODE;
		}

	}

	private final ChecklistStore store;

	private final IndicatorSystems indicators;

	private final Imports imports;

	private final AuditTrail audit;

	private final Clock clock;

	public Checklists(ChecklistStore store, IndicatorSystems indicators, Imports imports, AuditTrail audit,
			Clock clock) {
		this.store = store;
		this.indicators = indicators;
		this.imports = imports;
		this.audit = audit;
		this.clock = clock;
	}

	/** The items in use in a city the caller reads, of one point type or (null) of all. */
	@Transactional(readOnly = true)
	public List<ChecklistItemView> inUse(CurrentUser user, long cityId, PointType type) {
		readable(user, cityId);
		return store.inUse(cityId, type);
	}

	/** Per point type of the city, the version in use, in {@link PointType} order. */
	@Transactional(readOnly = true)
	public List<ChecklistInUse> summary(CurrentUser user, long cityId) {
		readable(user, cityId);
		return store.summary(cityId).stream().sorted(Comparator.comparing(ChecklistInUse::pointType)).toList();
	}

	/**
	 * Every item of one version of the city (the later inspections read the version they used);
	 * another city's or an unknown version is not found (404).
	 */
	@Transactional(readOnly = true)
	public List<ChecklistItemView> version(CurrentUser user, long cityId, long versionId) {
		readable(user, cityId);
		List<ChecklistItemView> items = store.version(cityId, versionId);
		if (items.isEmpty()) {
			throw new NotFoundException("checklist", versionId);
		}
		return items;
	}

	/**
	 * Imports a new version for the caller's city: every row or none; a bad row (unknown point type,
	 * missing item, a deduction that is not a positive number or exceeds its cap, an indicator code
	 * that is no leaf of the city's indicator system) is named with its row, and nothing is stored.
	 * Returns the new version's id.
	 */
	@Transactional
	public long importVersion(CurrentUser user, String name, InputStream input) {
		if (!user.can(Permissions.CHECKLIST_WRITE) || user.cityId() == null) {
			throw new AccessDeniedException(Permissions.CHECKLIST_WRITE);
		}
		try (Imports.Slot slot = imports.begin(user.username())) {
			return importVersion(user.cityId(), user.cityCode(), user.scope(), name, new Actor(user.username(), user.unitId()),
					input);
		}
	}

	/**
	 * The import for the installation's own work (the demo data), with no slot: as
	 * {@link #importVersion(CurrentUser, String, InputStream)} for city {@code cityId}, by {@code by}.
	 */
	@Transactional
	public long importVersion(long cityId, String cityCode, String name, String by, InputStream input) {
		return importVersion(cityId, cityCode, DataScope.all(), name, new Actor(by, null), input);
	}

	/** Who imports: named on the trace entry, which the demo data writes with no signed-in user. */
	private record Actor(String username, Long unitId) {
	}

	private long importVersion(long cityId, String cityCode, DataScope scope, String name, Actor by,
			InputStream input) {
		String title = name == null || name.isBlank() ? null : name.trim();
		if (title == null) {
			throw new InvalidInputException(FieldProblem.of("name", "checklist.error.name.required"));
		}
		if (title.length() > MAX_NAME) {
			throw new InvalidInputException(FieldProblem.of("name", "checklist.error.tooLong", MAX_NAME));
		}
		Map<String, Long> leaves = new HashMap<>();
		List<ChecklistStore.NewItem> items = new ArrayList<>();
		List<FieldProblem> bad = new ArrayList<>();
		Map<Column, Integer> columns = new HashMap<>();
		imports.read(input, SheetReader.Format.XLSX_OR_CSV, imports.limits(MAX_BYTES, MAX_ROWS), (row, cells) -> {
			if (columns.isEmpty()) {
				header(row, cells, columns);
				if (columns.containsKey(Column.INDICATOR_CODE)) {
					leaves.putAll(leaves(scope, cityCode));
				}
				return;
			}
			ChecklistStore.NewItem item = item(row, cells, columns, leaves, bad);
			if (item != null) {
				items.add(item);
			}
		});
		if (items.isEmpty() && bad.isEmpty()) {
			bad.add(FieldProblem.row(2, "file", "checklist.import.error.empty"));
		}
		if (!bad.isEmpty()) {
			throw new InvalidInputException(bad);
		}
		long id = store.insertVersion(cityId, title, items.size(), by.username(), clock.instant());
		store.insertItems(id, cityId, items);
		audit.record(AuditEntry.of("CHECKLIST_IMPORT")
			.actor(by.username(), by.unitId())
			.city(cityId)
			.object("checklist", id)
			.change("name", null, title)
			.change("items", null, items.size())
			.change("pointTypes", null,
					items.stream().map(i -> i.pointType().chineseName()).distinct().toList()));
		return id;
	}

	private static void header(int row, List<String> cells, Map<Column, Integer> columns) {
		for (int c = 0; c < cells.size(); c++) {
			String h = cells.get(c).trim().toLowerCase(Locale.ROOT);
			for (Column col : Column.values()) {
				if (h.equals(col.english) || h.equals(col.chinese)) {
					columns.putIfAbsent(col, c);
				}
			}
		}
		List<FieldProblem> missing = new ArrayList<>();
		for (Column col : Column.values()) {
			if (!col.optional() && !columns.containsKey(col)) {
				missing.add(FieldProblem.row(row, "file", "checklist.import.error.header", col.english, col.chinese));
			}
		}
		if (!missing.isEmpty()) {
			throw new InvalidInputException(missing);
		}
	}

	private static ChecklistStore.NewItem item(int row, List<String> cells, Map<Column, Integer> columns,
			Map<String, Long> leaves, List<FieldProblem> bad) {
		int before = bad.size();
		PointType type = PointType.parse(cell(cells, columns, Column.POINT_TYPE)).orElse(null);
		if (type == null) {
			bad.add(FieldProblem.row(row, "point_type", "checklist.import.error.pointType",
					cell(cells, columns, Column.POINT_TYPE)));
		}
		String category = text(row, cells, columns, Column.CATEGORY, 64, true, bad);
		String item = text(row, cells, columns, Column.ITEM, 500, true, bad);
		String rule = text(row, cells, columns, Column.DEDUCTION_RULE, 500, false, bad);
		BigDecimal per = points(row, cells, columns, Column.PER_OCCURRENCE, bad);
		BigDecimal max = points(row, cells, columns, Column.MAX_DEDUCTION, bad);
		if (per != null && max != null && per.compareTo(max) > 0) {
			bad.add(FieldProblem.row(row, Column.PER_OCCURRENCE.english, "checklist.import.error.aboveCap"));
		}
		Long indicatorId = null;
		String code = cell(cells, columns, Column.INDICATOR_CODE);
		if (!code.isEmpty()) {
			indicatorId = leaves.get(code);
			if (indicatorId == null) {
				bad.add(FieldProblem.row(row, Column.INDICATOR_CODE.english, "checklist.import.error.indicator", code));
			}
		}
		return bad.size() > before ? null
				: new ChecklistStore.NewItem(type, category, item, rule, per, max, indicatorId);
	}

	/** The leaves of the indicator system the caller's city works on, by code. */
	private Map<String, Long> leaves(DataScope scope, String cityCode) {
		Map<String, Long> byCode = new HashMap<>();
		indicators.currentOfCity(scope, cityCode)
			.ifPresent(s -> indicators.leaves(scope, s.id()).forEach(l -> byCode.put(l.code(), l.id())));
		return byCode;
	}

	private static String text(int row, List<String> cells, Map<Column, Integer> columns, Column col, int max,
			boolean required, List<FieldProblem> bad) {
		String t = cell(cells, columns, col);
		if (t.isEmpty()) {
			if (required) {
				bad.add(FieldProblem.row(row, col.english, "checklist.import.error.required", col.chinese));
			}
			return null;
		}
		if (t.length() > max) {
			bad.add(FieldProblem.row(row, col.english, "checklist.error.tooLong", max));
			return null;
		}
		return t;
	}

	private static BigDecimal points(int row, List<String> cells, Map<Column, Integer> columns, Column col,
			List<FieldProblem> bad) {
		Decimals.Result r = Decimals.read(cell(cells, columns, col), INTEGER_DIGITS, SCALE);
		if (r == null || r.problem() != null || r.value().signum() <= 0) {
			bad.add(FieldProblem.row(row, col.english, "checklist.import.error.points", col.chinese));
			return null;
		}
		return r.value();
	}

	private static String cell(List<String> cells, Map<Column, Integer> columns, Column col) {
		Integer c = columns.get(col);
		return c == null || c >= cells.size() ? "" : cells.get(c).trim();
	}

	/** Whether the caller reads field points (and so checklists) of the city: else 403 or, for another city, 404. */
	private static void readable(CurrentUser user, long cityId) {
		if (!user.can(Permissions.FIELDPOINT_READ)) {
			throw new AccessDeniedException(Permissions.FIELDPOINT_READ);
		}
		DataScope scope = user.scope();
		if (!scope.includesCity(cityId)) {
			throw new cn.chuangwen.shared.NotFoundException("city", cityId);
		}
	}

}
