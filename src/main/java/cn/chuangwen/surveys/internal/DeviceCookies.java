package cn.chuangwen.surveys.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import cn.chuangwen.shared.Secrets;

/**
 * The survey device cookie: a random device id (128 bits) and its HMAC-SHA256 signature,
 * {@code id.signature} in URL-safe Base64. Nothing personal: the id is random, and the database keeps
 * only its SHA-256 beside each response, so "this device answered this round" can be checked while
 * nobody can tell who answered. A value whose signature does not match (edited, made up, signed with
 * another key) is not a device: the answer page gives such a browser a new id.
 * <p>
 * The key is {@code chuangwen.surveys.device-secret}; unset, a random key per start (cookies then
 * stop verifying after a restart and differ between nodes, so a device could answer a round again).
 * Set it on a real installation, the same on every node.
 */
@Component
public class DeviceCookies {

	/** The cookie's name; it is sent back only to {@code /s/} and lives a year. */
	public static final String NAME = "CWSURVEY";

	public static final int MAX_AGE_SECONDS = 366 * 24 * 3600;

	private static final Pattern PART = Pattern.compile("[A-Za-z0-9_-]{16,64}");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final byte[] key;

	public DeviceCookies(@Value("${chuangwen.surveys.device-secret:}") String secret) {
		if (secret == null || secret.isBlank()) {
			this.key = new byte[32];
			RANDOM.nextBytes(this.key);
		}
		else {
			this.key = secret.strip().getBytes(StandardCharsets.UTF_8);
		}
	}

	/** A new signed cookie value for a device seen for the first time. */
	public String issue() {
		byte[] id = new byte[16];
		RANDOM.nextBytes(id);
		String text = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
		return text + "." + signature(text);
	}

	/** The device id of a cookie value this key signed; empty for anything else. */
	public Optional<String> deviceId(String value) {
		if (value == null || value.length() > 200) {
			return Optional.empty();
		}
		int dot = value.indexOf('.');
		if (dot < 0 || value.indexOf('.', dot + 1) >= 0) {
			return Optional.empty();
		}
		String id = value.substring(0, dot);
		String given = value.substring(dot + 1);
		if (!PART.matcher(id).matches() || !PART.matcher(given).matches()) {
			return Optional.empty();
		}
		boolean good = MessageDigest.isEqual(given.getBytes(StandardCharsets.US_ASCII),
				signature(id).getBytes(StandardCharsets.US_ASCII));
		return good ? Optional.of(id) : Optional.empty();
	}

	/** What the database keeps of a device: the SHA-256 of its id. */
	public static String hash(String deviceId) {
		return Secrets.sha256Hex("survey-device:" + deviceId);
	}

	private String signature(String id) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(Secrets.hmacSha256(key, "survey-device:" + id));
	}

}
