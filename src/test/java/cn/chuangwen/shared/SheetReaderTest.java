package cn.chuangwen.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.chuangwen.support.BigWorkbooks;

/** The shared import reader stops at the first limit, while reading, and names the row reached. */
class SheetReaderTest {

	static final ImportLimits LIMITS = new ImportLimits(5L * 1024 * 1024, 5000, 32L * 1024 * 1024);

	@TempDir
	Path temp;

	List<Integer> rowsRead = new ArrayList<>();

	void read(byte[] file, SheetReader.Format format, ImportLimits limits) {
		SheetReader.read(new ByteArrayInputStream(file), format, limits, temp, (n, cells) -> rowsRead.add(n));
	}

	static FieldProblem problem(Runnable read) {
		try {
			read.run();
		}
		catch (InvalidInputException ex) {
			assertThat(ex.problems()).hasSize(1);
			return ex.problems().get(0);
		}
		throw new AssertionError("expected the file to be refused");
	}

	@Test
	void aSmallWorkbookThatExpandsPastTheCapStopsAtTheRowReached() throws IOException {
		// About 5 MB on the wire, 60 MB of sheet XML: the shape of the file that exhausted the heap.
		byte[] bomb = BigWorkbooks.expanding(new String[] { "code", "name", "criteria" }, new String[] { "C{r}", "名称" },
				3000, 20_000, 7);
		assertThat(bomb.length).isBetween(3 * 1024 * 1024, 5 * 1024 * 1024);

		FieldProblem p = problem(() -> read(bomb, SheetReader.Format.XLSX, LIMITS));

		assertThat(p.field()).isEqualTo("file");
		assertThat(p.messageKey()).isEqualTo("import.read.uncompressed");
		// 32 MB of 20 kB rows: reading stopped around row 1,600, far before the 3,001 rows.
		assertThat(p.row()).isBetween(1500, 1800);
		assertThat(p.args()).containsExactly(32L, p.row());
		assertThat(rowsRead).hasSizeLessThan(p.row()).isNotEmpty();
		assertThat(temp).isEmptyDirectory();
	}

	@Test
	void theRowLimitStopsAtTheFirstRowTooMany() {
		byte[] many = BigWorkbooks.expanding(new String[] { "code", "name" }, new String[] { "C{r}" }, 40, 10, 1);

		FieldProblem p = problem(() -> read(many, SheetReader.Format.XLSX, LIMITS.withRows(25)));

		assertThat(p.messageKey()).isEqualTo("import.read.tooMany");
		assertThat(p.row()).isEqualTo(27);
		assertThat(p.args()).containsExactly(25, 27);
		assertThat(rowsRead).hasSize(26);
	}

	@Test
	void anUploadOverTheByteLimitIsRefusedWithoutParsing() {
		byte[] workbook = BigWorkbooks.expanding(new String[] { "code" }, new String[] { "C{r}" }, 200, 100, 3);

		FieldProblem p = problem(() -> read(workbook, SheetReader.Format.XLSX, LIMITS.withBytes(1024)));

		assertThat(p.messageKey()).isEqualTo("import.read.tooBig");
		assertThat(rowsRead).isEmpty();
		assertThat(temp).isEmptyDirectory();
	}

	@Test
	void aCellFarToTheRightDoesNotPadTheRow() throws IOException {
		String sheet = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>code</t></is></c></row>"
				+ "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>X</t></is></c><c r=\"XFD2\" t=\"inlineStr\"><is><t>far</t></is></c></row>";
		List<List<String>> rows = new ArrayList<>();
		SheetReader.read(new ByteArrayInputStream(RawSheets.xlsx(sheet)), SheetReader.Format.XLSX, LIMITS, temp,
				(n, cells) -> rows.add(cells));
		assertThat(rows).containsExactly(List.of("code"), List.of("X"));
	}

	@Test
	void csvIsReadWithQuotesLineBreaksAndBlankLinesKeepingRowNumbers() {
		byte[] csv = "code,name\n\"A,1\",\"两行\n文字\"\"引号\"\"\"\n\nB,乙\n".getBytes(StandardCharsets.UTF_8);
		List<String> seen = new ArrayList<>();
		SheetReader.read(new ByteArrayInputStream(csv), SheetReader.Format.XLSX_OR_CSV, LIMITS, temp,
				(n, cells) -> seen.add(n + ":" + String.join("|", cells)));
		assertThat(seen).containsExactly("1:code|name", "2:A,1|两行\n文字\"引号\"", "4:B|乙");
	}

	@Test
	void csvIsRefusedWhereOnlyWorkbooksAreAccepted() {
		FieldProblem p = problem(() -> read("code\nA\n".getBytes(StandardCharsets.UTF_8), SheetReader.Format.XLSX, LIMITS));
		assertThat(p.messageKey()).isEqualTo("import.read.notXlsx");
	}

	/** Tiny hand-written workbooks around one sheet's rows. */
	static final class RawSheets {

		static byte[] xlsx(String rows) throws IOException {
			byte[] template = BigWorkbooks.expanding(new String[] { "PLACEHOLDER" }, new String[0], 0, 0, 0);
			Path file = Files.createTempFile("raw", ".xlsx");
			try {
				Files.write(file, template);
				try (var fs = java.nio.file.FileSystems.newFileSystem(file)) {
					Path sheet = fs.getPath("xl/worksheets/sheet1.xml");
					String xml = Files.readString(sheet);
					xml = xml.substring(0, xml.indexOf("<sheetData>") + "<sheetData>".length()) + rows
							+ "</sheetData></worksheet>";
					Files.writeString(sheet, xml);
				}
				return Files.readAllBytes(file);
			}
			finally {
				Files.deleteIfExists(file);
			}
		}

	}

}
