package cn.chuangwen.organization.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The loop gives the verdicts of the regular expressions Spring Security's strict firewall uses. */
class FirewallTextTest {

	static final Pattern ASSIGNED_NOT_CONTROL = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	static final Pattern HEADER_VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

	@Test
	void everyCodePointAloneIsJudgedAsByTheExpressions() {
		int differences = 0;
		for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
			String s = new String(Character.toChars(cp));
			if (FirewallText.ASSIGNED_NOT_CONTROL.test(s) != ASSIGNED_NOT_CONTROL.matcher(s).matches()
					|| FirewallText.HEADER_VALUE.test(s) != HEADER_VALUE.matcher(s).matches()) {
				differences++;
			}
		}
		assertThat(differences).isZero();
	}

	@Test
	void textsAreJudgedAsByTheExpressions() {
		String[] texts = { "", "Bearer abc.DEF-123", "application/json, text/plain;q=0.9", "仙桃市 城区", "a\tb", "a\nb",
				"a\rb", "\u0000", "x\u007fy", "\u0085", "\u00a0non-breaking", "😀 emoji", "\ud83d lone high",
				"lone low \ude00", "\u0378 unassigned", "zh-CN,zh;q=0.9,en;q=0.8", "\u2028 line separator" };
		for (String s : texts) {
			assertThat(FirewallText.ASSIGNED_NOT_CONTROL.test(s)).as(s).isEqualTo(ASSIGNED_NOT_CONTROL.matcher(s).matches());
			assertThat(FirewallText.HEADER_VALUE.test(s)).as(s).isEqualTo(HEADER_VALUE.matcher(s).matches());
		}
		assertThat(FirewallText.HEADER_VALUE.test("a\tb")).isTrue();
		assertThat(FirewallText.ASSIGNED_NOT_CONTROL.test("a\tb")).isFalse();
		assertThat(FirewallText.HEADER_VALUE.test("a\nb")).isFalse();
	}

}
