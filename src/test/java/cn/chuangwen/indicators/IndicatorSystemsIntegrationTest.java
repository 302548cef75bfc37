package cn.chuangwen.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.indicators.internal.ImportFiles;
import cn.chuangwen.indicators.internal.IndicatorDemoData;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.shared.ConflictException;
import cn.chuangwen.shared.FieldProblem;
import cn.chuangwen.shared.InvalidInputException;
import cn.chuangwen.shared.NotFoundException;
import cn.chuangwen.support.Logins;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Indicator systems against the real database, through the API, the pages and the service. Every
 * system gets a unique name, so a reused database and the order of tests do not matter.
 */
@IntegrationTest
class IndicatorSystemsIntegrationTest {

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	IndicatorSystems systems;

	static String unique(String prefix) {
		return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
	}

	MvcResult apiImport(String username, String name, String filename, byte[] content) throws Exception {
		var request = multipart("/api/v1/indicator-systems/import").file(new MockMultipartFile("file", filename,
				filename.endsWith(".xlsx") ? XLSX : "text/csv", content));
		if (name != null) {
			request.param("name", name);
		}
		return mvc.perform(request.with(logins.as(username))).andReturn();
	}

	long importSample(String name) throws Exception {
		MvcResult result = apiImport("xiantao.office", name, "indicators-sample.csv", ImportFiles.sample());
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(201);
		return json.readTree(result.getResponse().getContentAsString()).get("id").asLong();
	}

	JsonNode getJson(String path, String username, int status) throws Exception {
		MvcResult result = mvc.perform(get(path).with(logins.as(username))).andReturn();
		assertThat(result.getResponse().getStatus()).as(path + " " + result.getResponse().getContentAsString())
			.isEqualTo(status);
		return json.readTree(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
	}

	int count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
	}

	int audits(String action, long objectId) {
		return jdbc.sql("select count(*) from audit_event where action = :a and object_id = :o")
			.param("a", action)
			.param("o", String.valueOf(objectId))
			.query(Integer.class)
			.single();
	}

	/** A tree as comparable lines: everything but the ids. */
	List<String> shape(CurrentUser user, long systemId) {
		List<IndicatorView> tree = systems.tree(user.scope(), systemId);
		Map<Long, String> codes = new HashMap<>();
		tree.forEach(i -> codes.put(i.id(), i.code()));
		List<String> lines = new ArrayList<>();
		for (IndicatorView i : tree) {
			lines.add(String.join(";", i.code(), String.valueOf(codes.get(i.parentId())), i.level(), i.name(),
					String.valueOf(i.criteria()), i.methods().toString(), i.score().toPlainString(),
					i.pointTypes().toString(), String.valueOf(i.targetQuantity()), String.valueOf(i.targetUnit()),
					String.valueOf(i.leaf()), String.valueOf(i.depth())));
		}
		return lines;
	}

