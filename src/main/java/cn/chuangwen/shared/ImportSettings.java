package cn.chuangwen.shared;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How imports are bounded on a node ({@code chuangwen.imports.*}).
 *
 * @param maxConcurrent imports running at once on this node (each user has at most one)
 * @param maxUncompressedSize the XML a workbook may expand to while it is read
 * @param retryAfter what a refused import is told to wait
 * @param tempDir where uploads are spooled while a workbook is read (swept at start-up)
 */
@ConfigurationProperties("chuangwen.imports")
public record ImportSettings(int maxConcurrent, DataSize maxUncompressedSize, Duration retryAfter, String tempDir) {

	public static final String DEFAULT_TEMP_DIR = "./data/tmp/imports";

	public ImportSettings {
		maxConcurrent = maxConcurrent <= 0 ? 2 : maxConcurrent;
		maxUncompressedSize = maxUncompressedSize == null ? DataSize.ofMegabytes(32) : maxUncompressedSize;
		retryAfter = retryAfter == null || retryAfter.isNegative() || retryAfter.isZero() ? Duration.ofSeconds(30)
				: retryAfter;
		tempDir = tempDir == null || tempDir.isBlank() ? DEFAULT_TEMP_DIR : tempDir;
	}

	public static ImportSettings defaults() {
		return new ImportSettings(0, null, null, null);
	}

	/** The limits of an import of at most {@code maxRows} data rows from an upload of {@code maxBytes}. */
	public ImportLimits limits(long maxBytes, int maxRows) {
		return new ImportLimits(maxBytes, maxRows, maxUncompressedSize.toBytes());
	}

}
