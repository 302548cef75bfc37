package cn.chuangwen.inspections.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import cn.chuangwen.inspections.PlanKind;
import cn.chuangwen.inspections.PlanState;
import cn.chuangwen.inspections.PlanView;

/** The plan list as a workbook (检查计划.xlsx): exactly the rows the caller's filtered list shows. */
public final class PlanWorkbook {

	static final String[] COLUMNS = { "计划名称", "检查方式", "期间", "开始日期", "结束日期", "状态", "点位数", "已查点位数", "督查员" };

	private PlanWorkbook() {
	}

	public static void write(List<PlanView> plans, OutputStream out) throws IOException {
		SXSSFWorkbook workbook = new SXSSFWorkbook(200);
		try {
			Sheet sheet = workbook.createSheet("检查计划");
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			Row header = sheet.createRow(0);
			for (int c = 0; c < COLUMNS.length; c++) {
				Cell cell = header.createCell(c);
				cell.setCellValue(COLUMNS[c]);
				cell.setCellStyle(bold);
				sheet.setColumnWidth(c, (c == 0 || c == 8 ? 30 : 12) * 256);
			}
			sheet.createFreezePane(0, 1);
			int r = 1;
			for (PlanView p : plans) {
				Row row = sheet.createRow(r++);
				row.createCell(0).setCellValue(p.name());
				row.createCell(1).setCellValue(p.kind() == PlanKind.ANNOUNCED ? "明查" : "暗访");
				row.createCell(2).setCellValue(p.period());
				row.createCell(3).setCellValue(p.startDate().toString());
				row.createCell(4).setCellValue(p.endDate().toString());
				row.createCell(5).setCellValue(p.state() == PlanState.OPEN ? "进行中" : "已结束");
				row.createCell(6).setCellValue(p.pointCount());
				row.createCell(7).setCellValue(p.inspectedCount());
				row.createCell(8).setCellValue(p.inspectors().stream().map(PlanView.Inspector::displayName)
					.collect(Collectors.joining("、")));
			}
			workbook.write(out);
		}
		finally {
			workbook.dispose();
			workbook.close();
		}
	}

}
