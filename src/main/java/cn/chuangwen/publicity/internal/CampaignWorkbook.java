package cn.chuangwen.publicity.internal;

import java.io.IOException;
import java.io.OutputStream;
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

import cn.chuangwen.publicity.Campaign;
import cn.chuangwen.publicity.CampaignEntry;

/** A campaign's entries as .xlsx, as the office's page lists them (waiting first, then by votes); in Chinese. */
@Component
public class CampaignWorkbook {

	private static final String[] HEADERS = { "campaign.entry.field.id", "campaign.entry.field.content",
			"campaign.entry.field.note", "campaign.entry.field.source", "campaign.entry.field.state",
			"campaign.entry.field.votes", "campaign.entry.field.submittedAt", "campaign.entry.field.moderatedBy",
			"campaign.entry.field.rejectReason" };

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(ZoneId.of("Asia/Shanghai"));

	private final MessageSource messages;

	public CampaignWorkbook(MessageSource messages) {
		this.messages = messages;
	}

	public void write(Campaign campaign, List<CampaignEntry> entries, OutputStream out) throws IOException {
		SXSSFWorkbook workbook = new SXSSFWorkbook(200);
		try {
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			Sheet sheet = workbook.createSheet(zh("campaign.entries.title"));
			Row title = sheet.createRow(0);
			title.createCell(0).setCellValue(campaign.title());
			title.getCell(0).setCellStyle(bold);
			Row header = sheet.createRow(1);
			for (int c = 0; c < HEADERS.length; c++) {
				header.createCell(c).setCellValue(zh(HEADERS[c]));
				header.getCell(c).setCellStyle(bold);
				sheet.setColumnWidth(c, (c == 1 || c == 2 || c == 8 ? 36 : 12) * 256);
			}
			sheet.createFreezePane(0, 2);
			int r = 2;
			for (CampaignEntry e : entries) {
				Row line = sheet.createRow(r++);
				line.createCell(0).setCellValue(e.id());
				line.createCell(1).setCellValue(e.content() == null ? "" : e.content());
				line.createCell(2).setCellValue(e.note() == null ? "" : e.note());
				line.createCell(3).setCellValue(zh("campaign.entry.source." + e.source().name()));
				line.createCell(4).setCellValue(zh(e.state().messageKey()));
				line.createCell(5).setCellValue(e.votes());
				line.createCell(6).setCellValue(TIME.format(e.submittedAt()));
				line.createCell(7).setCellValue(e.moderatedBy() == null ? "" : e.moderatedBy());
				line.createCell(8).setCellValue(e.rejectReason() == null ? "" : e.rejectReason());
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
