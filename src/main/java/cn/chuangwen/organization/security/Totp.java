package cn.chuangwen.organization.security;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;

import org.apache.commons.codec.binary.Base32;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): 30-second steps, 6 digits,
 * HMAC-SHA1, as every authenticator app computes them. One step of clock drift either way is
 * accepted; the caller refuses a step already used (single use).
 */
public final class Totp {

	public static final int STEP_SECONDS = 30;

	private static final SecureRandom RANDOM = new SecureRandom();

	private Totp() {
	}

	/** A new 160-bit secret, base32 without padding. */
	public static String newSecret() {
		byte[] bytes = new byte[20];
		RANDOM.nextBytes(bytes);
		return base32(bytes);
	}

	public static long step(Instant time) {
		return Math.floorDiv(time.getEpochSecond(), STEP_SECONDS);
	}

	/**
	 * The code for a counter value, with the given number of digits and HMAC algorithm
	 * ({@code HmacSHA1}, {@code HmacSHA256} or {@code HmacSHA512}), computed by java-totp.
	 */
	public static String code(byte[] key, long counter, int digits, String algorithm) {
		HashingAlgorithm hashing = switch (algorithm) {
			case "HmacSHA1" -> HashingAlgorithm.SHA1;
			case "HmacSHA256" -> HashingAlgorithm.SHA256;
			case "HmacSHA512" -> HashingAlgorithm.SHA512;
			default -> throw new IllegalArgumentException(algorithm);
		};
		try {
			return new DefaultCodeGenerator(hashing, digits).generate(base32(key), counter);
		}
		catch (CodeGenerationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String code(String base32Secret, long step) {
		return code(decodeBase32(base32Secret), step, 6, "HmacSHA1");
	}

	/**
	 * The step the code matches within one step of drift, or empty. Compared in constant time.
	 */
	public static OptionalLong matchingStep(String base32Secret, String code, Instant now) {
		if (code == null || !code.trim().matches("\\d{6}")) {
			return OptionalLong.empty();
		}
		byte[] given = code.trim().getBytes();
		long current = step(now);
		for (long s = current - 1; s <= current + 1; s++) {
			if (MessageDigest.isEqual(given, code(base32Secret, s).getBytes())) {
				return OptionalLong.of(s);
			}
		}
		return OptionalLong.empty();
	}

	/** The otpauth URI authenticator apps read from the enrolment QR code. */
	public static String uri(String issuer, String account, String secret) {
		String i = java.net.URLEncoder.encode(issuer, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
		String a = java.net.URLEncoder.encode(account, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
		return "otpauth://totp/" + i + ":" + a + "?secret=" + secret + "&issuer=" + i
				+ "&algorithm=SHA1&digits=6&period=30";
	}

	/** RFC 4648 base32 without padding, as authenticator apps expect it. */
	public static String base32(byte[] data) {
		return new Base32().encodeAsString(data).replace("=", "");
	}

	/** Decodes base32, ignoring spaces, padding and case; anything else is refused. */
	public static byte[] decodeBase32(String text) {
		String s = text.replace("=", "").replace(" ", "").toUpperCase(Locale.ROOT);
		Base32 codec = new Base32();
		// commons-codec skips characters outside the alphabet while decoding: refuse them first.
		if (!codec.isInAlphabet(s)) {
			throw new IllegalArgumentException("not base32");
		}
		return codec.decode(s);
	}

}
