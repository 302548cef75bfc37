package cn.chuangwen.publicity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.files.EvidenceFixtures;
import cn.chuangwen.support.Logins;
import cn.chuangwen.support.TestClock;

/**
 * Media outlets and public-service-ad reports end to end on the demo data (issue 12 §4, X9): the
 * demo's compliance (short and unreported outlets are shortfalls), the office records an outlet,
 * the outlet's unit's liaison reports a month (compliant or not), every bad input is a 400 naming
 * the field with nothing stored, a second report of a month is 409 unless it gives a correction
 * reason, and scope: another unit's liaison and another city get 404, the office cannot report.
 */
@IntegrationTest
class MediaOutletsIntegrationTest {

	static final String OFFICE = "xiantao.office", DEPT = "xiantao.dept", TOWN = "xiantao.liaison";

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	TestClock clock;

	MockHttpServletResponse call(AbstractMockHttpServletRequestBuilder<?> request, String account) throws Exception {
		return mvc.perform(request.with(logins.as(account)).with(csrf())).andReturn().getResponse();
	}

	JsonNode read(MockHttpServletResponse response) throws Exception {
		return json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
	}

	long outlet(String name) {
		return jdbc.sql("select o.id from media_outlet o join city c on c.id = o.city_id where c.code = 'xiantao'"
				+ " and o.name = :n").param("n", name).query(Long.class).single();
	}

	long unit(String code) {
		return jdbc.sql("select id from unit where code = :c").param("c", code).query(Long.class).single();
	}

	int count(String sql) {
		return jdbc.sql(sql).query(Integer.class).single();
	}

	/** Rows a refused report must not leave behind: reports, their files, stored files, trace events. */
	List<Integer> footprint() {
		return List.of(count("select count(*) from media_outlet_report"), count("select count(*) from media_outlet_report_file"),
				count("select count(*) from stored_file"), count("select count(*) from audit_event where action like 'OUTLET%' or action = 'FILE_UPLOAD'"));
	}

	List<String> fields(MockHttpServletResponse r) throws Exception {
		List<String> out = new ArrayList<>();
		read(r).get("errors").forEach(e -> out.add(e.get("field").asString()));
		return out;
	}

	YearMonth thisMonth() {
		return YearMonth.now(clock.withZone(ZoneId.of("Asia/Shanghai")));
	}

	MockHttpServletResponse report(String account, long id, Map<String, String> params, MockMultipartFile... files)
			throws Exception {
		MockMultipartHttpServletRequestBuilder request = multipart("/api/v1/media-outlets/{id}/reports", id);
		params.forEach(request::param);
		for (MockMultipartFile f : files) {
			request.file(f);
		}
		return call(request, account);
	}

	static MockMultipartFile png(String name) {
		return new MockMultipartFile("files", name, "image/png", EvidenceFixtures.png(60, 40));
	}

	@Test
	void theDemoMonthShowsShortAndUnreportedOutletsAsShortfalls() throws Exception {
		MockHttpServletResponse list = call(get("/api/v1/media-outlets"), OFFICE);
		assertThat(list.getStatus()).isEqualTo(200);
		List<String> names = new ArrayList<>();
		read(list).forEach(o -> names.add(o.get("name").asString()));
		assertThat(names).contains("仙桃电视台新闻综合频道", "仙桃人民广播电台", "仙桃日报", "仙桃发布微信公众号", "城区户外LED大屏")
			.noneMatch(n -> n.startsWith("天门"));

		String last = thisMonth().minusMonths(1).toString();
		JsonNode month = read(call(get("/api/v1/publicity/compliance").param("month", last), OFFICE));
		java.util.Map<String, JsonNode> byName = new java.util.HashMap<>();
		month.forEach(r -> byName.put(r.get("outlet").get("name").asString(), r));
		assertThat(byName.get("仙桃电视台新闻综合频道").get("compliant").asBoolean()).isTrue();
		assertThat(byName.get("仙桃日报").get("compliant").asBoolean()).isFalse();
		assertThat(byName.get("仙桃日报").get("sharePercent").decimalValue()).isEqualByComparingTo("28.0");
		assertThat(byName.get("仙桃日报").get("report").get("evidence").size()).isEqualTo(1);
		assertThat(byName.get("仙桃人民广播电台").get("reported").asBoolean()).isFalse();
		assertThat(byName.get("城区户外LED大屏").get("reported").asBoolean()).isFalse();

		JsonNode shortfalls = read(call(get("/api/v1/publicity/compliance").param("month", last).param("shortfall", "true"),
				OFFICE));
		List<String> shortNames = new ArrayList<>();
		shortfalls.forEach(r -> shortNames.add(r.get("outlet").get("name").asString()));
		assertThat(shortNames).contains("仙桃日报", "仙桃人民广播电台", "城区户外LED大屏")
			.doesNotContain("仙桃电视台新闻综合频道", "仙桃发布微信公众号");
		assertThat(call(get("/api/v1/publicity/compliance").param("month", "2026-13"), OFFICE).getStatus()).isEqualTo(400);

		// the page and its export
		MockHttpServletResponse page = call(get("/publicity/compliance").param("month", last), OFFICE);
		assertThat(page.getContentAsString(StandardCharsets.UTF_8)).contains("仙桃日报", "未报送", "未达标");
		MockHttpServletResponse xlsx = call(get("/publicity/compliance.xlsx").param("month", last), OFFICE);
		assertThat(xlsx.getStatus()).isEqualTo(200);
		assertThat(xlsx.getContentType()).contains("spreadsheetml");
		assertThat(xlsx.getContentAsByteArray()).startsWith('P', 'K');
	}

