package cn.chuangwen.tasks.web;

import static cn.chuangwen.support.Logins.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.Role;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.support.WebSliceTest;
import cn.chuangwen.tasks.ReportView;
import cn.chuangwen.tasks.ReviewQueue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The review queue's JSON contract ({@code GET /api/v1/reports}) on a web slice: every bad
 * parameter is named in one problem answer before the queue is asked, and a good request gets the
 * contract's field names with the paging headers.
 */
@WebSliceTest(ReviewApi.class)
class ReviewApiSliceTest {

	static final CurrentUser OFFICE = new CurrentUser(7L, "xiantao.office", "仙桃创文办", 1L, "xiantao", "仙桃市", null,
			null, Set.of(Role.CITY_OFFICE), Set.of("report:queue"),
			new DataScope(DataScope.Kind.CITY, 1L, null, null), 0);

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@MockitoBean
	ReviewQueue queue;

	@Test
	void everyBadParameterIsNamedInOneProblemAndTheQueueIsNotAsked() throws Exception {
		MockHttpServletResponse answer = mvc
			.perform(get("/api/v1/reports").param("status", "APPROVED")
				.param("unitId", "十二")
				.param("size", "9999")
				.with(signedIn(OFFICE)))
			.andReturn()
			.getResponse();

		assertThat(answer.getStatus()).isEqualTo(400);
		assertThat(answer.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		JsonNode errors = json.readTree(answer.getContentAsString()).get("errors");
		assertThat(errors.values()).extracting(e -> e.get("field").asString())
			.containsExactly("status", "unitId", "size");
		assertThat(errors.get(0).get("message").asString()).isEqualTo("只能查询待审核（SUBMITTED）的创建动态。");
		assertThat(errors.get(2).get("message").asString()).isEqualTo("每页条数须是 1 到 500 之间的整数");
		verify(queue, never()).page(any(), any(), any());
	}

	@Test
	void aGoodRequestGetsTheContractsFieldsAndThePagingHeaders() throws Exception {
		Instant submitted = Instant.parse("2026-11-02T01:30:00Z");
		var report = new ReportView(31L, 12L, 120L, "郑场社区", "已拆除违建两处", 40, null, ReportView.Status.SUBMITTED,
				null, "liaison", submitted, null, null, null, List.of(), List.of());
		var item = new ReviewQueue.Item(report, 1L, "仙桃市", "1.2.3", "违章搭建", null, 28);
		when(queue.page(eq(OFFICE), eq(new ReviewQueue.Filter(null, 120L, null, "1.2.3", null)),
				eq(new PageRequest(2, 1))))
			.thenReturn(new Page<>(List.of(item), 3, new PageRequest(2, 1)));

		MockHttpServletResponse answer = mvc
			.perform(get("/api/v1/reports").param("status", "SUBMITTED")
				.param("unitId", "120")
				.param("indicatorCode", "1.2.3")
				.param("page", "2")
				.param("size", "1")
				.with(signedIn(OFFICE)))
			.andReturn()
			.getResponse();

		assertThat(answer.getStatus()).isEqualTo(200);
		assertThat(answer.getHeader("X-Total-Count")).isEqualTo("3");
		assertThat(answer.getHeader("Link")).contains("page=3", "rel=\"next\"", "page=1", "rel=\"prev\"");
		JsonNode first = json.readTree(answer.getContentAsString()).get(0);
		assertThat(first.propertyNames()).containsExactly("id", "assignmentId", "unitId", "indicatorCode", "percent",
				"submittedAt", "warnings");
		assertThat(first.get("id").asLong()).isEqualTo(31L);
		assertThat(first.get("indicatorCode").asString()).isEqualTo("1.2.3");
		assertThat(first.get("percent").asInt()).isEqualTo(40);
		assertThat(Instant.parse(first.get("submittedAt").asString())).isEqualTo(submitted);
	}

}
