package cn.chuangwen.organization.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitQuery;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.organization.internal.UnitStore.NewUnit;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.ImportLimits;
import cn.chuangwen.shared.Imports;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.SheetReader;

/**
 * Units in Excel: the import template, the all-or-nothing import (every bad row reported with its
 * row number and reason; nothing written unless every row passes), and the export of a list.
 */
@Service
public class UnitWorkbooks {

	/** Columns of the template, import and export, in order. */
	public static final List<String> COLUMNS = List.of("编码", "上级编码", "名称", "类型", "排名分组", "文明委成员单位", "一把手",
			"联络员", "联络电话", "状态");

	public static final int MAX_ROWS = 5000;

	public static final long MAX_BYTES = 5L * 1024 * 1024;

	private final UnitStore store;

	private final Imports imports;

	private final AuditTrail audit;

	private final Clock clock;

	public UnitWorkbooks(UnitStore store, Imports imports, AuditTrail audit, Clock clock) {
		this.store = store;
		this.imports = imports;
		this.audit = audit;
		this.clock = clock;
	}

	/** The outcome of a successful import. */
	public record Imported(int count, List<String> codes) {
	}

	/**
	 * Imports new units into the caller's city. Throws {@link InvalidInputException} with one
	 * problem per bad row (row numbers as Excel shows them) and writes nothing in that case.
	 */
	@Transactional
	public Imported importUnits(CurrentUser user, InputStream input) {
		if (!user.can(Permissions.UNIT_IMPORT) || user.cityId() == null) {
			throw new AccessDeniedException(Permissions.UNIT_IMPORT);
		}
		long cityId = user.cityId();
		try (Imports.Slot slot = imports.begin(user.username())) {
			return importUnits(user, cityId, read(input, imports.limits(MAX_BYTES, MAX_ROWS)));
		}
	}

	private Imported importUnits(CurrentUser user, long cityId, List<Parsed> rows) {
		List<FieldProblem> problems = new ArrayList<>();
		Map<String, Parsed> byCode = new LinkedHashMap<>();
		for (Parsed p : rows) {
			List<FieldProblem> rowProblems = new ArrayList<>();
			if (p.code.isEmpty()) {
				rowProblems.add(FieldProblem.row(p.row, "code", "import.error.code.required"));
			}
			else if (!Units.CODE.matcher(p.code).matches()) {
				rowProblems.add(FieldProblem.row(p.row, "code", "unit.error.code.format"));
			}
			else if (byCode.containsKey(p.code)) {
				rowProblems.add(FieldProblem.row(p.row, "code", "import.error.code.duplicateInFile", p.code,
						byCode.get(p.code).row));
			}
			else if (store.codeExists(cityId, p.code)) {
				rowProblems.add(FieldProblem.row(p.row, "code", "unit.error.code.duplicate", p.code));
			}
			if (p.name.isEmpty()) {
				rowProblems.add(FieldProblem.row(p.row, "name", "unit.error.name.required"));
			}
			else if (p.name.length() > 128) {
				rowProblems.add(FieldProblem.row(p.row, "name", "unit.error.name.long"));
			}
			if (p.kind == null) {
				rowProblems.add(FieldProblem.row(p.row, "kind", "import.error.kind.unknown", p.kindText));
			}
			else if (p.kind == UnitKind.CITY) {
				rowProblems.add(FieldProblem.row(p.row, "kind", "unit.error.kind.city"));
			}
			if (p.parentCode.isEmpty()) {
				rowProblems.add(FieldProblem.row(p.row, "parentCode", "import.error.parent.required"));
			}
			if (!p.phone.isEmpty() && !Units.PHONE.matcher(p.phone).matches()) {
				rowProblems.add(FieldProblem.row(p.row, "liaisonPhone", "unit.error.phone.format"));
			}
			if (p.committeeText != null) {
				rowProblems.add(FieldProblem.row(p.row, "committeeMember", "import.error.flag", p.committeeText));
			}
			if (!p.code.isEmpty() && !byCode.containsKey(p.code)) {
				byCode.put(p.code, p);
			}
			problems.addAll(rowProblems);
		}
		// Parents: an existing unit of the city, or another row of the file (in any order, no cycles).
		Map<String, UnitView> existingParents = new HashMap<>();
		for (Parsed p : rows) {
			if (p.parentCode.isEmpty() || p.kind == null || byCode.get(p.code) != p) {
				continue;
			}
			Parsed inFile = byCode.get(p.parentCode);
			if (inFile != null) {
				if (inFile.kind != null && !p.kind.allowedParents().contains(inFile.kind)) {
					problems.add(FieldProblem.row(p.row, "parentCode", "unit.error.parent.kind", inFile.name));
				}
				else if (cycle(p, byCode)) {
					problems.add(FieldProblem.row(p.row, "parentCode", "import.error.parent.cycle", p.parentCode));
				}
				continue;
			}
			UnitView parent = existingParents.computeIfAbsent(p.parentCode,
					c -> store.findByCode(cityId, c).orElse(null));
			if (parent == null) {
				problems.add(FieldProblem.row(p.row, "parentCode", "import.error.parent.unknown", p.parentCode));
			}
			else if (!user.scope().includesUnit(parent.cityId(), parent.path())) {
				problems.add(FieldProblem.row(p.row, "parentCode", "import.error.parent.unknown", p.parentCode));
			}
			else {
				List<FieldProblem> placement = new ArrayList<>();
				Units.checkPlacement(p.kind, parent, "parentCode", placement);
				placement.forEach(fp -> problems
					.add(FieldProblem.row(p.row, "parentCode", fp.messageKey(), fp.args().toArray())));
			}
		}
		if (rows.isEmpty()) {
			problems.add(FieldProblem.row(2, null, "import.error.empty"));
		}
		if (!problems.isEmpty()) {
			problems.sort((a, b) -> Integer.compare(a.row(), b.row()));
			throw new InvalidInputException(problems);
		}
		Map<String, String[]> created = new HashMap<>();
		Set<String> done = new HashSet<>();
		List<String> codes = new ArrayList<>();
		for (Parsed p : rows) {
			insert(p, byCode, existingParents, created, done, codes, cityId);
		}
		audit.record(AuditEntry.of("UNIT_IMPORT")
			.city(cityId)
			.object("city", cityId)
			.change("units", null, codes.size())
			.reason(String.join(",", codes.size() > 50 ? codes.subList(0, 50) : codes)));
		return new Imported(codes.size(), codes);
	}