	@Test
	void theOfficeImportsTheSampleThroughTheApi() throws Exception {
		String name = unique("API 导入");
		MvcResult result = apiImport("xiantao.office", name, "indicators-sample.csv", ImportFiles.sample());
		assertThat(result.getResponse().getStatus()).isEqualTo(201);
		long id = json.readTree(result.getResponse().getContentAsString()).get("id").asLong();
		assertThat(result.getResponse().getHeader("Location")).isEqualTo("/api/v1/indicator-systems/" + id);

		JsonNode listed = null;
		for (JsonNode s : getJson("/api/v1/indicator-systems", "xiantao.office", 200)) {
			if (s.get("id").asLong() == id) {
				listed = s;
			}
		}
		assertThat(listed).isNotNull();
		assertThat(listed.get("name").asString()).isEqualTo(name);
		assertThat(listed.get("cityCode").asString()).isEqualTo("xiantao");
		assertThat(listed.get("leafCount").asInt()).isEqualTo(27);

		JsonNode tree = getJson("/api/v1/indicator-systems/" + id + "/tree", "xiantao.office", 200);
		assertThat(tree).hasSize(2);
		JsonNode basic = tree.get(0);
		assertThat(basic.get("code").asString()).isEqualTo("I");
		assertThat(basic.get("score").decimalValue()).isEqualByComparingTo("100");
		assertThat(basic.get("children")).hasSize(7);
		JsonNode government = basic.get("children").get(0);
		assertThat(government.get("code").asString()).isEqualTo("I-1");
		List<String> codes = new ArrayList<>();
		government.get("children").forEach(c -> codes.add(c.get("code").asString()));
		assertThat(codes).containsExactly("I-1-1", "I-1-2", "I-1-3", "I-1-4");
		JsonNode green = basic.get("children").get(5).get("children").get(0);
		assertThat(green.get("code").asString()).isEqualTo("I-6-1");
		assertThat(green.get("level").asString()).isEqualTo("内容");
		assertThat(green.get("targetQuantity").decimalValue()).isEqualByComparingTo("1200000");
		assertThat(green.get("targetUnit").asString()).isEqualTo("平方米");
		assertThat(green.get("methods").get(0).asString()).isEqualTo("DOCUMENT_REVIEW");
		assertThat(green.get("methods").get(1).asString()).isEqualTo("FIELD_CHECK");
		assertThat(green.get("pointTypes").get(0).asString()).isEqualTo("广场公园");
		assertThat(green.get("children")).isEmpty();
		assertThat(tree.get(1).get("code").asString()).isEqualTo("II");
		assertThat(tree.get(1).get("children")).hasSize(2);

		assertThat(audits("INDICATOR_SYSTEM_IMPORT", id)).isEqualTo(1);
		assertThat(jdbc.sql("select actor from audit_event where action = 'INDICATOR_SYSTEM_IMPORT' and object_id = :o")
			.param("o", String.valueOf(id))
			.query(String.class)
			.single()).isEqualTo("xiantao.office");
		IndicatorSystemView view = systems.get(logins.principal("xiantao.office").scope(), id);
		assertThat(view.leafCount()).isEqualTo(27);
		assertThat(view.inUse()).isFalse();
		assertThat(view.basedOnId()).isNull();
	}

