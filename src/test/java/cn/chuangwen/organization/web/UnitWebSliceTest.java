package cn.chuangwen.organization.web;

import static cn.chuangwen.support.Logins.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import cn.chuangwen.audit.AuditTrail;
import cn.chuangwen.organization.Accounts;
import cn.chuangwen.organization.CareTeams;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.DataScope;
import cn.chuangwen.organization.Permissions;
import cn.chuangwen.organization.Role;
import cn.chuangwen.organization.UnitDraft;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.organization.internal.UnitWorkbooks;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.shared.Page;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.support.WebSliceTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The unit form and the unit API as the web layer answers them, without the database: refused input
 * comes back as the form with the entered values and the error in words, or as problem JSON naming
 * the field; the service is never asked to change anything the web layer already refused.
 */
@WebSliceTest({ UnitController.class, OrganizationApi.class })
class UnitWebSliceTest {

	static final DataScope XIANTAO = new DataScope(DataScope.Kind.CITY, 1L, null, null);

	static final CurrentUser OFFICE = new CurrentUser(7L, "xiantao.office", "仙桃创文办", 1L, "xiantao", "仙桃市", null,
			null, Set.of(Role.CITY_OFFICE), Set.of(Permissions.UNIT_READ, Permissions.UNIT_WRITE), XIANTAO, 0);

	static final UnitView TOWN = new UnitView(12L, 1L, "xiantao", "XT-ZZ", "郑场镇", UnitKind.TOWN, 1L, "仙桃市",
			"/1/12/", null, false, "王镇长", "李联络", "0728-1234567", true, 3);

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	Units units;

	@MockitoBean
	Accounts accounts;

	@MockitoBean
	UnitWorkbooks workbooks;

	@MockitoBean
	AuditTrail audit;

	@MockitoBean
	CareTeams careTeams;

	@Test
	void aRefusedUnitFormComesBackWithTheEnteredValuesAndTheErrorInWords() throws Exception {
		when(units.choices(eq(XIANTAO), any(), anyBoolean(), any(), any(), any()))
			.thenReturn(new Page<>(List.of(TOWN), 1, PageRequest.first(50)));
		when(units.find(XIANTAO, 12L)).thenReturn(Optional.of(TOWN));
		when(units.create(eq(OFFICE), any(UnitDraft.class)))
			.thenThrow(new InvalidInputException(FieldProblem.of("liaisonPhone", "unit.error.phone.format")));

		MockHttpServletResponse page = mvc.perform(post("/units").param("parentId", "12")
			.param("code", "XT-ZZ-01")
			.param("name", "郑场社区")
			.param("kind", "COMMUNITY")
			.param("liaisonName", "张三")
			.param("liaisonPhone", "电话")
			.with(csrf())
			.with(signedIn(OFFICE))).andReturn().getResponse();

		assertThat(page.getStatus()).isEqualTo(200);
		String html = page.getContentAsString();
		assertThat(html).contains("<title>错误：新建单位")
			.contains("电话号码格式不正确")
			.contains("value=\"XT-ZZ-01\"")
			.contains("value=\"郑场社区\"")
			.contains("value=\"张三\"")
			.contains("value=\"电话\"")
			.containsPattern("<option value=\"COMMUNITY\" selected=\"selected\"")
			.containsPattern("<input type=\"radio\" name=\"parentId\" value=\"12\" checked=\"checked\"");
	}

	@Test
	void aSavedUnitFormRedirectsToTheRecordWithANotice() throws Exception {
		when(units.create(eq(OFFICE), any(UnitDraft.class))).thenReturn(TOWN);

		var result = mvc.perform(post("/units").param("parentId", "1")
			.param("code", "XT-ZZ")
			.param("name", "郑场镇")
			.param("kind", "TOWN")
			.with(csrf())
			.with(signedIn(OFFICE))).andReturn();

		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/units/12");
		assertThat(result.getFlashMap().get("notice")).isEqualTo("unit.created");
		verify(units).create(OFFICE, new UnitDraft("XT-ZZ", "郑场镇", UnitKind.TOWN, 1L, null, false, null, null, null));
	}

	@Test
	void anUnknownKindIsAProblemNamingTheFieldAndCreatesNothing() throws Exception {
		MockHttpServletResponse answer = api(post("/api/v1/units"), """
				{"code": "XT-X", "name": "某单位", "kind": "PLANET", "parentId": 1}""");

		JsonNode problem = problem(answer, 400);
		assertThat(problem.get("detail").asString()).isEqualTo("输入有误，未作任何修改。");
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("kind");
		assertThat(problem.get("errors").get(0).get("message").asString()).isEqualTo("未知的单位类型“PLANET”。");
		verify(units, never()).create(any(), any());
	}

	@Test
	void anUpdateWithoutVersionOrMovingTheUnitIsRefusedBeforeTheService() throws Exception {
		when(units.get(XIANTAO, 12L)).thenReturn(TOWN);

		JsonNode noVersion = problem(api(put("/api/v1/units/12"), """
				{"code": "XT-ZZ", "name": "郑场镇", "kind": "TOWN"}"""), 400);
		assertThat(noVersion.get("errors").get(0).get("field").asString()).isEqualTo("version");

		JsonNode moved = problem(api(put("/api/v1/units/12"), """
				{"code": "XT-ZZ", "name": "郑场镇", "kind": "TOWN", "parentId": 99, "version": 3}"""), 400);
		assertThat(moved.get("errors").get(0).get("field").asString()).isEqualTo("parentId");
		assertThat(moved.get("errors").get(0).get("message").asString()).isEqualTo("修改上级单位请使用移动功能。");

		verify(units, never()).update(any(), anyLong(), anyInt(), any());
	}

	@Test
	void brokenRequestsAreProblemsNotErrors() throws Exception {
		// not JSON at all
		assertThat(problem(api(post("/api/v1/units"), "{\"code\": "), 400).get("status").asInt()).isEqualTo(400);
		// an id that is no number
		assertThat(problem(mvc.perform(get("/api/v1/units/abc").with(signedIn(OFFICE))).andReturn().getResponse(), 400)
			.get("status")
			.asInt()).isEqualTo(400);
		// a page that is no number
		assertThat(problem(mvc.perform(get("/api/v1/units").param("page", "x").with(signedIn(OFFICE)))
			.andReturn()
			.getResponse(), 400).get("status").asInt()).isEqualTo(400);
		verify(units, never()).page(any(), any(), any());
	}

	@Test
	void aUnitOutOfScopeIsNotFound() throws Exception {
		when(units.get(XIANTAO, 404L)).thenThrow(new NotFoundException("unit", 404L));

		JsonNode problem = problem(mvc.perform(get("/api/v1/units/404").with(signedIn(OFFICE))).andReturn().getResponse(),
				404);
		assertThat(problem.get("detail").asString()).isEqualTo("对象不存在，或您无权查看。");
	}

	private MockHttpServletResponse api(
			org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String body)
			throws Exception {
		return mvc.perform(request.contentType(MediaType.APPLICATION_JSON).content(body).with(csrf()).with(signedIn(OFFICE)))
			.andReturn()
			.getResponse();
	}

	private JsonNode problem(MockHttpServletResponse answer, int status) throws Exception {
		assertThat(answer.getStatus()).isEqualTo(status);
		assertThat(answer.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		return json.readTree(answer.getContentAsString());
	}

}
