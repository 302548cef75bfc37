package cn.chuangwen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.files.internal.BlobStore;
import cn.chuangwen.shared.Imports;
import cn.chuangwen.support.BigWorkbooks;
import cn.chuangwen.support.Logins;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports and reports that would take the node down are refused as bad input or load: a second
 * import of a user (429), a workbook that expands too far (400 with the row), a number with fifty
 * million digits (400), and a refused report leaves no files behind.
 */
@IntegrationTest
class ImportLimitsIntegrationTest {

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	Imports imports;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	BlobStore blobs;

	long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	static byte[] indicatorCsv() {
		return "code,name,score\nA,甲,10\nA-1,乙,5\n".replace("A", "Q" + UUID.randomUUID().toString().substring(0, 6))
			.getBytes(StandardCharsets.UTF_8);
	}

	MockHttpServletResponse importIndicators(String user, byte[] file, String name) throws Exception {
		return mvc
			.perform(multipart("/api/v1/indicator-systems/import").file(new MockMultipartFile("file", "x.csv", "text/csv", file))
				.param("name", name)
				.with(logins.as(user)))
			.andReturn()
			.getResponse();
	}

	@Test
	void aSecondConcurrentImportOfTheSameUserGets429WithRetryAfterAndChangesNothing() throws Exception {
		long systems = count("indicator_system"), units = count("unit");
		MockHttpServletResponse api;
		MockHttpServletResponse page;
		try (Imports.Slot running = imports.begin("xiantao.office")) {
			api = importIndicators("xiantao.office", indicatorCsv(), "并发导入" + UUID.randomUUID());
			page = mvc
				.perform(multipart("/units/import").file(new MockMultipartFile("file", "u.xlsx", XLSX, new byte[] { 'P', 'K' }))
					.with(csrf())
					.with(logins.as("xiantao.office")))
				.andReturn()
				.getResponse();
		}
		assertThat(api.getStatus()).isEqualTo(429);
		assertThat(api.getHeader("Retry-After")).isEqualTo("30");
		assertThat(api.getContentType()).startsWith("application/problem+json");
		assertThat(json.readTree(api.getContentAsString()).get("detail").asString()).contains("导入");
		assertThat(page.getStatus()).isEqualTo(429);
		assertThat(page.getHeader("Retry-After")).isEqualTo("30");
		assertThat(page.getContentAsString()).contains("您的上一个导入还在进行中");
		assertThat(count("indicator_system")).isEqualTo(systems);
		assertThat(count("unit")).isEqualTo(units);

		// Once the first import is done, the same user imports again.
		assertThat(importIndicators("xiantao.office", indicatorCsv(), "导入" + UUID.randomUUID()).getStatus())
			.isEqualTo(201);
	}

	@Test
	void theNodeTakesAtMostTwoImportsAtOnce() throws Exception {
		try (Imports.Slot a = imports.begin("someone.a"); Imports.Slot b = imports.begin("someone.b")) {
			MockHttpServletResponse third = importIndicators("xiantao.office", indicatorCsv(), "第三个" + UUID.randomUUID());
			assertThat(third.getStatus()).isEqualTo(429);
			assertThat(json.readTree(third.getContentAsString()).get("detail").asString()).contains("30");
		}
	}

