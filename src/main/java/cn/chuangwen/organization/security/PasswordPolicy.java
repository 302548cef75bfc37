package cn.chuangwen.organization.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Password complexity (等保 8.1.4.1a): at least 8 characters, three of the four classes (upper,
 * lower, digit, other), not the username, not on the bundled list of common passwords. Long
 * passwords are accepted whole, never truncated (bcrypt's 72-byte limit is checked separately).
 */
@Component
public class PasswordPolicy {

	public static final int MIN_LENGTH = 8;

	/** BCrypt reads at most 72 bytes; longer passwords would be silently truncated. */
	public static final int MAX_UTF8_BYTES = 72;

	private final Set<String> common;

	public PasswordPolicy() {
		this.common = loadCommon();
	}

	/** Message keys of every rule the password breaks; empty when it is acceptable. */
	public List<String> check(String username, String password) {
		List<String> broken = new ArrayList<>();
		if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
			broken.add("password.error.short");
			return broken;
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_UTF8_BYTES) {
			broken.add("password.error.long");
		}
		if (classes(password) < 3) {
			broken.add("password.error.classes");
		}
		if (username != null && password.equalsIgnoreCase(username.trim())) {
			broken.add("password.error.username");
		}
		if (common.contains(password.toLowerCase(Locale.ROOT))) {
			broken.add("password.error.common");
		}
		return broken;
	}

	public boolean acceptable(String username, String password) {
		return check(username, password).isEmpty();
	}

	static int classes(String password) {
		boolean upper = false, lower = false, digit = false, other = false;
		for (int i = 0; i < password.length(); i++) {
			char c = password.charAt(i);
			if (Character.isUpperCase(c)) {
				upper = true;
			}
			else if (Character.isLowerCase(c)) {
				lower = true;
			}
			else if (Character.isDigit(c)) {
				digit = true;
			}
			else {
				other = true;
			}
		}
		return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
	}

	private static Set<String> loadCommon() {
		Set<String> set = new HashSet<>();
		try (var reader = new BufferedReader(new InputStreamReader(
				new ClassPathResource("security/common-passwords.txt").getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (!line.isBlank() && !line.startsWith("#")) {
					set.add(line.trim().toLowerCase(Locale.ROOT));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Set.copyOf(set);
	}

}