	private void insert(Parsed p, Map<String, Parsed> byCode, Map<String, UnitView> existing,
			Map<String, String[]> created, Set<String> done, List<String> codes, long cityId) {
		if (done.contains(p.code)) {
			return;
		}
		String parentPath;
		long parentId;
		if (byCode.containsKey(p.parentCode)) {
			insert(byCode.get(p.parentCode), byCode, existing, created, done, codes, cityId);
			String[] parent = created.get(p.parentCode);
			parentId = Long.parseLong(parent[0]);
			parentPath = parent[1];
		}
		else {
			UnitView parent = existing.get(p.parentCode);
			parentId = parent.id();
			parentPath = parent.path();
		}
		NewUnit unit = new NewUnit(p.code, p.name, p.kind, blank(p.rankingGroup), p.committee, blank(p.leader),
				blank(p.liaison), blank(p.phone));
		long id = store.insert(cityId, parentPath, parentId, unit, clock.instant());
		created.put(p.code, new String[] { String.valueOf(id), parentPath + id + "/" });
		done.add(p.code);
		codes.add(p.code);
		AuditEntry entry = AuditEntry.of("UNIT_CREATE").city(cityId).object("unit", id).reason("import");
		Units.describe(entry, null, unit);
		entry.change("parent", null, p.parentCode);
		audit.record(entry);
	}

	private static boolean cycle(Parsed start, Map<String, Parsed> byCode) {
		Set<String> seen = new HashSet<>();
		Parsed current = start;
		while (current != null && !current.parentCode.isEmpty()) {
			if (!seen.add(current.code)) {
				return true;
			}
			current = byCode.get(current.parentCode);
		}
		return false;
	}

	private static final class Parsed {

		int row;

		String code, parentCode, name, kindText, rankingGroup, leader, liaison, phone;

		UnitKind kind;

		boolean committee;

		/** The flag text when it is neither yes nor no. */
		String committeeText;

	}

