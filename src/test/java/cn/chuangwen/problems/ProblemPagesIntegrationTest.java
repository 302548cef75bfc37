package cn.chuangwen.problems;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.servlet.FlashMap;

import cn.chuangwen.files.Upload;
import cn.chuangwen.IntegrationTest;
import cn.chuangwen.organization.CurrentUser;
import cn.chuangwen.organization.UnitDraft;
import cn.chuangwen.organization.UnitKind;
import cn.chuangwen.organization.UnitView;
import cn.chuangwen.organization.Units;
import cn.chuangwen.shared.FormErrors;
import cn.chuangwen.shared.PageRequest;
import cn.chuangwen.support.Flash;
import cn.chuangwen.support.Logins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The problem pages (issue 8): bad input on the forms comes back with field errors and changes
 * nothing, a unit never opens another unit's problem, and the list's filters (in the URL) narrow
 * what it shows.
 */
@IntegrationTest
class ProblemPagesIntegrationTest {

	static final Random RANDOM = new Random();

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	Units units;

	@Autowired
	Problems problems;

	@Autowired
	JdbcClient jdbc;

	/** A fresh community under the demo liaison's town. */
	UnitView community() {
		CurrentUser liaison = logins.principal("xiantao.liaison");
		return units.create(logins.principal("xiantao.office"),
				new UnitDraft("PP" + Math.abs(RANDOM.nextLong() % 1_000_000_000L), "页面社区" + RANDOM.nextInt(100000),
						UnitKind.COMMUNITY, liaison.unitId(), "社区", false, null, null, null));
	}

	Problems.Created enter(long unitId, String title, boolean dispatch) {
		return problems.create(logins.principal("xiantao.office"), new ProblemDraft(ProblemSource.OFFICE, "环境卫生",
				title, null, ProblemSeverity.GENERAL, unitId, List.of(),
				new ProblemDraft.Place("钱沟路 3 号", null, null), null, null, null),
				dispatch);
	}

	long problemCount() {
		return jdbc.sql("select count(*) from problem").query(Long.class).single();
	}

	String state(long id) {
		return jdbc.sql("select state from problem where id = :id").param("id", id).query(String.class).single();
	}

