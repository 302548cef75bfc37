package cn.chuangwen.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Workbooks written as raw xlsx parts (no POI in memory), for the import limits: a small upload
 * whose sheet expands to far more XML, the shape of the 4.6 MB file that once took the heap to
 * 900 MB. Cells are inline strings: part random (so the zip stays several MB) and part padding.
 */
public final class BigWorkbooks {

	private BigWorkbooks() {
	}

	/**
	 * A workbook with the header row and {@code rows} data rows; every data row repeats
	 * {@code firstCells} and then one cell of {@code padding} characters (one in 16 random).
	 */
	public static byte[] expanding(String[] header, String[] firstCells, int rows, int padding, long seed) {
		Random random = new Random(seed);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			entry(zip, "[Content_Types].xml", """
					<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
					<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
					<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
					<Default Extension="xml" ContentType="application/xml"/>
					<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
					<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
					</Types>""");
			entry(zip, "_rels/.rels", """
					<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
					<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
					<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
					</Relationships>""");
			entry(zip, "xl/workbook.xml", """
					<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
					<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
					<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>
					</workbook>""");
			entry(zip, "xl/_rels/workbook.xml.rels", """
					<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
					<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
					<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
					</Relationships>""");
			zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
			Writer out = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
			out.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
					+ "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
			row(out, 1, header, null);
			char[] pad = new char[padding];
			for (int r = 2; r <= rows + 1; r++) {
				for (int i = 0; i < padding; i++) {
					pad[i] = i % 16 == 0 ? (char) ('a' + random.nextInt(26)) : 'x';
				}
				String[] cells = firstCells.clone();
				for (int i = 0; i < cells.length; i++) {
					cells[i] = cells[i].replace("{r}", String.valueOf(r));
				}
				row(out, r, cells, pad);
			}
			out.write("</sheetData></worksheet>");
			out.flush();
			zip.closeEntry();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static void row(Writer out, int r, String[] cells, char[] padding) throws IOException {
		out.write("<row r=\"" + r + "\">");
		int c = 0;
		for (String cell : cells) {
			out.write("<c r=\"" + (char) ('A' + c++) + r + "\" t=\"inlineStr\"><is><t>" + cell + "</t></is></c>");
		}
		if (padding != null) {
			out.write("<c r=\"" + (char) ('A' + c) + r + "\" t=\"inlineStr\"><is><t>");
			out.write(padding);
			out.write("</t></is></c>");
		}
		out.write("</row>");
	}

	private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
		zip.putNextEntry(new ZipEntry(name));
		zip.write(text.getBytes(StandardCharsets.UTF_8));
		zip.closeEntry();
	}

}
