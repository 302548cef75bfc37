package cn.chuangwen.surveys.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import cn.chuangwen.surveys.QuestionKind;
import cn.chuangwen.surveys.SurveyResults;

/**
 * A survey's results as .xlsx, exactly what the results page shows the reader: the units (responses,
 * score or "sample too small") on one sheet, the questions (count per option or rating, the mean
 * rating, the newest comments) on another. In Chinese, like the other printouts of the office.
 */
@Component
public class ResultsWorkbook {

	private final MessageSource messages;

	public ResultsWorkbook(MessageSource messages) {
		this.messages = messages;
	}

	public void write(SurveyResults results, OutputStream out) throws IOException {
		SXSSFWorkbook workbook = new SXSSFWorkbook(200);
		try {
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);

			Sheet units = workbook.createSheet(zh("survey.results.units"));
			Row title = units.createRow(0);
			title.createCell(0).setCellValue(results.survey().name() + "（" + results.survey().round() + "）");
			title.getCell(0).setCellStyle(bold);
			header(units.createRow(1), bold, "survey.field.unit", "survey.results.responses", "survey.results.score",
					"survey.results.sampleTooSmall");
			units.setColumnWidth(0, 36 * 256);
			for (int c = 1; c < 4; c++) {
				units.setColumnWidth(c, 16 * 256);
			}
			units.createFreezePane(0, 2);
			int r = 2;
			for (SurveyResults.UnitResult u : results.units()) {
				Row row = units.createRow(r++);
				row.createCell(0).setCellValue(u.unitName());
				row.createCell(1).setCellValue(u.responses());
				if (u.score() != null) {
					row.createCell(2).setCellValue(u.score().doubleValue());
				}
				row.createCell(3).setCellValue(u.sampleTooSmall() ? zh("survey.results.sampleTooSmall") : "");
			}

			Sheet questions = workbook.createSheet(zh("survey.results.questions"));
			header(questions.createRow(0), bold, "survey.results.question", "survey.field.kind", "survey.results.option",
					"survey.results.count");
			questions.setColumnWidth(0, 40 * 256);
			questions.setColumnWidth(1, 16 * 256);
			questions.setColumnWidth(2, 50 * 256);
			questions.setColumnWidth(3, 12 * 256);
			questions.createFreezePane(0, 1);
			r = 1;
			for (SurveyResults.QuestionResult q : results.questions()) {
				String label = q.position() + ". " + q.labelZh();
				String kind = zh(q.kind().messageKey());
				Row answered = questions.createRow(r++);
				answered.createCell(0).setCellValue(label);
				answered.createCell(1).setCellValue(kind);
				answered.createCell(2).setCellValue(zh("survey.results.answeredColumn"));
				answered.createCell(3).setCellValue(q.answered());
				for (SurveyResults.OptionCount o : q.options()) {
					Row row = questions.createRow(r++);
					row.createCell(0).setCellValue(label);
					row.createCell(1).setCellValue(kind);
					row.createCell(2).setCellValue(q.kind() == QuestionKind.RATING
							? o.labelZh() + " " + zh("survey.rating." + o.labelZh()) : o.labelZh());
					row.createCell(3).setCellValue(o.count());
				}
				if (q.meanRating() != null) {
					Row row = questions.createRow(r++);
					row.createCell(0).setCellValue(label);
					row.createCell(1).setCellValue(kind);
					row.createCell(2).setCellValue(zh("survey.results.mean"));
					row.createCell(3).setCellValue(q.meanRating().doubleValue());
				}
				for (SurveyResults.TextAnswer t : q.texts()) {
					Row row = questions.createRow(r++);
					row.createCell(0).setCellValue(label);
					row.createCell(1).setCellValue(kind);
					row.createCell(2).setCellValue(t.text());
				}
			}
			workbook.write(out);
		}
		finally {
			workbook.dispose();
			workbook.close();
		}
	}

	private void header(Row row, CellStyle bold, String... keys) {
		for (int c = 0; c < keys.length; c++) {
			row.createCell(c).setCellValue(zh(keys[c]));
			row.getCell(c).setCellStyle(bold);
		}
	}

	private String zh(String key) {
		return messages.getMessage(key, null, key, Locale.SIMPLIFIED_CHINESE);
	}

}