	@Test
	void aWorkbookThatExpandsPastTheCapIs400WithTheRowReachedAndWritesNothing() throws Exception {
		long systems = count("indicator_system"), indicators = count("indicator"), units = count("unit");
		byte[] indicatorBomb = BigWorkbooks.expanding(new String[] { "code", "name", "score", "criteria" },
				new String[] { "B{r}", "名称", "1" }, 3000, 20_000, 11);
		MockHttpServletResponse api = mvc
			.perform(multipart("/api/v1/indicator-systems/import")
				.file(new MockMultipartFile("file", "big.xlsx", XLSX, indicatorBomb))
				.param("name", "大文件" + UUID.randomUUID())
				.with(logins.as("xiantao.office")))
			.andReturn()
			.getResponse();
		assertThat(api.getStatus()).isEqualTo(400);
		assertThat(api.getContentType()).startsWith("application/problem+json");
		JsonNode error = json.readTree(api.getContentAsString()).get("errors").get(0);
		int row = error.get("row").asInt();
		assertThat(row).isBetween(1000, 2000);
		assertThat(error.get("message").asString()).contains("32 MB").contains("第 " + row + " 行");

		byte[] unitBomb = BigWorkbooks.expanding(new String[] { "编码", "上级编码", "名称", "类型" },
				new String[] { "BIG-{r}", "XT", "大社区", "社区" }, 3000, 20_000, 12);
		String page = mvc
			.perform(multipart("/units/import").file(new MockMultipartFile("file", "big.xlsx", XLSX, unitBomb))
				.with(csrf())
				.with(logins.as("xiantao.office")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("32 MB").containsPattern("读到第 \\d+ 行时已停止");

		assertThat(count("indicator_system")).isEqualTo(systems);
		assertThat(count("indicator")).isEqualTo(indicators);
		assertThat(count("unit")).isEqualTo(units);
	}

	long openAssignmentOfTheLiaison() {
		long unit = logins.principal("xiantao.liaison").unitId();
		return jdbc.sql("select min(id) from assignment where lead_unit_id = :u and signed_off_at is null")
			.param("u", unit)
			.query(Long.class)
			.single();
	}

	@Test
	void aReportValueWithHugeExponentIs400AtOnceAndWritesNothing() throws Exception {
		long id = openAssignmentOfTheLiaison();
		long reports = count("progress_report");
		for (String value : new String[] { "1e50000000", "1e999999999", "123456789012345" }) {
			long started = System.nanoTime();
			MockHttpServletResponse response = mvc
				.perform(multipart("/api/v1/assignments/{id}/reports", id).param("text", "完成了一部分")
					.param("value", value)
					.with(logins.as("xiantao.liaison")))
				.andReturn()
				.getResponse();
			assertThat(response.getStatus()).as(value).isEqualTo(400);
			JsonNode error = json.readTree(response.getContentAsString()).get("errors").get(0);
			assertThat(error.get("field").asString()).isEqualTo("value");
			assertThat(error.get("message").asString()).contains("11");
			assertThat(System.nanoTime() - started).as(value).isLessThan(5_000_000_000L);
		}
		assertThat(count("progress_report")).isEqualTo(reports);
	}

	static byte[] png(long seed) throws Exception {
		BufferedImage image = new BufferedImage(60, 40, BufferedImage.TYPE_INT_RGB);
		java.util.Random random = new java.util.Random(seed);
		for (int x = 0; x < 60; x++) {
			image.setRGB(x, random.nextInt(40), random.nextInt());
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	static String blobKey(byte[] content) throws Exception {
		String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		return sha.substring(0, 2) + "/" + sha.substring(2, 4) + "/" + sha;
	}

	@Test
	void aRefusedReportLeavesNoStoredFilesBehind() throws Exception {
		long id = openAssignmentOfTheLiaison();
		long seed = System.nanoTime();
		byte[] first = png(seed), second = png(seed + 1);
		byte[] exe = { 'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0 };
		long files = count("stored_file");

		MockHttpServletResponse response = mvc
			.perform(multipart("/api/v1/assignments/{id}/reports", id)
				.file(new MockMultipartFile("files", "一.png", "image/png", first))
				.file(new MockMultipartFile("files", "二.png", "image/png", second))
				.file(new MockMultipartFile("files", "三.jpg", "image/jpeg", exe))
				.param("text", "清理了背街小巷")
				.param("percent", "10")
				.with(logins.as("xiantao.liaison")))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(count("stored_file")).isEqualTo(files);
		assertThat(blobs.exists(blobKey(first))).isFalse();
		assertThat(blobs.exists(blobKey(second))).isFalse();
	}

}
