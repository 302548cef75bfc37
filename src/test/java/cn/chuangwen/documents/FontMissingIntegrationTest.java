package cn.chuangwen.documents;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.documents.LetterView;
import cn.chuangwen.documents.ResponsibilityLetters;
import cn.chuangwen.indicators.IndicatorSystemView;
import cn.chuangwen.indicators.IndicatorSystems;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.problems.ProblemDraft;
import cn.chuangwen.problems.ProblemSeverity;
import cn.chuangwen.problems.ProblemSource;
import cn.chuangwen.problems.Problems;
import cn.chuangwen.problems.RectificationNotices;
import cn.chuangwen.support.Logins;
import cn.chuangwen.tasks.Assignments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Without the CJK font (a machine without fonts-wqy-zenhei, or a wrong setting) letters are still
 * issued; asking for the PDF gives a page that says what to install, never a 500.
 */
@IntegrationTest
@TestPropertySource(properties = "chuangwen.documents.cjk-font=/nonexistent/fonts/wqy-zenhei.ttc,0")
class FontMissingIntegrationTest {

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

	@Test
	void thePdfLinkExplainsWhatIsMissing() throws Exception {
		CurrentUser office = logins.principal("xiantao.office");
		UnitView community = DocumentFixtures.freshUnit(units, office, logins.principal("xiantao.liaison").unitId(),
				UnitKind.COMMUNITY, "无字体社区");
		IndicatorSystemView demo = indicators.list(office.scope()).stream()
			.filter(s -> s.cityId() == office.cityId())
			.min(Comparator.comparing(IndicatorSystemView::id))
			.orElseThrow();
		int year = assignments.today().getYear() + 1;
		DocumentFixtures.assign(assignments, office, indicators.leaves(office.scope(), demo.id()).get(0).id(),
				community.id(), null, LocalDate.of(year, 5, 31), List.of());
		LetterView letter = letters.issue(office, community.id(), year);
		assertThat(letters.pdfAvailable()).isFalse();

		String page = mvc.perform(get("/units/{u}/letters/{l}/letter.pdf", community.id(), letter.id())
				.with(logins.as("xiantao.office")))
			.andExpect(status().isServiceUnavailable())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("/nonexistent/fonts/wqy-zenhei.ttc").contains("fonts-wqy-zenhei");
		String list = mvc.perform(get("/units/{u}/letters", community.id()).with(logins.as("xiantao.office")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(list).contains(letter.number()).contains("/nonexistent/fonts/wqy-zenhei.ttc");
	}


	@Autowired
	Problems problems;

	@Autowired
	RectificationNotices notices;

	@Test
	void aNoticesPdfSaysWhatIsMissingOnThePageAndInTheApi() throws Exception {
		var office = logins.principal("xiantao.office");
		long town = logins.principal("xiantao.liaison").unitId();
		long problem = problems.create(office, new ProblemDraft(ProblemSource.OFFICE,
				"环境卫生", "垃圾堆放", null, ProblemSeverity.GENERAL, town, List.of(), null,
				null, null, null), true).id();
		long notice = notices.issue(office, RectificationNotices.Kind.RECTIFICATION, town,
				List.of(problem), Instant.now().plus(Duration.ofDays(30)), null).id();
		String page = mvc.perform(get("/problems/notices/{id}/pdf", notice).with(logins.as("xiantao.office")))
			.andExpect(status().isServiceUnavailable())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("/nonexistent/fonts/wqy-zenhei.ttc").contains("fonts-wqy-zenhei");
		String api = mvc.perform(get("/api/v1/notices/{id}/pdf", notice).with(logins.as("xiantao.office")))
			.andExpect(status().isServiceUnavailable())
			.andReturn().getResponse().getContentAsString();
		assertThat(api).contains("/nonexistent/fonts/wqy-zenhei.ttc").contains("\"status\":503");
	}

}
