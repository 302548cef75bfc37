package cn.chuangwen.support;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import cn.chuangwen.files.EvidenceFixtures;
import cn.chuangwen.shared.GeoPoint;

/**
 * JPEG photos with camera metadata, for tests of capture time, orientation and GPS position. No
 * library on the test classpath writes EXIF, so this writes the APP1 segment itself, as a camera
 * lays it out: a big-endian TIFF with IFD0 (ImageDescription, Orientation, pointers), the Exif IFD
 * (DateTimeOriginal, OffsetTimeOriginal) and the GPS IFD (version, N/S, latitude, E/W, longitude as
 * degrees, minutes, seconds). Only the parts asked for are written.
 *
 * <pre>{@code
 * byte[] photo = ExifJpeg.withPlace(30.402, 112.899);                    // GPS only
 * byte[] after = ExifJpeg.photo()
 *     .capturedAt(Instant.parse("2026-11-20T01:30:00Z"))                // DateTimeOriginal + "+08:00"
 *     .place(new GeoPoint(new BigDecimal("30.402"), new BigDecimal("112.899")))
 *     .description("after photo 2")                                     // different bytes, different hash
 *     .bytes();
 * }</pre>
 *
 * A builder is used once per photo; its setters return it.
 */
public final class ExifJpeg {

	/** The zone the upload check assumes for a time without offset (ImageInspector.CAPTURE_ZONE). */
	public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private static final DateTimeFormatter EXIF_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

	private static final int BYTE = 1;

	private static final int ASCII = 2;

	private static final int SHORT = 3;

	private static final int LONG = 4;

	private static final int RATIONAL = 5;

	private final int width;

	private final int height;

	private String description;

	private Integer orientation;

	private String dateTimeOriginal;

	private String offsetTimeOriginal;

	private String latitudeRef;

	private long[] latitude;

	private String longitudeRef;

	private long[] longitude;

	private ExifJpeg(int width, int height) {
		this.width = width;
		this.height = height;
	}

	/** A 64×48 photo (a blue field with an orange disc) with no metadata yet. */
	public static ExifJpeg photo() {
		return photo(64, 48);
	}

	/** A photo of the given size with no metadata yet. */
	public static ExifJpeg photo(int width, int height) {
		return new ExifJpeg(width, height);
	}

	/** A 64×48 JPEG whose only metadata is the GPS position (degrees, rounded to six decimals). */
	public static byte[] withPlace(double latitude, double longitude) {
		return photo().place(latitude, longitude).bytes();
	}

	/** A 64×48 JPEG taken at {@code place} (null: no GPS) and {@code capturedAt} (null: no time). */
	public static byte[] with(Instant capturedAt, GeoPoint place) {
		ExifJpeg photo = photo();
		if (capturedAt != null) {
			photo.capturedAt(capturedAt);
		}
		if (place != null) {
			photo.place(place);
		}
		return photo.bytes();
	}

	/**
	 * ImageDescription (IFD0). Any text: two photos that differ only here are different content
	 * (different SHA-256), so a test can upload "another" photo of the same scene.
	 */
	public ExifJpeg description(String text) {
		this.description = text;
		return this;
	}

	/** Orientation (IFD0), 1 to 8; readers also get other values, so none is refused here. */
	public ExifJpeg orientation(int value) {
		this.orientation = value;
		return this;
	}

	/** DateTimeOriginal exactly as given, normally {@code yyyy:MM:dd HH:mm:ss} (the camera's local time). */
	public ExifJpeg dateTimeOriginal(String text) {
		this.dateTimeOriginal = text;
		return this;
	}

	/** OffsetTimeOriginal exactly as given, e.g. {@code +02:00}. */
	public ExifJpeg offsetTimeOriginal(String text) {
		this.offsetTimeOriginal = text;
		return this;
	}

