package cn.chuangwen.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.security.ApiTokens;
import cn.chuangwen.organization.testing.OrgFixtures;

/**
 * Malformed requests get a 4xx, never a 500: raw bytes on a socket to the running server, because
 * MockMvc does not parse multipart as the container does.
 */
@IntegrationTest
class BadRequestsIntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	ApiTokens tokens;

	@Autowired
	org.springframework.test.web.servlet.MockMvc mvc;

	@Autowired
	cn.chuangwen.support.Logins logins;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	String token;

	@BeforeEach
	void token() {
		token = tokens.issue("xiantao.leader", OrgFixtures.DEMO_PASSWORD, null).token();
	}

	/** The response as text (status line, headers, body); the server closes the connection. */
	String send(String head, byte[] body) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(20_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.ISO_8859_1));
			out.write(body);
			out.flush();
			socket.shutdownOutput();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream response = new ByteArrayOutputStream();
			in.transferTo(response);
			return response.toString(StandardCharsets.UTF_8);
		}
	}

	String multipart(String contentType, byte[] body, int declaredLength) throws IOException {
		return send("POST /api/v1/indicator-systems/import HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
				+ "\r\nAccept: application/json\r\nContent-Type: " + contentType + "\r\nContent-Length: " + declaredLength
				+ "\r\nConnection: close\r\n\r\n", body);
	}

	static byte[] part(String boundary, String filename, boolean close) {
		String text = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
				+ "\"\r\nContent-Type: text/csv\r\n\r\ncode,name,score\r\nA,甲,10\r\n" + (close ? "--" + boundary + "--\r\n" : "");
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static int status(String response) {
		return Integer.parseInt(response.substring(9, 12));
	}

	@Test
	void multipartWithoutABoundaryIs400ProblemJson() throws IOException {
		byte[] body = part("XyZ", "a.csv", true);
		String response = multipart("multipart/form-data", body, body.length);
		assertThat(status(response)).as(response).isEqualTo(400);
		assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
	}

	@Test
	void aTruncatedMultipartBodyIs400ProblemJson() throws IOException {
		byte[] body = part("XyZ", "a.csv", false);
		String response = multipart("multipart/form-data; boundary=XyZ", body, body.length);
		assertThat(status(response)).as(response).isEqualTo(400);
		assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
	}

	@Test
	void aNulInAFileNameIs400ProblemJson() throws IOException {
		byte[] body = part("XyZ", "a\0b.csv", true);
		String response = multipart("multipart/form-data; boundary=XyZ", body, body.length);
		assertThat(status(response)).as(response).isEqualTo(400);
		assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
	}

	@Test
	void getErrorDirectlyIs404() throws IOException {
		String json = send("GET /error HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\nConnection: close\r\n\r\n",
				new byte[0]);
		assertThat(status(json)).as(json).isEqualTo(404);
		assertThat(json).containsIgnoringCase("Content-Type: application/problem+json");
		String page = send("GET /error HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\nConnection: close\r\n\r\n",
				new byte[0]);
		assertThat(status(page)).as(page).isEqualTo(404);
		assertThat(page).containsIgnoringCase("Content-Type: text/html").contains("找不到页面");
	}

	@Test
	void aConflictThatIsNotAnEditClashSaysWhatItIs() throws Exception {
		long decided = jdbc.sql("""
				select min(r.id) from progress_report r join city c on c.id = r.city_id
				where c.code = 'xiantao' and r.status = 'APPROVED' and r.submitted_by <> 'xiantao.office'""")
			.query(Long.class)
			.single();
		var response = mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/reports/{id}/review", decided)
				.param("decision", "APPROVE")
				.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
				.with(logins.as("xiantao.office")))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(409);
		assertThat(response.getContentAsString()).contains("这条创建动态已被审核过了").doesNotContain("在您编辑期间");
	}

	/** A body that is not JSON: 400 problem JSON in the caller's language, not Spring's English. */
	@Test
	void malformedJsonIsAnsweredInTheCallersLanguage() throws Exception {
		for (String[] lang : new String[][] { { "zh-CN", "请求内容不是有效的 JSON" }, { "en", "The request body is not valid JSON" } }) {
			var r = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/units")
					.header("Authorization", "Bearer " + token)
					.header("Accept-Language", lang[0])
					.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
					.content("{\"name\": \"未闭合"))
				.andReturn()
				.getResponse();
			r.setCharacterEncoding("UTF-8");
			assertThat(r.getStatus()).isEqualTo(400);
			assertThat(r.getContentType()).startsWith("application/problem+json");
			assertThat(r.getContentAsString()).contains(lang[1]).doesNotContain("Failed to read request");
		}
		assertThat(jdbc.sql("select count(*) from unit where name = '未闭合'").query(Long.class).single()).isZero();
	}


	@Test
	void aPathOrQueryValueOfTheWrongTypeNamesTheParameterInTheCallersLanguage() throws Exception {
		for (String[] call : new String[][] { { "/api/v1/problems/abc", "zh-CN", "格式不对" },
				{ "/api/v1/units/abc", "en", "Not in the right form" } }) {
			var r = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(call[0])
					.header("Authorization", "Bearer " + token)
					.header("Accept-Language", call[1]))
				.andReturn()
				.getResponse();
			r.setCharacterEncoding("UTF-8");
			assertThat(r.getStatus()).as(call[0]).isEqualTo(400);
			assertThat(r.getContentType()).startsWith("application/problem+json");
			assertThat(r.getContentAsString()).contains(call[2]).contains("\"field\":\"id\"")
				.doesNotContain("Failed to convert").doesNotContain("java.lang");
		}
	}

}
