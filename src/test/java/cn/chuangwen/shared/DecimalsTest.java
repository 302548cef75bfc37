package cn.chuangwen.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Numbers are bounded before any arithmetic, and each refusal says which bound. */
class DecimalsTest {

	@ParameterizedTest
	@CsvSource({ "12, 12", "'1,200,000', 1200000", "' 3.5 ', 3.5", "1e3, 1000", "0.125, 0.125", "-7, -7",
			"99999999999.999, 99999999999.999", "0e9999, 0" })
	void readsNumbersAsPeopleTypeThem(String text, String expected) {
		assertThat(Decimals.parse("value", text, 11, 3)).isEqualByComparingTo(new BigDecimal(expected));
	}

	@ParameterizedTest
	@ValueSource(strings = { "1e50000000", "1e999999999", "1e9999", "123456789012", "1E+12", "0.0001", "1e-9999", "1e99999", "1e-99999999" })
	void refusesTooManyDigitsAtOnce(String text) {
		long started = System.nanoTime();
		assertThatThrownBy(() -> Decimals.parse("value", text, 11, 3))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> {
				assertThat(ex.problems()).extracting(FieldProblem::field).containsExactly("value");
				assertThat(ex.problems().get(0).messageKey()).isEqualTo("decimal.error.range");
			});
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "1e", "--1", "1.2.3", "NaN", "Infinity", "0x10", "1e+-5" })
	void refusesWhatIsNotANumber(String text) {
		assertThatThrownBy(() -> Decimals.parse("value", text, 11, 3))
			.isInstanceOfSatisfying(InvalidInputException.class,
					ex -> assertThat(ex.problems().get(0).messageKey()).isEqualTo("decimal.error.number"));
	}

	@Test
	void aLongStringIsRefusedUnread() {
		String digits = "9".repeat(5_000_000);
		assertThat(Decimals.read(digits, 11, 3).problem()).isEqualTo(Decimals.Problem.NOT_A_NUMBER);
	}

	@Test
	void blankIsNoNumberAndParsedValuesAreCheckedToo() {
		assertThat(Decimals.parse("value", "  ", 11, 3)).isNull();
		assertThatThrownBy(() -> Decimals.check("value", new BigDecimal("1E+50000000"), 11, 3))
			.isInstanceOf(InvalidInputException.class);
		assertThat(Decimals.check("value", new BigDecimal("12.5"), 11, 3)).isEqualByComparingTo("12.5");
	}

	@Test
	void fitsDoesNotOverflowOnTheLargestExponent() {
		assertThat(Decimals.fits(new BigDecimal(BigInteger.ONE, Integer.MIN_VALUE), 3, 6)).isFalse();
		assertThat(Decimals.fits(new BigDecimal("180.123456"), 3, 6)).isTrue();
		assertThatThrownBy(() -> Decimals.check("value", new BigDecimal(BigInteger.ONE, Integer.MIN_VALUE), 11, 3))
			.isInstanceOf(InvalidInputException.class);
	}

}
