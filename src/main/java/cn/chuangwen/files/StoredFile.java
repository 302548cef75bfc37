package cn.chuangwen.files;

import java.time.Instant;

import cn.chuangwen.shared.GeoPoint;

/**
 * An evidence file as stored: its row. The content is addressed by {@code sha256}; two uploads of
 * the same content are two rows over one blob.
 *
 * @param name the sanitised original name, for display and downloads only; never a path
 * @param capturedAt when a photo was taken (EXIF DateTimeOriginal), or null when the file says nothing
 * @param thumbnail whether a JPEG thumbnail exists ({@link EvidenceStore#openThumbnail})
 * @param place where a photo was taken (EXIF GPS), or null when the file says nothing usable; a hint
 *        for whoever checks the evidence, like {@code capturedAt}
 */
public record StoredFile(long id, long cityId, String sha256, String name, FileKind kind, String contentType, long size,
		Instant capturedAt, boolean thumbnail, String uploadedBy, Instant uploadedAt, GeoPoint place) {
}
