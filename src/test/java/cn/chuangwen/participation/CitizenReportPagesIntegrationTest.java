package cn.chuangwen.participation;

import static cn.chuangwen.support.Logins.from;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

import cn.chuangwen.IntegrationTest;
import cn.chuangwen.support.ExifJpeg;

/**
 * The citizen's pages without JavaScript (issue 11 §1): the form with an address, its field errors
 * beside the fields and the typed text kept, the confirmation with the code, the follow page's
 * steps, "me too", the rating once solved (once), a rejection's public reason, and the challenge.
 */
@IntegrationTest
class CitizenReportPagesIntegrationTest {

	static final Pattern SENT = Pattern.compile("/public/reports/xiantao/(XT-R-\\d{4}-\\d{6})/sent");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	static String address() {
		ThreadLocalRandom r = ThreadLocalRandom.current();
		return "10.45." + r.nextInt(1, 250) + "." + r.nextInt(1, 250);
	}

	MockMultipartHttpServletRequestBuilder form() {
		MockMultipartHttpServletRequestBuilder b = multipart("/public/reports/{city}/new", "xiantao");
		b.with(csrf()).locale(Locale.SIMPLIFIED_CHINESE);
		return b;
	}

	String page(MockHttpServletResponse r) throws Exception {
		return r.getContentAsString(StandardCharsets.UTF_8);
	}

	String send(String address) throws Exception {
		MockHttpServletResponse r = mvc.perform(form().param("category", "环境卫生").param("description", "路边垃圾成堆")
			.param("address", "沔阳大道 12 号东侧").with(from(address))).andReturn().getResponse();
		assertThat(r.getStatus()).as(page(r)).isEqualTo(302);
		Matcher m = SENT.matcher(r.getRedirectedUrl());
		assertThat(m.matches()).as(r.getRedirectedUrl()).isTrue();
		return m.group(1);
	}

	@Test
	void theFormAsksForPhotosPlaceCategoryAndWordsAndSaysContactStaysPrivate() throws Exception {
		MockHttpServletResponse r = mvc.perform(get("/public/reports/xiantao/new").locale(Locale.SIMPLIFIED_CHINESE).with(from(address())))
			.andReturn().getResponse();
		assertThat(r.getStatus()).isEqualTo(200);
		assertThat(page(r)).contains("仙桃市").contains("accept=\"image/*\"").contains("使用我的位置").contains("环境卫生")
			.contains("姓名和电话只有创文办工作人员能看到").contains("id=\"address\"").doesNotContain("请回答：");
	}

	@Test
	void withoutJavaScriptAnAddressIsEnoughAndTheCodeIsShownLarge() throws Exception {
		String code = send(address());
		MockHttpServletResponse sent = mvc.perform(get("/public/reports/xiantao/{code}/sent", code).locale(Locale.SIMPLIFIED_CHINESE))
			.andReturn().getResponse();
		assertThat(page(sent)).contains("id=\"tracking-code\">" + code + "<").contains("/public/reports/xiantao/" + code + "\"");
		String follow = page(mvc.perform(get("/public/reports/xiantao/{code}", code).locale(Locale.SIMPLIFIED_CHINESE)).andReturn().getResponse());
		assertThat(follow).contains("已收到").contains("已受理").contains("整改中").contains("已解决").contains("沔阳大道 12 号东侧")
			.contains("我也遇到（+1）").doesNotContain("提交评价");
	}

	@Test
	void wrongFieldsAreShownBesideThemAndWhatWasTypedIsKept() throws Exception {
		MockHttpServletResponse r = mvc.perform(form().param("category", "").param("description", "我写的描述").param("phone", "abc")
			.file(new MockMultipartFile("files", "", "application/octet-stream", new byte[0])).with(from(address())))
			.andReturn().getResponse();
		assertThat(r.getStatus()).isEqualTo(400);
		assertThat(page(r)).contains("<title>错误：").contains("id=\"category-error\"").contains("id=\"place-error\"")
			.contains("id=\"phone-error\"").contains("请给出位置").contains("我写的描述").doesNotContain("id=\"description-error\"");

		MockMultipartHttpServletRequestBuilder four = form().param("category", "环境卫生").param("description", "x").param("address", "某路");
		for (int i = 1; i <= 4; i++) {
			four.file(new MockMultipartFile("files", i + ".jpg", "image/jpeg", ExifJpeg.photo().description("f" + i).bytes()));
		}
		MockHttpServletResponse tooMany = mvc.perform(four.with(from(address()))).andReturn().getResponse();
		assertThat(tooMany.getStatus()).isEqualTo(400);
		assertThat(page(tooMany)).contains("id=\"files-error\"").contains("最多上传 3 张照片");
	}

