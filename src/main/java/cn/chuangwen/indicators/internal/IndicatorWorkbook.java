package cn.chuangwen.indicators.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import cn.chuangwen.indicators.AssessmentMethod;
import cn.chuangwen.indicators.IndicatorView;

/** A system as a workbook in the import's own columns, so an export imports back unchanged. */
public final class IndicatorWorkbook {

	private static final int[] WIDTHS = { 12, 12, 8, 28, 60, 24, 8, 28, 14, 10 };

	private IndicatorWorkbook() {
	}

	/** Writes the indicators (in tree order) row by row. */
	public static void write(List<IndicatorView> tree, OutputStream out) throws IOException {
		SXSSFWorkbook workbook = new SXSSFWorkbook(200);
		try {
			Sheet sheet = workbook.createSheet("indicators");
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			Row header = sheet.createRow(0);
			for (int c = 0; c < IndicatorFile.COLUMNS.size(); c++) {
				Cell cell = header.createCell(c);
				cell.setCellValue(IndicatorFile.COLUMNS.get(c));
				cell.setCellStyle(bold);
				sheet.setColumnWidth(c, WIDTHS[c] * 256);
			}
			sheet.createFreezePane(0, 1);
			Map<Long, String> codes = new HashMap<>();
			tree.forEach(i -> codes.put(i.id(), i.code()));
			int r = 1;
			for (IndicatorView i : tree) {
				Row row = sheet.createRow(r++);
				row.createCell(0).setCellValue(i.code());
				row.createCell(1).setCellValue(i.parentId() == null ? "" : codes.getOrDefault(i.parentId(), ""));
				row.createCell(2).setCellValue(i.level());
				row.createCell(3).setCellValue(i.name());
				row.createCell(4).setCellValue(i.criteria() == null ? "" : i.criteria());
				row.createCell(5)
					.setCellValue(String.join("|", i.methods().stream().map(AssessmentMethod::chineseName).toList()));
				number(row, 6, i.score());
				row.createCell(7).setCellValue(String.join("|", i.pointTypes()));
				if (i.targetQuantity() != null) {
					number(row, 8, i.targetQuantity());
					row.createCell(9).setCellValue(i.targetUnit() == null ? "" : i.targetUnit());
				}
			}
			workbook.write(out);
		}
		finally {
			workbook.close();
		}
	}

	/** A numeric cell, or text when a double would not hold the value exactly (it must round-trip). */
	private static void number(Row row, int column, BigDecimal value) {
		double d = value.doubleValue();
		if (BigDecimal.valueOf(d).compareTo(value) == 0) {
			row.createCell(column).setCellValue(d);
		}
		else {
			row.createCell(column).setCellValue(IndicatorRules.plain(value));
		}
	}

}
