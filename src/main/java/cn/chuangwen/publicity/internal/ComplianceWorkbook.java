package cn.chuangwen.publicity.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import cn.chuangwen.publicity.ComplianceRow;
import cn.chuangwen.publicity.OutletReport;

/** A month's compliance list as .xlsx, one row per outlet as the page shows it; in Chinese. */
@Component
public class ComplianceWorkbook {

	private static final String[] HEADERS = { "outlet.field.name", "outlet.field.city", "outlet.field.kind",
			"outlet.field.unit", "outlet.field.measure", "outlet.field.totalAmount", "outlet.field.adAmount",
			"outlet.field.share", "outlet.field.missing", "outlet.field.status" };

	private final MessageSource messages;

	public ComplianceWorkbook(MessageSource messages) {
		this.messages = messages;
	}

	public void write(YearMonth month, List<ComplianceRow> rows, OutputStream out) throws IOException {
		SXSSFWorkbook workbook = new SXSSFWorkbook(200);
		try {
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			Sheet sheet = workbook.createSheet(month.toString());
			Row header = sheet.createRow(0);
			for (int c = 0; c < HEADERS.length; c++) {
				header.createCell(c).setCellValue(zh(HEADERS[c]));
				header.getCell(c).setCellStyle(bold);
				sheet.setColumnWidth(c, (c == 0 || c == 3 ? 26 : 12) * 256);
			}
			sheet.createFreezePane(0, 1);
			int r = 1;
			for (ComplianceRow row : rows) {
				Row line = sheet.createRow(r++);
				line.createCell(0).setCellValue(row.outlet().name());
				line.createCell(1).setCellValue(row.outlet().cityName());
				line.createCell(2).setCellValue(zh(row.outlet().kind().messageKey()));
				line.createCell(3).setCellValue(row.outlet().unitName());
				line.createCell(4).setCellValue(zh(row.outlet().measure().messageKey()));
				OutletReport rep = row.report();
				if (rep != null) {
					line.createCell(5).setCellValue(rep.totalAmount().doubleValue());
					line.createCell(6).setCellValue(rep.adAmount().doubleValue());
					line.createCell(7).setCellValue(rep.sharePercent().doubleValue());
					line.createCell(8).setCellValue(rep.missing().doubleValue());
				}
				line.createCell(9).setCellValue(zh(!row.reported() ? "outlet.status.unreported"
						: row.compliant() ? "outlet.status.compliant" : "outlet.status.short"));
			}
			workbook.write(out);
		}
		finally {
			workbook.dispose();
			workbook.close();
		}
	}

	private String zh(String key) {
		return messages.getMessage(key, null, key, Locale.SIMPLIFIED_CHINESE);
	}

}