	/**
	 * The instant, written as a Chinese camera would: DateTimeOriginal in Beijing time with
	 * OffsetTimeOriginal {@code +08:00}. Whole seconds (EXIF has no finer field here).
	 */
	public ExifJpeg capturedAt(Instant instant) {
		this.dateTimeOriginal = EXIF_TIME.format(instant.atZone(BEIJING));
		this.offsetTimeOriginal = "+08:00";
		return this;
	}

	/** The GPS position, written as whole degrees, whole minutes and seconds in millionths. */
	public ExifJpeg place(GeoPoint place) {
		return place(place.latitude(), place.longitude());
	}

	/** The GPS position in degrees (rounded to six decimals), south and west negative. */
	public ExifJpeg place(double latitude, double longitude) {
		return place(BigDecimal.valueOf(latitude), BigDecimal.valueOf(longitude));
	}

	private ExifJpeg place(BigDecimal lat, BigDecimal lng) {
		this.latitudeRef = lat.signum() < 0 ? "S" : "N";
		this.latitude = dms(lat.abs());
		this.longitudeRef = lng.signum() < 0 ? "W" : "E";
		this.longitude = dms(lng.abs());
		return this;
	}

	/**
	 * The GPS position as raw rationals, for broken or odd metadata: {@code latitude} and
	 * {@code longitude} are six numbers each (degrees numerator, denominator, minutes numerator,
	 * denominator, seconds numerator, denominator), unsigned 32-bit; a reference of null is left out.
	 */
	public ExifJpeg gpsRationals(String latitudeRef, long[] latitude, String longitudeRef, long[] longitude) {
		if (latitude.length != 6 || longitude.length != 6) {
			throw new IllegalArgumentException("six numbers each: degrees, minutes, seconds as fractions");
		}
		this.latitudeRef = latitudeRef;
		this.latitude = latitude.clone();
		this.longitudeRef = longitudeRef;
		this.longitude = longitude.clone();
		return this;
	}

	/** The JPEG: the picture with the APP1 segment right after SOI. */
	public byte[] bytes() {
		return into(EvidenceFixtures.jpeg(width, height));
	}

	/** Puts the APP1 EXIF segment of this builder into {@code jpeg} (right after its SOI marker). */
	public byte[] into(byte[] jpeg) {
		if (jpeg.length < 2 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
			throw new IllegalArgumentException("not a JPEG");
		}
		byte[] tiff = tiff();
		byte[] header = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
		int segmentLength = 2 + header.length + tiff.length;
		if (segmentLength > 0xFFFF) {
			throw new IllegalArgumentException("EXIF segment too long");
		}
		var out = new ByteArrayOutputStream();
		out.write(jpeg, 0, 2);
		out.write(0xFF);
		out.write(0xE1);
		out.write(segmentLength >> 8);
		out.write(segmentLength & 0xFF);
		out.writeBytes(header);
		out.writeBytes(tiff);
		out.write(jpeg, 2, jpeg.length - 2);
		return out.toByteArray();
	}

	/** Degrees with up to six decimals as D/1, M/1, S·10⁶/10⁶, exactly. */
	private static long[] dms(BigDecimal degrees) {
		BigDecimal d = degrees.setScale(6, RoundingMode.HALF_UP);
		long whole = d.longValue();
		BigDecimal minutes = d.subtract(BigDecimal.valueOf(whole)).multiply(BigDecimal.valueOf(60));
		long wholeMinutes = minutes.longValue();
		BigDecimal seconds = minutes.subtract(BigDecimal.valueOf(wholeMinutes)).multiply(BigDecimal.valueOf(60));
		long micros = seconds.movePointRight(6).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
		return new long[] { whole, 1, wholeMinutes, 1, micros, 1_000_000 };
	}

	private record Entry(int tag, int type, int count, byte[] data) {
	}

	private static final class Ifd {

		final List<Entry> entries = new ArrayList<>();

		int at;

		void add(int tag, int type, int count, byte[] data) {
			entries.add(new Entry(tag, type, count, data));
		}

		int size() {
			return 2 + 12 * entries.size() + 4;
		}

	}

