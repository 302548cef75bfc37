package cn.chuangwen.organization.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 6238 TOTP (checklist A9/A10). No Spring. */
class TotpTest {

	private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	/** RFC 6238 Appendix B, SHA-1 column, 8 digits, T0 = 0, X = 30. */
	@ParameterizedTest(name = "T={0} -> {1}")
	@CsvSource({ "59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
			"2000000000, 69279037", "20000000000, 65353130" })
	void matchesTheRfc6238Sha1Vectors(long unixSeconds, String expected) {
		long counter = Totp.step(Instant.ofEpochSecond(unixSeconds));
		assertThat(counter).isEqualTo(unixSeconds / 30);
		assertThat(Totp.code(RFC_KEY, counter, 8, "HmacSHA1")).isEqualTo(expected);
	}

	@Test
	void sixDigitCodesAreTheLastSixOfTheEightDigitOnes() {
		// RFC 4226 truncation: the 6-digit code is the 8-digit value mod 10^6
		String secret = Totp.base32(RFC_KEY);
		assertThat(Totp.code(secret, 1)).isEqualTo(Totp.code(RFC_KEY, 1, 8, "HmacSHA1").substring(2));
		// RFC 4226 Appendix D, HOTP counter 0..2
		assertThat(Totp.code(secret, 0)).isEqualTo("755224");
		assertThat(Totp.code(secret, 1)).isEqualTo("287082");
		assertThat(Totp.code(secret, 2)).isEqualTo("359152");
	}

	@Test
	void base32FollowsRfc4648WithoutPadding() {
		assertThat(Totp.base32("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MY");
		assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
		assertThat(Totp.base32(RFC_KEY)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
		assertThat(Totp.decodeBase32("mzxw 6ytb oi======")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
		assertThatThrownBy(() -> Totp.decodeBase32("MZXW1")).isInstanceOf(IllegalArgumentException.class);
	}

	static Stream<byte[]> randomKeys() {
		Random random = new Random(6238L);
		return IntStream.range(0, 200).mapToObj(i -> {
			byte[] bytes = new byte[random.nextInt(41)];
			random.nextBytes(bytes);
			return bytes;
		});
	}

	@ParameterizedTest
	@MethodSource("randomKeys")
	void base32RoundTrips(byte[] bytes) {
		String text = Totp.base32(bytes);
		assertThat(text).matches("[A-Z2-7]*").hasSize((bytes.length * 8 + 4) / 5);
		assertThat(Totp.decodeBase32(text)).isEqualTo(bytes);
	}

	@Test
	void newSecretsAre160BitsOfBase32AndDiffer() {
		String a = Totp.newSecret();
		String b = Totp.newSecret();
		assertThat(Totp.decodeBase32(a)).hasSize(20);
		assertThat(a).matches("[A-Z2-7]{32}").isNotEqualTo(b);
	}

	static Stream<Instant> instants() {
		Random random = new Random(42L);
		return IntStream.range(0, 50).mapToObj(i -> Instant.ofEpochSecond(1_700_000_000L + random.nextInt(400_000_000)));
	}

	@ParameterizedTest
	@MethodSource("instants")
	void matchingStepAcceptsOneStepOfDriftEitherWayAndNoMore(Instant now) {
		String secret = Totp.base32(RFC_KEY);
		long current = Totp.step(now);
		boolean adjacentCollide = Totp.code(secret, current - 1).equals(Totp.code(secret, current))
				|| Totp.code(secret, current).equals(Totp.code(secret, current + 1))
				|| Totp.code(secret, current - 1).equals(Totp.code(secret, current + 1));
		for (long drift = -1; drift <= 1; drift++) {
			String code = Totp.code(secret, current + drift);
			var step = Totp.matchingStep(secret, code, now);
			assertThat(step).as("drift %d", drift).isPresent();
			assertThat(step.getAsLong()).isBetween(current - 1, current + 1);
			if (!adjacentCollide) {
				assertThat(step.getAsLong()).isEqualTo(current + drift);
			}
		}
		for (long drift : new long[] { -3, -2, 2, 3 }) {
			String code = Totp.code(secret, current + drift);
			boolean collides = IntStream.rangeClosed(-1, 1)
				.anyMatch(d -> Totp.code(secret, current + d).equals(code));
			if (!collides) {
				assertThat(Totp.matchingStep(secret, code, now)).as("drift %d", drift).isEmpty();
			}
		}
	}

	@Test
	void matchingStepRefusesMalformedCodes() {
		String secret = Totp.base32(RFC_KEY);
		Instant now = Instant.ofEpochSecond(59);
		assertThat(Totp.matchingStep(secret, "287082", now)).hasValue(1);
		assertThat(Totp.matchingStep(secret, " 287082 ", now)).hasValue(1);
		assertThat(Totp.matchingStep(secret, null, now)).isEmpty();
		assertThat(Totp.matchingStep(secret, "", now)).isEmpty();
		assertThat(Totp.matchingStep(secret, "28708", now)).isEmpty();
		assertThat(Totp.matchingStep(secret, "94287082", now)).isEmpty();
		assertThat(Totp.matchingStep(secret, "28708a", now)).isEmpty();
	}

	@Test
	void theEnrolmentUriCarriesIssuerAccountAndParameters() {
		String uri = Totp.uri("创文 Chuangwen", "xiantao.office", "ABCDEF");
		assertThat(uri).startsWith("otpauth://totp/")
			.contains("secret=ABCDEF", "algorithm=SHA1", "digits=6", "period=30", "xiantao.office")
			.doesNotContain(" ", "+");
	}

}
