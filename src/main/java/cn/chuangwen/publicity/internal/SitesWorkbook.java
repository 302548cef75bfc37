package cn.chuangwen.publicity.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import cn.chuangwen.publicity.DemonstrationSite;

/** The demonstration sites of a filtered list as .xlsx, one row per site as the list shows it; in Chinese. */
@Component
public class SitesWorkbook {

	private static final String[] HEADERS = { "site.field.name", "site.field.city", "site.field.kind", "site.field.unit",
			"site.field.address", "site.field.latitude", "site.field.longitude", "site.field.state",
			"site.field.yearNamed", "site.field.description", "site.field.photos" };

	private final MessageSource messages;

	public SitesWorkbook(MessageSource messages) {
		this.messages = messages;
	}

	public void write(List<DemonstrationSite> sites, OutputStream out) throws IOException {
		SXSSFWorkbook workbook = new SXSSFWorkbook(200);
		try {
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			Sheet sheet = workbook.createSheet(zh("site.nav"));
			Row header = sheet.createRow(0);
			for (int c = 0; c < HEADERS.length; c++) {
				header.createCell(c).setCellValue(zh(HEADERS[c]));
				header.getCell(c).setCellStyle(bold);
				sheet.setColumnWidth(c, (c == 0 || c == 3 || c == 4 ? 28 : c == 9 ? 48 : 12) * 256);
			}
			sheet.createFreezePane(0, 1);
			int r = 1;
			for (DemonstrationSite s : sites) {
				Row line = sheet.createRow(r++);
				line.createCell(0).setCellValue(s.name());
				line.createCell(1).setCellValue(s.city().name());
				line.createCell(2).setCellValue(zh(s.kind().messageKey()));
				line.createCell(3).setCellValue(s.unitName());
				line.createCell(4).setCellValue(s.address());
				line.createCell(5).setCellValue(s.place().latitude().doubleValue());
				line.createCell(6).setCellValue(s.place().longitude().doubleValue());
				line.createCell(7).setCellValue(zh(s.state().messageKey()));
				if (s.yearNamed() != null) {
					line.createCell(8).setCellValue(s.yearNamed());
				}
				line.createCell(9).setCellValue(s.description());
				line.createCell(10).setCellValue(s.photos().size());
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
