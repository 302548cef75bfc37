package cn.chuangwen.notify.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class MasksTest {

	@ParameterizedTest
	@CsvSource({ "13812341234, 138****1234", "138-1234-1234, 138****1234", "+86 138 1234 5678, 138****5678",
			"0728-3312345, 072****2345", "12345, ****45", "12, ****" })
	void phonesKeepOnlyTheirEnds(String phone, String masked) {
		assertThat(Masks.phone(phone)).isEqualTo(masked);
	}

	@Test
	void blankPhonesAndEmailsStayNull() {
		assertThat(Masks.phone(null)).isNull();
		assertThat(Masks.phone(" ")).isNull();
		assertThat(Masks.email(null)).isNull();
	}

	@ParameterizedTest
	@CsvSource({ "zhang.san@xiantao.gov.cn, z***@xiantao.gov.cn", "a@b.cn, a***@b.cn", "no-at-sign, ***" })
	void emailsKeepTheFirstLetterAndTheDomain(String email, String masked) {
		assertThat(Masks.email(email)).isEqualTo(masked);
	}

	@Test
	void errorsAreScrubbedOfAddressesAndKeptToOneLine() {
		String error = "Invalid Addresses: zhang.san@xiantao.gov.cn\nnumber 13812341234 refused";
		String scrubbed = Masks.scrub(error, 500, "138 1234 1234", "zhang.san@xiantao.gov.cn");
		assertThat(scrubbed).isEqualTo("Invalid Addresses: z***@xiantao.gov.cn number 138****1234 refused");
		assertThat(Masks.scrub("x".repeat(600), 500, null, null)).hasSize(500);
	}

}
