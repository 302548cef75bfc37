package cn.chuangwen.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BoundedInputStream;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
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
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * The one way imports read an uploaded table: the first sheet of an xlsx workbook, or (where the
 * import allows it) UTF-8 CSV, decided by content, never by name. Rows arrive one by one as lists of
 * cell texts with their row number as the user sees it (header = row 1); blank rows are skipped.
 * <p>
 * Memory stays small whatever the file claims: a workbook is spooled to a temporary file and read
 * with POI's event API (no cell objects), the size of the upload, the data rows and the XML the
 * workbook expands to are all counted <em>while</em> reading, and the first limit reached stops the
 * read with a problem naming the row reached. Every problem is an {@link InvalidInputException} on
 * field {@value #FIELD}.
 */
public final class SheetReader {

	public static final String FIELD = "file";

	/** What an import accepts. */
	public enum Format {

		XLSX, XLSX_OR_CSV

	}

	/** Receives the non-blank rows in order, the header row first. */
	@FunctionalInterface
	public interface RowHandler {

		void row(int number, List<String> cells);

	}

	static {
		// A workbook that inflates far beyond its size is refused outright (zip bomb).
		ZipSecureFile.setMinInflateRatio(0.01);
	}

	private SheetReader() {
	}

	/** Reads {@code input} (which the caller closes), spooling a workbook under {@code tempDir}. */
	public static void read(InputStream input, Format format, ImportLimits limits, Path tempDir, RowHandler handler) {
		byte[] head;
		try {
			head = input.readNBytes(8);
		}
		catch (IOException ex) {
			throw problem("import.read.unreadable");
		}
		if (head.length == 0) {
			throw problem("import.read.empty");
		}
		if (startsWith(head, 'P', 'K', 3, 4)) {
			readXlsx(head, input, limits, tempDir, handler);
		}
		else if (format == Format.XLSX) {
			throw problem("import.read.notXlsx");
		}
		else if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0)) {
			throw problem("import.read.xls");
		}
		else {
			readCsv(head, input, limits, handler);
		}
	}

	// ---- CSV ----

	private static void readCsv(byte[] head, InputStream input, ImportLimits limits, RowHandler handler) {
		byte[] content;
		try {
			byte[] rest = input.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, limits.maxBytes() + 1 - head.length));
			content = new byte[head.length + rest.length];
			System.arraycopy(head, 0, content, 0, head.length);
			System.arraycopy(rest, 0, content, head.length, rest.length);
		}
		catch (IOException ex) {
			throw problem("import.read.unreadable");
		}
		if (content.length > limits.maxBytes()) {
			throw problem("import.read.tooBig", megabytes(limits.maxBytes()));
		}
		String text = text(content);
		int firstBreak = text.indexOf('\n');
		String firstLine = firstBreak < 0 ? text : text.substring(0, firstBreak);
		char delimiter = firstLine.indexOf(',') < 0 && firstLine.indexOf('\t') >= 0 ? '\t' : ',';
		// Empty lines are records too, so row numbers stay those an editor shows.
		CSVFormat csv = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).get();
		RowCounter counter = new RowCounter(limits.maxRows());
		try (CSVParser parser = CSVParser.parse(new StringReader(text), csv)) {
			Iterator<CSVRecord> records = parser.iterator();
			while (true) {
				CSVRecord record;
				try {
					if (!records.hasNext()) {
						break;
					}
					record = records.next();
				}
				catch (RuntimeException ex) {
					// An unclosed quote runs to the end of the text: the record after the last good one.
					throw new InvalidInputException(
							FieldProblem.row((int) parser.getRecordNumber() + 1, FIELD, "import.read.quote"));
				}
				List<String> cells = new ArrayList<>(Math.min(record.size(), ImportLimits.MAX_COLUMNS));
				for (int c = 0; c < record.size() && c < ImportLimits.MAX_COLUMNS; c++) {
					cells.add(record.get(c));
				}
				int number = (int) record.getRecordNumber();
				if (counter.accept(number, cells)) {
					handler.row(number, cells);
				}
			}
		}
		catch (IOException ex) {
			throw problem("import.read.unreadable");
		}
	}

	/** Strict UTF-8 (a BOM is dropped); binary content and other encodings are refused by name. */
	static String text(byte[] content) {
		int start = startsWith(content, 0xEF, 0xBB, 0xBF) ? 3 : 0;
		for (int i = start; i < content.length; i++) {
			int b = content[i] & 0xFF;
			if (b < 0x20 && b != '\t' && b != '\r' && b != '\n' && b != 0x0C) {
				throw problem("import.read.type");
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
			throw problem("import.read.encoding");
		}
	}

	// ---- xlsx ----

	private static void readXlsx(byte[] head, InputStream input, ImportLimits limits, Path tempDir,
			RowHandler handler) {
		Path spool = null;
		try {
			spool = spool(head, input, limits, tempDir);
			readWorkbook(spool, limits, handler);
		}
		catch (IOException ex) {
			throw problem("import.read.unreadable");
		}
		finally {
			if (spool != null) {
				try {
					Files.deleteIfExists(spool);
				}
				catch (IOException ex) {
					// Left for the start-up sweep of the temporary directory.
				}
			}
		}
	}

	/**
	 * Copies the upload to a file, stopping one byte past the limit: POI reads a workbook from a
	 * file entry by entry, whereas from a stream it would inflate every entry into memory first.
	 */
	private static Path spool(byte[] head, InputStream input, ImportLimits limits, Path tempDir) throws IOException {
		Files.createDirectories(tempDir);
		Path spool = Files.createTempFile(tempDir, "import-", ".xlsx");
		try (OutputStream out = Files.newOutputStream(spool)) {
			out.write(head);
			long copied = head.length;
			byte[] buffer = new byte[64 * 1024];
			int n;
			while ((n = input.readNBytes(buffer, 0, (int) Math.min(buffer.length, limits.maxBytes() + 1 - copied))) > 0) {
				out.write(buffer, 0, n);
				copied += n;
				if (copied > limits.maxBytes()) {
					Files.deleteIfExists(spool);
					throw problem("import.read.tooBig", megabytes(limits.maxBytes()));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(spool);
			throw ex;
		}
		return spool;
	}

	private static void readWorkbook(Path file, ImportLimits limits, RowHandler handler) {
		Budget budget = new Budget(limits.maxUncompressedBytes());
		RowCollector collector = new RowCollector(new RowCounter(limits.maxRows()), handler);
		OPCPackage pkg;
		try {
			pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
		}
		catch (Exception ex) {
			// POI signals a zip that is not a workbook, or a broken one, with assorted exceptions.
			throw problem("import.read.notXlsx");
		}
		try {
			XSSFReader reader = new XSSFReader(pkg);
			// Shared strings and styles are held in memory, so they count against the budget too.
			ReadOnlySharedStringsTable strings = null;
			for (PackagePart part : pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType())) {
				BoundedInputStream in = budget.open(part.getInputStream());
				try (in) {
					strings = new ReadOnlySharedStringsTable(in);
				}
				budget.spent(in);
				break;
			}
			if (strings == null) {
				strings = new ReadOnlySharedStringsTable(pkg);
			}
			StylesTable styles = new StylesTable();
			for (PackagePart part : pkg.getPartsByContentType(XSSFRelation.STYLES.getContentType())) {
				BoundedInputStream in = budget.open(part.getInputStream());
				try (in) {
					styles = new StylesTable(in);
				}
				budget.spent(in);
				break;
			}
			Iterator<InputStream> sheets = reader.getSheetsData();
			if (!sheets.hasNext()) {
				throw problem("import.read.notXlsx");
			}
			try (InputStream sheet = budget.open(sheets.next())) {
				XMLReader parser = XMLHelper.newXMLReader();
				parser.setContentHandler(
						new XSSFSheetXMLHandler(styles, strings, collector, new PlainFormatter(), false));
				parser.parse(new InputSource(sheet));
			}
		}
		catch (Exception ex) {
			InvalidInputException invalid = find(ex, InvalidInputException.class);
			if (invalid != null) {
				throw invalid;
			}
			if (find(ex, UncompressedLimit.class) != null) {
				int reached = collector.lastRow;
				throw reached > 0
						? new InvalidInputException(FieldProblem.row(reached, FIELD, "import.read.uncompressed",
								megabytes(limits.maxUncompressedBytes()), reached))
						: problem("import.read.uncompressedParts", megabytes(limits.maxUncompressedBytes()));
			}
			throw problem("import.read.notXlsx");
		}
		finally {
			pkg.revert();
		}
	}

	private static <T extends Throwable> T find(Throwable ex, Class<T> type) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return null;
	}

	/** The XML still allowed across the parts of one workbook. */
	private static final class Budget {

		private long remaining;

		Budget(long max) {
			this.remaining = max;
		}

		/** The part's stream, counted; reading past what remains throws {@link UncompressedLimit}. */
		BoundedInputStream open(InputStream part) throws IOException {
			return BoundedInputStream.builder()
				.setInputStream(part)
				.setMaxCount(remaining + 1)
				.setOnMaxCount((max, count) -> {
					throw new UncompressedLimit();
				})
				.get();
		}

		void spent(BoundedInputStream part) {
			remaining -= part.getCount();
		}

	}

	/** Thrown from inside the XML parser when a workbook expands past its limit. */
	private static final class UncompressedLimit extends IOException {

		UncompressedLimit() {
			super("uncompressed limit reached", null);
		}

	}

	/** Counts data rows (the first non-blank row is the header) and stops at the limit. */
	private static final class RowCounter {

		private final int maxRows;

		private boolean header = true;

		private int rows;

		RowCounter(int maxRows) {
			this.maxRows = maxRows;
		}

		/** False for a blank row; throws when this row is one too many. */
		boolean accept(int number, List<String> cells) {
			if (cells.stream().allMatch(c -> c == null || c.isBlank())) {
				return false;
			}
			if (header) {
				header = false;
				return true;
			}
			if (++rows > maxRows) {
				throw new InvalidInputException(FieldProblem.row(number, FIELD, "import.read.tooMany", maxRows, number));
			}
			return true;
		}

	}

	/** Collects the cells of each row by column; cells the sheet leaves out stay blank. */
	private static final class RowCollector implements XSSFSheetXMLHandler.SheetContentsHandler {

		private final RowCounter counter;

		private final RowHandler handler;

		private List<String> current;

		int lastRow;

		RowCollector(RowCounter counter, RowHandler handler) {
			this.counter = counter;
			this.handler = handler;
		}

		@Override
		public void startRow(int rowNum) {
			current = new ArrayList<>();
			lastRow = rowNum + 1;
		}

		@Override
		public void endRow(int rowNum) {
			if (counter.accept(rowNum + 1, current)) {
				handler.row(rowNum + 1, current);
			}
		}

		@Override
		public void cell(String reference, String value, XSSFComment comment) {
			int column = reference == null ? current.size() : new CellReference(reference).getCol();
			if (column >= ImportLimits.MAX_COLUMNS) {
				return;
			}
			while (current.size() < column) {
				current.add("");
			}
			String text = value == null ? "" : value;
			if (current.size() == column) {
				current.add(text);
			}
			else {
				current.set(column, text);
			}
		}

	}

	/**
	 * Cell texts for an import: numbers exactly as stored (no thousands separators, no rounding, no
	 * 1.38E+10), dates as ISO {@code yyyy-MM-dd} (with the time when there is one).
	 */
	private static final class PlainFormatter extends DataFormatter {

		PlainFormatter() {
			super(Locale.ROOT);
		}

		@Override
		public String formatRawCellContents(double value, int formatIndex, String formatString) {
			if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
				LocalDateTime t = DateUtil.getLocalDateTime(value);
				return t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? t.toLocalDate().toString()
						: t.toString().replace('T', ' ');
			}
			return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
		}

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

	private static long megabytes(long bytes) {
		return Math.max(1, bytes / 1024 / 1024);
	}

	private static InvalidInputException problem(String key, Object... args) {
		return new InvalidInputException(FieldProblem.of(FIELD, key, args));
	}

}
