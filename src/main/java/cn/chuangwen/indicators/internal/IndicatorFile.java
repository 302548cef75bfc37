package cn.chuangwen.indicators.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;

/**
 * Reads an indicator file into rows of named cells. The type is decided by the content (magic
 * bytes), never by the file name: an xlsx workbook (a zip with a workbook inside), or UTF-8 CSV with
 * or without a BOM. Row numbers are as the user sees them in Excel: the header is row 1.
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
		// A workbook that inflates far beyond its size is refused (zip bomb).
		ZipSecureFile.setMinInflateRatio(0.01);
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

	/** The data rows of the file, blank rows left out (their numbers are kept by the rows after). */
	public static List<RawRow> read(byte[] content) {
		if (content == null || content.length == 0) {
			throw new InvalidInputException(FieldProblem.of("file", "indicator.import.error.empty"));
		}
		if (content.length > MAX_BYTES) {
			throw new InvalidInputException(
					FieldProblem.of("file", "indicator.import.error.tooBig", MAX_BYTES / 1024 / 1024));
		}
		List<List<String>> records;
		List<Integer> numbers = new ArrayList<>();
		if (startsWith(content, 'P', 'K', 3, 4)) {
			records = xlsx(content, numbers);
		}
		else if (startsWith(content, 0xD0, 0xCF, 0x11, 0xE0)) {
			throw new InvalidInputException(FieldProblem.of("file", "indicator.import.error.xls"));
		}
		else {
			records = csv(text(content), numbers);
		}
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
			if (rows.size() >= MAX_ROWS) {
				throw new InvalidInputException(FieldProblem.of("file", "indicator.import.error.tooMany", MAX_ROWS));
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

	private static boolean startsWith(byte[] content, int... magic) {
		if (content.length < magic.length) {
			return false;
		}
		for (int i = 0; i < magic.length; i++) {
			if ((content[i] & 0xFF) != magic[i]) {
				return false;
			}
		}
		return true;
	}

	/** Strict UTF-8 (a BOM is dropped); binary content and other encodings are refused by name. */
	static String text(byte[] content) {
		int start = startsWith(content, 0xEF, 0xBB, 0xBF) ? 3 : 0;
		for (int i = start; i < content.length; i++) {
			int b = content[i] & 0xFF;
			if (b < 0x20 && b != '\t' && b != '\r' && b != '\n' && b != 0x0C) {
				throw new InvalidInputException(FieldProblem.of("file", "indicator.import.error.type"));
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(content, start, content.length - start))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new InvalidInputException(FieldProblem.of("file", "indicator.import.error.encoding"));
		}
	}

	/**
	 * RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. Comma-separated,
	 * or tab-separated when the first line has tabs and no commas.
	 */
	static List<List<String>> csv(String text, List<Integer> numbers) {
		int firstBreak = text.indexOf('\n');
		String firstLine = firstBreak < 0 ? text : text.substring(0, firstBreak);
		char separator = firstLine.indexOf(',') < 0 && firstLine.indexOf('\t') >= 0 ? '\t' : ',';
		List<List<String>> records = new ArrayList<>();
		List<String> record = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		boolean fieldStarted = false;
		int recordNumber = 1;
		int quoteStart = 0;
		int i = 0;
		int n = text.length();
		while (i < n) {
			char ch = text.charAt(i);
			if (quoted) {
				if (ch == '"') {
					if (i + 1 < n && text.charAt(i + 1) == '"') {
						field.append('"');
						i += 2;
						continue;
					}
					quoted = false;
					i++;
					continue;
				}
				field.append(ch);
				i++;
				continue;
			}
			if (ch == '"' && field.toString().isBlank()) {
				quoted = true;
				quoteStart = recordNumber;
				field.setLength(0);
				fieldStarted = true;
				i++;
				continue;
			}
			if (ch == separator) {
				record.add(field.toString());
				field.setLength(0);
				fieldStarted = true;
				i++;
				continue;
			}
			if (ch == '\r' || ch == '\n') {
				record.add(field.toString());
				records.add(record);
				numbers.add(recordNumber);
				recordNumber++;
				record = new ArrayList<>();
				field.setLength(0);
				fieldStarted = false;
				i += ch == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
				continue;
			}
			field.append(ch);
			fieldStarted = true;
			i++;
		}
		if (quoted) {
			throw new InvalidInputException(FieldProblem.row(quoteStart, "file", "indicator.import.error.quote"));
		}
		if (fieldStarted || !record.isEmpty() || field.length() > 0) {
			record.add(field.toString());
			records.add(record);
			numbers.add(recordNumber);
		}
		return records;
	}

	/**
	 * The first sheet of a workbook, read as a stream of rows (the event API): memory stays small
	 * however many rows the sheet claims, and reading stops after {@link #MAX_ROWS}.
	 */
	static List<List<String>> xlsx(byte[] content, List<Integer> numbers) {
		RowCollector collector = new RowCollector(numbers);
		try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(content))) {
			XSSFReader reader = new XSSFReader(pkg);
			ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
			StylesTable styles = reader.getStylesTable();
			Iterator<InputStream> sheets = reader.getSheetsData();
			if (!sheets.hasNext()) {
				throw new InvalidInputException(FieldProblem.of("file", "indicator.import.error.notWorkbook"));
			}
			try (InputStream sheet = sheets.next()) {
				XMLReader parser = XMLHelper.newXMLReader();
				parser.setContentHandler(new XSSFSheetXMLHandler(styles, strings, collector, new PlainNumbers(), false));
				parser.parse(new InputSource(sheet));
			}
			return collector.records;
		}
		catch (InvalidInputException ex) {
			throw ex;
		}
		catch (TooManyRows ex) {
			throw new InvalidInputException(FieldProblem.of("file", "indicator.import.error.tooMany", MAX_ROWS));
		}
		catch (Exception ex) {
			if (ex.getCause() instanceof TooManyRows) {
				throw new InvalidInputException(FieldProblem.of("file", "indicator.import.error.tooMany", MAX_ROWS));
			}
			// POI signals a zip that is not a workbook, or a broken one, with assorted exceptions.
			throw new InvalidInputException(FieldProblem.of("file", "indicator.import.error.notWorkbook"));
		}
	}

	/** Stops reading a sheet that has more rows than an import may have. */
	private static final class TooManyRows extends RuntimeException {

		TooManyRows() {
			super("too many rows", null, false, false);
		}

	}

	/** Collects the cells of each row by column; rows and cells the sheet leaves out stay blank. */
	private static final class RowCollector implements XSSFSheetXMLHandler.SheetContentsHandler {

		final List<List<String>> records = new ArrayList<>();

		final List<Integer> numbers;

		List<String> current;

		int filled;

		RowCollector(List<Integer> numbers) {
			this.numbers = numbers;
		}

		@Override
		public void startRow(int rowNum) {
			current = new ArrayList<>();
		}

		@Override
		public void endRow(int rowNum) {
			records.add(current);
			numbers.add(rowNum + 1);
			if (!blank(current) && ++filled > MAX_ROWS + 1) {
				throw new TooManyRows();
			}
		}

		@Override
		public void cell(String reference, String value, XSSFComment comment) {
			int column = reference == null ? current.size() : new CellReference(reference).getCol();
			while (current.size() < column) {
				current.add("");
			}
			if (current.size() == column) {
				current.add(value == null ? "" : value);
			}
			else {
				current.set(column, value == null ? "" : value);
			}
		}

	}

	/** Numbers exactly as stored, without the cell's display format (no thousands separators, no rounding). */
	private static final class PlainNumbers extends DataFormatter {

		PlainNumbers() {
			super(Locale.ROOT);
		}

		@Override
		public String formatRawCellContents(double value, int formatIndex, String formatString) {
			if (DateUtil.isADateFormat(formatIndex, formatString)) {
				return super.formatRawCellContents(value, formatIndex, formatString);
			}
			return IndicatorRules.plain(BigDecimal.valueOf(value));
		}

	}

}
