package cn.chuangwen.surveys;

import static cn.chuangwen.support.Logins.from;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;

/**
 * A flood of survey answers from one address (issue 10 §6): past the public allowance (three a
 * minute here, as in PublicRateLimitIntegrationTest, whose context this shares) the answer page
 * answers 429 with Retry-After and nothing is counted; another address is not affected.
 */
@IntegrationTest
@TestPropertySource(properties = "chuangwen.public.requests-per-minute=3")
class SurveyFloodIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	record Link(long surveyId, String token, long rating) {
	}

	Link link() {
		return jdbc.sql("""
				select l.survey_id, l.token, q.id from survey_link l join survey s on s.id = l.survey_id
				    join survey_question q on q.survey_id = s.id and q.kind = 'RATING'
				where s.state = 'OPEN' order by l.id, q.position limit 1""")
			.query((rs, n) -> new Link(rs.getLong(1), rs.getString(2), rs.getLong(3)))
			.single();
	}

	/** Every required question of the demo's survey answered: ratings 4, the first option of a single choice. */
	MockHttpServletResponse answer(Link link, String address) throws Exception {
		var request = post("/s/{t}", link.token()).with(csrf()).with(from(address));
		for (var q : jdbc.sql("select id, kind from survey_question where survey_id = :s and required = true")
			.param("s", link.surveyId())
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2) })
			.list()) {
			String value = "RATING".equals(q[1]) ? "4"
					: String.valueOf(jdbc.sql("select min(id) from survey_option where question_id = :q")
						.param("q", q[0]).query(Long.class).single());
			request.param("q" + q[0], value);
		}
		return mvc.perform(request).andReturn().getResponse();
	}

	long responses(long surveyId) {
		return jdbc.sql("select count(*) from survey_response where survey_id = :s").param("s", surveyId)
			.query(Long.class).single();
	}

	@Test
	void aFloodFromOneAddressGets429AndIsNotCounted() throws Exception {
		Link link = link();
		String address = "10.53." + (int) (Math.random() * 250) + "." + (1 + (int) (Math.random() * 250));
		long before = responses(link.surveyId());
		// three answers (three devices: no cookie is sent back) fill the address's allowance
		for (int i = 1; i <= 3; i++) {
			assertThat(answer(link, address).getStatus()).as("answer %d", i).isEqualTo(302);
		}
		assertThat(responses(link.surveyId())).isEqualTo(before + 3);
		for (int i = 0; i < 20; i++) {
			MockHttpServletResponse refused = answer(link, address);
			assertThat(refused.getStatus()).isEqualTo(429);
			assertThat(Long.parseLong(refused.getHeader(HttpHeaders.RETRY_AFTER))).isBetween(1L, 60L);
			assertThat(refused.getContentAsString(StandardCharsets.UTF_8)).contains("too-many-requests");
		}
		assertThat(responses(link.surveyId())).isEqualTo(before + 3);
		assertThat(answer(link, "10.54.0.1").getStatus()).isEqualTo(302);
		assertThat(responses(link.surveyId())).isEqualTo(before + 4);
	}

}
