package cn.chuangwen.projects.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import cn.chuangwen.projects.FundAllocation;
import cn.chuangwen.projects.FundsYear;
import cn.chuangwen.projects.ProjectView;

/** The key projects the reader sees, and a year's creation funds, as .xlsx, as the pages show them; in Chinese. */
@Component
public class ProjectsWorkbook {

	private static final String[] HEADERS = { "project.field.name", "project.field.city", "project.field.state",
			"project.field.leader", "project.field.leadUnit", "project.field.cooperating", "project.field.budget",
			"project.field.spent", "project.field.spentPercent", "project.field.assignments",
			"project.field.problems", "project.field.overdue" };

	private static final String[] FUND_HEADERS = { "fund.field.target", "fund.field.kind", "fund.field.allocation",
			"fund.field.spent", "fund.field.spentPercent", "fund.field.pending", "fund.field.warning" };

	private final MessageSource messages;

	public ProjectsWorkbook(MessageSource messages) {
		this.messages = messages;
	}

	public void write(List<ProjectView> projects, Map<Long, Long> overdue, OutputStream out) throws IOException {
		SXSSFWorkbook workbook = new SXSSFWorkbook(200);
		try {
			Sheet sheet = sheet(workbook, "project.nav", HEADERS, 5);
			int r = 1;
			for (ProjectView p : projects) {
				Row row = sheet.createRow(r++);
				row.createCell(0).setCellValue(p.name());
				row.createCell(1).setCellValue(p.cityName());
				row.createCell(2).setCellValue(zh(p.state().messageKey()));
				row.createCell(3).setCellValue(p.leaderName());
				row.createCell(4).setCellValue(p.leadUnitName());
				row.createCell(5).setCellValue(String.join("、", p.cooperating().stream().map(ProjectView.Unit::name).toList()));
				row.createCell(6).setCellValue(p.budget().doubleValue());
				row.createCell(7).setCellValue(p.spent().doubleValue());
				row.createCell(8).setCellValue(p.spentPercent());
				row.createCell(9).setCellValue(p.linkedAssignmentIds().size());
				row.createCell(10).setCellValue(p.linkedProblemIds().size());
				row.createCell(11).setCellValue(overdue.getOrDefault(p.id(), 0L));
			}
			workbook.write(out);
		}
		finally {
			workbook.dispose();
			workbook.close();
		}
	}

	/** A year's creation funds: one row per allocation, then the budget's totals. */
	public void write(FundsYear year, OutputStream out) throws IOException {
		SXSSFWorkbook workbook = new SXSSFWorkbook(200);
		try {
			Sheet sheet = sheet(workbook, "fund.nav", FUND_HEADERS, 0);
			int r = 1;
			for (FundAllocation a : year.allocations()) {
				Row row = sheet.createRow(r++);
				row.createCell(0).setCellValue(a.targetName());
				row.createCell(1).setCellValue(zh(a.forProject() ? "fund.kind.project" : "fund.kind.unit"));
				row.createCell(2).setCellValue(a.amount().doubleValue());
				row.createCell(3).setCellValue(a.spent().doubleValue());
				row.createCell(4).setCellValue(a.spentPercent());
				row.createCell(5).setCellValue(a.pendingIncrease().doubleValue());
				row.createCell(6).setCellValue(a.warning() ? zh("fund.warning") : "");
			}
			Row total = sheet.createRow(r + 1);
			total.createCell(0).setCellValue(zh("fund.field.budget") + " " + year.year());
			total.createCell(2).setCellValue(year.budget() == null ? 0 : year.budget().doubleValue());
			total.createCell(3).setCellValue(year.spent().doubleValue());
			workbook.write(out);
		}
		finally {
			workbook.dispose();
			workbook.close();
		}
	}

	private Sheet sheet(SXSSFWorkbook workbook, String title, String[] headers, int wide) {
		CellStyle bold = workbook.createCellStyle();
		Font font = workbook.createFont();
		font.setBold(true);
		bold.setFont(font);
		Sheet sheet = workbook.createSheet(zh(title));
		Row header = sheet.createRow(0);
		for (int c = 0; c < headers.length; c++) {
			header.createCell(c).setCellValue(zh(headers[c]));
			header.getCell(c).setCellStyle(bold);
			sheet.setColumnWidth(c, (c == 0 || c == wide ? 30 : 14) * 256);
		}
		sheet.createFreezePane(0, 1);
		return sheet;
	}

	private String zh(String key) {
		return messages.getMessage(key, null, key, Locale.SIMPLIFIED_CHINESE);
	}

}
