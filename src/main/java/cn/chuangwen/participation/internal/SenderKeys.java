package cn.chuangwen.participation.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import cn.chuangwen.participation.ReportChallenge;

/**
 * The keyed hashes of the public report page: the sender hash (HMAC-SHA256 of the client address,
 * so a sender's reports can be counted without keeping the address) and the signed arithmetic
 * challenge asked after a few reports an hour (the question, its answer's hash and its expiry are in
 * the token itself, so no node keeps any state and any node can check it).
 * <p>
 * The key is {@code chuangwen.participation.sender-secret}; unset, a random key per start: hashes
 * then change on a restart and differ between nodes, which only weakens the hourly count. Set it on
 * an installation of several nodes.
 */
@Component
public class SenderKeys {

	/** How long a challenge may be answered. */
	public static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(15);

	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec key;

	private final Clock clock;

	public SenderKeys(@Value("${chuangwen.participation.sender-secret:}") String secret, Clock clock) {
		byte[] bytes;
		if (secret == null || secret.isBlank()) {
			bytes = new byte[32];
			new SecureRandom().nextBytes(bytes);
		}
		else {
			bytes = secret.strip().getBytes(StandardCharsets.UTF_8);
		}
		this.key = new SecretKeySpec(bytes, ALGORITHM);
		this.clock = clock;
	}

	/** The sender hash of a client address: 64 hex digits, the same for one address on every node sharing the key. */
	public String senderHash(String clientAddress) {
		return HexFormat.of().formatHex(mac("sender:" + (clientAddress == null ? "-" : clientAddress)));
	}

	/**
	 * A fresh question ("7 + 5 = ?") and its token {@code a.b.expiry.signature} (base64url). The
	 * signature covers the sender hash too: a solved token is good for its own sender only, so one
	 * answer cannot be handed round. Within its lifetime it may be used again by that sender, whom
	 * the per-address rate limit still bounds (no server state is kept of used tokens).
	 */
	public ReportChallenge challenge(String senderHash) {
		int a = ThreadLocalRandom.current().nextInt(2, 10);
		int b = ThreadLocalRandom.current().nextInt(2, 10);
		long expires = clock.instant().plus(CHALLENGE_LIFETIME).getEpochSecond();
		String body = a + "." + b + "." + expires;
		String token = body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(signed(senderHash, body)));
		return new ReportChallenge(a + " + " + b + " = ?", token);
	}

	/**
	 * Whether the answer solves the challenge of the token: the token is one this key signed for this
	 * sender, it has not expired, and the answer is the sum. Anything malformed is simply not solved.
	 */
	public boolean solved(String senderHash, String token, String answer) {
		if (token == null || answer == null || token.length() > 200) {
			return false;
		}
		String[] parts = token.split("\\.");
		if (parts.length != 4) {
			return false;
		}
		String body = parts[0] + "." + parts[1] + "." + parts[2];
		byte[] given;
		try {
			given = Base64.getUrlDecoder().decode(parts[3]);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		if (!MessageDigest.isEqual(given, mac(signed(senderHash, body)))) {
			return false;
		}
		try {
			int a = Integer.parseInt(parts[0]);
			int b = Integer.parseInt(parts[1]);
			long expires = Long.parseLong(parts[2]);
			if (clock.instant().isAfter(Instant.ofEpochSecond(expires))) {
				return false;
			}
			return Integer.parseInt(answer.strip()) == a + b;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private static String signed(String senderHash, String body) {
		return "challenge:" + senderHash + ":" + body;
	}

	private byte[] mac(String text) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", ex);
		}
	}

}