	static byte[] png(int seed) throws IOException {
		BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
		image.setRGB(seed % 40, seed % 30, 0x00ff00 + seed);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	@Test
	void theEntryFormShowsEachBadFieldKeepsWhatWasTypedAndEntersNothing() throws Exception {
		UnitView unit = community();
		long before = problemCount();
		// what the facade refuses: no title, a category the city does not have, a deadline in the past
		String page = mvc.perform(post("/problems").with(csrf()).with(logins.as("xiantao.office"))
				.param("source", "OFFICE").param("category", "不存在的类别").param("title", " ")
				.param("severity", "GENERAL").param("unitId", String.valueOf(unit.id()))
				.param("address", "沔阳大道 88 号").param("deadline", "2020-01-01"))
			.andExpect(status().isBadRequest())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("请填写问题标题。", "请选择本市问题类别中的一项。", "整改期限须晚于现在。")
			.contains("value=\"沔阳大道 88 号\"")
			.contains("class=\"error-summary\"");
		// what the page itself cannot read: a latitude that is not a number, an unknown severity
		page = mvc.perform(post("/problems").with(csrf()).with(logins.as("xiantao.office"))
				.param("source", "OFFICE").param("category", "环境卫生").param("title", "井盖缺失")
				.param("severity", "HUGE").param("unitId", String.valueOf(unit.id())).param("lat", "北纬三十度")
				.param("lng", "113.45"))
			.andExpect(status().isBadRequest())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("请选择严重程度。").contains("id=\"lat-error\"").contains("value=\"井盖缺失\"");
		// more photos than one upload takes: refused before anything is entered
		var tooMany = multipart("/problems");
		for (int i = 0; i <= Problems.MAX_FILES; i++) {
			tooMany.file(new MockMultipartFile("files", "p" + i + ".png", "image/png", png(i)));
		}
		page = mvc.perform(tooMany.with(csrf()).with(logins.as("xiantao.office")).param("source", "OFFICE")
				.param("category", "环境卫生").param("title", "井盖缺失").param("severity", "GENERAL")
				.param("unitId", String.valueOf(unit.id())))
			.andExpect(status().isBadRequest())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("一次最多上传 10 张照片。");
		assertThat(problemCount()).isEqualTo(before);
	}

	@Test
	void aGoodEntryWithAPhotoOpensTheProblemAndANonImageKeepsTheProblemWithThePhotoError() throws Exception {
		UnitView unit = community();
		String title = "占道堆放建材 " + RANDOM.nextInt(100000);
		MvcResult done = mvc.perform(multipart("/problems")
				.file(new MockMultipartFile("files", "before.png", "image/png", png(RANDOM.nextInt(1000))))
				.with(csrf()).with(logins.as("xiantao.office")).param("source", "HOTLINE").param("category", "占道经营")
				.param("title", title).param("severity", "SERIOUS").param("unitId", String.valueOf(unit.id()))
				.param("lat", "30.364100").param("lng", "113.455100").param("dispatch", "true"))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		long id = Long.parseLong(done.getResponse().getRedirectedUrl().replace("/problems/", ""));
		assertThat(state(id)).isEqualTo("DISPATCHED");
		assertThat(done.getFlashMap().get("notice")).isEqualTo("problem.page.created.dispatched");
		long photoId = jdbc.sql("select id from problem_photo where problem_id = :id").param("id", id)
			.query(Long.class).single();
		String page = mvc.perform(get("/problems/{id}", id).with(logins.as("xiantao.office")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains(title, "/problems/" + id + "/photos/" + photoId, "待签收");
		assertThat(mvc.perform(get("/problems/{id}/photos/{p}", id, photoId).with(logins.as("xiantao.liaison")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentType()).isEqualTo("image/png");
		mvc.perform(get("/problems/{id}/photos/{p}/thumbnail", id, photoId).with(logins.as("xiantao.liaison")))
			.andExpect(status().isOk());

		// a "photo" that is not an image: the problem stays entered, its page names the refused file
		done = mvc.perform(multipart("/problems")
				.file(new MockMultipartFile("files", "notes.txt", "text/plain", "不是照片".getBytes()))
				.with(csrf()).with(logins.as("xiantao.office")).param("source", "OFFICE").param("category", "环境卫生")
				.param("title", "无照片的问题").param("severity", "GENERAL").param("unitId", String.valueOf(unit.id())))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		long kept = Long.parseLong(done.getResponse().getRedirectedUrl().replaceAll("^/problems/(\\d+).*$", "$1"));
		assertThat(state(kept)).isEqualTo("PENDING");
		assertThat(jdbc.sql("select count(*) from problem_photo where problem_id = :id").param("id", kept)
			.query(Long.class).single()).isZero();
		page = mvc.perform(get("/problems/{id}", kept).with(logins.as("xiantao.office")).with(Flash.of(done.getFlashMap())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("照片未能保存", "id=\"photos-files-error\"", "notes.txt");
	}

	@Test
	void anActionWithoutItsReasonShowsTheErrorBesideItsFormAndChangesNothing() throws Exception {
		long id = enter(community().id(), "异议无理由", true).id();
		MvcResult refused = mvc.perform(post("/problems/{id}/dispute", id).with(csrf()).with(logins.as("xiantao.liaison"))
				.param("reason", " "))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/problems/" + id + "#dispute");
		FlashMap flash = refused.getFlashMap();
		assertThat(((FormErrors) flash.get("errors")).has("dispute-reason")).isTrue();
		String page = mvc.perform(get("/problems/{id}", id).with(logins.as("xiantao.liaison")).with(Flash.of(flash)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("id=\"dispute-reason-error\"", "请填写原因。", "href=\"#dispute-reason\"");
		assertThat(state(id)).isEqualTo("DISPATCHED");

		// a rectification without text or photo, on a signed problem
		mvc.perform(post("/problems/{id}/sign", id).with(csrf()).with(logins.as("xiantao.liaison")))
			.andExpect(status().is3xxRedirection());
		refused = mvc.perform(multipart("/problems/{id}/rectifications", id).with(csrf())
				.with(logins.as("xiantao.liaison")).param("text", ""))
			.andExpect(status().is3xxRedirection()).andReturn();
		FormErrors errors = (FormErrors) refused.getFlashMap().get("errors");
		assertThat(errors.has("rectify-text")).isTrue();
		assertThat(errors.has("rectify-files")).isTrue();
		assertThat(state(id)).isEqualTo("RECTIFYING");
		// an action the state does not allow is a conflict page, not a change
		mvc.perform(post("/problems/{id}/sign", id).with(csrf()).with(logins.as("xiantao.liaison")))
			.andExpect(status().isConflict());
		// a liaison may not dispatch: the office's action is refused
		mvc.perform(post("/problems/{id}/dispatch", id).with(csrf()).with(logins.as("xiantao.liaison")))
			.andExpect(status().isForbidden());
	}

	@Test
	void formsPostedWithoutTheirFieldsAreFormErrorsNeverAServerError() throws Exception {
		long id = enter(community().id(), "空表单", true).id();
		String[][] posts = { { "xiantao.liaison", "dispute", "dispute-reason" },
				{ "xiantao.office", "deadline", "deadline-reason" }, { "xiantao.office", "insist", "insist-reason" },
				{ "xiantao.office", "reroute", "reroute-reason" }, { "xiantao.leader", "instructions", "instruct-text" },
				{ "xiantao.office", "photos", "photos-files" } };
		for (String[] p : posts) {
			MvcResult r = mvc.perform(post("/problems/{id}/" + p[1], id).with(csrf()).with(logins.as(p[0])))
				.andReturn();
			if (r.getResponse().getStatus() == 409) {
				continue; // insist on a problem not disputed: the state refuses it before any field
			}
			assertThat(r.getResponse().getStatus()).as(p[1]).isEqualTo(302);
			assertThat(((FormErrors) r.getFlashMap().get("errors")).has(p[2])).as(p[1]).isTrue();
		}
		assertThat(state(id)).isEqualTo("DISPATCHED");
		// a verification with no decision, on a submitted problem
		mvc.perform(post("/problems/{id}/sign", id).with(csrf()).with(logins.as("xiantao.liaison")));
		mvc.perform(multipart("/problems/{id}/rectifications", id)
			.file(new MockMultipartFile("files", "a.png", "image/png", png(RANDOM.nextInt(1000) + 5000)))
			.param("text", "已整改").with(csrf()).with(logins.as("xiantao.liaison")))
			.andExpect(status().is3xxRedirection());
		assertThat(state(id)).isEqualTo("SUBMITTED");
		MvcResult r = mvc.perform(post("/problems/{id}/verification", id).with(csrf()).with(logins.as("xiantao.office")))
			.andExpect(status().is3xxRedirection()).andReturn();
		assertThat(((FormErrors) r.getFlashMap().get("errors")).has("verify-decision")).isTrue();
		// a return needs a reason
		r = mvc.perform(post("/problems/{id}/verification", id).param("decision", "REJECT").with(csrf())
				.with(logins.as("xiantao.office")))
			.andExpect(status().is3xxRedirection()).andReturn();
		assertThat(((FormErrors) r.getFlashMap().get("errors")).has("verify-reason")).isTrue();
		assertThat(state(id)).isEqualTo("SUBMITTED");
	}

	@Test
	void theUnitSearchOffersTheCitysUnitsSoNamedKeepsTheChosenOneAndLeavesOutTheExcluded() throws Exception {
		UnitView unit = community();
		CurrentUser liaison = logins.principal("xiantao.liaison");
		String options = mvc.perform(get("/problems/units").param("q", unit.name()).with(logins.as("xiantao.office")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(options).doesNotContain("<html").contains("value=\"" + unit.id() + "\"", unit.name());
		assertThat(options.split("<option value=\"\\d").length - 1).isEqualTo(1);
		// the chosen unit stays whatever the search; the excluded one is never offered
		options = mvc.perform(get("/problems/units").param("q", unit.name()).param("unitId", String.valueOf(liaison.unitId()))
				.with(logins.as("xiantao.office")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(options).contains("value=\"" + liaison.unitId() + "\" selected=\"selected\"", "value=\"" + unit.id() + "\"");
		options = mvc.perform(get("/problems/units").param("q", unit.name()).param("exclude", String.valueOf(unit.id()))
				.with(logins.as("xiantao.office")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(options).doesNotContain("value=\"" + unit.id() + "\"");
		// another city's unit is not offered, even when named as chosen
		long tianmenUnit = logins.principal("tianmen.liaison").unitId();
		options = mvc.perform(get("/problems/units").param("unitId", String.valueOf(tianmenUnit))
				.with(logins.as("xiantao.office")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(options).doesNotContain("value=\"" + tianmenUnit + "\"");
		mvc.perform(get("/problems/units").param("unitId", "x").with(logins.as("xiantao.office"))).andExpect(status().isOk());
	}

	@Test
	void aDisputeReachesTheOfficeWhichInsistsWithAReasonOrReroutes() throws Exception {
		UnitView unit = community();
		UnitView other = community();
		long id = enter(unit.id(), "有异议的问题", true).id();
		mvc.perform(post("/problems/{id}/dispute", id).with(csrf()).with(logins.as("xiantao.liaison"))
				.param("reason", "该路段归城管局管理"))
			.andExpect(status().is3xxRedirection());
		assertThat(state(id)).isEqualTo("DISPUTED");
		String page = mvc.perform(get("/problems/{id}", id).with(logins.as("xiantao.office")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("id=\"dispute-notice\"", "该路段归城管局管理", "id=\"insist-reason\"",
				"id=\"reroute-unitId\"");
		// insisting needs a reason; without one nothing changes
		FormErrors errors = (FormErrors) mvc.perform(post("/problems/{id}/insist", id).with(csrf())
				.with(logins.as("xiantao.office")).param("reason", ""))
			.andExpect(status().is3xxRedirection()).andReturn().getFlashMap().get("errors");
		assertThat(errors.has("insist-reason")).isTrue();
		assertThat(state(id)).isEqualTo("DISPUTED");
		// a unit id that is not a number is the form's error, not a 500
		errors = (FormErrors) mvc.perform(post("/problems/{id}/reroute", id).with(csrf())
				.with(logins.as("xiantao.office")).param("unitId", "abc").param("reason", "改派"))
			.andExpect(status().is3xxRedirection()).andReturn().getFlashMap().get("errors");
		assertThat(errors.has("reroute-unitId")).isTrue();
		mvc.perform(post("/problems/{id}/reroute", id).with(csrf()).with(logins.as("xiantao.office"))
				.param("unitId", String.valueOf(other.id())).param("reason", "属地调整"))
			.andExpect(status().is3xxRedirection());
		assertThat(state(id)).isEqualTo("DISPATCHED");
		assertThat(jdbc.sql("select unit_id from problem where id = :id").param("id", id).query(Long.class).single())
			.isEqualTo(other.id());
	}

	@Test
	void aLiaisonGetsNotFoundForAnotherUnitsProblemAndItsPhotos() throws Exception {
		CurrentUser office = logins.principal("xiantao.office");
		CurrentUser liaison = logins.principal("xiantao.liaison");
		UnitView elsewhere = units.choices(office.scope(), java.util.EnumSet.of(UnitKind.DEPARTMENT), true, null, null,
				PageRequest.first(50))
			.items()
			.stream()
			.filter(u -> units.find(liaison.scope(), u.id()).isEmpty())
			.findFirst()
			.orElseThrow();
		long id = enter(elsewhere.id(), "别的单位的问题", true).id();
		problems.addPhotos(office, id, List.of(new Upload("x.png", new java.io.ByteArrayInputStream(png(7)))));
		long photoId = jdbc.sql("select id from problem_photo where problem_id = :id").param("id", id)
			.query(Long.class).single();
		mvc.perform(get("/problems/{id}", id).with(logins.as("xiantao.liaison"))).andExpect(status().isNotFound());
		mvc.perform(get("/problems/{id}/photos/{p}", id, photoId).with(logins.as("xiantao.liaison")))
			.andExpect(status().isNotFound());
		mvc.perform(post("/problems/{id}/sign", id).with(csrf()).with(logins.as("xiantao.liaison")))
			.andExpect(status().isNotFound());
		assertThat(state(id)).isEqualTo("DISPATCHED");
		// another city's office does not see it either
		mvc.perform(get("/problems/{id}", id).with(logins.as("tianmen.office"))).andExpect(status().isNotFound());
		mvc.perform(get("/problems/{id}", id).with(logins.as("xiantao.office"))).andExpect(status().isOk());
		// nor does it show in the liaison's list
		String list = mvc.perform(get("/problems").param("q", "别的单位的问题").with(logins.as("xiantao.liaison")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(list).doesNotContain("problem-" + id + "\"");
	}

	@Test
	void theListFiltersByStateTextUnitAndOverdueAndAnHtmxRequestGetsOnlyTheResults() throws Exception {
		UnitView unit = community();
		String marker = "筛选标记" + RANDOM.nextInt(1_000_000);
		long pending = enter(unit.id(), marker + " 甲", false).id();
		long dispatched = enter(unit.id(), marker + " 乙", true).id();
		String page = mvc.perform(get("/problems").param("q", marker).with(logins.as("xiantao.office")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("id=\"problem-" + pending + "\"", "id=\"problem-" + dispatched + "\"", "共 2 个问题");
		page = mvc.perform(get("/problems").param("q", marker).param("state", "DISPATCHED").with(logins.as("xiantao.office")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("id=\"problem-" + dispatched + "\"").doesNotContain("id=\"problem-" + pending + "\"");
		// the code finds the one problem; the unit filter keeps the unit's
		String code = jdbc.sql("select code from problem where id = :id").param("id", pending).query(String.class).single();
		page = mvc.perform(get("/problems").param("q", code).with(logins.as("xiantao.office")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("共 1 个问题", "id=\"problem-" + pending + "\"");
		page = mvc.perform(get("/problems").param("unitId", String.valueOf(unit.id())).with(logins.as("xiantao.office")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("共 2 个问题");
		// overdue: the demo city has overdue problems, and every row shown says so
		page = mvc.perform(get("/problems").param("overdue", "true").with(logins.as("xiantao.office")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		int rows = page.split("<tr id=\"problem-").length - 1;
		int late = page.split("class=\"badge badge-red\">已逾期").length - 1;
		assertThat(rows).isPositive().isEqualTo(late);
		// htmx: the results only, with the filters still applied
		String fragment = mvc.perform(get("/problems").param("q", marker).param("state", "PENDING")
				.header("HX-Request", "true").with(logins.as("xiantao.office")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(fragment).doesNotContain("<html").contains("id=\"problem-results\"", "id=\"problem-" + pending + "\"")
			.doesNotContain("id=\"problem-" + dispatched + "\"");
		// an unknown filter value is ignored, not an error page
		mvc.perform(get("/problems").param("state", "NONSENSE").param("overdue", "maybe").param("page", "-3")
				.with(logins.as("xiantao.office")))
			.andExpect(status().isOk());
	}

	@Test
	void aLeaderNarrowsTheListToTheAttachedUnitsAndProvinceStaffPickACity() throws Exception {
		CurrentUser leader = logins.principal("xiantao.leader");
		long all = problems.page(leader, leader.cityId(), ProblemFilter.none(), PageRequest.first(1)).total();
		long attached = problems.page(leader, leader.cityId(),
				new ProblemFilter(null, null, null, null, null, null, leader.id(), null), PageRequest.first(1)).total();
		String page = mvc.perform(get("/problems").param("mine", "true").with(logins.as("xiantao.leader")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("id=\"mine\"").contains("共 " + String.format(java.util.Locale.ROOT, "%,d", attached) + " 个问题");
		assertThat(attached).isLessThan(all);
		// an office has no such box
		assertThat(mvc.perform(get("/problems").with(logins.as("xiantao.office"))).andReturn().getResponse()
			.getContentAsString()).doesNotContain("id=\"mine\"");
		// province: a city select, and the city chosen is named
		page = mvc.perform(get("/problems").param("city", "tianmen").with(logins.as("hubei.office")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("id=\"city\"").contains("TM-");
	}

	@Test
	void theHomeOfAUnitShowsLeadersInstructionsAndItsProblemsToSign() throws Exception {
		CurrentUser liaison = logins.principal("xiantao.liaison");
		long toSign = problems.page(liaison, liaison.cityId(),
				new ProblemFilter(null, ProblemState.DISPATCHED, null, null, null, null, null, null), PageRequest.first(1))
			.total();
		String home = mvc.perform(get("/").with(logins.as("xiantao.liaison")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(home).contains("id=\"home-instructions\"", "id=\"problems-to-sign\"", toSign + " 个问题待签收");
		assertThat(problems.recentInstructions(liaison, 5)).isNotEmpty()
			.allSatisfy(i -> assertThat(home).contains(i.code()));
		// a role that reads no problems sees no panel
		assertThat(mvc.perform(get("/").with(logins.as("admin.system"))).andReturn().getResponse().getContentAsString())
			.doesNotContain("id=\"home-instructions\"");
	}

}
