package cn.chuangwen.inspections;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEntry;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.inspections.internal.FieldPointStore;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.GeoPoint;
import cn.chuangwen.shared.Imports;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.SheetReader;

/**
 * The point register in Excel: the filtered list as a workbook (streamed), a template, and an
 * import that enters every row as a point of the caller's city or, if any row is bad (a code used
 * twice or already taken, an unknown unit, a place outside the city), none, naming every bad row.
 */
@Service
public class FieldPointWorkbooks {

	/** The import's columns, in order; the header row must start with the first. */
	public static final String[] COLUMNS = { "点位编码", "点位名称", "点位类型", "地址", "纬度", "经度", "责任单位编码", "所在镇街编码",
			"启用（是/否）" };

	/** The export: the import's columns (so an export can be edited and imported elsewhere), then the names. */
	static final String[] EXPORT_COLUMNS = { "点位编码", "点位名称", "点位类型", "地址", "纬度", "经度", "责任单位编码", "所在镇街编码",
			"启用（是/否）", "责任单位", "所在镇街" };

	public static final int MAX_ROWS = 5_000;

	public static final long MAX_BYTES = 10L * 1024 * 1024;

	public static final int MAX_EXPORT = 100_000;

	private final FieldPoints points;

	private final FieldPointStore store;

	private final Units units;

	private final Imports imports;

	private final AuditTrail audit;

	public FieldPointWorkbooks(FieldPoints points, FieldPointStore store, Units units, Imports imports,
			AuditTrail audit) {
		this.points = points;
		this.store = store;
		this.units = units;
		this.imports = imports;
		this.audit = audit;
	}

