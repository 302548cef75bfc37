package cn.chuangwen.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

import tools.jackson.databind.json.JsonMapper;

class CachedAnswersTest {

	final CachedAnswers answers = new CachedAnswers(JsonMapper.builder().build());

	final AtomicInteger computed = new AtomicInteger();

	record Row(long id, String name) {
	}

	Supplier<ResponseEntity<List<Row>>> rows(String name) {
		return () -> {
			computed.incrementAndGet();
			return ResponseEntity.ok().header("X-Total-Count", "1").body(List.of(new Row(1, name)));
		};
	}

	static MockHttpServletRequest request(String query) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/units");
		request.setQueryString(query);
		return request;
	}

	static String body(ResponseEntity<byte[]> answer) {
		return new String(answer.getBody(), StandardCharsets.UTF_8);
	}

	@Test
	void theSameCallerUrlAndVersionGetTheKeptBytesWithTheirHeaders() {
		ResponseEntity<byte[]> first = answers.get(request("size=50"), "office", 7, rows("郑场镇"));
		ResponseEntity<byte[]> second = answers.get(request("size=50"), "office", 7, rows("changed"));

		assertThat(computed).hasValue(1);
		assertThat(body(first)).isEqualTo("[{\"id\":1,\"name\":\"郑场镇\"}]");
		assertThat(body(second)).isEqualTo(body(first));
		assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(second.getHeaders().getFirst("X-Total-Count")).isEqualTo("1");
		assertThat(second.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
	}

	@Test
	void aNewVersionAnotherCallerOrAnotherUrlIsComputedAfresh() {
		answers.get(request("size=50"), "office", 7, rows("a"));

		assertThat(body(answers.get(request("size=50"), "office", 8, rows("after a change")))).contains("after a change");
		assertThat(body(answers.get(request("size=50"), "liaison", 8, rows("the liaison's")))).contains("the liaison's");
		assertThat(body(answers.get(request("size=50&page=2"), "office", 8, rows("page 2")))).contains("page 2");
		assertThat(computed).hasValue(4);
	}

	@Test
	void theHostIsPartOfTheUrlBecausePageLinksNameIt() {
		MockHttpServletRequest other = request("size=50");
		other.setServerName("chuangwen.example.cn");
		answers.get(request("size=50"), "office", 7, rows("localhost"));

		assertThat(body(answers.get(other, "office", 7, rows("example")))).contains("example");
	}

	@Test
	void onlyOkAnswersAreKeptAndAFailureKeepsNothing() {
		Supplier<ResponseEntity<List<Row>>> accepted = () -> {
			computed.incrementAndGet();
			return ResponseEntity.status(HttpStatus.ACCEPTED).body(List.of());
		};
		assertThat(answers.get(request(null), "office", 1, accepted).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		assertThat(answers.get(request(null), "office", 1, accepted).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		assertThat(computed).hasValue(2);

		assertThatThrownBy(() -> answers.get(request("q=x"), "office", 1, () -> {
			throw new IllegalStateException("refused");
		})).hasMessage("refused");
		assertThat(body(answers.get(request("q=x"), "office", 1, rows("computed")))).contains("computed");
	}

}
