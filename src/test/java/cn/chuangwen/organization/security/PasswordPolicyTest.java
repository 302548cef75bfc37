package cn.chuangwen.organization.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** 等保 8.1.4.1a / ASVS 6.2: password complexity (checklist A2). No Spring. */
class PasswordPolicyTest {

	private final PasswordPolicy policy = new PasswordPolicy();

	@Test
	void acceptsAGoodPassword() {
		assertThat(policy.check("xiantao.office", "Hb#Civil2026")).isEmpty();
		assertThat(policy.acceptable("xiantao.office", "Hb#Civil2026")).isTrue();
	}

	@Test
	void refusesShortPasswords() {
		assertThat(policy.check("u.ser", "Ab1#xyz")).containsExactly("password.error.short");
		assertThat(policy.check("u.ser", "")).containsExactly("password.error.short");
		assertThat(policy.check("u.ser", null)).containsExactly("password.error.short");
		assertThat(policy.check("u.ser", "Ab1#xyzw")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "abcdefgh12", "ABCDEFGH12", "abcdEFGHij", "!!!!@@@@##", "12345678ab", "abcd!@#$efg" })
	void refusesFewerThanThreeClasses(String password) {
		assertThat(policy.check("u.ser", password)).contains("password.error.classes");
	}

	@ParameterizedTest
	@ValueSource(strings = { "abcdEFGH12", "abcd!@#$EF", "ABCD!@#$12", "abcd!@#$12", "aB3!aB3!" })
	void acceptsThreeOrFourClasses(String password) {
		assertThat(policy.check("u.ser", password)).doesNotContain("password.error.classes");
	}