	/** The filtered points the caller may see, as .xlsx, by code. */
	@Transactional(readOnly = true)
	public void export(CurrentUser user, Long cityId, FieldPointFilter filter, OutputStream out) throws IOException {
		if (!user.can(Permissions.FIELDPOINT_READ)) {
			throw new AccessDeniedException(Permissions.FIELDPOINT_READ);
		}
		SXSSFWorkbook workbook = new SXSSFWorkbook(200);
		try {
			Sheet sheet = header(workbook, EXPORT_COLUMNS);
			int[] r = { 1 };
			store.each(user.scope(), cityId, filter, MAX_EXPORT, p -> {
				Row row = sheet.createRow(r[0]++);
				row.createCell(0).setCellValue(p.code());
				row.createCell(1).setCellValue(p.name());
				row.createCell(2).setCellValue(p.pointType().chineseName());
				row.createCell(3).setCellValue(p.address() == null ? "" : p.address());
				row.createCell(4).setCellValue(p.lat().toPlainString());
				row.createCell(5).setCellValue(p.lng().toPlainString());
				row.createCell(6).setCellValue(p.unitCode());
				row.createCell(7).setCellValue(p.townCode());
				row.createCell(8).setCellValue(p.active() ? "是" : "否");
				row.createCell(9).setCellValue(p.unitName());
				row.createCell(10).setCellValue(p.townName());
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
		SXSSFWorkbook workbook = new SXSSFWorkbook(10);
		try {
			Sheet sheet = header(workbook, COLUMNS);
			String[] sample = { "XT-ZD-001", "仙桃大道（钱沟路至仙下河路段）", "主次干道", "仙桃大道中段", "30.362700", "113.454000", "XT-T01",
					"XT-T01", "是" };
			Row example = sheet.createRow(1);
			for (int c = 0; c < sample.length; c++) {
				example.createCell(c).setCellValue(sample[c]);
			}
			workbook.write(out);
		}
		finally {
			workbook.dispose();
			workbook.close();
		}
	}

	/**
	 * Enters every row as a point of the caller's city, or none: every bad row is reported with its
	 * Excel row number and nothing is stored. The file must be an .xlsx workbook. Returns the points
	 * entered, by code.
	 */
	@Transactional
	public List<FieldPointView> importPoints(CurrentUser user, InputStream input) {
		long cityId = FieldPoints.writer(user);
		try (Imports.Slot slot = imports.begin(user.username())) {
			List<String[]> rows = read(input);
			Set<String> unitCodes = new HashSet<>();
			Set<String> codes = new HashSet<>();
			rows.forEach(r -> {
				unitCodes.add(r[6]);
				unitCodes.add(r[7]);
				codes.add(r[0]);
			});
			Map<String, UnitView> byCode = new HashMap<>();
			units.findByCodes(user.scope(), cityId, unitCodes).forEach(u -> byCode.put(u.code(), u));
			Set<String> taken = new HashSet<>(store.takenCodes(cityId, codes));
			Optional<GeoPoint.Box> area = store.area(cityId);
			Map<String, Integer> firstRow = new HashMap<>();
			List<FieldProblem> bad = new ArrayList<>();
			List<FieldPointStore.NewPoint> good = new ArrayList<>();
			for (String[] cells : rows) {
				int row = Integer.parseInt(cells[COLUMNS.length]);
				List<FieldProblem> rowBad = new ArrayList<>();
				String code = cells[0];
				// a blank code is the point's check to name (required), not a duplicate of another blank one
				Integer earlier = code.isEmpty() ? null : firstRow.putIfAbsent(code, row);
				if (earlier != null) {
					rowBad.add(FieldProblem.row(row, "code", "fieldPoint.import.error.duplicate", code, earlier));
				}
				else if (taken.contains(code)) {
					rowBad.add(FieldProblem.row(row, "code", "fieldPoint.error.code.taken", code));
				}
				UnitView unit = byCode.get(cells[6]);
				if (unit == null || !unit.active()) {
					rowBad.add(FieldProblem.row(row, "unitId", "fieldPoint.import.error.unit", cells[6]));
				}
				UnitView town = byCode.get(cells[7]);
				if (town == null || !town.active() || !town.kind().isTownLevel()) {
					rowBad.add(FieldProblem.row(row, "townId", "fieldPoint.import.error.town", cells[7]));
				}
				BigDecimal lat = decimal(cells[4], row, GeoPoint.LAT, rowBad);
				BigDecimal lng = decimal(cells[5], row, GeoPoint.LNG, rowBad);
				if (lat != null && lng != null) {
					// the place is checked with the row's other problems, so a row shows all of them at once
					List<FieldProblem> place = new ArrayList<>();
					FieldPoints.place(area, lat, lng, place);
					place.forEach(x -> rowBad.add(FieldProblem.row(row, x.field(), x.messageKey(), x.args().toArray())));
				}
				Boolean active = switch (cells[8]) {
					case "", "是", "yes", "true" -> true;
					case "否", "no", "false" -> false;
					default -> {
						rowBad.add(FieldProblem.row(row, "active", "fieldPoint.import.error.active", cells[8]));
						yield null;
					}
				};
				if (unit != null && town != null && active != null) {
					// the same checks as a point entered by hand (code, name, type, place in the city), even on
					// a row with problems already, so a row shows all of them at once; a field named above once
					try {
						FieldPointStore.NewPoint p = points.checked(cityId, new FieldPointDraft(code, cells[1], cells[2],
								cells[3], lat, lng, unit.id(), town.id(), active), unit, town, false, area);
						if (rowBad.isEmpty()) {
							good.add(p);
						}
					}
					catch (InvalidInputException ex) {
						Set<String> named = new HashSet<>();
						rowBad.forEach(p -> named.add(p.field()));
						ex.problems()
							.stream()
							.filter(p -> !named.contains(p.field()))
							.forEach(p -> rowBad.add(FieldProblem.row(row, p.field(), p.messageKey(), p.args().toArray())));
					}
				}
				bad.addAll(rowBad);
			}
			if (rows.isEmpty()) {
				bad.add(FieldProblem.row(2, "file", "fieldPoint.import.error.empty"));
			}
			if (!bad.isEmpty()) {
				throw new InvalidInputException(bad);
			}
			List<FieldPointView> created = points.createAll(user, good);
			audit.record(AuditEntry.of("FIELD_POINT_IMPORT")
				.city(cityId)
				.object("city", cityId)
				.change("fieldPoints", null, created.size()));
			return created;
		}
	}

	/** Filled rows (a code or a name) as text cells plus the Excel row number. */
	private List<String[]> read(InputStream input) {
		List<String[]> rows = new ArrayList<>();
		boolean[] header = { true };
		imports.read(input, SheetReader.Format.XLSX, imports.limits(MAX_BYTES, MAX_ROWS), (number, cells) -> {
			if (header[0]) {
				header[0] = false;
				if (!COLUMNS[0].equals(cell(cells, 0))) {
					throw new InvalidInputException(FieldProblem.row(number, "file", "fieldPoint.import.error.header",
							COLUMNS[0]));
				}
				return;
			}
			if (cell(cells, 0).isEmpty() && cell(cells, 1).isEmpty()) {
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

	private static Sheet header(SXSSFWorkbook workbook, String[] columns) {
		Sheet sheet = workbook.createSheet("点位");
		CellStyle bold = workbook.createCellStyle();
		Font font = workbook.createFont();
		font.setBold(true);
		bold.setFont(font);
		Row header = sheet.createRow(0);
		for (int c = 0; c < columns.length; c++) {
			Cell cell = header.createCell(c);
			cell.setCellValue(columns[c]);
			cell.setCellStyle(bold);
			sheet.setColumnWidth(c, (c == 1 || c == 3 ? 30 : 14) * 256);
		}
		sheet.createFreezePane(0, 1);
		return sheet;
	}

	/** A coordinate cell: blank is absent (the point's check says it is required), as {@link GeoPoint#readCoordinate}. */
	private static BigDecimal decimal(String text, int row, String field, List<FieldProblem> bad) {
		List<FieldProblem> problems = new ArrayList<>();
		BigDecimal value = GeoPoint.readCoordinate(field, text, problems);
		problems.forEach(p -> bad.add(FieldProblem.row(row, p.field(), p.messageKey(), p.args().toArray())));
		return value;
	}

	private static String cell(List<String> cells, int column) {
		return column < cells.size() ? cells.get(column).trim() : "";
	}

}
