package cn.chuangwen.indicators.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.ImportLimits;
import cn.chuangwen.shared.ImportSettings;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.SheetReader;

/**
 * Reads an indicator file into rows of named cells with the shared {@link SheetReader}: an xlsx
 * workbook or UTF-8 CSV with or without a BOM, decided by content, never by the file name. Row numbers are as the user sees them in Excel: the header is row 1.
 */
public final class IndicatorFile {

	public static final int MAX_BYTES = 5 * 1024 * 1024;

	public static final int MAX_ROWS = 5000;

	/** Canonical column names, as in indicators-sample.csv, plus the optional target columns. */
	public static final List<String> COLUMNS = List.of("code", "parent_code", "level", "name", "criteria", "methods",
			"score", "point_types", "target_quantity", "target_unit");

	private static final Map<String, String> ALIASES = new LinkedHashMap<>();
	static {
		COLUMNS.forEach(c -> ALIASES.put(c, c));
		alias("code", "编码", "指标编码", "代码");
		alias("parent_code", "parentcode", "parent", "上级编码", "父级编码", "上级");
		alias("level", "层级", "级别", "类别");
		alias("name", "名称", "指标名称");
		alias("criteria", "测评标准", "标准", "内容", "测评内容");
		alias("methods", "method", "测评方法", "方法");
		alias("score", "分值", "分数");
		alias("point_types", "pointtypes", "点位类型", "点位");
		alias("target_quantity", "targetquantity", "target", "目标数量", "目标值", "目标");
		alias("target_unit", "targetunit", "unit", "计量单位", "单位");
	}

	/** One data row: its number as the user sees it and its cells by canonical column name. */
	public record RawRow(int row, Map<String, String> cells) {

		public String get(String column) {
			String v = cells.get(column);
			return v == null ? "" : v.strip();
		}

	}

	private IndicatorFile() {
	}

	private static void alias(String column, String... names) {
		for (String n : names) {
			ALIASES.put(n, column);
		}
	}

	/** Reads at most {@link #MAX_BYTES} from the stream; more is refused, nothing is parsed. */
	public static byte[] readLimited(InputStream in) {
		try {
			byte[] bytes = in.readNBytes(MAX_BYTES + 1);
			if (bytes.length > MAX_BYTES) {
				throw new InvalidInputException(
						FieldProblem.of("file", "indicator.import.error.tooBig", MAX_BYTES / 1024 / 1024));
			}
			return bytes;
		}
		catch (IOException ex) {
			throw new InvalidInputException(FieldProblem.of("file", "indicator.import.error.unreadable"));
		}
	}

	/** The data rows of the file under the default limits (tests, demo data). */
	public static List<RawRow> read(byte[] content) {
		ImportSettings defaults = ImportSettings.defaults();
		return read(content, defaults.limits(MAX_BYTES, MAX_ROWS), Path.of(defaults.tempDir()));
	}

	/**
	 * The data rows of the file, blank rows left out (their numbers are kept by the rows after),
	 * read by the shared streaming reader under {@code limits}.
	 */
	public static List<RawRow> read(byte[] content, ImportLimits limits, Path tempDir) {
		if (content == null || content.length == 0) {
			throw new InvalidInputException(FieldProblem.of("file", "indicator.import.error.empty"));
		}
		if (content.length > limits.maxBytes()) {
			throw new InvalidInputException(
					FieldProblem.of("file", "indicator.import.error.tooBig", limits.maxBytes() / 1024 / 1024));
		}
		List<List<String>> records = new ArrayList<>();
		List<Integer> numbers = new ArrayList<>();
		SheetReader.read(new ByteArrayInputStream(content), SheetReader.Format.XLSX_OR_CSV, limits, tempDir,
				(number, cells) -> {
					records.add(cells);
					numbers.add(number);
				});
		return rows(records, numbers);
	}

	private static List<RawRow> rows(List<List<String>> records, List<Integer> numbers) {
		int headerIndex = -1;
		for (int i = 0; i < records.size(); i++) {
			if (!blank(records.get(i))) {
				headerIndex = i;
				break;
			}
		}
		if (headerIndex < 0) {
			throw new InvalidInputException(FieldProblem.of("file", "indicator.import.error.empty"));
		}
		List<String> header = records.get(headerIndex);
		int headerRow = numbers.get(headerIndex);
		String[] columns = new String[header.size()];
		for (int c = 0; c < header.size(); c++) {
			String name = header.get(c) == null ? "" : header.get(c).strip().toLowerCase(Locale.ROOT)
				.replace(' ', '_').replace('-', '_').replace("\ufeff", "");
			String column = ALIASES.get(name);
			if (column == null) {
				column = ALIASES.get(name.replace("_", ""));
			}
			if (column != null) {
				for (int p = 0; p < c; p++) {
					if (column.equals(columns[p])) {
						throw new InvalidInputException(
								FieldProblem.row(headerRow, "file", "indicator.import.error.header.duplicate", header.get(c)));
					}
				}
			}
			columns[c] = column;
		}
		List<String> present = Arrays.asList(columns);
		if (!present.contains("code") || !present.contains("name")) {
			throw new InvalidInputException(FieldProblem.row(headerRow, "file", "indicator.import.error.header"));
		}
		List<RawRow> rows = new ArrayList<>();
		for (int i = headerIndex + 1; i < records.size(); i++) {
			List<String> record = records.get(i);
			if (blank(record)) {
				continue;
			}
			Map<String, String> cells = new LinkedHashMap<>();
			for (int c = 0; c < columns.length && c < record.size(); c++) {
				if (columns[c] != null && record.get(c) != null) {
					cells.put(columns[c], record.get(c));
				}
			}
			rows.add(new RawRow(numbers.get(i), cells));
		}
		if (rows.isEmpty()) {
			throw new InvalidInputException(FieldProblem.of("file", "indicator.import.error.noRows"));
		}
		return rows;
	}

	private static boolean blank(List<String> record) {
		return record.stream().allMatch(s -> s == null || s.isBlank());
	}

}
