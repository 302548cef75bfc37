package cn.chuangwen.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Known answers from GB/T 32905-2016, Appendix A. */
class Sm3Test {

	@Test
	void abc() {
		assertThat(Sm3.hexDigest("abc".getBytes(StandardCharsets.US_ASCII)))
			.isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
	}

	@Test
	void abcdSixteenTimes() {
		assertThat(Sm3.hexDigest("abcd".repeat(16).getBytes(StandardCharsets.US_ASCII)))
			.isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
	}

}
