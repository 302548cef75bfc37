package cn.chuangwen.files.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The evidence upload policy an installation may tune ({@code chuangwen.files.*}).
 *
 * @param root where the local blob store keeps files; outside the web root and the classpath
 * @param maxSize the largest file accepted
 * @param maxPixels the largest image accepted, in pixels (decompression bombs are refused from the header)
 * @param thumbnailSize the longest side of a thumbnail, in pixels
 * @param maxZipEntries the most entries a DOCX or XLSX may hold
 * @param maxUnzippedSize the most a DOCX or XLSX may declare once unpacked (zip bombs)
 */
@ConfigurationProperties("chuangwen.files")
public record FileSettings(String root, DataSize maxSize, long maxPixels, int thumbnailSize, int maxZipEntries,
		DataSize maxUnzippedSize) {

	public static final String DEFAULT_ROOT = "./data/files";

	public FileSettings {
		root = root == null || root.isBlank() ? DEFAULT_ROOT : root;
		maxSize = maxSize == null ? DataSize.ofMegabytes(20) : maxSize;
		maxPixels = maxPixels <= 0 ? 50_000_000L : maxPixels;
		thumbnailSize = thumbnailSize <= 0 ? 320 : thumbnailSize;
		maxZipEntries = maxZipEntries <= 0 ? 10_000 : maxZipEntries;
		maxUnzippedSize = maxUnzippedSize == null ? DataSize.ofMegabytes(512) : maxUnzippedSize;
	}

	/** The defaults, with the blob store under {@code root}. */
	public static FileSettings defaults(String root) {
		return new FileSettings(root, null, 0, 0, 0, null);
	}

	public FileSettings withMaxSize(DataSize size) {
		return new FileSettings(root, size, maxPixels, thumbnailSize, maxZipEntries, maxUnzippedSize);
	}

	public FileSettings withMaxPixels(long pixels) {
		return new FileSettings(root, maxSize, pixels, thumbnailSize, maxZipEntries, maxUnzippedSize);
	}

	public FileSettings withZipLimits(int entries, DataSize unzipped) {
		return new FileSettings(root, maxSize, maxPixels, thumbnailSize, entries, unzipped);
	}

}
