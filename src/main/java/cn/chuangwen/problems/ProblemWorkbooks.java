package cn.chuangwen.problems;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.problems.internal.ProblemScope;
import cn.chuangwen.problems.internal.ProblemStore;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.ImportLimits;
import cn.chuangwen.shared.Imports;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.SheetReader;

/**
 * Problem lists in Excel: any filtered list as a workbook (streamed, so a big city's list never
 * sits in memory), and an import for offices moving from spreadsheets: every row becomes a problem,
 * or, if any row is bad, none does and every bad row is named.
 */
@Service
public class ProblemWorkbooks {

	/** The import's columns, in order; the header row must start with the first. */
	public static final String[] COLUMNS = { "来源", "类别", "标题", "描述", "严重程度", "责任单位编码", "地址", "纬度", "经度",
			"整改期限", "立即交办（是/否）" };

	public static final int MAX_ROWS = 5_000;

	public static final long MAX_BYTES = 10L * 1024 * 1024;

	/** An export holds at most this many rows; a filter narrows a bigger list. */
	public static final int MAX_EXPORT = 100_000;

	static final String[] EXPORT_COLUMNS = { "编号", "来源", "类别", "标题", "严重程度", "责任单位", "状态", "逾期", "整改期限", "地址",
			"纬度", "经度", "退回次数", "反弹", "发现时间", "销号时间" };

	private final Problems problems;

	private final ProblemStore store;

	private final Units units;

	private final Imports imports;

	private final AuditTrail audit;

	private final MessageSource messages;

	private final Clock clock;

	public ProblemWorkbooks(Problems problems, ProblemStore store, Units units, Imports imports, AuditTrail audit,
			MessageSource messages, Clock clock) {
		this.problems = problems;
		this.store = store;
		this.units = units;
		this.imports = imports;
		this.audit = audit;
		this.messages = messages;
		this.clock = clock;
	}

	/** The filtered list the caller may see, as .xlsx, newest first; labels in Chinese like the list's printouts. */
	@Transactional(readOnly = true)
	public void export(CurrentUser user, ProblemFilter filter, OutputStream out) throws IOException {
		if (!user.can(Permissions.PROBLEM_READ)) {
			throw new AccessDeniedException(Permissions.PROBLEM_READ);
		}
		Instant now = clock.instant();
		SXSSFWorkbook workbook = new SXSSFWorkbook(200);
		try {
			Sheet sheet = workbook.createSheet("问题清单");
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			Row header = sheet.createRow(0);
			for (int c = 0; c < EXPORT_COLUMNS.length; c++) {
				Cell cell = header.createCell(c);
				cell.setCellValue(EXPORT_COLUMNS[c]);
				cell.setCellStyle(bold);
				sheet.setColumnWidth(c, (c == 3 || c == 9 ? 30 : c == 5 ? 20 : 14) * 256);
			}
			sheet.createFreezePane(0, 1);
			int[] r = { 1 };
			store.each(ProblemScope.of(user), user.cityId(), filter, now, MAX_EXPORT, p -> {
				ProblemView v = Problems.view(p, now);
				Row row = sheet.createRow(r[0]++);
				row.createCell(0).setCellValue(v.code());
				row.createCell(1).setCellValue(zh(v.source().messageKey()));
				row.createCell(2).setCellValue(v.category());
				row.createCell(3).setCellValue(v.title());
				row.createCell(4).setCellValue(zh(v.severity().messageKey()));
				row.createCell(5).setCellValue(v.unitName());
				row.createCell(6).setCellValue(zh(v.state().messageKey()));
				row.createCell(7).setCellValue(v.overdue() ? "是" : "否");
				row.createCell(8).setCellValue(time(v.deadline()));
				row.createCell(9).setCellValue(v.address() == null ? "" : v.address());
				number(row, 10, v.lat());
				number(row, 11, v.lng());
				row.createCell(12).setCellValue(v.rejections());
				row.createCell(13).setCellValue(v.recurrenceOf() == null ? "" : "是");
				row.createCell(14).setCellValue(time(v.createdAt()));
				row.createCell(15).setCellValue(v.closedAt() == null ? "" : time(v.closedAt()));
			});
			workbook.write(out);
		}
		finally {
			workbook.dispose();
			workbook.close();
		}
	}

