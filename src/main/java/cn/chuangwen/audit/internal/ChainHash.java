package cn.chuangwen.audit.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The hash of a trace row: {@code hex(SM3(prev_hash bytes || canonical(row)))}.
 * <p>
 * The canonical encoding starts with a version tag, then writes every field in a fixed order,
 * each as a presence byte (0 = null, 1 = present) followed, when present, by a 4-byte big-endian
 * length and the UTF-8 bytes. So no two different rows encode equally: null differs from empty,
 * and no field boundary can shift. Numbers are written in decimal, the time as ISO-8601 UTC with
 * exactly three fraction digits (the database keeps at least milliseconds, so it round-trips).
 */
public final class ChainHash {

	/** prev_hash of the first row of every chain. */
	public static final String GENESIS = "0".repeat(64);

	private static final byte[] VERSION = "chuangwen.audit.v1".getBytes(StandardCharsets.US_ASCII);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final HexFormat HEX = HexFormat.of();

	private ChainHash() {
	}

	/**
	 * The hash the row must carry, from its fields and its {@code prevHash}.
	 * @throws IllegalArgumentException if {@code prevHash} is not 64 hex digits
	 */
	public static String compute(ChainRecord r) {
		String prev = r.prevHash();
		if (prev == null || prev.length() != 64) {
			throw new IllegalArgumentException("prev_hash must be 64 hex digits");
		}
		byte[] prevBytes = HEX.parseHex(prev);
		byte[] body = canonical(r);
		byte[] message = new byte[prevBytes.length + body.length];
		System.arraycopy(prevBytes, 0, message, 0, prevBytes.length);
		System.arraycopy(body, 0, message, prevBytes.length, body.length);
		return Sm3.hexDigest(message);
	}

	/** The canonical encoding of the hashed fields (everything except prev_hash and hash). */
	public static byte[] canonical(ChainRecord r) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(256);
		field(out, new String(VERSION, StandardCharsets.US_ASCII));
		field(out, Long.toString(r.chainId()));
		field(out, Long.toString(r.seq()));
		field(out, r.occurredAt() == null ? null : formatTime(r.occurredAt()));
		field(out, r.actor());
		field(out, r.actorUnitId() == null ? null : r.actorUnitId().toString());
		field(out, r.cityId() == null ? null : r.cityId().toString());
		field(out, r.action());
		field(out, r.outcome());
		field(out, r.objectType());
		field(out, r.objectId());
		field(out, r.reason());
		field(out, r.changes());
		field(out, r.clientIp());
		field(out, r.requestId());
		return out.toByteArray();
	}

	static String formatTime(Instant instant) {
		return TIME.format(instant);
	}

	private static void field(ByteArrayOutputStream out, String value) {
		if (value == null) {
			out.write(0);
			return;
		}
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		out.write(1);
		int n = bytes.length;
		out.write(n >>> 24);
		out.write(n >>> 16);
		out.write(n >>> 8);
		out.write(n);
		out.write(bytes, 0, n);
	}

}