	@Test
	void refusesTheUsernameInAnyCase() {
		assertThat(policy.check("Zhang.San-2026", "Zhang.San-2026")).contains("password.error.username");
		assertThat(policy.check("zhang.san-2026", "ZHANG.San-2026")).contains("password.error.username");
		assertThat(policy.check("zhang.san-2026", "Zhang.San-2027")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Passw0rd!", "P@ssw0rd", "Admin@123", "PASSW0RD!", "p@SSw0rd" })
	void refusesCommonPasswordsWhateverTheCase(String password) {
		assertThat(policy.check("someone", password)).contains("password.error.common");
	}

	@Test
	void acceptsA64CharacterPasswordWhole() {
		String password = "Aa1!".repeat(16);
		assertThat(password).hasSize(64);
		assertThat(policy.check("someone", password)).isEmpty();
	}

	@Test
	void refusesMoreThan72Utf8BytesSoBcryptNeverTruncates() {
		String ascii72 = "Aa1!".repeat(18);
		assertThat(policy.check("someone", ascii72)).isEmpty();
		assertThat(policy.check("someone", ascii72 + "x")).containsExactly("password.error.long");
		// 24 Chinese characters are 72 bytes, 25 are 75: the limit is in bytes, not characters.
		String chinese24 = "创文明城市".repeat(5).substring(0, 24);
		assertThat(policy.check("someone", "Aa1" + chinese24.substring(3))).isEmpty();
		assertThat(policy.check("someone", "Aa1" + chinese24)).containsExactly("password.error.long");
	}

	@Test
	void minimumLengthCountsCharactersNotUtf16Units() {
		String fiveCharacters = "A1\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00";
		assertThat(fiveCharacters.codePointCount(0, fiveCharacters.length())).isEqualTo(5);
		assertThat(policy.check("someone", fiveCharacters)).contains("password.error.short");
	}

	// --- property: acceptable iff length >= 8, 3+ classes, not the username, not common, <= 72 bytes

	private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

	private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";

	private static final String DIGITS = "0123456789";

	private static final String SYMBOLS = "!@#$%^&*()-_=+[]{};:'\",.<>/?`~\\| ";

	/** Other (fourth-class) characters outside ASCII: 3 UTF-8 bytes each. */
	private static final String WIDE = "创文明城市湖北仙桃天门潜江";

	private static final Set<String> COMMON = loadCommon();

	static Stream<Arguments> generated() {
		Random random = new Random(20260517L);
		List<String> common = List.copyOf(COMMON);
		return IntStream.range(0, 600).mapToObj(i -> {
			String password;
			int shape = random.nextInt(10);
			if (shape == 0) {
				// a common password, sometimes in another case
				String c = common.get(random.nextInt(common.size()));
				password = random.nextBoolean() ? c : c.toUpperCase(Locale.ROOT);
			}
			else {
				password = randomPassword(random);
			}
			String username = randomUsername(random);
			if (random.nextInt(8) == 0) {
				// the username itself as the password, with some letters in upper case
				StringBuilder sb = new StringBuilder();
				for (char c : username.toCharArray()) {
					sb.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
				}
				password = sb.toString();
			}
			return Arguments.of(i, username, password);
		});
	}

	/** A username as accounts have them: [a-z0-9][a-z0-9._-]{2,63}. */
	private static String randomUsername(Random random) {
		String first = LOWER + DIGITS;
		String rest = LOWER + DIGITS + "._-";
		StringBuilder sb = new StringBuilder().append(first.charAt(random.nextInt(first.length())));
		int length = 7 + random.nextInt(14);
		while (sb.length() < length) {
			sb.append(rest.charAt(random.nextInt(rest.length())));
		}
		return sb.toString();
	}

	private static String randomPassword(Random random) {
		int length = random.nextInt(100) < 15 ? random.nextInt(8) : 8 + random.nextInt(random.nextBoolean() ? 10 : 70);
		String[] pools = { UPPER, LOWER, DIGITS, SYMBOLS, WIDE };
		// a random subset of the classes, so passwords with 1 to 4 classes come up
		boolean[] use = new boolean[pools.length];
		int used = 0;
		for (int p = 0; p < pools.length; p++) {
			use[p] = random.nextInt(3) > 0;
			used += use[p] ? 1 : 0;
		}
		if (used == 0) {
			use[random.nextInt(pools.length)] = true;
		}
		StringBuilder sb = new StringBuilder();
		while (sb.length() < length) {
			int p = random.nextInt(pools.length);
			if (use[p]) {
				String pool = pools[p];
				sb.append(pool.charAt(random.nextInt(pool.length())));
			}
		}
		return sb.toString();
	}

	@ParameterizedTest(name = "[{0}] {1} / {2}")
	@MethodSource("generated")
	void acceptableExactlyWhenEveryRuleHolds(int sample, String username, String password) {
		boolean expected = password.length() >= 8 && oracleClasses(password) >= 3
				&& !password.equalsIgnoreCase(username) && !COMMON.contains(password.toLowerCase(Locale.ROOT))
				&& password.getBytes(StandardCharsets.UTF_8).length <= 72;
		assertThat(policy.acceptable(username, password)).as("acceptable(%s, %s)", username, password)
			.isEqualTo(expected);
		assertThat(policy.check(username, password).isEmpty()).isEqualTo(expected);
	}

	/** Independent of the implementation: ASCII letters and digits by range, everything else is a symbol. */
	private static int oracleClasses(String s) {
		boolean upper = s.chars().anyMatch(c -> c >= 'A' && c <= 'Z');
		boolean lower = s.chars().anyMatch(c -> c >= 'a' && c <= 'z');
		boolean digit = s.chars().anyMatch(c -> c >= '0' && c <= '9');
		boolean other = s.chars().anyMatch(c -> !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9'));
		return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
	}

	@Test
	void theGeneratorReachesEveryOutcome() {
		// guards the property above against a generator that never produces a case
		var samples = generated().map(Arguments::get).toList();
		Set<String> outcomes = new HashSet<>();
		for (Object[] s : samples) {
			outcomes.addAll(policy.check((String) s[1], (String) s[2]));
			if (policy.acceptable((String) s[1], (String) s[2])) {
				outcomes.add("ok");
			}
		}
		assertThat(outcomes).contains("ok", "password.error.short", "password.error.long", "password.error.classes",
				"password.error.username", "password.error.common");
	}

	private static Set<String> loadCommon() {
		try (InputStream in = PasswordPolicyTest.class.getResourceAsStream("/security/common-passwords.txt")) {
			Set<String> set = new HashSet<>();
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
				if (!line.isBlank() && !line.startsWith("#")) {
					set.add(line.trim().toLowerCase(Locale.ROOT));
				}
			}
			assertThat(set).contains("passw0rd!", "p@ssw0rd", "admin@123");
			return set;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