	/** The import template: the header and one example row. */
	public void writeTemplate(OutputStream out) throws IOException {
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(10)) {
			Sheet sheet = workbook.createSheet("问题清单");
			Row header = sheet.createRow(0);
			Row example = sheet.createRow(1);
			String[] sample = { "文明办", "环境卫生", "背街小巷垃圾堆积", "三天未清运", "一般", "XT-T01", "沔阳大道 12 号", "30.364000",
					"113.455000", "", "是" };
			for (int c = 0; c < COLUMNS.length; c++) {
				header.createCell(c).setCellValue(COLUMNS[c]);
				example.createCell(c).setCellValue(sample[c]);
				sheet.setColumnWidth(c, (c == 2 || c == 3 ? 30 : 14) * 256);
			}
			workbook.write(out);
			workbook.dispose();
		}
	}

	/**
	 * Enters every row as a problem of the caller's city, or none: a bad row (unknown source,
	 * category, severity or unit code, a bad place or date, a missing title) is reported with its
	 * Excel row number and nothing is stored. Returns how many problems were entered.
	 */
	@Transactional
	public int importProblems(CurrentUser user, InputStream input) {
		if (!user.can(Permissions.PROBLEM_WRITE) || user.cityId() == null) {
			throw new AccessDeniedException(Permissions.PROBLEM_WRITE);
		}
		try (Imports.Slot slot = imports.begin(user.username())) {
			List<String[]> rows = read(input, imports.limits(MAX_BYTES, MAX_ROWS));
			Set<String> codes = new HashSet<>();
			rows.forEach(r -> codes.add(r[5]));
			Map<String, UnitView> byCode = new HashMap<>();
			units.findByCodes(user.scope(), user.cityId(), codes).forEach(u -> byCode.put(u.code(), u));
			List<FieldProblem> bad = new ArrayList<>();
			int entered = 0;
			for (String[] cells : rows) {
				int row = Integer.parseInt(cells[COLUMNS.length]);
				List<FieldProblem> rowBad = new ArrayList<>();
				ProblemSource source = named(ProblemSource.values(), cells[0], "problem.source.", row, "source", rowBad);
				ProblemSeverity severity = named(ProblemSeverity.values(), cells[4], "problem.severity.", row, "severity",
						rowBad);
				UnitView unit = byCode.get(cells[5]);
				if (unit == null) {
					rowBad.add(FieldProblem.row(row, "unitId", "problem.import.error.unit", cells[5]));
				}
				BigDecimal lat = decimal(cells[7], row, "lat", rowBad);
				BigDecimal lng = decimal(cells[8], row, "lng", rowBad);
				Instant deadline = date(cells[9], row, rowBad);
				boolean dispatch = cells[10].equals("是") || cells[10].equalsIgnoreCase("yes") || cells[10].equalsIgnoreCase("true");
				if (rowBad.isEmpty()) {
					try {
						problems.create(user, new ProblemDraft(source, cells[1], cells[2], blank(cells[3]), severity,
								unit.id(), List.of(), new ProblemDraft.Place(blank(cells[6]), lat, lng), deadline, null, null),
								dispatch);
						entered++;
					}
					catch (InvalidInputException ex) {
						ex.problems().forEach(p -> rowBad.add(FieldProblem.row(row, p.field(), p.messageKey(), p.args().toArray())));
					}
					catch (NotFoundException ex) {
						rowBad.add(FieldProblem.row(row, "unitId", "problem.import.error.unit", cells[5]));
					}
				}
				bad.addAll(rowBad);
			}
			if (rows.isEmpty()) {
				bad.add(FieldProblem.row(2, null, "problem.import.error.empty"));
			}
			if (!bad.isEmpty()) {
				// the transaction rolls back: the problems entered before the bad row go too
				throw new InvalidInputException(bad);
			}
			audit.record(AuditEntry.of("PROBLEM_IMPORT")
				.city(user.cityId())
				.object("city", user.cityId())
				.change("problems", null, entered));
			return entered;
		}
	}

	/** Filled rows (a title or a unit code) as text cells plus the Excel row number. */
	private List<String[]> read(InputStream input, ImportLimits limits) {
		List<String[]> rows = new ArrayList<>();
		boolean[] header = { true };
		imports.read(input, SheetReader.Format.XLSX_OR_CSV, limits, (number, cells) -> {
			if (header[0]) {
				header[0] = false;
				if (!COLUMNS[0].equals(cell(cells, 0))) {
					throw new InvalidInputException(FieldProblem.of("file", "problem.import.error.header"));
				}
				return;
			}
			if (cell(cells, 2).isEmpty() && cell(cells, 5).isEmpty()) {
				return;
			}
			String[] row = new String[COLUMNS.length + 1];
			for (int c = 0; c < COLUMNS.length; c++) {
				row[c] = cell(cells, c);
			}
			row[COLUMNS.length] = String.valueOf(number);
			rows.add(row);
		});
		return rows;
	}

	/** An enum value by its Chinese label (文明办) or its name (OFFICE). */
	private <E extends Enum<E>> E named(E[] values, String text, String prefix, int row, String field,
			List<FieldProblem> bad) {
		for (E e : values) {
			if (e.name().equalsIgnoreCase(text) || zh(prefix + e.name()).equals(text)) {
				return e;
			}
		}
		bad.add(FieldProblem.row(row, field, "problem.import.error." + field, text));
		return null;
	}

	private static BigDecimal decimal(String text, int row, String field, List<FieldProblem> bad) {
		if (text.isEmpty()) {
			return null;
		}
		try {
			BigDecimal value = new BigDecimal(text);
			if (value.precision() - value.scale() > 3 || value.scale() > 10) {
				throw new NumberFormatException(text);
			}
			return value;
		}
		catch (NumberFormatException ex) {
			bad.add(FieldProblem.row(row, field, "place.error." + field));
			return null;
		}
	}

	private static Instant date(String text, int row, List<FieldProblem> bad) {
		if (text.isEmpty()) {
			return null;
		}
		try {
			return LocalDate.parse(text.replace('/', '-')).atTime(LocalTime.of(23, 59, 59)).atZone(Problems.ZONE).toInstant();
		}
		catch (DateTimeParseException ex) {
			bad.add(FieldProblem.row(row, "deadline", "problem.error.deadline.format"));
			return null;
		}
	}

	private static void number(Row row, int column, BigDecimal value) {
		if (value != null) {
			row.createCell(column).setCellValue(value.doubleValue());
		}
	}

	private static String time(Instant instant) {
		return instant.atZone(Problems.ZONE).toLocalDateTime().toString().replace('T', ' ');
	}

	private static String cell(List<String> cells, int column) {
		return column < cells.size() ? cells.get(column).trim() : "";
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

	private String zh(String key) {
		return messages.getMessage(key, null, key, Locale.SIMPLIFIED_CHINESE);
	}

}
