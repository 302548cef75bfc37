package cn.chuangwen.organization.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The CSP lets images come from the configured map tile server, and from nowhere else. */
class MapTileCspTest {

	@Test
	void withoutATileServerThePolicyIsUnchanged() {
		assertThat(SecurityConfig.csp("")).isEqualTo(SecurityConfig.CSP);
		assertThat(SecurityConfig.csp(null)).isEqualTo(SecurityConfig.CSP);
	}

	@Test
	void aTileServerOriginMayServeImagesAndATemplatedLabelBecomesAWildcard() {
		assertThat(SecurityConfig.csp("https://tiles.example.cn/{z}/{x}/{y}.png"))
			.contains("img-src 'self' data: https://tiles.example.cn;")
			.contains("script-src 'self';");
		assertThat(SecurityConfig.csp("https://t{s}.tianditu.gov.cn/vec_w/wmts?tk=1"))
			.contains("img-src 'self' data: https://*.tianditu.gov.cn;");
		assertThat(SecurityConfig.csp("http://10.0.0.8:8080/tiles/{z}/{x}/{y}.png"))
			.contains("img-src 'self' data: http://10.0.0.8:8080;");
	}

	@Test
	void somethingThatIsNotAnHttpUrlOrCouldBreakOutOfThePolicyIsIgnored() {
		assertThat(SecurityConfig.csp("javascript:alert(1)")).isEqualTo(SecurityConfig.CSP);
		assertThat(SecurityConfig.csp("https://a.cn;script-src *")).isEqualTo(SecurityConfig.CSP);
		assertThat(SecurityConfig.csp("https://a.cn 'unsafe-inline'/x")).isEqualTo(SecurityConfig.CSP);
		// a templated host with no domain to wildcard: no tile origin rather than a failed start
		assertThat(SecurityConfig.csp("http://{s}:8080/{z}/{x}/{y}.png")).isEqualTo(SecurityConfig.CSP);
	}

}
