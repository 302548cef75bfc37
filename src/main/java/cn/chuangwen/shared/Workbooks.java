package cn.chuangwen.shared;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Opening an uploaded .xlsx for an import: decided by content (a ZIP that POI can read as a
 * workbook), never by name; anything else is bad input with one clear message.
 */
public final class Workbooks {

	static {
		// A workbook that inflates far beyond its size is refused (zip bomb).
		ZipSecureFile.setMinInflateRatio(0.01);
	}

	private static final DataFormatter FORMATTER = new DataFormatter();

	private Workbooks() {
	}

	/** The workbook, or {@link InvalidInputException} (field "file") when it is not one. */
	public static Workbook open(InputStream input) {
		InputStream in = input.markSupported() ? input : new BufferedInputStream(input);
		try {
			in.mark(8);
			byte[] magic = in.readNBytes(4);
			in.reset();
			if (magic.length < 4 || magic[0] != 'P' || magic[1] != 'K' || magic[2] != 3 || magic[3] != 4) {
				throw notAWorkbook();
			}
			return new XSSFWorkbook(in);
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof InvalidInputException invalid) {
				throw invalid;
			}
			// POI signals a broken or disguised workbook with assorted runtime exceptions.
			throw notAWorkbook();
		}
	}

	/** A cell as the user sees it, trimmed; empty for a missing cell. */
	public static String text(Cell cell) {
		return cell == null ? "" : FORMATTER.formatCellValue(cell).trim();
	}

	static InvalidInputException notAWorkbook() {
		return new InvalidInputException(FieldProblem.of("file", "import.error.notXlsx"));
	}

}
