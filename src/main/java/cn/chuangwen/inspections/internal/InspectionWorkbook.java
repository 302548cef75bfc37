package cn.chuangwen.inspections.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import cn.chuangwen.inspections.InspectionFilter;
import cn.chuangwen.inspections.Inspections;
import cn.chuangwen.inspections.internal.InspectionStore.Reader;

/**
 * The inspection records as an Excel workbook, exactly the filtered list, streamed (SXSSF) from the
 * database row by row; columns in Chinese, as offices exchange them.
 */
@Component
public class InspectionWorkbook {

	/** More rows than a city's year of inspections: a filter narrows a bigger list. */
	public static final int MAX_EXPORT = 100_000;

	static final String[] COLUMNS = { "检查时间", "检查计划", "明查暗访", "周期", "点位编码", "点位", "责任单位", "检查人", "得分",
			"距点位（米）", "过远", "问题交办时间" };

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(Inspections.ZONE);

	private final InspectionStore store;

	private final MessageSource messages;

	InspectionWorkbook(InspectionStore store, MessageSource messages) {
		this.store = store;
		this.messages = messages;
	}

	public void write(Reader reader, Long cityId, InspectionFilter filter, OutputStream out) throws IOException {
		SXSSFWorkbook workbook = new SXSSFWorkbook(200);
		try {
			Sheet sheet = workbook.createSheet("检查记录");
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			Row header = sheet.createRow(0);
			for (int c = 0; c < COLUMNS.length; c++) {
				Cell cell = header.createCell(c);
				cell.setCellValue(COLUMNS[c]);
				cell.setCellStyle(bold);
				sheet.setColumnWidth(c, (c == 1 || c == 5 || c == 6 ? 26 : 14) * 256);
			}
			sheet.createFreezePane(0, 1);
			int[] r = { 1 };
			store.each(reader, cityId, filter, MAX_EXPORT, v -> {
				Row row = sheet.createRow(r[0]++);
				row.createCell(0).setCellValue(TIME.format(v.checkedAt()));
				row.createCell(1).setCellValue(v.planName());
				row.createCell(2).setCellValue(messages.getMessage(v.kind().messageKey(), null, Locale.SIMPLIFIED_CHINESE));
				row.createCell(3).setCellValue(v.period());
				row.createCell(4).setCellValue(v.pointCode());
				row.createCell(5).setCellValue(v.pointName());
				row.createCell(6).setCellValue(v.unitName());
				row.createCell(7).setCellValue(v.inspectorName());
				if (v.score() != null) {
					row.createCell(8).setCellValue(v.score().doubleValue());
				}
				if (v.distanceMetres() != null) {
					row.createCell(9).setCellValue(v.distanceMetres());
				}
				row.createCell(10).setCellValue(v.far() ? "是" : "否");
				row.createCell(11).setCellValue(
						v.findingsDispatchedAt() == null ? "" : TIME.format(v.findingsDispatchedAt()));
			});
			workbook.write(out);
		}
		finally {
			workbook.dispose();
			workbook.close();
		}
	}

}
