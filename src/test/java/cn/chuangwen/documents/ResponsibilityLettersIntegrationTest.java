package cn.chuangwen.documents;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.audit.AuditEventView;
import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.files.EvidenceFixtures;
import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.indicators.IndicatorView;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.support.Logins;
import cn.chuangwen.tasks.Assignments;
import cn.chuangwen.documents.LetterView;
import cn.chuangwen.tasks.Milestone;
import cn.chuangwen.documents.ResponsibilityLetters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Responsibility letters (责任状, T9) through the pages: issue once per unit and year, the PDF with
 * the Chinese text, the signed scan, and who may see what.
 */
@IntegrationTest
class ResponsibilityLettersIntegrationTest {

	static final java.util.regex.Pattern ISSUE_DISABLED = java.util.regex.Pattern
		.compile("<button[^>]*id=\"issue-submit\"[^>]*disabled");


	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	Units units;

	@Autowired
	IndicatorSystems indicators;

	@Autowired
	Assignments assignments;

	@Autowired
	ResponsibilityLetters letters;

	@Autowired
	AuditTrail audit;

	@Autowired
	JdbcClient jdbc;

	CurrentUser office;

	UnitView community;

	List<IndicatorView> leaves;

	int year;

	@BeforeEach
	void freshCommunityWithAssignments() {
		office = logins.principal("xiantao.office");
		CurrentUser liaison = logins.principal("xiantao.liaison");
		// Under the liaison's town: its liaison sees it, the department liaison does not.
		community = DocumentFixtures.freshUnit(units, office, liaison.unitId(), UnitKind.COMMUNITY, "责任状社区");
		IndicatorSystemView demo = indicators.list(office.scope())
			.stream()
			.filter(s -> s.cityId() == office.cityId())
			.min(Comparator.comparing(IndicatorSystemView::id))
			.orElseThrow();
		leaves = indicators.leaves(office.scope(), demo.id());
		year = assignments.today().getYear() + 1;
		DocumentFixtures.assign(assignments, office, leaves.get(0).id(), community.id(), "背街小巷无暴露垃圾、无乱张贴",
				LocalDate.of(year, 6, 30), List.of(new Milestone(LocalDate.of(year, 3, 31), 50)));
		DocumentFixtures.assign(assignments, office, leaves.get(1).id(), community.id(), null,
				LocalDate.of(year, 11, 30), List.of());
		// Due the year after: not in this year's letter.
		DocumentFixtures.assign(assignments, office, leaves.get(2).id(), community.id(), null,
				LocalDate.of(year + 1, 3, 31), List.of());
	}

	String lettersUrl() {
		return "/units/" + community.id() + "/letters";
	}

	LetterView issueThroughThePage() throws Exception {
		mvc.perform(post(lettersUrl()).param("year", String.valueOf(year)).with(csrf()).with(logins.as("xiantao.office")))
			.andExpect(status().is3xxRedirection());
		List<LetterView> list = letters.listFor(office, community.id());
		assertThat(list).hasSize(1);
		return list.get(0);
	}