	/** Lays out IFD0, the Exif IFD and the GPS IFD one after another, then their values longer than 4 bytes. */
	private byte[] tiff() {
		Ifd ifd0 = new Ifd();
		Ifd exif = new Ifd();
		Ifd gps = new Ifd();
		if (description != null) {
			ifd0.add(0x010E, ASCII, ascii(description).length, ascii(description));
		}
		if (orientation != null) {
			ifd0.add(0x0112, SHORT, 1, ByteBuffer.allocate(2).putShort(orientation.shortValue()).array());
		}
		if (dateTimeOriginal != null) {
			exif.add(0x9003, ASCII, ascii(dateTimeOriginal).length, ascii(dateTimeOriginal));
		}
		if (offsetTimeOriginal != null) {
			exif.add(0x9011, ASCII, ascii(offsetTimeOriginal).length, ascii(offsetTimeOriginal));
		}
		if (latitude != null) {
			gps.add(0x0000, BYTE, 4, new byte[] { 2, 3, 0, 0 });
			if (latitudeRef != null) {
				gps.add(0x0001, ASCII, 2, ascii(latitudeRef));
			}
			gps.add(0x0002, RATIONAL, 3, rationals(latitude));
			if (longitudeRef != null) {
				gps.add(0x0003, ASCII, 2, ascii(longitudeRef));
			}
			gps.add(0x0004, RATIONAL, 3, rationals(longitude));
		}
		// Pointers get their values once the layout is known; placeholders keep the entry count right.
		if (!exif.entries.isEmpty()) {
			ifd0.add(0x8769, LONG, 1, new byte[4]);
		}
		if (!gps.entries.isEmpty()) {
			ifd0.add(0x8825, LONG, 1, new byte[4]);
		}
		List<Ifd> ifds = new ArrayList<>(List.of(ifd0));
		if (!exif.entries.isEmpty()) {
			ifds.add(exif);
		}
		if (!gps.entries.isEmpty()) {
			ifds.add(gps);
		}
		int offset = 8;
		for (Ifd ifd : ifds) {
			ifd.at = offset;
			offset += ifd.size();
		}
		replace(ifd0, 0x8769, exif.at);
		replace(ifd0, 0x8825, gps.at);
		int dataAt = offset;
		int total = dataAt;
		for (Ifd ifd : ifds) {
			for (Entry e : ifd.entries) {
				total += e.data().length > 4 ? even(e.data().length) : 0;
			}
		}

		ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.BIG_ENDIAN);
		out.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
		int data = dataAt;
		for (Ifd ifd : ifds) {
			ifd.entries.sort(Comparator.comparingInt(Entry::tag));
			out.position(ifd.at);
			out.putShort((short) ifd.entries.size());
			for (Entry e : ifd.entries) {
				out.putShort((short) e.tag()).putShort((short) e.type()).putInt(e.count());
				if (e.data().length > 4) {
					out.putInt(data);
					int here = out.position();
					out.position(data).put(e.data());
					out.position(here);
					data += even(e.data().length);
				}
				else {
					// Values of four bytes or fewer sit in the entry itself, left-justified.
					out.put(e.data()).put(new byte[4 - e.data().length]);
				}
			}
			out.putInt(0);
		}
		return out.array();
	}

	private static void replace(Ifd ifd, int tag, int value) {
		for (int i = 0; i < ifd.entries.size(); i++) {
			Entry e = ifd.entries.get(i);
			if (e.tag() == tag) {
				ifd.entries.set(i, new Entry(tag, e.type(), e.count(), ByteBuffer.allocate(4).putInt(value).array()));
			}
		}
	}

	/** TIFF values start on a word boundary. */
	private static int even(int n) {
		return n + (n & 1);
	}

	private static byte[] rationals(long[] numbers) {
		ByteBuffer b = ByteBuffer.allocate(4 * numbers.length);
		for (long n : numbers) {
			b.putInt((int) n);
		}
		return b.array();
	}

	private static byte[] ascii(String s) {
		return (s + "\0").getBytes(StandardCharsets.US_ASCII);
	}

}
