package cn.chuangwen.participation.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import cn.chuangwen.participation.RoundAnswer;
import cn.chuangwen.participation.RoundView;
import cn.chuangwen.shared.PageRequest;

/**
 * A round's answers as .xlsx, newest first, read from the database a page at a time. The name and
 * phone columns are written only when the reader may see personal data; otherwise they are absent,
 * not blank, so a forwarded file never suggests it held them.
 */
@Component
public class RoundWorkbook {

	static final int BATCH = 500;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneId.of("Asia/Shanghai"));

	private final RoundStore store;

	private final MessageSource messages;

	public RoundWorkbook(RoundStore store, MessageSource messages) {
		this.store = store;
		this.messages = messages;
	}

	public void write(RoundView round, boolean personal, OutputStream out) throws IOException {
		SXSSFWorkbook workbook = new SXSSFWorkbook(200);
		try {
			Sheet sheet = workbook.createSheet(zh("round.export.sheet"));
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			List<String> columns = personal
					? List.of("round.export.time", "round.export.from", "round.export.text", "round.export.name",
							"round.export.phone")
					: List.of("round.export.time", "round.export.from", "round.export.text");
			Row title = sheet.createRow(0);
			title.createCell(0).setCellValue(round.topic());
			title.getCell(0).setCellStyle(bold);
			Row header = sheet.createRow(1);
			for (int c = 0; c < columns.size(); c++) {
				header.createCell(c).setCellValue(zh(columns.get(c)));
				header.getCell(c).setCellStyle(bold);
				sheet.setColumnWidth(c, (c == 2 ? 60 : 20) * 256);
			}
			sheet.createFreezePane(0, 2);
			int r = 2;
			for (int page = 1;; page++) {
				List<RoundAnswer> batch = store.answers(round.id(), null, new PageRequest(page, BATCH));
				for (RoundAnswer a : batch) {
					Row row = sheet.createRow(r++);
					row.createCell(0).setCellValue(TIME.format(a.createdAt()));
					row.createCell(1).setCellValue(a.fromPublic() ? zh("round.answer.public") : a.supervisorName());
					row.createCell(2).setCellValue(a.text());
					if (personal) {
						row.createCell(3).setCellValue(a.name() == null ? "" : a.name());
						row.createCell(4).setCellValue(a.phone() == null ? "" : a.phone());
					}
				}
				if (batch.size() < BATCH) {
					break;
				}
			}
			workbook.write(out);
		}
		finally {
			workbook.dispose();
			workbook.close();
		}
	}

	/** Exports are read in the office's language, like the other printouts. */
	private String zh(String key) {
		return messages.getMessage(key, null, key, Locale.SIMPLIFIED_CHINESE);
	}

	static String time(Instant at) {
		return TIME.format(at);
	}

}
