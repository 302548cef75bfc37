package cn.chuangwen.indicators.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Files for import tests: CSV text, workbooks, and things that only pretend to be either. */
public final class ImportFiles {

	public static final String HEADER = "code,parent_code,level,name,criteria,methods,score,point_types";

	private ImportFiles() {
	}

	/** The demo copy of the sample (with two targets), as shipped in the application. */
	public static byte[] sample() {
		try (InputStream in = ImportFiles.class.getResourceAsStream("/demo/indicators-sample.csv")) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A CSV file: the header line, then the given lines. */
	public static byte[] csv(String... lines) {
		return (HEADER + "\n" + String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
	}

	/** A workbook whose first sheet holds the rows (first row the header); numbers become numeric cells. */
	public static byte[] xlsx(List<String[]> rows) {
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = wb.createSheet("indicators");
			for (int r = 0; r < rows.size(); r++) {
				Row row = sheet.createRow(r);
				for (int c = 0; c < rows.get(r).length; c++) {
					String v = rows.get(r)[c];
					if (r > 0 && v.matches("-?\\d+(\\.\\d+)?")) {
						row.createCell(c).setCellValue(Double.parseDouble(v));
					}
					else {
						row.createCell(c).setCellValue(v);
					}
				}
			}
			wb.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The sample CSV turned into a workbook. */
	public static byte[] sampleXlsx() {
		List<String[]> rows = new String(sample(), StandardCharsets.UTF_8).lines()
			.filter(l -> !l.isBlank())
			.map(l -> l.split(",", -1))
			.toList();
		return xlsx(rows);
	}

	/** The first bytes of a real PNG (signature, IHDR) and some pixels. */
	public static byte[] png() {
		byte[] bytes = new byte[64];
		byte[] head = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R', 0, 0, 0, 1,
				0, 0, 0, 1, 8, 6, 0, 0, 0 };
		System.arraycopy(head, 0, bytes, 0, head.length);
		for (int i = head.length; i < bytes.length; i++) {
			bytes[i] = (byte) (i * 7);
		}
		return bytes;
	}

	/** A zip archive holding a text file: starts like an xlsx, but is no workbook. */
	public static byte[] zip() {
		try (ByteArrayOutputStream out = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(out)) {
			zip.putNextEntry(new ZipEntry("readme.txt"));
			zip.write("not a workbook".getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
			zip.finish();
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A Word document: a real OOXML package, but no workbook. */
	public static byte[] docx() {
		try (var doc = new org.apache.poi.xwpf.usermodel.XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			doc.createParagraph().createRun().setText("code,parent_code,name");
			doc.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A CSV with n leaf rows under one top row whose score covers them. */
	public static byte[] manyRows(int n) {
		StringBuilder sb = new StringBuilder(HEADER).append('\n');
		sb.append("T,,项目,顶层,,,").append(n).append(",\n");
		for (int i = 0; i < n; i++) {
			sb.append("T-").append(i).append(",T,内容,指标").append(i).append(",标准,实地考察,1,主次干道\n");
		}
		return sb.toString().getBytes(StandardCharsets.UTF_8);
	}

}
