package cn.chuangwen.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.security.ApiTokens;
import cn.chuangwen.organization.testing.OrgFixtures;

/**
 * Through the real server: an API answer that fits the buffer is sent whole with its length (not
 * in chunks after an early flush), and keeps the security headers written when it is committed.
 */
@IntegrationTest
class ApiResponseBufferingIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	ApiTokens tokens;

	@Test
	void aPageOfUnitsGoesOutWithItsLengthAndItsHeaders() throws Exception {
		String token = tokens.issue("xiantao.leader", OrgFixtures.DEMO_PASSWORD, null).token();
		HttpResponse<byte[]> answer = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/units?size=50"))
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.ofByteArray());

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body().length).isGreaterThan(1000).isLessThan(ApiResponseBuffering.BUFFER_SIZE);
		assertThat(answer.headers().firstValue("Content-Length")).hasValue(Integer.toString(answer.body().length));
		assertThat(answer.headers().firstValue("Transfer-Encoding")).isEmpty();
		assertThat(answer.headers().firstValue("X-Total-Count")).isPresent();
		assertThat(answer.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("default-src 'self'"));
		assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(answer.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
	}

	@Test
	void aRefusalIsAlsoSentWhole() throws Exception {
		HttpResponse<String> answer = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/units")).build(),
					HttpResponse.BodyHandlers.ofString());

		assertThat(answer.statusCode()).isEqualTo(401);
		assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
		assertThat(answer.body()).contains("\"status\":401");
		assertThat(answer.headers().firstValue("Content-Length")).isPresent();
	}

}