	@Test
	void theOfficeIssuesOneLetterPerUnitAndYearAndASecondIsRefused() throws Exception {
		LetterView letter = issueThroughThePage();
		assertThat(letter.number()).matches("仙创责〔" + year + "〕\\d+号");
		assertThat(letter.issued().issuingBody()).isEqualTo("仙桃市创建全国文明城市工作指挥部");
		assertThat(letter.state()).isEqualTo(LetterView.State.ISSUED);
		assertThat(letter.items()).extracting(LetterView.Item::indicatorCode)
			.containsExactly(leaves.get(0).code(), leaves.get(1).code());
		assertThat(letter.items().get(0).milestones()).containsExactly(new Milestone(LocalDate.of(year, 3, 31), 50));
		assertThat(audit.historyOf("responsibility_letter", String.valueOf(letter.id()), 10))
			.extracting(AuditEventView::action)
			.containsExactly("LETTER_ISSUE");

		long lettersBefore = count("responsibility_letter"), itemsBefore = count("responsibility_letter_item");
		String page = mvc
			.perform(post(lettersUrl()).param("year", String.valueOf(year)).with(csrf()).with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("错误：").contains(letter.number()).contains("每个单位每年只签发一份");
		// Once issued, 签发 is disabled for that year, also on the page that refused the second POST.
		assertThat(page).containsPattern(ISSUE_DISABLED);
		String form = mvc.perform(get(lettersUrl()).param("year", String.valueOf(year)).with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(form).containsPattern(ISSUE_DISABLED).contains("已签发");
		String nextYear = mvc.perform(get(lettersUrl()).param("year", String.valueOf(year + 1)).with(logins.as("xiantao.office")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(nextYear).contains("id=\"issue-submit\"").doesNotContainPattern(ISSUE_DISABLED);
		assertThat(count("responsibility_letter")).isEqualTo(lettersBefore);
		assertThat(count("responsibility_letter_item")).isEqualTo(itemsBefore);
		assertThat(letters.listFor(office, community.id())).containsExactly(letter);

		// A year without assignments, and a year that is not one, are refused too.
		mvc.perform(post(lettersUrl()).param("year", String.valueOf(year + 3)).with(csrf()).with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest());
		mvc.perform(post(lettersUrl()).param("year", "二〇二七").with(csrf()).with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest());
		assertThat(count("responsibility_letter")).isEqualTo(lettersBefore);
	}

	@Test
	void thePdfCarriesTheTitleTheUnitAndTheIndicatorsInChinese() throws Exception {
		DocumentFixtures.assumeFont();
		LetterView letter = letters.issue(office, community.id(), year);
		// The unit's own liaison (its town's) downloads it.
		byte[] pdf = mvc.perform(get(lettersUrl() + "/{l}/letter.pdf", letter.id()).with(logins.as("xiantao.liaison")))
			.andExpect(status().isOk())
			.andExpect(content().contentType("application/pdf"))
			.andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment;")))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		String text = DocumentFixtures.pdfText(pdf).replaceAll("\\s+", "");
		assertThat(text).contains(year + "年创建全国文明城市目标责任书")
			.contains(community.name())
			.contains(letter.number())
			.contains("仙桃市创建全国文明城市工作指挥部")
			.contains(leaves.get(0).name())
			.contains(leaves.get(1).name())
			.contains("背街小巷无暴露垃圾")
			.contains("王主任")
			.doesNotContain(leaves.get(2).name());
	}

	@Test
	void theSignedScanIsRecordedOnceAndOnlyAsPdfOrImage() throws Exception {
		LetterView letter = letters.issue(office, community.id(), year);
		String url = lettersUrl() + "/" + letter.id() + "/signed";
		String today = assignments.today().toString();
		long files = count("stored_file");

		// A Word file is a valid upload elsewhere, but not a scan; an executable is nothing at all.
		for (MockMultipartFile wrong : List.of(
				new MockMultipartFile("scan", "责任状.docx", "application/octet-stream", EvidenceFixtures.docx()),
				new MockMultipartFile("scan", "责任状.pdf", "application/pdf", EvidenceFixtures.exe()))) {
			mvc.perform(multipart(url).file(wrong).param("signedDate", today).with(csrf()).with(logins.as("xiantao.office")))
				.andExpect(status().isBadRequest());
		}
		// No file, no date, a date in the future.
		mvc.perform(multipart(url).param("signedDate", today).with(csrf()).with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest());
		byte[] png = DocumentFixtures.png(DocumentFixtures.RANDOM.nextInt(100_000));
		mvc.perform(multipart(url).file(new MockMultipartFile("scan", "盖章件.png", "image/png", png))
				.with(csrf()).with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest());
		mvc.perform(multipart(url).file(new MockMultipartFile("scan", "盖章件.png", "image/png", png))
				.param("signedDate", assignments.today().plusDays(1).toString()).with(csrf()).with(logins.as("xiantao.office")))
			.andExpect(status().isBadRequest());
		assertThat(letters.get(office, letter.id()).state()).isEqualTo(LetterView.State.ISSUED);
		assertThat(count("stored_file")).isEqualTo(files);

		// A liaison may not record it.
		mvc.perform(multipart(url).file(new MockMultipartFile("scan", "盖章件.png", "image/png", png))
				.param("signedDate", today).with(csrf()).with(logins.as("xiantao.liaison")))
			.andExpect(status().isForbidden());

		mvc.perform(multipart(url).file(new MockMultipartFile("scan", "盖章件.png", "image/png", png))
				.param("signedDate", today).with(csrf()).with(logins.as("xiantao.office")))
			.andExpect(status().is3xxRedirection());
		LetterView signed = letters.get(office, letter.id());
		assertThat(signed.state()).isEqualTo(LetterView.State.SIGNED);
		assertThat(signed.signed().date()).isEqualTo(assignments.today());
		assertThat(signed.signed().fileName()).isEqualTo("盖章件.png");
		assertThat(audit.historyOf("responsibility_letter", String.valueOf(letter.id()), 10))
			.extracting(AuditEventView::action)
			.containsExactly("LETTER_SIGNED", "LETTER_ISSUE");

		// The unit's liaison downloads the scan as it was uploaded.
		byte[] scan = mvc.perform(get(lettersUrl() + "/{l}/scan", letter.id()).with(logins.as("xiantao.liaison")))
			.andExpect(status().isOk())
			.andExpect(content().contentType("image/png"))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		assertThat(scan).isEqualTo(png);
		// A viewer asking for part of the file gets that part, read from the store, not the whole file.
		byte[] head = mvc.perform(get(lettersUrl() + "/{l}/scan", letter.id()).header("Range", "bytes=0-7")
				.with(logins.as("xiantao.liaison")))
			.andExpect(status().isPartialContent())
			.andExpect(header().string("Content-Range", "bytes 0-7/" + png.length))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		assertThat(head).isEqualTo(java.util.Arrays.copyOf(png, 8));

		// Once signed, a second record is refused and changes nothing.
		assertThatThrownBy(() -> letters.recordSigned(office, letter.id(),
				new ResponsibilityLetters.Scan("again.png", DocumentFixtures.stream(DocumentFixtures.png(7))),
				assignments.today()))
			.isInstanceOf(InvalidInputException.class);
		assertThat(letters.get(office, letter.id())).isEqualTo(signed);

		String page = mvc.perform(get(lettersUrl()).with(logins.as("xiantao.liaison")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains(letter.number()).contains("已签字盖章").contains("盖章件.png")
			.doesNotContain("name=\"scan\"").doesNotContain("name=\"year\"");
	}

	@Test
	void someoneOutsideTheUnitsScopeGets404() throws Exception {
		LetterView letter = letters.issue(office, community.id(), year);
		for (String outsider : List.of("xiantao.dept", "tianmen.office", "tianmen.liaison")) {
			mvc.perform(get(lettersUrl()).with(logins.as(outsider))).andExpect(status().isNotFound());
			mvc.perform(get(lettersUrl() + "/{l}/letter.pdf", letter.id()).with(logins.as(outsider)))
				.andExpect(status().isNotFound());
			assertThatThrownBy(() -> letters.get(logins.principal(outsider), letter.id()))
				.isInstanceOf(cn.chuangwen.shared.NotFoundException.class);
		}
		// Another city's office cannot issue for this unit either.
		mvc.perform(post(lettersUrl()).param("year", String.valueOf(year + 1)).with(csrf()).with(logins.as("tianmen.office")))
			.andExpect(status().isNotFound());
		// The letter under another unit's path is not found either.
		UnitView other = DocumentFixtures.freshUnit(units, office, logins.principal("xiantao.liaison").unitId(),
				UnitKind.COMMUNITY, "别的社区");
		mvc.perform(get("/units/{u}/letters/{l}/letter.pdf", other.id(), letter.id()).with(logins.as("xiantao.office")))
			.andExpect(status().isNotFound());
		// The unit's own liaison and the office see the page; only the office gets the issue form.
		String liaisonPage = mvc.perform(get(lettersUrl()).with(logins.as("xiantao.liaison")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(liaisonPage).contains(letter.number()).doesNotContain("name=\"year\"");
		String officePage = mvc.perform(get(lettersUrl()).with(logins.as("xiantao.office")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(officePage).contains(letter.number()).contains("name=\"year\"").contains("name=\"scan\"");
	}

	@Test
	void theIssueFormPreviewsTheAssignmentsOfTheYear() throws Exception {
		String page = mvc.perform(get(lettersUrl()).param("year", String.valueOf(year)).with(logins.as("xiantao.office")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains(leaves.get(0).name()).contains(leaves.get(1).name())
			.doesNotContain(leaves.get(2).name());
	}

	long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

}
