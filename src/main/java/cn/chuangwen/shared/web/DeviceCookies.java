package cn.chuangwen.shared.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

import cn.chuangwen.shared.Secrets;

/**
 * A signed device cookie for the anonymous public pages that count "one per device" (a survey round,
 * a campaign's votes and submissions): a random device id (128 bits) and its HMAC-SHA256 signature,
 * {@code id.signature} in URL-safe Base64. Nothing personal: the id is random, and the database keeps
 * only its SHA-256 beside each response, so "this device already did" can be checked while nobody
 * can tell who did. A value whose signature does not match (edited, made up, signed with another key
 * or for another purpose) is not a device: such a browser gets a new id.
 * <p>
 * Each use has its own cookie name, path and purpose (mixed into the signature and the hash), so a
 * survey cookie is no campaign device and the two hashes of one phone cannot be linked. The key is
 * {@code chuangwen.public.device-secret}; unset, a random key per start (cookies then stop verifying
 * after a restart and differ between nodes, so a device could count again). Set it on a real
 * installation, the same on every node.
 */
public class DeviceCookies {

	public static final int MAX_AGE_SECONDS = 366 * 24 * 3600;

	private static final Pattern PART = Pattern.compile("[A-Za-z0-9_-]{16,64}");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final String name;

	private final String path;

	private final String purpose;

	private final byte[] key;

	/**
	 * @param name the cookie's name
	 * @param path the only path the browser sends it back to (below the context path)
	 * @param purpose what the device counts for, part of every signature and hash
	 * @param secret the installation's key; blank: a random one for this start
	 */
	public DeviceCookies(String name, String path, String purpose, String secret) {
		this.name = name;
		this.path = path;
		this.purpose = purpose + ":";
		if (secret == null || secret.isBlank()) {
			this.key = new byte[32];
			RANDOM.nextBytes(this.key);
		}
		else {
			this.key = secret.strip().getBytes(StandardCharsets.UTF_8);
		}
	}

	public String name() {
		return name;
	}

	/** A new signed cookie value for a device seen for the first time. */
	public String issue() {
		byte[] id = new byte[16];
		RANDOM.nextBytes(id);
		String text = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
		return text + "." + signature(text);
	}

	/** The device id of a cookie value this key signed for this purpose; empty for anything else. */
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

	/** The device id of the request's valid cookie, if it sent one. */
	public Optional<String> deviceOf(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies != null) {
			for (Cookie c : cookies) {
				if (name.equals(c.getName())) {
					Optional<String> id = deviceId(c.getValue());
					if (id.isPresent()) {
						return id;
					}
				}
			}
		}
		return Optional.empty();
	}

	/** What the database keeps of a device: the SHA-256 of its id and the purpose. */
	public String hash(String deviceId) {
		return Secrets.sha256Hex(purpose + deviceId);
	}

	/**
	 * The device of a request that is about to count: its own when it sent a valid cookie, otherwise
	 * a new one, whose cookie {@link #remember} sends once the request has counted.
	 */
	public Device device(HttpServletRequest request) {
		Optional<String> known = deviceOf(request);
		if (known.isPresent()) {
			return new Device(known.get(), null);
		}
		String cookie = issue();
		return new Device(deviceId(cookie).orElseThrow(), cookie);
	}

	/** Sends a new device's cookie (nothing for a known device): HTTP only, Lax, a year, on its path. */
	public void remember(Device device, HttpServletRequest request, HttpServletResponse response) {
		if (device.newCookie() == null) {
			return;
		}
		response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(name, device.newCookie())
			.path(request.getContextPath() + path)
			.maxAge(MAX_AGE_SECONDS)
			.httpOnly(true)
			.secure(request.isSecure())
			.sameSite("Lax")
			.build()
			.toString());
	}

	private String signature(String id) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(Secrets.hmacSha256(key, purpose + id));
	}

	/** A device: its id and, when it is new, the cookie value to send it. */
	public record Device(String id, String newCookie) {
	}

}