	@Test
	void anotherCityDoesNotSeeTheSystem() throws Exception {
		long id = importSample(unique("仙桃专用"));
		getJson("/api/v1/indicator-systems/" + id + "/tree", "tianmen.office", 404);
		assertThat(mvc.perform(get("/api/v1/indicator-systems/" + id + "/export.xlsx").with(logins.as("tianmen.office")))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(mvc.perform(get("/indicators/" + id).with(logins.as("tianmen.office"))).andReturn().getResponse().getStatus())
			.isEqualTo(404);
		List<Long> visible = new ArrayList<>();
		getJson("/api/v1/indicator-systems", "tianmen.office", 200).forEach(s -> visible.add(s.get("id").asLong()));
		assertThat(visible).doesNotContain(id).isNotEmpty();
		CurrentUser tianmen = logins.principal("tianmen.office");
		assertThatThrownBy(() -> systems.get(tianmen.scope(), id)).isInstanceOf(NotFoundException.class);
		long leaf = systems.leaves(logins.principal("xiantao.office").scope(), id).get(0).id();
		assertThatThrownBy(() -> systems.indicator(tianmen.scope(), leaf)).isInstanceOf(NotFoundException.class);
		assertThatThrownBy(() -> systems.copy(tianmen, id, unique("偷来的"))).isInstanceOf(NotFoundException.class);
	}

	@Test
	void theProvinceSeesEveryCityAndASupervisorNone() throws Exception {
		List<String> cities = new ArrayList<>();
		getJson("/api/v1/indicator-systems", "hubei.office", 200).forEach(s -> cities.add(s.get("cityCode").asString()));
		assertThat(cities).contains("xiantao", "tianmen", "qianjiang");
		getJson("/api/v1/indicator-systems", "xiantao.supervisor", 403);
	}

	@Test
	void aLiaisonReadsButCannotImport() throws Exception {
		long id = importSample(unique("联络员可读"));
		JsonNode tree = getJson("/api/v1/indicator-systems/" + id + "/tree", "xiantao.liaison", 200);
		assertThat(tree).hasSize(2);
		int before = count("indicator_system");
		MvcResult refused = apiImport("xiantao.liaison", unique("联络员导入"), "s.csv", ImportFiles.sample());
		assertThat(refused.getResponse().getStatus()).isEqualTo(403);
		assertThat(refused.getResponse().getContentType()).startsWith("application/problem+json");
		assertThat(mvc.perform(get("/indicators/import").with(logins.as("xiantao.liaison"))).andReturn().getResponse().getStatus())
			.isEqualTo(403);
		assertThat(mvc.perform(get("/indicators/" + id).with(logins.as("xiantao.liaison"))).andReturn().getResponse().getStatus())
			.isEqualTo(200);
		assertThatThrownBy(() -> systems.importSystem(logins.principal("xiantao.liaison"), unique("x"), "s.csv",
				new ByteArrayInputStream(ImportFiles.sample())))
			.isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
		assertThat(count("indicator_system")).isEqualTo(before);
	}

	@Test
	void aPngRenamedCsvIsRefusedAndNothingIsWritten() throws Exception {
		int systemsBefore = count("indicator_system");
		int indicatorsBefore = count("indicator");
		MvcResult result = apiImport("xiantao.office", unique("图片"), "indicators.csv", ImportFiles.png());
		assertThat(result.getResponse().getStatus()).isEqualTo(400);
		assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
		JsonNode errors = json.readTree(result.getResponse().getContentAsString(StandardCharsets.UTF_8)).get("errors");
		assertThat(errors).hasSize(1);
		assertThat(errors.get(0).get("field").asString()).isEqualTo("file");
		assertThat(errors.get(0).get("message").asString()).contains("CSV");
		assertThat(count("indicator_system")).isEqualTo(systemsBefore);
		assertThat(count("indicator")).isEqualTo(indicatorsBefore);
	}

	@Test
	void badRowsComeBackAsRowErrorsAndNothingIsWritten() throws Exception {
		int before = count("indicator");
		byte[] file = ImportFiles.csv("A,,项目,甲,,,10,", "A-1,Z,内容,乙,,材料审核,5,", "A-2,A,内容,丙,,飞行检查,5,");
		MvcResult result = apiImport("xiantao.office", "", "bad.csv", file);
		assertThat(result.getResponse().getStatus()).isEqualTo(400);
		JsonNode errors = json.readTree(result.getResponse().getContentAsString(StandardCharsets.UTF_8)).get("errors");
		assertThat(errors).hasSize(3);
		assertThat(errors.get(0).get("field").asString()).isEqualTo("name");
		assertThat(errors.get(1).get("row").asInt()).isEqualTo(3);
		assertThat(errors.get(1).get("message").asString()).contains("Z");
		assertThat(errors.get(2).get("row").asInt()).isEqualTo(4);
		assertThat(errors.get(2).get("message").asString()).contains("飞行检查");
		assertThat(count("indicator")).isEqualTo(before);
	}

	@Test
	void aNameIsUniqueWithinACity() throws Exception {
		String name = unique("重名");
		importSample(name);
		MvcResult again = apiImport("xiantao.office", name, "s.csv", ImportFiles.sample());
		assertThat(again.getResponse().getStatus()).isEqualTo(400);
		assertThat(json.readTree(again.getResponse().getContentAsString(StandardCharsets.UTF_8)).get("errors").get(0)
			.get("field")
			.asString()).isEqualTo("name");
	}

	@Test
	void aVersionInUseIsReadOnly() throws Exception {
		CurrentUser office = logins.principal("xiantao.office");
		long id = importSample(unique("投入使用"));
		IndicatorView leaf = systems.leaves(office.scope(), id).get(0);
		IndicatorDraft draft = new IndicatorDraft("改过的名称", leaf.criteria(), leaf.methods(), leaf.score(),
				leaf.pointTypes(), null, null);
		IndicatorView changed = systems.update(office, leaf.id(), systems.indicatorVersion(office.scope(), leaf.id()), draft);
		assertThat(changed.name()).isEqualTo("改过的名称");
		assertThat(audits("INDICATOR_UPDATE", leaf.id())).isEqualTo(1);

		// another city's office cannot reach the system: 404, and it stays as it was
		CurrentUser tianmen = logins.principal("tianmen.office");
		assertThatThrownBy(() -> systems.markInUse(tianmen.scope(), id)).isInstanceOf(NotFoundException.class);
		assertThat(systems.get(office.scope(), id).inUse()).isFalse();
		systems.markInUse(office.scope(), id);
		systems.markInUse(office.scope(), id);
		assertThat(systems.get(office.scope(), id).inUse()).isTrue();
		assertThat(audits("INDICATOR_SYSTEM_IN_USE", id)).isEqualTo(1);
		int version = systems.indicatorVersion(office.scope(), leaf.id());
		assertThatThrownBy(() -> systems.update(office, leaf.id(), version, draft))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.problems())
				.extracting(FieldProblem::messageKey)
				.containsExactly("indicator.error.inUse"));