	@Test
	void theOfficeRecordsAnOutletAndItsUnitReportsMonths() throws Exception {
		// bad outlets: 400 naming each field, nothing stored
		int outlets = count("select count(*) from media_outlet");
		MockHttpServletResponse empty = call(post("/api/v1/media-outlets").contentType(MediaType.APPLICATION_JSON).content("{}"),
				OFFICE);
		assertThat(empty.getStatus()).isEqualTo(400);
		assertThat(fields(empty)).contains("name", "kind", "unitId");
		MockHttpServletResponse otherCity = call(post("/api/v1/media-outlets").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"测试台\", \"kind\": \"RADIO\", \"unitId\": %d}".formatted(unit("TM-D01"))), OFFICE);
		assertThat(otherCity.getStatus()).isEqualTo(400);
		assertThat(fields(otherCity)).containsExactly("unitId");
		MockHttpServletResponse taken = call(post("/api/v1/media-outlets").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"仙桃日报\", \"kind\": \"SATELLITE\", \"unitId\": %d}".formatted(unit("XT-D01"))), OFFICE);
		assertThat(fields(taken)).containsExactlyInAnyOrder("name", "kind");
		assertThat(call(post("/api/v1/media-outlets").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"测试台\", \"kind\": \"RADIO\", \"unitId\": %d}".formatted(unit("XT-D01"))), DEPT)
			.getStatus()).isEqualTo(403);
		assertThat(count("select count(*) from media_outlet")).isEqualTo(outlets);

		MockHttpServletResponse created = call(post("/api/v1/media-outlets").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"仙桃交通广播\", \"kind\": \"RADIO\", \"unitId\": %d}".formatted(unit("XT-D01"))), OFFICE);
		assertThat(created.getStatus()).isEqualTo(201);
		JsonNode o = read(created);
		assertThat(o.get("measure").asString()).isEqualTo("MINUTES");
		long id = o.get("id").asLong();

		String month = thisMonth().toString();
		// bad reports: 400 naming the field, nothing stored (no report, no file, no trace event)
		List<Integer> before = footprint();
		assertThat(fields(report(DEPT, id, Map.of("month", month, "adAmount", "-5", "totalAmount", "100"), png("a.png"))))
			.containsExactly("adAmount");
		assertThat(fields(report(DEPT, id, Map.of("month", month, "adAmount", "三十", "totalAmount", "abc"), png("a.png"))))
			.containsExactlyInAnyOrder("adAmount", "totalAmount");
		assertThat(fields(report(DEPT, id, Map.of("month", month, "adAmount", "120", "totalAmount", "100"), png("a.png"))))
			.containsExactly("adAmount");
		assertThat(fields(report(DEPT, id, Map.of("month", month, "adAmount", "0", "totalAmount", "0"), png("a.png"))))
			.containsExactly("totalAmount");
		assertThat(fields(report(DEPT, id, Map.of("month", thisMonth().plusMonths(1).toString(), "adAmount", "30",
				"totalAmount", "100"), png("a.png")))).containsExactly("month");
		assertThat(fields(report(DEPT, id, Map.of("month", "2026-5", "adAmount", "30", "totalAmount", "100"), png("a.png"))))
			.containsExactly("month");
		assertThat(fields(report(DEPT, id, Map.of("month", month, "adAmount", "30", "totalAmount", "100")))).containsExactly("files");
		MockHttpServletResponse word = report(DEPT, id, Map.of("month", month, "adAmount", "30", "totalAmount", "100"),
				png("a.png"), new MockMultipartFile("files", "播出记录.docx", "application/octet-stream", EvidenceFixtures.docx()));
		assertThat(word.getStatus()).isEqualTo(400);
		assertThat(fields(word)).containsExactly("files");
		assertThat(word.getContentAsString(StandardCharsets.UTF_8)).contains("不是图片或 PDF");
		MockHttpServletResponse exe = report(DEPT, id, Map.of("month", month, "adAmount", "30", "totalAmount", "100"),
				new MockMultipartFile("files", "log.exe", "application/octet-stream", EvidenceFixtures.exe()));
		assertThat(exe.getStatus()).isEqualTo(400);
		assertThat(footprint()).isEqualTo(before);

		// a month short of a third (the contract's field names), with a PDF
		MockHttpServletResponse shortMonth = report(DEPT, id, Map.of("month", month, "adMinutes", "30", "totalMinutes", "100"),
				new MockMultipartFile("files", "log.pdf", "application/pdf", EvidenceFixtures.pdf()));
		assertThat(shortMonth.getStatus()).as(shortMonth.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
		JsonNode r = read(shortMonth);
		assertThat(r.get("compliant").asBoolean()).isFalse();
		assertThat(r.get("sharePercent").decimalValue()).isEqualByComparingTo("30.0");
		assertThat(r.get("evidence").size()).isEqualTo(1);

		// the same month again: 409 and nothing changed; with a reason it is a correction, traced before and after
		List<Integer> after = footprint();
		MockHttpServletResponse twice = report(DEPT, id, Map.of("month", month, "adAmount", "40", "totalAmount", "100"),
				png("b.png"));
		assertThat(twice.getStatus()).isEqualTo(409);
		assertThat(footprint()).isEqualTo(after);
		MockHttpServletResponse corrected = report(DEPT, id,
				Map.of("month", month, "adAmount", "34", "totalAmount", "100", "reason", "漏计夜间时段公益广告"));
		assertThat(corrected.getStatus()).isEqualTo(201);
		assertThat(read(corrected).get("compliant").asBoolean()).isTrue();
		assertThat(read(corrected).get("correctedReason").asString()).isEqualTo("漏计夜间时段公益广告");
		assertThat(count("select count(*) from media_outlet_report where outlet_id = " + id)).isEqualTo(1);
		Map<String, Object> trace = jdbc.sql("""
				select reason, changes from audit_event where action = 'OUTLET_REPORT_CORRECT' and object_id = :id""")
			.param("id", String.valueOf(id))
			.query()
			.singleRow();
		assertThat(trace.get("reason")).isEqualTo("漏计夜间时段公益广告");
		assertThat(String.valueOf(trace.get("changes"))).contains("30.00", "34.00");

		JsonNode reports = read(call(get("/api/v1/media-outlets/{id}/reports", id), OFFICE));
		assertThat(reports.get(0).get("month").asString()).isEqualTo(month);
		// the outlet's page shows the month to the office, the form only to its unit
		assertThat(call(get("/publicity/outlets/{id}", id), OFFICE).getContentAsString(StandardCharsets.UTF_8))
			.contains("漏计夜间时段公益广告").doesNotContain("report-form");
		assertThat(call(get("/publicity/outlets/{id}", id), DEPT).getContentAsString(StandardCharsets.UTF_8))
			.contains("report-form");
	}

	@Test
	void anOutletAccountReportsOnlyForItself() throws Exception {
		long screens = outlet("城区户外LED大屏");
		long paper = outlet("仙桃日报");
		String month = thisMonth().toString();
		List<Integer> before = footprint();
		// the propaganda department's liaison: the city management bureau's screens are not theirs
		assertThat(call(get("/api/v1/media-outlets/{id}", screens), DEPT).getStatus()).isEqualTo(404);
		assertThat(report(DEPT, screens, Map.of("month", month, "adAmount", "30", "totalAmount", "60"), png("a.png"))
			.getStatus()).isEqualTo(404);
		assertThat(call(get("/publicity/outlets/{id}", screens), DEPT).getStatus()).isEqualTo(404);
		List<String> own = new ArrayList<>();
		read(call(get("/api/v1/media-outlets"), DEPT)).forEach(o -> own.add(o.get("name").asString()));
		assertThat(own).contains("仙桃日报").doesNotContain("城区户外LED大屏");
		// a town's liaison sees no outlet; another city's accounts none of this city's
		assertThat(call(get("/api/v1/media-outlets/{id}", paper), TOWN).getStatus()).isEqualTo(404);
		assertThat(report(TOWN, paper, Map.of("month", month, "adAmount", "30", "totalAmount", "60"), png("a.png"))
			.getStatus()).isEqualTo(404);
		assertThat(call(get("/api/v1/media-outlets/{id}", paper), "tianmen.office").getStatus()).isEqualTo(404);
		assertThat(report("tianmen.dept", paper, Map.of("month", month, "adAmount", "30", "totalAmount", "60"),
				png("a.png")).getStatus()).isEqualTo(404);
		JsonNode tianmen = read(call(get("/api/v1/publicity/compliance"), "tianmen.office"));
		tianmen.forEach(r -> assertThat(r.get("outlet").get("name").asString()).doesNotStartWith("仙桃"));
		// the office reads but does not report for an outlet
		assertThat(report(OFFICE, paper, Map.of("month", month, "adAmount", "30", "totalAmount", "60"), png("a.png"))
			.getStatus()).isEqualTo(403);
		assertThat(footprint()).isEqualTo(before);
		// the province reads every city's outlets
		List<String> all = new ArrayList<>();
		read(call(get("/api/v1/media-outlets").param("size", "100"), "hubei.office")).forEach(o -> all.add(o.get("name").asString()));
		assertThat(all).contains("仙桃日报", "天门日报", "潜江日报");
	}

}