	@Test
	void meTooFromTheFollowPageCountsOnce() throws Exception {
		String code = send(address());
		String me = address();
		for (int i = 0; i < 2; i++) {
			MockHttpServletResponse r = mvc.perform(post("/public/reports/xiantao/{code}/support", code).with(csrf()).with(from(me)))
				.andReturn().getResponse();
			assertThat(r.getStatus()).isEqualTo(302);
		}
		assertThat(jdbc.sql("select supporters from citizen_report where code = :c").param("c", code).query(Integer.class).single())
			.isEqualTo(1);
	}

	@Test
	void aSolvedReportIsRatedOnceOnItsPage() throws Exception {
		String code = send(address());
		assertThat(mvc.perform(post("/public/reports/xiantao/{code}/rating", code).param("stars", "5").with(csrf())).andReturn()
			.getResponse().getStatus()).isEqualTo(409);
		jdbc.sql("update citizen_report set state = 'SOLVED' where code = :c").param("c", code).update();
		String solved = page(mvc.perform(get("/public/reports/xiantao/{code}", code).locale(Locale.SIMPLIFIED_CHINESE)).andReturn().getResponse());
		assertThat(solved).contains("提交评价").contains("id=\"stars-5\"").doesNotContain("我也遇到（+1）");

		MockHttpServletResponse none = mvc.perform(post("/public/reports/xiantao/{code}/rating", code).with(csrf())
			.locale(Locale.SIMPLIFIED_CHINESE)).andReturn().getResponse();
		assertThat(none.getStatus()).isEqualTo(400);
		assertThat(page(none)).contains("id=\"stars-error\"");

		MockHttpServletResponse rated = mvc.perform(post("/public/reports/xiantao/{code}/rating", code).param("stars", "4").with(csrf()))
			.andReturn().getResponse();
		assertThat(rated.getStatus()).isEqualTo(302);
		assertThat(rated.getRedirectedUrl()).isEqualTo("/public/reports/xiantao/" + code);
		String after = page(mvc.perform(get(rated.getRedirectedUrl()).locale(Locale.SIMPLIFIED_CHINESE)).andReturn().getResponse());
		assertThat(after).contains("您的评价：4 星").doesNotContain("提交评价");

		MockHttpServletResponse twice = mvc.perform(post("/public/reports/xiantao/{code}/rating", code).param("stars", "1").with(csrf())
			.locale(Locale.SIMPLIFIED_CHINESE)).andReturn().getResponse();
		assertThat(twice.getStatus()).isEqualTo(409);
		assertThat(page(twice)).contains("已经评价过了");
		assertThat(jdbc.sql("select rating from citizen_report where code = :c").param("c", code).query(Integer.class).single()).isEqualTo(4);
	}

	@Test
	void aRejectedReportShowsItsPublicReason() throws Exception {
		String code = send(address());
		jdbc.sql("update citizen_report set state = 'REJECTED', public_reason = '不属于创文范围' where code = :c").param("c", code).update();
		jdbc.sql("""
				insert into citizen_report_update (report_id, city_id, state, text, created_at)
				select id, city_id, 'REJECTED', '不属于创文范围，已转 12345 热线', created_at from citizen_report where code = :c""")
			.param("c", code).update();
		String follow = page(mvc.perform(get("/public/reports/xiantao/{code}", code).locale(Locale.SIMPLIFIED_CHINESE)).andReturn().getResponse());
		assertThat(follow).contains("不予受理").contains("不予受理的原因").contains("不属于创文范围，已转 12345 热线")
			.doesNotContain("整改中").doesNotContain("我也遇到（+1）");
	}

	@Test
	void afterThreeReportsTheFormAsksTheQuestionAndTakesTheRightAnswer() throws Exception {
		String me = address();
		for (int i = 0; i < 3; i++) {
			send(me);
		}
		String asked = page(mvc.perform(get("/public/reports/xiantao/new").locale(Locale.SIMPLIFIED_CHINESE).with(from(me))).andReturn().getResponse());
		assertThat(asked).contains("请回答：");
		MockHttpServletResponse refused = mvc.perform(form().param("category", "环境卫生").param("description", "又一处垃圾")
			.param("address", "某路").with(from(me))).andReturn().getResponse();
		assertThat(refused.getStatus()).isEqualTo(400);
		String page = page(refused);
		assertThat(page).contains("id=\"answer-error\"").contains("又一处垃圾");
		Matcher q = Pattern.compile("请回答：(\\d) \\+ (\\d) = \\?").matcher(page);
		assertThat(q.find()).isTrue();
		Matcher token = Pattern.compile("name=\"challenge\" value=\"([^\"]+)\"").matcher(page);
		assertThat(token.find()).isTrue();
		int sum = Integer.parseInt(q.group(1)) + Integer.parseInt(q.group(2));
		MockHttpServletResponse ok = mvc.perform(form().param("category", "环境卫生").param("description", "又一处垃圾").param("address", "某路")
			.param("challenge", token.group(1)).param("answer", String.valueOf(sum)).with(from(me))).andReturn().getResponse();
		assertThat(ok.getStatus()).isEqualTo(302);
	}

}