		MvcResult page = mvc.perform(get("/indicators/items/" + leaf.id() + "/edit").with(logins.as("xiantao.office")))
			.andReturn();
		assertThat(page.getResponse().getRedirectedUrl()).isEqualTo("/indicators/" + id);
		MvcResult post = mvc.perform(post("/indicators/items/" + leaf.id() + "/edit").param("name", "再改")
			.param("score", "1")
			.param("version", String.valueOf(version))
			.with(csrf())
			.with(logins.as("xiantao.office"))).andReturn();
		assertThat(post.getResponse().getContentAsString()).contains("此版本已投入使用");
		assertThat(systems.indicator(office.scope(), leaf.id()).name()).isEqualTo("改过的名称");
		assertThatThrownBy(() -> systems.markInUse(office.scope(), -1)).isInstanceOf(NotFoundException.class);
	}

	@Test
	void aCopyKeepsTheTreeAndCanBeChangedWhenTheOriginalIsInUse() throws Exception {
		CurrentUser office = logins.principal("xiantao.office");
		long id = importSample(unique("原版本"));
		systems.markInUse(office.scope(), id);
		String copyName = unique("新版本");
		IndicatorSystemView copy = systems.copy(office, id, copyName);
		assertThat(copy.name()).isEqualTo(copyName);
		assertThat(copy.basedOnId()).isEqualTo(id);
		assertThat(copy.inUse()).isFalse();
		assertThat(copy.leafCount()).isEqualTo(27);
		assertThat(shape(office, copy.id())).isEqualTo(shape(office, id));
		assertThat(systems.tree(office.scope(), copy.id())).allSatisfy(i -> assertThat(i.systemId()).isEqualTo(copy.id()));
		assertThat(audits("INDICATOR_SYSTEM_COPY", copy.id())).isEqualTo(1);
		IndicatorView leaf = systems.leaves(office.scope(), copy.id()).get(0);
		systems.update(office, leaf.id(), systems.indicatorVersion(office.scope(), leaf.id()),
				new IndicatorDraft("新版本的指标", null, List.of(AssessmentMethod.ONLINE_DECLARATION), leaf.score(), List.of(),
						null, null));
		assertThat(systems.leaves(office.scope(), id).get(0).name()).isNotEqualTo("新版本的指标");

		MvcResult page = mvc.perform(post("/indicators/" + id + "/copy").param("name", unique("页面复制"))
			.with(csrf())
			.with(logins.as("xiantao.office"))).andReturn();
		assertThat(page.getResponse().getRedirectedUrl()).startsWith("/indicators/");
		MvcResult blank = mvc.perform(post("/indicators/" + id + "/copy").param("name", " ")
			.with(csrf())
			.with(logins.as("xiantao.office"))).andReturn();
		assertThat(blank.getResponse().getContentAsString()).contains("请填写体系名称");
	}

	@Test
	void anExportImportsBackUnchanged() throws Exception {
		CurrentUser office = logins.principal("xiantao.office");
		long id = importSample(unique("导出源"));
		// Decimals and a large target survive the round trip.
		IndicatorView leaf = systems.leaves(office.scope(), id).get(0);
		systems.update(office, leaf.id(), systems.indicatorVersion(office.scope(), leaf.id()),
				new IndicatorDraft(leaf.name(), "含逗号,和\"引号\"的标准", leaf.methods(), new BigDecimal("2.125"),
						List.of("主次干道", "背街小巷"), new BigDecimal("98765432109.875"), "平方米"));
		MvcResult export = mvc.perform(get("/api/v1/indicator-systems/" + id + "/export.xlsx").with(logins.as("xiantao.office")))
			.andReturn();
		assertThat(export.getResponse().getStatus()).isEqualTo(200);
		assertThat(export.getResponse().getContentType()).isEqualTo(XLSX);
		byte[] workbook = export.getResponse().getContentAsByteArray();
		assertThat(new String(workbook, 0, 2, StandardCharsets.ISO_8859_1)).isEqualTo("PK");

		MvcResult again = apiImport("xiantao.office", unique("导回"), "export.xlsx", workbook);
		assertThat(again.getResponse().getStatus()).as(again.getResponse().getContentAsString()).isEqualTo(201);
		long back = json.readTree(again.getResponse().getContentAsString()).get("id").asLong();
		assertThat(shape(office, back)).isEqualTo(shape(office, id));

		ByteArrayOutputStream out = new ByteArrayOutputStream();
		systems.writeWorkbook(office.scope(), back, out);
		assertThat(out.size()).isPositive();
		MvcResult page = mvc.perform(get("/indicators/" + id + "/export.xlsx").with(logins.as("xiantao.liaison"))).andReturn();
		assertThat(page.getResponse().getStatus()).isEqualTo(200);
		assertThat(page.getResponse().getHeader("Content-Disposition")).contains("filename*=UTF-8''");
	}

	@Test
	void scoresStayWithinTheTreeAndConcurrentEditsAreRefused() throws Exception {
		CurrentUser office = logins.principal("xiantao.office");
		long id = importSample(unique("分值"));
		List<IndicatorView> tree = systems.tree(office.scope(), id);
		IndicatorView leaf = tree.stream().filter(i -> i.code().equals("I-1-1")).findFirst().orElseThrow();
		IndicatorView project = tree.stream().filter(i -> i.code().equals("I-1")).findFirst().orElseThrow();
		int leafVersion = systems.indicatorVersion(office.scope(), leaf.id());
		assertThatThrownBy(() -> systems.update(office, leaf.id(), leafVersion, draft(leaf, "3.001")))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.problems())
				.extracting(FieldProblem::messageKey)
				.containsExactly("indicator.error.score.overParent"));
		assertThatThrownBy(() -> systems.update(office, project.id(), systems.indicatorVersion(office.scope(), project.id()),
				draft(project, "13.5")))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.problems())
				.extracting(FieldProblem::messageKey)
				.containsExactly("indicator.error.score.belowChildren"));
		systems.update(office, leaf.id(), leafVersion, draft(leaf, "2.5"));
		assertThatThrownBy(() -> systems.update(office, leaf.id(), leafVersion, draft(leaf, "2")))
			.isInstanceOf(ConflictException.class);

		MvcResult stale = mvc.perform(post("/indicators/items/" + leaf.id() + "/edit").param("name", "他人后存")
			.param("score", "2")
			.param("methods", "DOCUMENT_REVIEW")
			.param("version", String.valueOf(leafVersion))
			.with(csrf())
			.with(logins.as("xiantao.office"))).andReturn();
		assertThat(stale.getResponse().getStatus()).isEqualTo(409);
		String html = stale.getResponse().getContentAsString();
		assertThat(html).contains("别人已保存了这一项").contains("重新加载最新内容").contains("他人后存");

		MvcResult bad = mvc.perform(post("/indicators/items/" + leaf.id() + "/edit").param("name", "")
			.param("score", "三分")
			.param("targetUnit", "平方米")
			.param("version", String.valueOf(leafVersion + 1))
			.with(csrf())
			.with(logins.as("xiantao.office"))).andReturn();
		String errors = bad.getResponse().getContentAsString();
		assertThat(errors).contains("<title>错误：").contains("请填写名称").contains("分值“三分”不是数字")
			.contains("填了计量单位，请同时填写目标数量");
		assertThat(systems.indicator(office.scope(), leaf.id()).score()).isEqualByComparingTo("2.5");

		MvcResult ok = mvc.perform(post("/indicators/items/" + leaf.id() + "/edit").param("name", "理论学习（修订）")
			.param("score", "3")
			.param("methods", "DOCUMENT_REVIEW", "REPORT_HEARING")
			.param("pointTypes", "政务大厅、社区")
			.param("targetQuantity", "1,000")
			.param("targetUnit", "人次")
			.param("version", String.valueOf(leafVersion + 1))
			.with(csrf())
			.with(logins.as("xiantao.office"))).andReturn();
		assertThat(ok.getResponse().getRedirectedUrl()).isEqualTo("/indicators/" + id + "#i" + leaf.id());
		IndicatorView saved = systems.indicator(office.scope(), leaf.id());
		assertThat(saved.methods()).containsExactly(AssessmentMethod.DOCUMENT_REVIEW, AssessmentMethod.REPORT_HEARING);
		assertThat(saved.pointTypes()).containsExactly("政务大厅", "社区");
		assertThat(saved.targetQuantity()).isEqualByComparingTo("1000");
		assertThat(saved.targetUnit()).isEqualTo("人次");
	}

	static IndicatorDraft draft(IndicatorView i, String score) {
		return new IndicatorDraft(i.name(), i.criteria(), i.methods(), new BigDecimal(score), i.pointTypes(),
				i.targetQuantity(), i.targetUnit());
	}

	@Test
	void groupsAreTheBattleMapColumns() throws Exception {
		CurrentUser office = logins.principal("xiantao.office");
		long id = importSample(unique("分组"));
		List<IndicatorView> groups = systems.groups(office.scope(), id);
		assertThat(groups.stream().map(IndicatorView::code)).containsExactly("I-1", "I-2", "I-3", "I-4", "I-5", "I-6",
				"I-7", "II");
		IndicatorView leaf = systems.leaves(office.scope(), id).get(0);
		assertThat(systems.groupOf(office.scope(), leaf).code()).isEqualTo("I-1");
		// another city's scope reaches neither the leaf nor its group
		CurrentUser tianmen = logins.principal("tianmen.office");
		assertThatThrownBy(() -> systems.groupOf(tianmen.scope(), leaf)).isInstanceOf(NotFoundException.class);
		IndicatorView project = systems.indicator(office.scope(), leaf.parentId());
		assertThat(project.depth()).isEqualTo(2);
		assertThat(leaf.path()).startsWith(project.path()).endsWith("/" + leaf.id() + "/");
		assertThat(leaf.depth()).isEqualTo(3);
	}

	@Test
	void demoDataGaveEveryCityTheSampleWithTargets() {
		for (String city : List.of("xiantao", "tianmen", "qianjiang")) {
			Long id = jdbc.sql("""
					select s.id from indicator_system s join city c on c.id = s.city_id
					where c.code = :c and s.name = :n and s.created_by = 'system'
					""").param("c", city).param("n", IndicatorDemoData.NAME).query(Long.class).single();
			IndicatorSystemView system = systems.get(logins.principal(city + ".office").scope(), id);
			assertThat(system.leafCount()).isEqualTo(27);
			List<IndicatorView> targets = systems.leaves(logins.principal(city + ".office").scope(), id)
				.stream()
				.filter(IndicatorView::hasTarget)
				.toList();
			assertThat(targets).extracting(IndicatorView::code).containsExactly("I-5-4", "I-6-1");
			assertThat(targets.get(1).targetQuantity()).isEqualByComparingTo("1200000");
			assertThat(targets.get(1).targetUnit()).isEqualTo("平方米");
		}
	}

	@Test
	void thePagesShowTheListAndTheTree() throws Exception {
		long id = importSample(unique("页面"));
		String list = mvc.perform(get("/indicators").with(logins.as("xiantao.office")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(list).contains(IndicatorDemoData.NAME).contains("导入指标体系").contains("/indicators/" + id + "/copy");
		String leaderList = mvc.perform(get("/indicators").with(logins.as("xiantao.leader")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(leaderList).contains(IndicatorDemoData.NAME).doesNotContain("导入指标体系");

		String tree = mvc.perform(get("/indicators/" + id).param("open", "all").with(logins.as("xiantao.office")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(tree).contains("城市绿化").contains("1,200,000 平方米").contains("实地考察").contains("广场公园")
			.contains("/indicators/items/").contains("导入测评体系");
		String filtered = mvc.perform(get("/indicators/" + id).param("q", "绿化").with(logins.as("xiantao.office")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(filtered).contains("城市绿化").contains("可持续发展的生态环境").doesNotContain("政务公开");
		String byMethod = mvc.perform(get("/indicators/" + id).param("method", "OVERALL_OBSERVATION")
			.with(logins.as("xiantao.office"))).andReturn().getResponse().getContentAsString();
		assertThat(byMethod).contains("城市整体形象").doesNotContain("政务公开");
		String english = mvc.perform(get("/indicators/" + id).param("lang", "en").with(logins.as("xiantao.office")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(english).contains("Field check").contains("27 leaf indicators, 36 in all");
		String importPage = mvc.perform(get("/indicators/import").with(logins.as("xiantao.office")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(importPage).contains("enctype=\"multipart/form-data\"").contains("indicators-sample.csv");
		MvcResult sample = mvc.perform(get("/indicators/import/sample.csv").with(logins.as("xiantao.office"))).andReturn();
		assertThat(sample.getResponse().getContentAsByteArray()).isEqualTo(ImportFiles.sample());
	}

	@Test
	void theImportPageShowsRowErrorsKeepsTheNameAndWritesNothing() throws Exception {
		int before = count("indicator_system");
		String name = unique("页面导入");
		byte[] bad = ImportFiles.csv("A,,项目,甲,,,10,", "A-1,A,内容,乙,,材料审核,6,", "A-2,A,内容,丙,,材料审核,5,");
		MvcResult result = mvc.perform(multipart("/indicators/import").file(new MockMultipartFile("file", "bad.csv", "text/csv", bad))
			.param("name", name)
			.with(csrf())
			.with(logins.as("xiantao.office"))).andReturn();
		String html = result.getResponse().getContentAsString();
		assertThat(html).contains("<title>错误：").contains("导入失败：发现 1 个问题").containsPattern(">\\s*2\\s*<")
			.contains("超过了本项分值 10").contains("value=\"" + name + "\"");
		assertThat(count("indicator_system")).isEqualTo(before);

		MvcResult none = mvc.perform(multipart("/indicators/import").param("name", "")
			.with(csrf())
			.with(logins.as("xiantao.office"))).andReturn();
		assertThat(none.getResponse().getContentAsString()).contains("请填写体系名称").contains("请选择要上传的文件");

		MvcResult ok = mvc.perform(multipart("/indicators/import")
			.file(new MockMultipartFile("file", "指标.xlsx", XLSX, ImportFiles.sampleXlsx()))
			.param("name", name)
			.with(csrf())
			.with(logins.as("xiantao.office"))).andReturn();
		assertThat(ok.getResponse().getRedirectedUrl()).matches("/indicators/\\d+");
		assertThat(count("indicator_system")).isEqualTo(before + 1);
	}

}
