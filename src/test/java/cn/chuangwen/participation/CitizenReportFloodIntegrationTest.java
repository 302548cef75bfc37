package cn.chuangwen.participation;

import static cn.chuangwen.support.Logins.from;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;

/**
 * A flood of reports from one address (issue 11 §6): past the public allowance (three a minute
 * here, as in PublicRateLimitIntegrationTest, whose context this shares) the report endpoint answers
 * 429 with Retry-After and problem JSON, and nothing is stored; another address is not affected.
 */
@IntegrationTest
@TestPropertySource(properties = "chuangwen.public.requests-per-minute=3")
class CitizenReportFloodIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	MockHttpServletResponse report(String address) throws Exception {
		return mvc.perform(multipart("/api/v1/public/{city}/reports", "xiantao").param("category", "环境卫生")
			.param("description", "垃圾成堆").param("lat", "30.364000").param("lng", "113.440000")
			.accept(MediaType.APPLICATION_JSON).with(from(address))).andReturn().getResponse();
	}

	@Test
	void aFloodFromOneAddressGets429AndStoresNothing() throws Exception {
		String address = "10.43." + (int) (Math.random() * 250) + "." + (1 + (int) (Math.random() * 250));
		for (int i = 1; i <= 3; i++) {
			assertThat(report(address).getStatus()).as("report %d", i).isEqualTo(201);
		}
		int before = jdbc.sql("select count(*) from citizen_report").query(Integer.class).single();
		for (int i = 0; i < 20; i++) {
			MockHttpServletResponse refused = report(address);
			assertThat(refused.getStatus()).isEqualTo(429);
			assertThat(refused.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			assertThat(Long.parseLong(refused.getHeader(HttpHeaders.RETRY_AFTER))).isBetween(1L, 60L);
			assertThat(refused.getContentAsString(StandardCharsets.UTF_8)).doesNotContain("XT-R-");
		}
		assertThat(jdbc.sql("select count(*) from citizen_report").query(Integer.class).single()).isEqualTo(before);
		assertThat(report("10.44.0.1").getStatus()).isEqualTo(201);
	}

}
