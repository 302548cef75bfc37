package cn.chuangwen.shared;

/**
 * What one import may read: the upload's size in bytes, the data rows after the header, and the
 * XML a workbook may expand to once unzipped (shared strings, styles and the sheet together).
 */
public record ImportLimits(long maxBytes, int maxRows, long maxUncompressedBytes) {

	/** Columns past this are ignored: a cell at XFD1 must not pad every row with 16,384 cells. */
	public static final int MAX_COLUMNS = 64;

	public ImportLimits {
		if (maxBytes <= 0 || maxRows <= 0 || maxUncompressedBytes <= 0) {
			throw new IllegalArgumentException("import limits must be positive");
		}
	}

	public ImportLimits withRows(int rows) {
		return new ImportLimits(maxBytes, rows, maxUncompressedBytes);
	}

	public ImportLimits withBytes(long bytes) {
		return new ImportLimits(bytes, maxRows, maxUncompressedBytes);
	}

}
