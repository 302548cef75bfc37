package cn.chuangwen.audit.web;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.chuangwen.audit.AuditEventView;
import cn.chuangwen.audit.internal.AuditEventStore;
import cn.chuangwen.audit.internal.AuditQuery;

/**
 * Writes filtered trace rows to an .xlsx with POI's streaming workbook: 100 rows in memory, the
 * rest flushed to a temporary file, database rows read through a cursor.
 */
@Component
class AuditExcelExport {

	static final int WINDOW = 100;

	static final int MAX_ROWS = 1_000_000;

	private static final String[] COLUMNS = { "time", "actor", "unit", "city", "action", "outcome", "objectType",
			"objectId", "reason", "changes", "clientIp", "requestId", "chain", "seq" };

	private static final int[] WIDTHS = { 20, 16, 10, 8, 18, 8, 14, 14, 30, 50, 16, 34, 8, 10 };

	private final AuditEventStore store;

	private final MessageSource messages;

	AuditExcelExport(AuditEventStore store, MessageSource messages) {
		this.store = store;
		this.messages = messages;
	}

	/** Writes the workbook; returns the number of data rows. */
	@Transactional(readOnly = true)
	public long write(AuditQuery query, Locale locale, OutputStream out) throws IOException {
		SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW);
		workbook.setCompressTempFiles(true);
		try {
			SXSSFSheet sheet = workbook.createSheet(msg("audit.export.sheet", locale));
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			Row header = sheet.createRow(0);
			for (int i = 0; i < COLUMNS.length; i++) {
				header.createCell(i).setCellValue(msg("audit.col." + COLUMNS[i], locale));
				header.getCell(i).setCellStyle(bold);
				sheet.setColumnWidth(i, WIDTHS[i] * 256);
			}
			sheet.createFreezePane(0, 1);
			long[] count = { 0 };
			store.streamSearch(query, MAX_ROWS + 1, e -> {
				count[0]++;
				if (count[0] <= MAX_ROWS) {
					writeRow(sheet.createRow((int) count[0]), e, locale);
				}
			});
			long written = Math.min(count[0], MAX_ROWS);
			if (count[0] > MAX_ROWS) {
				sheet.createRow((int) written + 1)
					.createCell(0)
					.setCellValue(messages.getMessage("audit.export.truncated", new Object[] { MAX_ROWS }, locale));
			}
			workbook.write(out);
			return written;
		}
		finally {
			workbook.dispose();
			workbook.close();
		}
	}

	private void writeRow(Row row, AuditEventView e, Locale locale) {
		int c = 0;
		row.createCell(c++).setCellValue(EventRow.of(e).time());
		row.createCell(c++).setCellValue(nz(e.actor()));
		number(row, c++, e.actorUnitId());
		number(row, c++, e.cityId());
		row.createCell(c++).setCellValue(e.action());
		row.createCell(c++).setCellValue(messages.getMessage("audit.outcome." + e.outcome(), null, e.outcome(), locale));
		row.createCell(c++).setCellValue(nz(e.objectType()));
		row.createCell(c++).setCellValue(nz(e.objectId()));
		row.createCell(c++).setCellValue(nz(e.reason()));
		String empty = msg("audit.value.empty", locale);
		row.createCell(c++)
			.setCellValue(e.changes()
				.stream()
				.map(ch -> messages.getMessage("audit.change",
						new Object[] { ch.field(), ch.before() == null ? empty : ch.before(),
								ch.after() == null ? empty : ch.after() },
						locale))
				.collect(Collectors.joining("\n")));
		row.createCell(c++).setCellValue(nz(e.clientIp()));
		row.createCell(c++).setCellValue(nz(e.requestId()));
		row.createCell(c++).setCellValue(e.chainId());
		row.createCell(c).setCellValue(e.seq());
	}

	private static void number(Row row, int column, Long value) {
		if (value != null) {
			row.createCell(column).setCellValue(value);
		}
		else {
			row.createCell(column);
		}
	}

	private String msg(String key, Locale locale) {
		return messages.getMessage(key, null, locale);
	}

	private static String nz(String s) {
		return s == null ? "" : s;
	}

}
