package cn.chuangwen.tasks.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.indicators.IndicatorView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.ImportLimits;
import cn.chuangwen.shared.Imports;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.SheetReader;
import cn.chuangwen.tasks.AssignmentDraft;
import cn.chuangwen.tasks.AssignmentView;
import cn.chuangwen.tasks.Assignments;
import cn.chuangwen.tasks.Milestone;

/**
 * Bulk assignment through Excel: the template lists the leaves of a system; the office fills unit
 * codes, the responsible person and dates (one row per unit; copy a row to give a leaf to several
 * units); the upload assigns every filled row, or none, with a report of every bad row.
 */
@Service
public class AssignmentWorkbooks {

	public static final String[] COLUMNS = { "指标编码", "指标名称", "牵头单位编码", "配合单位编码（用、分隔）", "责任人", "职务", "电话", "目标任务",
			"开始日期", "完成时限", "倒排工期（是/否）" };

	public static final int MAX_ROWS = 20_000;

	public static final long MAX_BYTES = 10L * 1024 * 1024;

	private final Assignments assignments;

	private final IndicatorSystems indicators;

	private final Units units;

	private final AuditTrail audit;

	private final Imports imports;

	public AssignmentWorkbooks(Assignments assignments, IndicatorSystems indicators, Units units, AuditTrail audit,
			Imports imports) {
		this.imports = imports;
		this.assignments = assignments;
		this.indicators = indicators;
		this.units = units;
		this.audit = audit;
	}

