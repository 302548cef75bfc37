package cn.chuangwen.documents;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import cn.chuangwen.files.Upload;
import cn.chuangwen.IntegrationTest;
import cn.chuangwen.audit.AuditEventView;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.files.EvidenceFixtures;
import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.indicators.IndicatorView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.Units;
import cn.chuangwen.support.Logins;
import cn.chuangwen.tasks.AssignmentView;
import cn.chuangwen.tasks.Assignments;
import cn.chuangwen.documents.internal.ElectronicArchive;
import cn.chuangwen.tasks.ProgressReports;
import cn.chuangwen.tasks.ProgressReports.Decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The electronic archive (创城电子档案): approved evidence only, one folder per indicator, the exact
 * bytes, index.xlsx last; the city's office only.
 */
@IntegrationTest
class ElectronicArchiveIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	IndicatorSystems indicators;

	@Autowired
	Units units;

	@Autowired
	Assignments assignments;

	@Autowired
	ProgressReports reports;

	@Autowired
	AuditTrail audit;

	CurrentUser office;

	IndicatorSystemView system;

	IndicatorView first;

	IndicatorView second;

	String town;

	String department;

	long approvedTown;

	long approvedDepartment;

	final Map<String, byte[]> expected = new LinkedHashMap<>();

	@BeforeEach
	void twoApprovedReportsOneReturnedOnePending() throws IOException {
		office = logins.principal("xiantao.office");
		CurrentUser liaison = logins.principal("xiantao.liaison");
		CurrentUser dept = logins.principal("xiantao.dept");
		// A system of its own, so the archive holds exactly what this test made.
		system = DocumentFixtures.freshSystem(indicators, office);
		List<IndicatorView> leaves = indicators.leaves(office.scope(), system.id());
		first = leaves.get(0);
		second = leaves.get(3);
		town = units.get(office.scope(), liaison.unitId()).name();
		department = units.get(office.scope(), dept.unitId()).name();
		AssignmentView a = DocumentFixtures.assign(assignments, office, first.id(), liaison.unitId(), null,
				assignments.today().plusDays(60), List.of());
		AssignmentView b = DocumentFixtures.assign(assignments, office, second.id(), dept.unitId(), null,
				assignments.today().plusDays(60), List.of());

		int seed = DocumentFixtures.RANDOM.nextInt(1_000_000);
		byte[] photo = DocumentFixtures.png(seed);
		byte[] pdf = EvidenceFixtures.pdf();
		byte[] ledger = DocumentFixtures.png(seed + 1);
		approvedTown = reports.submit(liaison, a.id(), "背街小巷整治完成", 40, null,
				List.of(new Upload("现场照片.png", DocumentFixtures.stream(photo)),
						new Upload("整治方案.pdf", DocumentFixtures.stream(pdf))), null).id();
		reports.review(office, approvedTown, Decision.APPROVE, null);
		approvedDepartment = reports.submit(dept, b.id(), "台账建立", 30, null,
				List.of(new Upload("工作台账.png", DocumentFixtures.stream(ledger))), null).id();
		reports.review(office, approvedDepartment, Decision.APPROVE, null);
		long returned = reports.submit(liaison, a.id(), "补充照片", 50, null,
				List.of(new Upload("退回的照片.png", DocumentFixtures.stream(DocumentFixtures.png(seed + 2)))), null).id();
		reports.review(office, returned, Decision.RETURN, "照片模糊");
		reports.submit(liaison, a.id(), "再次补充", 60, null,
				List.of(new Upload("待审的照片.png", DocumentFixtures.stream(DocumentFixtures.png(seed + 3)))), null);

		String folderA = first.code() + " " + first.name() + "/";
		String folderB = second.code() + " " + second.name() + "/";
		expected.put(folderA, new byte[0]);
		expected.put(folderA + town + "-" + approvedTown + "-现场照片.png", photo);
		expected.put(folderA + town + "-" + approvedTown + "-整治方案.pdf", pdf);
		expected.put(folderB, new byte[0]);
		expected.put(folderB + department + "-" + approvedDepartment + "-工作台账.png", ledger);
	}

	@Test
	void theZipHoldsOneFolderPerIndicatorTheApprovedFilesAndTheIndexLast() throws Exception {
		MvcResult result = mvc
			.perform(get("/api/v1/indicator-systems/{id}/archive.zip", system.id()).with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andExpect(content().contentType("application/zip"))
			.andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment;")))
			.andReturn();
		Map<String, byte[]> entries = unzip(result.getResponse().getContentAsByteArray());
		List<String> names = new ArrayList<>(entries.keySet());
		assertThat(names.get(names.size() - 1)).isEqualTo(ElectronicArchive.INDEX);
		assertThat(names.subList(0, names.size() - 1)).containsExactlyElementsOf(expected.keySet());
		expected.forEach((name, bytes) -> assertThat(entries.get(name)).as(name).isEqualTo(bytes));
		assertThat(names).noneMatch(n -> n.contains("退回") || n.contains("待审"));

		List<List<String>> index = rows(entries.get(ElectronicArchive.INDEX));
		assertThat(index.get(0)).startsWith("指标编码", "指标名称", "单位", "创建动态编号", "文件名", "报送日期", "审核人");
		String today = assignments.today().toString();
		assertThat(index.subList(1, index.size())).containsExactly(
				List.of(first.code(), first.name(), town, String.valueOf(approvedTown),
						town + "-" + approvedTown + "-现场照片.png", today, "xiantao.office"),
				List.of(first.code(), first.name(), town, String.valueOf(approvedTown),
						town + "-" + approvedTown + "-整治方案.pdf", today, "xiantao.office"),
				List.of(second.code(), second.name(), department, String.valueOf(approvedDepartment),
						department + "-" + approvedDepartment + "-工作台账.png", today, "xiantao.office"));

		List<AuditEventView> events = audit.historyOf("indicator_system", String.valueOf(system.id()), 10);
		assertThat(events).extracting(AuditEventView::action).contains("ARCHIVE_EXPORT");
		AuditEventView export = events.stream().filter(e -> e.action().equals("ARCHIVE_EXPORT")).findFirst().orElseThrow();
		assertThat(export.failed()).isFalse();
		assertThat(export.changes()).anyMatch(c -> c.field().equals("files") && c.after().equals("3"))
			.anyMatch(c -> c.field().equals("indicators") && c.after().equals("2"));
	}

	@Test
	void thePageShowsWhatToExpectAndDownloadsTheSameArchive() throws Exception {
		MvcResult page = mvc.perform(get("/archive").param("systemId", String.valueOf(system.id()))
				.with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andReturn();
		ElectronicArchive.Summary summary = (ElectronicArchive.Summary) page.getModelAndView().getModel().get("summary");
		long size = expected.values().stream().mapToLong(b -> b.length).sum();
		assertThat(summary.indicators()).isEqualTo(2);
		assertThat(summary.files()).isEqualTo(3);
		assertThat(summary.totalBytes()).isEqualTo(size);
		assertThat(page.getResponse().getContentAsString())
			.contains("/archive/" + system.id() + "/archive.zip")
			.contains(String.format(java.util.Locale.ROOT, "%,d", size));

		byte[] zip = mvc.perform(get("/archive/{id}/archive.zip", system.id()).with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		assertThat(unzip(zip).keySet()).containsAll(expected.keySet()).contains(ElectronicArchive.INDEX);
	}

	@Test
	void anotherCitysOfficeGets404AndALiaisonGets403() throws Exception {
		mvc.perform(get("/api/v1/indicator-systems/{id}/archive.zip", system.id()).with(logins.as("tianmen.office")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		mvc.perform(get("/archive/{id}/archive.zip", system.id()).with(logins.as("tianmen.office")))
			.andExpect(status().isNotFound());
		mvc.perform(get("/archive").param("systemId", String.valueOf(system.id())).with(logins.as("tianmen.office")))
			.andExpect(status().isNotFound());
		for (String refused : List.of("xiantao.liaison", "xiantao.leader", "hubei.office")) {
			mvc.perform(get("/api/v1/indicator-systems/{id}/archive.zip", system.id()).with(logins.as(refused)))
				.andExpect(status().isForbidden());
			mvc.perform(get("/archive").with(logins.as(refused))).andExpect(status().isForbidden());
		}
		mvc.perform(get("/api/v1/indicator-systems/{id}/archive.zip", Long.MAX_VALUE).with(logins.as("xiantao.office")))
			.andExpect(status().isNotFound());
	}

	static Map<String, byte[]> unzip(byte[] zip) throws IOException {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
			ZipEntry e;
			while ((e = in.getNextEntry()) != null) {
				assertThat(entries).as("duplicate entry " + e.getName()).doesNotContainKey(e.getName());
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				in.transferTo(out);
				entries.put(e.getName(), out.toByteArray());
			}
		}
		return entries;
	}

	static List<List<String>> rows(byte[] xlsx) throws IOException {
		List<List<String>> rows = new ArrayList<>();
		DataFormatter formatter = new DataFormatter();
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			Sheet sheet = workbook.getSheetAt(0);
			for (Row row : sheet) {
				List<String> cells = new ArrayList<>();
				for (int c = 0; c < 7; c++) {
					cells.add(row.getCell(c) == null ? "" : formatter.formatCellValue(row.getCell(c)));
				}
				rows.add(cells);
			}
		}
		return rows;
	}

}
