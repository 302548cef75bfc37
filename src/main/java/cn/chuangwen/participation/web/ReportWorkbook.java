package cn.chuangwen.participation.web;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.context.MessageSource;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.participation.ReportFilter;
import cn.chuangwen.participation.ReportTriage;

/**
 * The office's list of reports as a workbook, streamed (a window of rows in memory): exactly the
 * filtered rows, newest first; the reporter's name and phone columns only for holders of
 * {@code participation:personal}.
 */
final class ReportWorkbook {

	/** Beijing time to the second, as the pages show it. */
	private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
		.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(cn.chuangwen.problems.Problems.ZONE);

	private ReportWorkbook() {
	}

	static void write(ReportTriage triage, CurrentUser user, ReportFilter filter, MessageSource messages,
			Locale locale, OutputStream out) throws IOException {
		boolean personal = user.can(Permissions.PARTICIPATION_PERSONAL);
		List<String> columns = new ArrayList<>(List.of("code", "channel", "category", "state", "createdAt",
				"answeredAt", "town", "address", "lat", "lng", "description", "supporters"));
		if (personal) {
			columns.addAll(List.of("reporterName", "reporterPhone"));
		}
		SXSSFWorkbook workbook = new SXSSFWorkbook(200);
		try {
			Sheet sheet = workbook.createSheet(messages.getMessage("citizenReport.export.sheet", null, locale));
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			Row header = sheet.createRow(0);
			for (int c = 0; c < columns.size(); c++) {
				header.createCell(c).setCellValue(messages.getMessage("citizenReport.column." + columns.get(c), null, locale));
				header.getCell(c).setCellStyle(bold);
			}
			sheet.createFreezePane(0, 1);
			int[] r = { 1 };
			triage.each(user, filter, rep -> {
				Row row = sheet.createRow(r[0]++);
				int c = 0;
				row.createCell(c++).setCellValue(rep.code());
				row.createCell(c++).setCellValue(messages.getMessage(rep.channel().messageKey(), null, locale));
				row.createCell(c++).setCellValue(rep.category());
				row.createCell(c++).setCellValue(messages.getMessage(rep.state().messageKey(), null, locale));
				row.createCell(c++).setCellValue(TIME.format(rep.createdAt()));
				row.createCell(c++).setCellValue(rep.answeredAt() == null ? "" : TIME.format(rep.answeredAt()));
				row.createCell(c++).setCellValue(rep.townName() == null ? "" : rep.townName());
				row.createCell(c++).setCellValue(rep.address() == null ? "" : rep.address());
				row.createCell(c++).setCellValue(rep.lat() == null ? "" : rep.lat().toPlainString());
				row.createCell(c++).setCellValue(rep.lng() == null ? "" : rep.lng().toPlainString());
				row.createCell(c++).setCellValue(rep.description());
				row.createCell(c++).setCellValue(rep.supporters());
				if (personal) {
					row.createCell(c++).setCellValue(rep.reporterName() == null ? "" : rep.reporterName());
					row.createCell(c).setCellValue(rep.reporterPhone() == null ? "" : rep.reporterPhone());
				}
			});
			workbook.write(out);
		}
		finally {
			workbook.dispose();
			workbook.close();
		}
	}

}