	private List<Parsed> read(InputStream input, ImportLimits limits) {
		List<Parsed> rows = new ArrayList<>();
		boolean[] header = { true };
		imports.read(input, SheetReader.Format.XLSX, limits, (number, cells) -> {
			if (header[0]) {
				header[0] = false;
				if (!"编码".equals(cell(cells, 0))) {
					throw new InvalidInputException(FieldProblem.of("file", "import.error.header"));
				}
				return;
			}
			Parsed p = new Parsed();
			p.row = number;
			p.code = cell(cells, 0);
			p.parentCode = cell(cells, 1);
			p.name = cell(cells, 2);
			p.kindText = cell(cells, 3);
			p.kind = UnitKind.parse(p.kindText).orElse(null);
			p.rankingGroup = cell(cells, 4);
			String flag = cell(cells, 5);
			p.committee = flag.equals("是") || flag.equalsIgnoreCase("true") || flag.equalsIgnoreCase("yes");
			boolean no = flag.isEmpty() || flag.equals("否") || flag.equalsIgnoreCase("false")
					|| flag.equalsIgnoreCase("no");
			p.committeeText = p.committee || no ? null : flag;
			p.leader = cell(cells, 6);
			p.liaison = cell(cells, 7);
			p.phone = cell(cells, 8);
			rows.add(p);
		});
		return rows;
	}

	private static String cell(List<String> cells, int column) {
		return column < cells.size() ? cells.get(column).trim() : "";
	}

	/** The empty template with its header row and one example row under the city. */
	public void writeTemplate(CurrentUser user, OutputStream out) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			Sheet sheet = workbook.createSheet("单位");
			header(workbook, sheet);
			String cityCode = user.cityId() == null ? "XT"
					: store.search(user.scope(), new UnitQuery(user.cityCode(), UnitKind.CITY, null, null, null), 1)
						.stream()
						.map(UnitView::code)
						.findFirst()
						.orElse("XT");
			Row example = sheet.createRow(1);
			String[] values = { "EXAMPLE-01", cityCode, "示例街道办事处", "街道办事处", "镇办", "否", "张三", "李四", "13800000000" };
			for (int i = 0; i < values.length; i++) {
				example.createCell(i).setCellValue(values[i]);
			}
			Sheet kinds = workbook.createSheet("类型说明");
			int r = 0;
			for (UnitKind kind : UnitKind.values()) {
				if (kind != UnitKind.CITY) {
					Row row = kinds.createRow(r++);
					row.createCell(0).setCellValue(kind.chineseName());
					row.createCell(1).setCellValue(kind.name());
				}
			}
			workbook.write(out);
		}
	}

	/**
	 * Every unit in scope matching the query as a workbook, streamed from the database row by row
	 * into a streaming sheet: no cap, and neither the rows nor the sheet are held in memory.
	 * Returns the number of units written.
	 */
	@Transactional(readOnly = true)
	public long export(DataScope scope, UnitQuery query, OutputStream out) throws IOException {
		SXSSFWorkbook workbook = new SXSSFWorkbook(200);
		try {
			Sheet sheet = workbook.createSheet("单位");
			header(workbook, sheet);
			int[] r = { 1 };
			store.each(scope, query, (u, parentCode) -> {
				Row row = sheet.createRow(r[0]++);
				row.createCell(0).setCellValue(u.code());
				row.createCell(1).setCellValue(parentCode == null ? "" : parentCode);
				row.createCell(2).setCellValue(u.name());
				row.createCell(3).setCellValue(u.kind().chineseName());
				row.createCell(4).setCellValue(u.rankingGroup() == null ? "" : u.rankingGroup());
				row.createCell(5).setCellValue(u.committeeMember() ? "是" : "否");
				row.createCell(6).setCellValue(u.leaderName() == null ? "" : u.leaderName());
				row.createCell(7).setCellValue(u.liaisonName() == null ? "" : u.liaisonName());
				row.createCell(8).setCellValue(u.liaisonPhone() == null ? "" : u.liaisonPhone());
				row.createCell(9).setCellValue(u.active() ? "在用" : "停用");
			});
			workbook.write(out);
			return r[0] - 1L;
		}
		finally {
			workbook.close();
		}
	}

	private static void header(Workbook workbook, Sheet sheet) {
		CellStyle bold = workbook.createCellStyle();
		Font font = workbook.createFont();
		font.setBold(true);
		bold.setFont(font);
		Row header = sheet.createRow(0);
		for (int i = 0; i < COLUMNS.size(); i++) {
			Cell cell = header.createCell(i);
			cell.setCellValue(COLUMNS.get(i));
			cell.setCellStyle(bold);
			sheet.setColumnWidth(i, 16 * 256);
		}
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

}
