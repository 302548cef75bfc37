package cn.chuangwen.files.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A JPEG copied segment by segment without its metadata, pixels untouched (no decode, no
 * re-encode: a photo from a phone costs a copy of its bytes, not a tenth of a second of CPU).
 * Dropped: EXIF and XMP (APP1: GPS, time, camera), every other application segment but the colour
 * ones (APP0 JFIF, APP2 ICC profile, APP14 Adobe, which the decoder needs for the colours),
 * comments, and anything after the end of the image (the video of a "motion photo", depth maps).
 * The orientation is the one tag written back, in a minimal EXIF of its own, so the copy stands as
 * the photographer held the camera. The file's structure is checked on the way: a file that is no
 * whole JPEG is refused as unreadable.
 */
public final class JpegCopy {

	private static final int SOI = 0xD8;

	private static final int EOI = 0xD9;

	private static final int SOS = 0xDA;

	private static final int APP0 = 0xE0;

	private static final int APP2 = 0xE2;

	private static final int APP14 = 0xEE;

	private static final int COM = 0xFE;

	private static final byte[] ICC = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);

	private JpegCopy() {
	}

	/** Writes {@code source} to {@code target} without its metadata, keeping {@code orientation} (1–8). */
	public static void withoutMetadata(Path source, Path target, int orientation) throws IOException {
		byte[] in = Files.readAllBytes(source);
		ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
		if (in.length < 4 || (in[0] & 0xff) != 0xFF || (in[1] & 0xff) != SOI) {
			throw unreadable();
		}
		out.write(in, 0, 2);
		int pos = 2;
		boolean exifWritten = false;
		boolean frame = false;
		boolean scan = false;
		while (true) {
			if (pos >= in.length || (in[pos] & 0xff) != 0xFF) {
				throw unreadable();
			}
			while (pos < in.length && (in[pos] & 0xff) == 0xFF) {
				pos++;
			}
			if (pos >= in.length) {
				throw unreadable();
			}
			int marker = in[pos] & 0xff;
			int start = pos - 1;
			pos++;
			if (marker == EOI) {
				if (!frame || !scan) {
					throw unreadable();
				}
				out.write(0xFF);
				out.write(EOI);
				break;
			}
			if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD7 || marker == SOI || marker == 0x00) {
				throw unreadable();
			}
			if (pos + 2 > in.length) {
				throw unreadable();
			}
			int length = (in[pos] & 0xff) << 8 | in[pos + 1] & 0xff;
			int end = pos + length;
			if (length < 2 || end > in.length) {
				throw unreadable();
			}
			if (!exifWritten && marker != APP0) {
				// the orientation goes right after SOI and the JFIF header, where readers look for EXIF
				writeOrientation(out, orientation);
				exifWritten = true;
			}
			if (kept(marker, in, pos + 2, end)) {
				out.write(in, start, end - start);
			}
			frame |= marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
			pos = end;
			if (marker == SOS) {
				if (!frame) {
					throw unreadable();
				}
				scan = true;
				int data = pos;
				pos = entropyEnd(in, pos);
				out.write(in, data, pos - data);
			}
		}
		try (OutputStream file = Files.newOutputStream(target)) {
			out.writeTo(file);
		}
	}

	/** Whether a segment stays: everything but application segments (APP0, an ICC APP2 and APP14 aside) and comments. */
	private static boolean kept(int marker, byte[] in, int from, int end) {
		if (marker == COM) {
			return false;
		}
		if (marker < APP0 || marker > 0xEF) {
			return true;
		}
		if (marker == APP0 || marker == APP14) {
			return true;
		}
		return marker == APP2 && end - from >= ICC.length
				&& Arrays.equals(in, from, from + ICC.length, ICC, 0, ICC.length);
	}

	/** Where a scan's entropy-coded data ends: at the next marker that is neither stuffing (FF00) nor a restart. */
	private static int entropyEnd(byte[] in, int pos) {
		for (int i = pos; i + 1 < in.length; i++) {
			if ((in[i] & 0xff) != 0xFF) {
				continue;
			}
			int next = in[i + 1] & 0xff;
			if (next != 0x00 && next != 0xFF && !(next >= 0xD0 && next <= 0xD7)) {
				return i;
			}
		}
		throw unreadable();
	}

	/** A minimal EXIF (APP1): a big-endian TIFF header and one IFD with the Orientation tag alone. */
	private static void writeOrientation(ByteArrayOutputStream out, int orientation) {
		if (orientation <= 1 || orientation > 8) {
			return;
		}
		byte[] segment = { (byte) 0xFF, (byte) 0xE1, 0, 34, 'E', 'x', 'i', 'f', 0, 0,
				// TIFF header: MM, 42, IFD0 at offset 8
				'M', 'M', 0, 42, 0, 0, 0, 8,
				// one entry: tag 0x0112 (Orientation), type SHORT, count 1, the value, padding
				0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0,
				// no next IFD
				0, 0, 0, 0 };
		out.write(segment, 0, segment.length);
	}

	private static UploadRefused unreadable() {
		return new UploadRefused("files.error.image.unreadable");
	}

}