	/** The template: one row per leaf, with the unassigned ones first. */
	@Transactional(readOnly = true)
	public void writeTemplate(CurrentUser user, long systemId, OutputStream out) throws IOException {
		Assignments.requireWrite(user);
		indicators.get(user.scope(), systemId);
		Set<Long> unassigned = new HashSet<>();
		assignments.unassignedLeaves(user.scope(), systemId).forEach(l -> unassigned.add(l.id()));
		List<IndicatorView> leaves = new ArrayList<>(indicators.leaves(user.scope(), systemId));
		leaves.sort((a, b) -> Boolean.compare(!unassigned.contains(a.id()), !unassigned.contains(b.id())));
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			Sheet sheet = workbook.createSheet("指标分解");
			Row header = sheet.createRow(0);
			for (int i = 0; i < COLUMNS.length; i++) {
				header.createCell(i).setCellValue(COLUMNS[i]);
				sheet.setColumnWidth(i, (i == 1 || i == 7 ? 30 : 14) * 256);
			}
			int r = 1;
			for (IndicatorView leaf : leaves) {
				Row row = sheet.createRow(r++);
				row.createCell(0).setCellValue(leaf.code());
				row.createCell(1).setCellValue(leaf.name());
			}
			workbook.write(out);
		}
	}

	/** Assigns every filled row, or nothing; rows without a lead unit code are skipped. */
	@Transactional
	public int importAssignments(CurrentUser user, long systemId, InputStream input) {
		Assignments.requireWrite(user);
		try (Imports.Slot slot = imports.begin(user.username())) {
			return importAssignments(user, systemId, read(input, imports.limits(MAX_BYTES, MAX_ROWS)));
		}
	}

	private int importAssignments(CurrentUser user, long systemId, List<String[]> rows) {
		IndicatorSystemView system = indicators.get(user.scope(), systemId);
		Map<String, IndicatorView> leaves = new HashMap<>();
		indicators.leaves(user.scope(), systemId).forEach(l -> leaves.put(l.code(), l));
		// Only the units the rows name are read, whatever the size of the city.
		Set<String> codes = new HashSet<>();
		for (String[] cells : rows) {
			codes.add(cells[2]);
			for (String code : cells[3].split("[、,，;；\\s]+")) {
				if (!code.isBlank()) {
					codes.add(code.trim());
				}
			}
		}
		Map<String, UnitView> unitsByCode = new HashMap<>();
		units.findByCodes(user.scope(), system.cityId(), codes).forEach(u -> unitsByCode.put(u.code(), u));
		List<FieldProblem> problems = new ArrayList<>();
		List<AssignmentDraft> drafts = new ArrayList<>();
		List<Assignments.Checked> checks = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (String[] cells : rows) {
			int row = Integer.parseInt(cells[11]);
			List<FieldProblem> rowProblems = new ArrayList<>();
			IndicatorView leaf = leaves.get(cells[0]);
			if (leaf == null) {
				rowProblems.add(FieldProblem.row(row, "indicatorId", "assignment.import.error.indicator", cells[0]));
			}
			UnitView lead = unitsByCode.get(cells[2]);
			if (lead == null) {
				rowProblems.add(FieldProblem.row(row, "leadUnitId", "assignment.import.error.unit", cells[2]));
			}
			List<Long> cooperating = new ArrayList<>();
			for (String code : cells[3].split("[、,，;；\\s]+")) {
				if (!code.isBlank()) {
					UnitView u = unitsByCode.get(code.trim());
					if (u == null) {
						rowProblems.add(FieldProblem.row(row, "cooperatingUnitIds", "assignment.import.error.unit", code.trim()));
					}
					else {
						cooperating.add(u.id());
					}
				}
			}
			LocalDate start = date(cells[8], row, "startDate", rowProblems);
			LocalDate deadline = date(cells[9], row, "deadline", rowProblems);
			boolean backwards = cells[10].equals("是") || cells[10].equalsIgnoreCase("yes") || cells[10].equalsIgnoreCase("true");
			if (leaf != null && lead != null && !seen.add(leaf.id() + "/" + lead.id())) {
				rowProblems.add(FieldProblem.row(row, "leadUnitId", "assignment.import.error.twice", cells[0], cells[2]));
			}
			if (rowProblems.isEmpty()) {
				LocalDate s = start == null ? assignments.today() : start;
				List<Milestone> milestones = backwards && deadline != null && !deadline.isBefore(s)
						? Assignments.scheduleBackwards(s, deadline) : List.of();
				AssignmentDraft draft = new AssignmentDraft(leaf.id(), lead.id(), cooperating,
						new AssignmentView.Responsible(cells[4], blank(cells[5]), blank(cells[6])), blank(cells[7]), start,
						deadline, milestones);
				Assignments.Checked checked = assignments.check(user, draft);
				checked.problems()
					.forEach(p -> rowProblems.add(FieldProblem.row(row, p.field(), p.messageKey(), p.args().toArray())));
				drafts.add(draft);
				checks.add(checked);
			}
			problems.addAll(rowProblems);
		}
		if (drafts.isEmpty() && problems.isEmpty()) {
			problems.add(FieldProblem.row(2, null, "assignment.import.error.empty"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException(problems);
		}
		for (int i = 0; i < drafts.size(); i++) {
			assignments.insert(user, drafts.get(i), checks.get(i));
		}
		audit.record(AuditEntry.of("ASSIGNMENT_IMPORT")
			.city(system.cityId())
			.object("indicator_system", systemId)
			.change("assignments", null, drafts.size()));
		return drafts.size();
	}

	/** Filled rows as 11 text cells plus the Excel row number. */
	private List<String[]> read(InputStream input, ImportLimits limits) {
		List<String[]> rows = new ArrayList<>();
		boolean[] header = { true };
		imports.read(input, SheetReader.Format.XLSX, limits, (number, cells) -> {
			if (header[0]) {
				header[0] = false;
				if (!COLUMNS[0].equals(cell(cells, 0))) {
					throw new InvalidInputException(FieldProblem.of("file", "assignment.import.error.header"));
				}
				return;
			}
			if (cell(cells, 2).isEmpty()) {
				return;
			}
			String[] row = new String[12];
			for (int c = 0; c < 11; c++) {
				// Dates arrive as yyyy-MM-dd from date cells; typed text may use slashes.
				row[c] = c == 8 || c == 9 ? cell(cells, c).replace('/', '-') : cell(cells, c);
			}
			row[11] = String.valueOf(number);
			rows.add(row);
		});
		return rows;
	}

	private static String cell(List<String> cells, int column) {
		return column < cells.size() ? cells.get(column).trim() : "";
	}

	static LocalDate date(String text, int row, String field, List<FieldProblem> problems) {
		if (text.isEmpty()) {
			return null;
		}
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			problems.add(FieldProblem.row(row, field, "assignment.error.date"));
			return null;
		}
	}

	static String blank(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

}
